"""The cutover option group: each option from the command line, else its environment variable,
else its ini key, else the default -- the way pytest-base-url resolves --base-url."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from contracts import BUNDLED_CONTRACT
from harness.targets.registry import TARGET_KINDS

TARGETS = tuple(TARGET_KINDS)
ROUTE_TIMEOUT_MS = "10000"


@dataclass(frozen=True)
class Option:
    flag: str
    dest: str
    env: str
    ini: str
    help: str
    default: str | None = None
    choices: tuple[str, ...] | None = None
    is_flag: bool = False
    metavar: str | None = None


OPTIONS: tuple[Option, ...] = (
    Option("--target", "cutover_target", "CUTOVER_TARGET", "cutover_target",
           "what to test: the embedded reference app (default), the product in kind, or any "
           "--base-url", default="reference", choices=TARGETS),
    Option("--contracts", "cutover_contracts", "CUTOVER_CONTRACTS", "cutover_contracts",
           "contract directory (default: the project's V3 contract)",
           default=str(BUNDLED_CONTRACT), metavar="DIR"),
    Option("--role", "cutover_role", "CUTOVER_ROLE", "cutover_role",
           "role the static gates run as (default: the contract's default role)", metavar="NAME"),
    Option("--allow-mutations", "cutover_allow_mutations", "CUTOVER_ALLOW_MUTATIONS",
           "cutover_allow_mutations",
           "run tests marked 'mutating' (only against a target marked disposable)", is_flag=True),
    Option("--fault", "cutover_faults", "CUTOVER_FAULTS", "cutover_faults",
           "reference target only: turn on named faults (comma-separated)", metavar="NAMES"),
    Option("--latency", "cutover_latency", "CUTOVER_LATENCY", "cutover_latency",
           "added latency per request, MS or MIN-MAX (url/kind: through a loopback proxy)",
           metavar="MS"),
    Option("--scale", "cutover_scale", "CUTOVER_SCALE", "cutover_scale",
           "reference target only: resources per collection", metavar="N"),
    Option("--route-timeout", "cutover_route_timeout", "CUTOVER_ROUTE_TIMEOUT",
           "cutover_route_timeout",
           f"bound on every navigation and wait, in ms (default {ROUTE_TIMEOUT_MS})",
           default=ROUTE_TIMEOUT_MS, metavar="MS"),
    Option("--readiness", "cutover_readiness", "CUTOVER_READINESS", "cutover_readiness",
           "write the retirement-readiness report into the run's folder at the end of the run",
           is_flag=True),
    Option("--allure", "cutover_allure", "CUTOVER_ALLURE", "cutover_allure",
           "record Allure results into the run's folder (make e2e does; --alluredir DIR names "
           "another place)", is_flag=True),
    Option("--results-dir", "cutover_results_dir", "CUTOVER_RESULTS_DIR", "cutover_results_dir",
           "where run folders (runs/<run id>/) and the latest link are written "
           "(default: reports/)", default="reports", metavar="DIR"),
    Option("--keep-runs", "cutover_keep_runs", "CUTOVER_KEEP_RUNS", "cutover_keep_runs",
           "run folders kept under runs/ (newest first; a running or the latest run is never "
           "pruned; default 20)", default="20", metavar="N"),
    Option("--update-a11y-baseline", "cutover_update_a11y_baseline",
           "CUTOVER_UPDATE_A11Y_BASELINE", "cutover_update_a11y_baseline",
           "rewrite the contract's accessibility baseline from this run's violations",
           is_flag=True),
    Option("--update-density-baseline", "cutover_update_density_baseline",
           "CUTOVER_UPDATE_DENSITY_BASELINE", "cutover_update_density_baseline",
           "accept this run's over-budget pages into the contract's density baseline",
           is_flag=True),
    Option("--auth-dir", "cutover_auth_dir", "CUTOVER_AUTH_DIR", "cutover_auth_dir",
           "where per-role storage states are saved and reused, mode 0600 (default: .auth/)",
           default=".auth", metavar="DIR"),
    Option("--shard", "cutover_shard", "CUTOVER_SHARD", "cutover_shard",
           "run only shard I of N (deterministic partition), e.g. 1/4", metavar="I/N"),
    Option("--shard-durations", "cutover_shard_durations", "CUTOVER_SHARD_DURATIONS",
           "cutover_shard_durations",
           "results of a previous run (a results file or folder): --shard balances shards by "
           "its test durations; every shard of a run must be given the same (default: counts)",
           metavar="PATH"),
    Option("--browser-endpoint", "cutover_browser_endpoint", "CUTOVER_BROWSER_ENDPOINT",
           "cutover_browser_endpoint",
           "drive a browser on a Playwright server (`playwright run-server`) at this ws:// URL "
           "instead of launching one", metavar="WS_URL"),
)

TRUE = {"1", "true", "yes", "on"}


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("cutover", "cutover: V1 -> V3 cutover suite")
    for opt in OPTIONS:
        kwargs: dict[str, object] = {"dest": opt.dest, "help": opt.help + f" [env {opt.env}]"}
        if opt.is_flag:
            kwargs.update(action="store_true", default=None)
        else:
            kwargs.update(default=None, choices=opt.choices, metavar=opt.metavar)
        group.addoption(opt.flag, **kwargs)
        parser.addini(opt.ini, opt.help, type="string", default=None)


def resolve(config: pytest.Config, dest: str) -> str | None:
    """One value per option: command line, environment, ini, default."""
    opt = next(o for o in OPTIONS if o.dest == dest)
    value = config.getoption(dest, default=None)
    if value is None or value == "":
        value = os.environ.get(opt.env) or None
    if value is None:
        value = config.getini(opt.ini) or None
    if value is None:
        value = opt.default
    if value is not None and opt.choices and str(value) not in opt.choices:
        raise pytest.UsageError(
            f"{opt.flag}: {value!r} is not one of {', '.join(opt.choices)} (from {opt.env} or ini?)"
        )
    return None if value is None else str(value)


def resolve_flag(config: pytest.Config, dest: str) -> bool:
    value = resolve(config, dest)
    return value is not None and value.strip().lower() in TRUE

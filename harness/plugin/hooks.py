"""The cutover pytest plugin, loaded before pytest's early argument parse (pyproject's
addopts): its options, the run's configuration (the contract, checked before anything starts;
markers; the run folder; the sub-plugins), the report header, and the signal handling. The hooks
of each later phase live in a module of their own, named in `pytest_plugins` below; the fixtures
in harness.plugin.fixtures, which the root conftest.py loads."""

from __future__ import annotations

import functools
import signal
from urllib.parse import urlsplit

import pytest

from contracts import Contract, ContractError, Role, load_contract
from harness.capture.mutation_guard import MutationGuard
from harness.plugin import ci_output, entry_groups, gate_cost
from harness.plugin.allure_labels import SUITES
from harness.plugin.options import add_options
from harness.plugin.outputs import open_run_folder, output_lines
from harness.plugin.results_collector import ResultsCollector
from harness.plugin.role_auth import scrub_outputs
from harness.plugin.run import CutoverRun
from harness.plugin.run_settings import RunSettings
from harness.plugin.stash import RUN
from harness.reports.run_meta import without_userinfo
from harness.targets import browser as browser_choice
from harness.targets.browser import BrowserChoice
from harness.targets.registry import chosen_kind

pytest_plugins = ["harness.plugin.collection_hooks", "harness.plugin.runtest_hooks",
                  "harness.plugin.session_end"]


SUITE_MARKERS = {
    "navigation": "navigation suite: shell, global and local nav, back links, roles, journeys",
    "cutover": "cutover suite: legacy V1 route map, retired mocks, V3 default flag, inventory",
    "lifecycle": "lifecycle suite: operation cards, typed confirmation, activity and evidence",
    "quality": "quality gates: placeholder/fallback text and accessibility",
    "accessibility": "accessibility gate (axe-core, wcag2a/wcag2aa) from route snapshots",
    "degraded": "degraded-backend gate: one navigation per route and variant the contract's "
                "degraded section names (API calls answered 500, timeout, empty, null fields)",
    "v1compat": "opt-in V1 compatibility tests; deselected unless -m selects v1compat",
    "mutating": "submits real operations; runs only with --allow-mutations on a disposable target",
    "check(name, gate=None)": "the one registry check a test runs (and the readiness gate it "
                              "feeds, when not the check's own)",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    settings = RunSettings.from_config(config)
    base_url = config.getoption("base_url", default=None)
    _check_base_url(base_url)
    for name, text in SUITE_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    config.addinivalue_line("markers", "allure_label: Allure label (allure-pytest's own mark)")
    try:
        contract = load_contract(settings.contracts)
    except ContractError as exc:
        lines = "\n".join(str(issue) for issue in exc.errors)
        pytest.exit(f"the contract in {settings.contracts} is invalid:\n{lines}", returncode=2)
    for family in contract.families:
        config.addinivalue_line("markers", f"{family.id}: tests of the {family.title} family")
    run = _new_run(config, settings, contract, base_url)
    config.stash[RUN] = run
    if not hasattr(config, "workerinput"):
        # A CI timeout or cancel sends SIGTERM: end like Ctrl-C, so the session still finishes,
        # stops the target and keeps what it gathered (marked interrupted).
        run.previous_sigterm = signal.signal(
            signal.SIGTERM, functools.partial(_interrupt, run.signalled))
    config.pluginmanager.register(run.results, "cutover-results")
    config.pluginmanager.register(run.outage, "cutover-outage")
    ci_output.register(config)  # GitHub annotations, only under GITHUB_ACTIONS=true
    gate_cost.register(config)  # what the snapshot-reading guards cost, printed at the end
    config.pluginmanager.register(entry_groups, "cutover-entry-groups")  # xdist loadgroup
    for engine in config.getoption("browser", default=None) or []:
        if engine != "chromium" and not browser_choice.engine_installed(engine):
            raise pytest.UsageError(
                f"--browser {engine}: Playwright's {engine} is not installed here (run "
                f"`python -m playwright install {engine}`); Chromium is the provisioned browser")
    # Last, once the run is known to be valid: its own folder, and JUnit, Allure and
    # Playwright's output placed there unless the user named them (allure-pytest and junitxml
    # read their options after this tryfirst hook).
    run.folder = open_run_folder(config, settings)


def _new_run(config: pytest.Config, settings: RunSettings, contract: Contract,
             base_url: str | None) -> CutoverRun:
    try:
        chosen: BrowserChoice | str = browser_choice.resolve()
    except browser_choice.NoBrowserError as exc:
        chosen = f"none ({exc})"
    return CutoverRun(
        settings=settings, contract=contract, role=_role(contract, settings),
        kind=chosen_kind(settings.target, base_url, settings.target_explicit),
        base_url=base_url, browser=chosen,
        results=ResultsCollector(config, settings.run_dir / "results",
                                 (f.id for f in contract.families), SUITES),
        guard=MutationGuard(allow=settings.allow_mutations))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: object) -> None:
    """xdist: every worker writes into the controller's run folder."""
    workerinput = getattr(node, "workerinput", None)
    config = getattr(node, "config", None)
    if isinstance(workerinput, dict) and config is not None and RUN in config.stash:
        workerinput["cutover_run_id"] = config.stash[RUN].settings.run_id


def _role(contract: Contract, settings: RunSettings) -> Role:
    if settings.role:
        try:
            return contract.role(settings.role)
        except KeyError:
            known = ", ".join(r.id for r in contract.roles)
            raise pytest.UsageError(f"--role {settings.role}: not in the contract ({known})") \
                from None
    return contract.default_role


def _interrupt(received: list[str], signum: int, frame: object) -> None:
    name = signal.Signals(signum).name
    received.append(name)
    raise KeyboardInterrupt(f"signal {name}")



def pytest_unconfigure(config: pytest.Config) -> None:
    run = config.stash.get(RUN, None)
    if run is not None:
        scrub_outputs(config, run.settings, run.secrets())
        if run.previous_sigterm is not None:
            signal.signal(signal.SIGTERM, run.previous_sigterm)


def pytest_report_header(config: pytest.Config) -> list[str]:
    run = config.stash[RUN]
    settings = run.settings
    if run.kind == "reference" and not run.base_url:
        where = "auto-started on a free loopback port"
        if settings.faults:
            where += f", faults: {', '.join(settings.faults)}"
    else:
        where = without_userinfo(run.base_url) if run.base_url else "(from the target profile)"
    shown = run.browser if isinstance(run.browser, str) else run.browser.describe()
    return [
        f"cutover target: {run.kind}, base URL: {where}",
        f"cutover contract: {settings.contracts}, role: {run.role.id}",
        f"cutover browser: {shown}",
        *output_lines(config, run.folder),
    ]


def _check_base_url(url: str | None) -> None:
    """A malformed base URL is a usage error up front, not one error per test."""
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise pytest.UsageError(f"--base-url {without_userinfo(url)!r}: not an http(s) URL with "
                                "a host (from --base-url, PYTEST_BASE_URL or base_url in ini)")

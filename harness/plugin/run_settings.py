"""The run's resolved settings, computed once from options, environment and ini."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.plugin.options import ROUTE_TIMEOUT_MS, resolve, resolve_flag
from harness.reports.run_folders import DEFAULT_KEEP, RUNS, new_run_id


@dataclass(frozen=True)
class RunSettings:
    target: str
    target_explicit: bool
    contracts: Path
    role: str | None
    allow_mutations: bool
    faults: tuple[str, ...]
    latency: str | None
    scale: str | None
    timeout_ms: float
    readiness: bool
    results_dir: Path
    update_a11y_baseline: bool
    shard: tuple[int, int] | None
    auth_dir: Path = Path(".auth")
    shard_durations: Path | None = None  # previous results that balance --shard by time
    browser_endpoint: str | None = None  # a Playwright server's ws:// URL
    update_density_baseline: bool = False  # accept over-budget pages into the density baseline
    # Allure results into the run folder: opt-in, because recording costs a few ms a test
    allure: bool = False
    # This run's folder is results_dir/runs/<run_id>; xdist workers are given the controller's.
    run_id: str = ""
    keep_runs: int = DEFAULT_KEEP

    @property
    def run_dir(self) -> Path:
        return self.results_dir / RUNS / self.run_id if self.run_id else self.results_dir

    @classmethod
    def from_config(cls, config: pytest.Config) -> RunSettings:
        faults = tuple(f.strip() for f in (resolve(config, "cutover_faults") or "").split(",")
                       if f.strip())
        timeout_ms = _timeout_ms(resolve(config, "cutover_route_timeout") or ROUTE_TIMEOUT_MS)
        latency = resolve(config, "cutover_latency")
        if latency is not None:
            _check_latency(latency)
        target = resolve(config, "cutover_target") or "reference"
        explicit = bool(config.getoption("cutover_target", default=None)
                        or os.environ.get("CUTOVER_TARGET") or config.getini("cutover_target"))
        return cls(
            target=target,
            target_explicit=explicit,
            contracts=Path(resolve(config, "cutover_contracts") or "").expanduser(),
            role=resolve(config, "cutover_role"),
            allow_mutations=resolve_flag(config, "cutover_allow_mutations"),
            faults=faults,
            latency=latency,
            scale=resolve(config, "cutover_scale"),
            timeout_ms=timeout_ms,
            readiness=resolve_flag(config, "cutover_readiness"),
            allure=resolve_flag(config, "cutover_allure"),
            results_dir=Path(resolve(config, "cutover_results_dir") or "reports"),
            update_a11y_baseline=resolve_flag(config, "cutover_update_a11y_baseline"),
            update_density_baseline=resolve_flag(config, "cutover_update_density_baseline"),
            shard=_shard(resolve(config, "cutover_shard")),
            auth_dir=Path(resolve(config, "cutover_auth_dir") or ".auth"),
            shard_durations=_path_or_none(resolve(config, "cutover_shard_durations")),
            browser_endpoint=_endpoint(resolve(config, "cutover_browser_endpoint")),
            run_id=getattr(config, "workerinput", {}).get("cutover_run_id") or new_run_id(),
            keep_runs=_keep_runs(resolve(config, "cutover_keep_runs") or str(DEFAULT_KEEP)),
        )


def _path_or_none(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def _endpoint(value: str | None) -> str | None:
    if not value:
        return None
    if not re.match(r"^wss?://[^/\s]+", value):
        raise pytest.UsageError(f"--browser-endpoint: {value!r} must be a ws:// or wss:// URL "
                                "(a Playwright server, e.g. `playwright run-server`)")
    return value


def _keep_runs(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise pytest.UsageError(f"--keep-runs: {value!r} must be a whole number of runs, at "
                                "least 1 (the run itself)")
    return int(value)


def _shard(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise pytest.UsageError(f"--shard: {value!r} must look like I/N with 1 <= I <= N")
    return int(m.group(1)), int(m.group(2))


# Every wait is bounded: a timeout must be positive, and a cap keeps a typo (an extra zero or
# three) from turning a hung page into an hour-long CI job.
MAX_TIMEOUT_MS = 300_000.0


def _timeout_ms(value: str) -> float:
    try:
        timeout = float(value)
    except ValueError:
        raise pytest.UsageError(f"--route-timeout: {value!r} is not a number of ms") from None
    if not 0 < timeout <= MAX_TIMEOUT_MS:
        raise pytest.UsageError(f"--route-timeout: {value} ms must be above 0 and at most "
                                f"{MAX_TIMEOUT_MS:.0f} (every wait stays bounded)")
    return timeout


def _check_latency(value: str) -> None:
    m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", value)
    if not m or (m.group(2) is not None and int(m.group(2)) < int(m.group(1))):
        raise pytest.UsageError(f"--latency: {value!r} must be MS or MIN-MAX with MIN <= MAX")

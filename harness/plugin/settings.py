"""The run's resolved settings, computed once from options, environment and ini."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.plugin.options import resolve, resolve_flag


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

    @classmethod
    def from_config(cls, config: pytest.Config) -> RunSettings:
        faults = tuple(f.strip() for f in (resolve(config, "cutover_faults") or "").split(",")
                       if f.strip())
        timeout = resolve(config, "cutover_route_timeout") or "10000"
        try:
            timeout_ms = float(timeout)
        except ValueError:
            raise pytest.UsageError(f"--route-timeout: {timeout!r} is not a number of ms") from None
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
            latency=resolve(config, "cutover_latency"),
            scale=resolve(config, "cutover_scale"),
            timeout_ms=timeout_ms,
            readiness=resolve_flag(config, "cutover_readiness"),
            results_dir=Path(resolve(config, "cutover_results_dir") or "reports"),
            update_a11y_baseline=resolve_flag(config, "cutover_update_a11y_baseline"),
            shard=_shard(resolve(config, "cutover_shard")),
        )


def _shard(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise pytest.UsageError(f"--shard: {value!r} must look like I/N with 1 <= I <= N")
    return int(m.group(1)), int(m.group(2))

"""Readiness over time: each run appends one compact record (time, commit, verdict, per-route
verdicts) to a history folder; the report draws the trend from those records and says what
changed since the previous run: regressions (a route that was ready and now is blocked or kept on
V1) first, then newly ready routes and other changes.

A record is keyed by its run (the run folder's id, else the results' finish time and commit, or a
digest of the results), so rebuilding the report from the same results never adds a second
point. One file per run, written atomically: two runs finishing at once each add their own."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harness.reports.readiness.verdicts import Readiness
    from harness.reports.results import ResultRow

SCHEMA = "cutover-history/1"
KEEP_IN_TREND = 30  # points the chart draws; older records stay on disk


@dataclass(frozen=True)
class RunPoint:
    run: str  # run id
    time: str
    commit: str | None
    verdict: str
    counts: dict[str, int]
    routes: dict[str, str]  # legacy route id -> verdict
    contracts_digest: str | None = None
    slices: dict[str, str] = field(default_factory=dict)  # slice id -> stage; {} in old records


@dataclass(frozen=True)
class RouteChange:
    legacy_id: str
    path: str
    before: str
    after: str


@dataclass(frozen=True)
class SinceLast:
    previous_run: str
    previous_time: str
    previous_commit: str | None
    regressions: tuple[RouteChange, ...]  # ready before; blocked or kept on V1 now
    newly_ready: tuple[RouteChange, ...]
    other: tuple[RouteChange, ...]  # every other verdict change (e.g. ready -> not run)
    contract_changed: bool = False


class HistoryError(ValueError):
    pass


def run_id(readiness: Readiness, results: Sequence[ResultRow]) -> str:
    meta = readiness.meta
    if meta.get("run_id"):  # the run folder's id: unique even for runs finishing together
        return str(meta["run_id"])
    if meta.get("finished"):
        return f"{meta['finished']}|{meta.get('commit') or ''}"
    rows = sorted((r.nodeid, r.outcome) for r in results)
    return "results:" + hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def point_of(readiness: Readiness, run: str, when: str) -> RunPoint:
    return RunPoint(
        run=run, time=str(readiness.meta.get("finished") or when),
        commit=readiness.meta.get("commit"), verdict=readiness.verdict,
        counts=dict(readiness.counts), routes={r.legacy_id: r.verdict for r in readiness.routes},
        contracts_digest=readiness.meta.get("contracts_digest"),
        slices={s.id: s.stage for s in readiness.slices})


def load_history(folder: Path) -> list[RunPoint]:
    points = []
    for path in sorted(folder.glob("run-*.json")):
        try:
            data = json.loads(path.read_text())
            if data.pop("schema", None) != SCHEMA:
                raise HistoryError(f"{path}: not a {SCHEMA} record")
            points.append(RunPoint(**data))
        except (OSError, ValueError, TypeError) as exc:
            raise HistoryError(f"{path}: not a history record ({exc})") from None
    return sorted(points, key=lambda p: p.time)


def append(folder: Path, point: RunPoint) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = re.sub(r"[^0-9A-Za-z]", "", point.time)[:15]
    digest = hashlib.sha256(point.run.encode()).hexdigest()[:8]
    path = folder / f"run-{stamp}-{digest}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"schema": SCHEMA, **asdict(point)}, indent=1))
    os.replace(tmp, path)
    return path


def since(previous: RunPoint, current: RunPoint, paths: dict[str, str]) -> SinceLast:
    regressions, newly_ready, other = [], [], []
    for legacy_id, after in current.routes.items():
        before = previous.routes.get(legacy_id)
        if before is None or before == after:
            continue
        change = RouteChange(legacy_id, paths.get(legacy_id, ""), before, after)
        if before == "ready" and after in ("blocked", "kept on V1"):
            regressions.append(change)
        elif after == "ready":
            newly_ready.append(change)
        else:
            other.append(change)
    return SinceLast(previous.run, previous.time, previous.commit, tuple(regressions),
                     tuple(newly_ready), tuple(other),
                     contract_changed=bool(previous.contracts_digest and current.contracts_digest
                                           and previous.contracts_digest
                                           != current.contracts_digest))


def with_history(readiness: Readiness, results: Sequence[ResultRow], folder: Path,
                 when: str) -> Readiness:
    """The readiness with its trend and the diff against the previous recorded run; this run
    is appended to `folder` unless it is already there."""
    current = point_of(readiness, run_id(readiness, results), when)
    recorded = load_history(folder)
    if not any(p.run == current.run for p in recorded):
        append(folder, current)
    # rebuilding an older run's report compares it with what came before it, not after
    earlier = [p for p in recorded if p.run != current.run and p.time <= current.time]
    paths = {r.legacy_id: r.path for r in readiness.routes}
    diff = since(earlier[-1], current, paths) if earlier else None
    return replace(readiness, trend=(*earlier[-(KEEP_IN_TREND - 1):], current), since_last=diff)

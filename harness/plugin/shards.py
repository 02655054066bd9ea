"""Shards balanced by time. Tests stay grouped by contract entry (a route's static gates share
one snapshot, so they must run in one shard); groups are dealt largest first to the shard with
the least predicted time. Durations come from a previous run's results (`--shard-durations`);
a test without one weighs the average of those that have one, and with no durations at all every
test weighs 1, which balances by count. The partition is a pure function of the selection and
the durations, so every shard of a run computes the same one."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.reports.results import ResultRow


class DurationsError(ValueError):
    pass


@dataclass(frozen=True)
class ShardPlan:
    assignment: dict[str, int]  # group -> shard (0-based)
    predicted_s: tuple[float, ...]  # per shard; test counts when no durations were known
    by_time: bool  # False: balanced by counts

    def describe(self, index: int) -> str:
        """One line for the run summary: this shard's and every shard's prediction."""
        unit = "s" if self.by_time else "tests"
        each = " / ".join(f"{p:.1f}" if self.by_time else f"{p:.0f}" for p in self.predicted_s)
        mine = self.predicted_s[index]
        how = "by previous durations" if self.by_time else "by test counts (no durations given)"
        return (f"shard {index + 1}/{len(self.predicted_s)} predicted "
                f"{mine:.1f} {unit} ({how}; all shards: {each} {unit})")


def load_durations(path: Path) -> dict[str, float]:
    """nodeid -> seconds, from a results file or a folder of them (the newest wins)."""
    if not path.exists():
        raise DurationsError(f"--shard-durations: {path} does not exist (no results there)")
    files = sorted(path.rglob("results-*.json")) if path.is_dir() else [path]
    if not files:
        raise DurationsError(f"--shard-durations: no results-*.json under {path}")
    found: dict[str, float] = {}
    for file in sorted(files, key=lambda f: f.stat().st_mtime):
        try:
            rows = json.loads(file.read_text())["results"]
            found.update({r["nodeid"]: float(r["duration_s"]) for r in rows})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DurationsError(f"--shard-durations: {file} is not a results file "
                                 f"({type(exc).__name__}: {exc})") from None
    return found


def plan(groups: Mapping[str, Sequence[str]], count: int,
         durations: Mapping[str, float] | None = None) -> ShardPlan:
    """Deal `groups` (group -> its tests' nodeids) into `count` shards."""
    known = [durations[t] for ts in groups.values() for t in ts if durations and t in durations]
    by_time = bool(known)
    default = sum(known) / len(known) if known else 1.0

    def weight(tests: Iterable[str]) -> float:
        if not by_time or durations is None:
            return float(sum(1 for _ in tests))
        return sum(durations.get(t, default) for t in tests)

    weights = {g: weight(ts) for g, ts in groups.items()}
    loads = [0.0] * count
    assignment: dict[str, int] = {}
    # Largest first, name as the tie-break: deterministic, and within 4/3 of the optimum.
    for group in sorted(weights, key=lambda g: (-weights[g], g)):
        shard = min(range(count), key=lambda i: (loads[i], i))
        assignment[group] = shard
        loads[shard] += weights[group]
    return ShardPlan(assignment, tuple(loads), by_time)


def summary_lines(planned: ShardPlan | None, shard: tuple[int, int] | None,
                  began: float | None) -> list[str]:
    """Predicted and actual time of this shard, for the run summary."""
    if planned is None or shard is None:
        return []
    line = planned.describe(shard[0] - 1)
    if began is not None:
        line += f"; actual {time.time() - began:.1f} s"
    return [line]


def facts(planned: ShardPlan | None, shard: tuple[int, int] | None,
          results: Iterable[ResultRow]) -> dict[str, Any]:
    """What the results file records of the shard plan: the next plan's durations are the
    rows' own `duration_s`; these say how well this one predicted."""
    if planned is None or shard is None:
        return {}
    return {"shard_predicted": planned.predicted_s[shard[0] - 1],
            "shard_balanced_by": "durations" if planned.by_time else "counts",
            "shard_actual_s": round(sum(r.duration_s for r in results), 3)}

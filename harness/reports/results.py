"""Results collection: every test's outcome keyed by its contract ids, written as JSON per xdist
worker and per shard, and merged without losing or double-counting anything."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from harness.checks.registry import get
from harness.checks.findings import FindingsError

SCHEMA = "cutover-results/1"


@dataclass
class ResultRow:
    nodeid: str
    test: str  # the test function
    subject: str | None  # contract id the test was parametrized with
    subject_kind: str | None  # which contract set: route, drilldown, legacy_redirect, ...
    check: str | None
    gate: str | None
    suite: str | None
    family: str | None
    outcome: str  # passed | failed | skipped | error
    messages: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    duration_s: float = 0.0


class ResultsCollector:
    """The pytest plugin half: collects TestResults and writes this process's file."""

    def __init__(self, config: pytest.Config, out_dir: Path, families: Iterable[str],
                 suites: Iterable[str]) -> None:
        self.config = config
        self.out_dir = out_dir
        self.families = set(families)
        self.suites = set(suites)
        self.results: dict[str, ResultRow] = {}
        self.meta: dict[str, Any] = {}
        self.secrets: list[str] = []  # set once the target is known; never written out

    def _base(self, item: pytest.Item) -> ResultRow:
        callspec = getattr(item, "callspec", None)
        subject = kind = None
        if callspec is not None:
            from harness.plugin.parametrize import ENTRY_SETS

            for argname in ENTRY_SETS:
                if argname in callspec.params:
                    subject, kind = callspec.id, argname
                    break
        marker = item.get_closest_marker("check")
        check = marker.args[0] if marker else None
        gate = (marker.kwargs.get("gate") if marker else None) or (get(check).gate if check
                                                                   else None)
        names = {m.name for m in item.iter_markers()}
        return ResultRow(
            nodeid=item.nodeid, test=getattr(item, "originalname", item.name), subject=subject,
            subject_kind=kind, check=check, gate=gate,
            suite=next((s for s in sorted(self.suites) if s in names), None),
            family=next((f for f in sorted(self.families) if f in names), None),
            outcome="passed")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        report = yield
        result = self.results.get(item.nodeid) or self._base(item)
        self.results[item.nodeid] = result
        result.duration_s += report.duration
        if report.when == "call" or report.outcome != "passed":
            result.outcome = _outcome(report, result.outcome)
            if report.failed and call.excinfo is not None:
                exc = call.excinfo.value
                result.messages = ([f.message for f in exc.findings]
                                   if isinstance(exc, FindingsError)
                                   else [str(exc).strip().splitlines()[0] if str(exc).strip()
                                         else call.excinfo.typename])
            elif report.skipped and isinstance(report.longrepr, tuple):
                result.messages = [str(report.longrepr[2]).removeprefix("Skipped: ")]
        for name, value in getattr(report, "user_properties", []):
            if name == "artifact":
                if str(value) not in result.artifacts:
                    result.artifacts.append(str(value))
            else:
                result.properties[name] = str(value)
        return report

    @staticmethod
    def _tag(shard: tuple[int, int] | None) -> str:
        return f"shard{shard[0]}of{shard[1]}" if shard else "all"

    def clear_previous(self, shard: tuple[int, int] | None) -> None:
        """A new run replaces this shard's old files, so a merge never mixes two runs."""
        for old in self.out_dir.glob(f"results-{self._tag(shard)}-*.json"):
            old.unlink()

    def files_for(self, shard: tuple[int, int] | None) -> list[Path]:
        return sorted(self.out_dir.glob(f"results-{self._tag(shard)}-*.json"))

    def collect_playwright_artifacts(self, output_dir: Path) -> None:
        """Screenshots, traces and videos pytest-playwright kept for failed tests
        (--screenshot/--tracing/--video only-on-failure) belong to those tests' results."""
        if not output_dir.is_dir():
            return
        from slugify import slugify

        for result in self.results.values():
            if result.outcome not in ("failed", "error"):
                continue
            folder = output_dir / slugify(result.nodeid)
            if folder.is_dir():
                result.artifacts += [str(f) for f in sorted(folder.iterdir())
                                     if str(f) not in result.artifacts]

    def write(self, worker: str, shard: tuple[int, int] | None, extra: dict[str, Any]) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / f"results-{self._tag(shard)}-{worker}.json"
        payload = {"schema": SCHEMA, "worker": worker, "shard": list(shard) if shard else None,
                   "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "meta": {**self.meta, **extra},
                   "results": [asdict(r) for r in self.results.values()]}
        text = json.dumps(payload, indent=1)
        for secret in self.secrets:
            text = text.replace(json.dumps(secret)[1:-1], "***")
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text)
        os.replace(tmp, path)
        return path


def _outcome(report: pytest.TestReport, previous: str) -> str:
    if report.when != "call" and report.failed:
        return "error"
    if report.failed:
        return "failed"
    if report.skipped:
        return "skipped" if previous != "failed" else previous
    return previous if previous in ("failed", "error") else "passed"


class MergeError(ValueError):
    pass


def load_results(paths: Iterable[Path]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Merge results files (workers, shards). The same test in two files is an error unless
    both say the same thing, so nothing is double-counted or silently overwritten."""
    merged: dict[str, dict[str, Any]] = {}
    meta: dict[str, Any] = {}
    for path in paths:
        try:
            payload = json.loads(Path(path).read_text())
        except (OSError, ValueError) as exc:
            raise MergeError(f"{path}: not a results file ({exc})") from None
        if not isinstance(payload, dict) or payload.get("schema") != SCHEMA:
            raise MergeError(f"{path}: not a {SCHEMA} file")
        for key, value in payload.get("meta", {}).items():
            meta.setdefault(key, value)
        for row in payload["results"]:
            seen = merged.get(row["nodeid"])
            if seen is not None and seen["outcome"] != row["outcome"]:
                raise MergeError(f"{path}: {row['nodeid']} appears twice with different outcomes "
                                 f"({seen['outcome']} and {row['outcome']})")
            merged[row["nodeid"]] = row
    return list(merged.values()), meta

"""The pytest side of results: every test's outcome, keyed by its contract ids, collected in
this process and written as one results file (format: harness.reports.results)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from harness.plugin.check_marks import check_of
from harness.plugin.judgements import failed_on, judgement_of
from harness.plugin.known_defects import known_reason
from harness.plugin.parametrize import entry_subject
from harness.reports.results import Outcome, ResultRow, write_results


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
        # node ids of opt-in v1compat tests that ran: readiness pairs a run without them with
        # the latest run that has them
        self.v1compat: set[str] = set()

    def _base(self, item: pytest.Item) -> ResultRow:
        subject, kind = entry_subject(item)
        named = check_of(item)
        check, gate = (named.name, named.gate) if named else (None, None)
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
        if item.get_closest_marker("v1compat"):
            self.v1compat.add(item.nodeid)
        self.results[item.nodeid] = result
        result.duration_s += report.duration
        known = known_reason(report)
        if known is not None:  # failed as recorded: still a failure of the product's
            result.properties["known_defect"] = known
        if report.when == "call" or report.outcome != "passed":
            result.outcome = "failed" if known is not None else _outcome(report, result.outcome)
            if (report.failed or known is not None) and call.excinfo is not None:
                exc = call.excinfo.value
                findings = failed_on(item, exc)
                result.messages = ([f.message for f in findings] if findings
                                   else [str(exc).strip().splitlines()[0] if str(exc).strip()
                                         else call.excinfo.typename])
                if findings:
                    result.findings = [f.to_dict() for f in findings]
            elif report.skipped and isinstance(report.longrepr, tuple):
                result.messages = [str(report.longrepr[2]).removeprefix("Skipped: ")]
        judged = judgement_of(item)
        if judged is not None:  # recorded whatever the outcome: a skip may follow a measurement
            result.evidence = judged.evidence
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

    def files(self) -> list[Path]:
        """This run's results files (one per xdist worker), all in the run's own folder."""
        return sorted(self.out_dir.glob("results-*.json"))

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

    def write(self, worker: str, shard: tuple[int, int] | None, extra: dict[str, Any],
              secrets: list[str]) -> Path:
        # In the run's own folder: no other run ever writes there. Whether the run completed is
        # in the meta (`interrupted`) and in the folder's run.json.
        path = self.out_dir / f"results-{self._tag(shard)}-{worker}.json"
        return write_results(path, {
            "worker": worker, "shard": list(shard) if shard else None,
            "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "meta": {**self.meta, "v1compat_tests": len(self.v1compat), **extra},
            "results": [asdict(r) for r in self.results.values()]}, secrets)


def _outcome(report: pytest.TestReport, previous: Outcome) -> Outcome:
    if report.when != "call" and report.failed:
        return "error"
    if report.failed:
        return "failed"
    if report.skipped:
        return "skipped" if previous != "failed" else previous
    return previous if previous in ("failed", "error") else "passed"

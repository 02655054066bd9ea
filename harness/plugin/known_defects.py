"""The contract's known defects (contracts.known_defects) on the collected tests: each listed
test must fail with a finding, as recorded (pytest's strict xfail, raising only the suite's
FindingsError: a test that cannot run, or errors, still fails as itself), and a listed test
that passes fails the run. Results keep a known defect's outcome as `failed`, with its reason,
so readiness still counts it against the routes it blocks."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from contracts import Contract
from contracts.known_defects import KnownDefect
from harness.checks.findings import FindingsError
from harness.plugin.check_marks import check_of
from harness.plugin.parametrize import entry_subject

PREFIX = "known defect"


def mark_known_defects(contract: Contract, items: Iterable[pytest.Item]) -> list[KnownDefect]:
    """Mark every collected test a known defect names; the entries no collected test matched
    (stale, or outside this run's selection)."""
    listed = {d.key: (i, d) for i, d in enumerate(contract.known_defects)}
    matched: set[tuple[str, str | None]] = set()
    for item in items:
        named = check_of(item)
        if named is None:
            continue
        key = (named.name, entry_subject(item)[0])
        if key not in listed:
            continue
        matched.add(key)
        index, defect = listed[key]
        where = contract.source(f"known_defects[{index}]")
        item.add_marker(pytest.mark.xfail(
            reason=f"{PREFIX} ({where}): {defect.reason}", strict=defect.strict,
            raises=FindingsError))
    return [d for d in contract.known_defects if d.key not in matched]


def known_reason(report: pytest.TestReport) -> str | None:
    """The recorded reason of a known defect that failed as recorded; None otherwise."""
    reason = getattr(report, "wasxfail", None)
    if report.skipped and isinstance(reason, str) and reason.startswith(PREFIX):
        return reason
    return None


def selection_line(contract: Contract, unmatched: list[KnownDefect]) -> str:
    """What the run does with the known defects: how many it holds to failing as recorded, and
    which it does not run (outside the selection, or naming a test the suite does not have)."""
    held = len(contract.known_defects) - len(unmatched)
    line = f"known defects: {held} of {len(contract.known_defects)} held to failing as recorded"
    if unmatched:
        names = ", ".join(f"{d.check} on {d.subject or '(run)'}" for d in unmatched)
        line += f"; not in this run's tests: {names}"
    return line

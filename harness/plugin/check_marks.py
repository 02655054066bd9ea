"""A suite test names its check once, in `@pytest.mark.check(name, gate=None)`: the `judge`
fixture runs that check, results and Allure read its gate from here, and collection refuses a
test whose mark names no registered check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from harness.checks.gates import GATE_IDS
from harness.checks.registry import Check, get
from harness.plugin.stash import NAMED_CHECK


@dataclass(frozen=True)
class NamedCheck:
    check: Check[Any, Any]
    gate: str  # the check's own gate, unless the mark feeds another (a click feeds back-link)

    @property
    def name(self) -> str:
        return self.check.name


def check_of(item: pytest.Item) -> NamedCheck | None:
    """The check a test's mark names; looked up once per test (judge, results and the gate
    cost all ask)."""
    if NAMED_CHECK not in item.stash:
        mark = item.get_closest_marker("check")
        found = get(mark.args[0]) if mark is not None and mark.args else None
        item.stash[NAMED_CHECK] = None if found is None or mark is None else NamedCheck(
            found, mark.kwargs.get("gate") or found.gate)
    return item.stash[NAMED_CHECK]


def mark_problems(items: list[pytest.Item]) -> list[str]:
    """Every way a collected test misnames its check, one line each."""
    problems = []
    for item in items:
        mark = item.get_closest_marker("check")
        uses_judge = "judge" in getattr(item, "fixturenames", ())
        if mark is None:
            if uses_judge:
                problems.append(f"{item.nodeid}: uses `judge` without @pytest.mark.check(name)")
            continue
        if len(mark.args) != 1:
            problems.append(f"{item.nodeid}: @pytest.mark.check takes one check name")
            continue
        try:
            get(mark.args[0])
        except KeyError as exc:
            problems.append(f"{item.nodeid}: {exc.args[0]}")
        gate = mark.kwargs.get("gate")
        if gate is not None and gate not in GATE_IDS:
            problems.append(f"{item.nodeid}: unknown gate {gate!r}")
    return problems

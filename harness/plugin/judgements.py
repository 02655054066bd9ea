"""Each test's judgement, kept on its item: the `judge` fixture records what the test's check
found and the evidence it read, and the results row, the failure report and the CI annotations
read them here, never out of the exception that failed the test."""

from __future__ import annotations

import pytest

from harness.checks.findings import Finding, FindingsError
from harness.checks.judge import Judgement, Recorder
from harness.plugin.stash import JUDGED


def recorder(item: pytest.Item) -> Recorder:
    """Where the test's judge records: every judgement the test makes, added up."""

    def record(judgement: Judgement) -> None:
        item.stash[JUDGED] = item.stash.get(JUDGED, Judgement()) + judgement

    return record


def judgement_of(item: pytest.Item) -> Judgement | None:
    return item.stash.get(JUDGED, None)


def failed_on(item: pytest.Item, exc: BaseException | None) -> list[Finding]:
    """The error findings a test failed on: its judgement's errors when its judge failed it,
    none when something else did (an assertion of the test's own, a timeout)."""
    judged = judgement_of(item)
    return judged.errors if isinstance(exc, FindingsError) and judged is not None else []

"""Allure labels for every test, from its contract ids: family -> epic, route or entry ->
feature, gate -> story, plus suite, tags and severity. Added as allure-pytest's own
`allure_label` marks, so they cost nothing when Allure is not recording."""

from __future__ import annotations

from typing import Any

import pytest

from harness.checks.gates import gate as gate_named
from harness.plugin.check_marks import check_of

SUITES = ("navigation", "cutover", "lifecycle", "quality")


def label_marks(item: pytest.Item, families: set[str]) -> list[pytest.MarkDecorator]:
    names = {m.name for m in item.iter_markers()}
    named = check_of(item)
    gate = named.gate if named else None
    callspec: Any = getattr(item, "callspec", None)
    subject = callspec.id if callspec is not None else None
    marks = []

    def label(label_type: str, *values: str) -> None:
        marks.append(pytest.mark.allure_label(*values, label_type=label_type))

    family = next((f for f in sorted(families) if f in names), None)
    if family:
        label("epic", family)
    if subject:
        label("feature", subject)
    if gate:
        label("story", gate)
    suite = next((s for s in SUITES if s in names), None)
    if suite:
        label("suite", suite)
    tags = sorted(names & {*SUITES, "v1compat", "mutating", "accessibility"})
    if tags:
        label("tag", *tags)
    label("severity", "critical" if gate and gate_named(gate).critical else "normal")
    return marks

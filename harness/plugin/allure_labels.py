"""Allure labels for every test, from its contract ids: family -> epic, route or entry ->
feature, gate -> story, plus suite, tags and severity. Added as allure-pytest's own
`allure_label` marks, so they cost nothing when Allure is not recording. Parameters are shown by
contract id (`route: storage.buckets`), never as the model's repr."""

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


def contract_parameters(item: pytest.Item) -> dict[str, str]:
    """Each parameter of a test by the contract id it stands for: an entry's id, a pair's ids
    joined by "/", anything else as text."""
    callspec: Any = getattr(item, "callspec", None)
    if callspec is None:
        return {}
    return {name: _contract_id(value) for name, value in callspec.params.items()}


def _contract_id(value: object) -> str:
    if isinstance(value, tuple):
        return "/".join(_contract_id(v) for v in value)
    for attribute in ("id", "key"):  # contract entries have ids; nav items have keys
        named = getattr(value, attribute, None)
        if isinstance(named, str):
            return named
    return str(value)


def show_contract_parameters(item: pytest.Item) -> None:
    """Replace allure-pytest's repr of each parameter (a whole pydantic model) by its contract
    id; a no-op unless Allure is recording this run."""
    if not item.config.getoption("allure_report_dir", default=None):
        return
    import allure

    for name, value in contract_parameters(item).items():
        allure.dynamic.parameter(name, value)

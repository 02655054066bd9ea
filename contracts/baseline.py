"""The accessibility and density baselines: known violations and data-dump pages per route that
do not fail their gate (yet).

Accessibility (YAML): `routes: {route_id: [{rule: <axe rule id>, target: <css selector>}, ...]}`.
Density (JSON): `{"routes": {route_id: {measurement: accepted value, ...}}}`.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, Field, StrictInt, ValidationError

from contracts.base import Entity, NonEmpty
from contracts.errors import translate
from contracts.issues import ContractError, ContractIssue, Locator, did_you_mean, display_field
from contracts.lint_selectors import selector_issues
from contracts.selectors import CssSelector
from contracts.sources import (
    ParsedYaml,
    SourceError,
    SourceRef,
    display_path,
    parse_yaml,
    read_text,
    read_yaml,
)

Baseline = dict[str, set[tuple[str, str]]]

_HEADER = """\
# Accessibility baseline: axe violations accepted per route until fixed (not a contract section).
# Format: routes: {route_id: [{rule: <axe rule id>, target: <css selector>}, ...]}
# Written sorted by contracts.write_a11y_baseline(); delete an entry once it is fixed.
"""


class AcceptedViolation(Entity):
    rule: NonEmpty  # an axe rule id
    # The element, as axe names it; with `*`, a glob over those names, for an app that numbers
    # its elements as it renders them (`#checkbox-*`).
    target: CssSelector


class A11yBaselineFile(Entity):
    routes: dict[str, tuple[AcceptedViolation, ...]] | None = None


Count = Annotated[StrictInt, Field(ge=0)]


class AcceptedDensity(Entity):
    """A page's measurements accepted over budget (one field per `DENSITY_MEASURES` entry)."""

    table_columns: Count | None = None
    kv_rows: Count | None = None
    raw_blocks: Count | None = None
    words_per_screen: Count | None = None


class DensityBaselineDoc(Entity):
    routes: dict[str, AcceptedDensity]


def check_a11y_baseline(
    path: Path | str, routes: Collection[str] | None = None
) -> tuple[Baseline, list[ContractIssue]]:
    """The accessibility baseline and every problem in it, each as `file:line: field: message`
    (syntax, types, unknown fields, selectors; unknown route ids when `routes` is given). A
    missing file is an empty baseline."""
    path = Path(path)
    name = display_path(path)
    if not path.exists() and not path.is_symlink():  # a broken symlink is an error, not "none"
        return {}, []
    try:
        doc = read_yaml(path)
    except SourceError as exc:
        return {}, [ContractIssue(name, exc.line, exc.field, exc.message)]
    issues, locator = _start(name, doc, "routes: {route_id: [{rule: ..., target: ...}]}")
    model = _validate(A11yBaselineFile, doc, locator, issues)
    entries = doc.data.get("routes") if isinstance(doc.data, dict) else None
    for route_id, found in entries.items() if isinstance(entries, dict) else ():
        for i, entry in enumerate(found if isinstance(found, list) else ()):
            try:  # entries that validate have their selector compiled, whatever their siblings
                violation = AcceptedViolation.model_validate(entry)
            except ValidationError:
                continue  # reported above
            if "*" in violation.target:
                continue  # a glob over the targets axe names (`#checkbox-*`), not a selector
            for loc, message in selector_issues(violation, ("routes", route_id, i)):
                issues.append(locator.issue(loc, message))
    _check_route_ids(entries, routes, locator, issues)
    if model is None or issues:
        return {}, sorted(issues)
    assert isinstance(model, A11yBaselineFile)
    return {str(route_id): {(v.rule, v.target) for v in found}
            for route_id, found in (model.routes or {}).items()}, []


def load_a11y_baseline(path: Path | str) -> Baseline:
    """Route id -> {(rule, target)}; a missing file is an empty baseline; raises
    `ContractError` listing every problem."""
    baseline, issues = check_a11y_baseline(path)
    if issues:
        raise ContractError(issues)
    return baseline


def _start(name: str, doc: ParsedYaml, shape: str) -> tuple[list[ContractIssue], Locator]:
    """Issues PyYAML tolerated (duplicate keys, ...) and a locator for the rest."""
    lines = {loc: SourceRef(name, line) for loc, line in doc.lines.items()}
    locator = Locator(name, doc.data if isinstance(doc.data, dict) else {}, lines)
    issues = [ContractIssue(name, line, display_field(loc, doc.data) or "(file)", message)
              for loc, line, message in doc.problems]
    if doc.data is not None and not isinstance(doc.data, dict):
        issues.append(ContractIssue(name, doc.lines.get((), 1), "(file)", f"must be {shape}"))
    return issues, locator


def _validate(model: type[BaseModel], doc: ParsedYaml, locator: Locator,
              issues: list[ContractIssue]) -> BaseModel | None:
    if not isinstance(doc.data, dict | None):
        return None
    try:
        return model.model_validate(doc.data or {})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, message = translate(error, model)
            issues.append(locator.issue(loc, message))
        return None


def _check_route_ids(entries: object, routes: Collection[str] | None, locator: Locator,
                     issues: list[ContractIssue]) -> None:
    if routes is None or not isinstance(entries, dict):
        return
    for route_id in entries:
        if isinstance(route_id, str) and route_id not in routes:
            issues.append(locator.issue(
                ("routes", route_id), f"unknown route '{route_id}'{did_you_mean(route_id, routes)}"
            ))


def write_a11y_baseline(path: Path | str, data: Baseline) -> None:
    """Write deterministically (sorted) so regenerating an unchanged baseline is a no-op diff."""
    routes = {
        route_id: [{"rule": rule, "target": target} for rule, target in sorted(entries)]
        for route_id, entries in sorted(data.items())
        if entries
    }
    body = yaml.safe_dump({"routes": routes}, sort_keys=False, allow_unicode=True, width=100)
    Path(path).write_text(_HEADER + body, encoding="utf-8")


# The data-dump density baseline: per route, the measurements accepted over budget. JSON, not
# YAML, so the contract loader (which reads every *.yaml beside it) never takes it for contract.
DensityBaseline = dict[str, dict[str, int]]


def check_density_baseline(
    path: Path | str, routes: Collection[str] | None = None
) -> tuple[DensityBaseline, list[ContractIssue]]:
    """The density baseline (JSON) and every problem in it, as `file:line: field: message`;
    unknown route ids are problems when `routes` is given. A missing file is an empty baseline.
    JSON is YAML, so the contract's YAML reader gives every value its line."""
    path = Path(path)
    name = display_path(path)
    if not path.exists() and not path.is_symlink():
        return {}, []
    try:
        text = read_text(path)
        json.loads(text)  # strict JSON first: YAML would accept what json.load refuses
        doc = parse_yaml(text)
    except SourceError as exc:
        return {}, [ContractIssue(name, exc.line, exc.field, exc.message)]
    except json.JSONDecodeError as exc:
        return {}, [ContractIssue(name, exc.lineno, "(json)", f"invalid JSON: {exc.msg}")]
    issues, locator = _start(name, doc, '{"routes": {route_id: {measurement: integer}}}')
    model = _validate(DensityBaselineDoc, doc, locator, issues)
    entries = doc.data.get("routes") if isinstance(doc.data, dict) else None
    _check_route_ids(entries, routes, locator, issues)
    if model is None or issues:
        return {}, sorted(issues)
    assert isinstance(model, DensityBaselineDoc)
    return {route_id: accepted.model_dump(exclude_none=True)
            for route_id, accepted in model.routes.items()}, []


def load_density_baseline(path: Path | str) -> DensityBaseline:
    """Route id -> {measurement: accepted value}; a missing file is an empty baseline; raises
    `ContractError` listing every problem."""
    baseline, issues = check_density_baseline(path)
    if issues:
        raise ContractError(issues)
    return baseline


def write_density_baseline(path: Path | str, data: DensityBaseline) -> None:
    """Sorted, so regenerating an unchanged baseline is a no-op diff."""
    routes = {r: dict(sorted(m.items())) for r, m in sorted(data.items()) if m}
    Path(path).write_text(json.dumps({"routes": routes}, indent=2) + "\n", encoding="utf-8")


class DensityBaselineFile:
    """The density baseline during a run: what it accepts per route and, with `update`, this
    run's verdicts written back: an over-budget page is accepted at its measurements, a page back
    within budget leaves the baseline, routes this run did not judge stay as they were."""

    def __init__(self, path: Path, update: bool = False) -> None:
        self.path, self.update = path, update
        self._accepted = load_density_baseline(path)
        self._seen: DensityBaseline = {}

    def accepted(self, route_id: str) -> dict[str, int]:
        return dict(self._accepted.get(route_id, {}))

    def record(self, route_id: str, over_budget: dict[str, int] | None) -> None:
        """This run's measurements of a page over budget, or None when it is within budget."""
        self._seen[route_id] = dict(over_budget or {})

    def save(self) -> None:
        merged = {**self._accepted, **self._seen}
        if self.update and merged != self._accepted:
            write_density_baseline(self.path, {r: m for r, m in merged.items() if m})

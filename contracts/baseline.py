"""The accessibility and density baselines: known violations and data-dump pages per route that
do not fail their gate (yet).

Accessibility (YAML): `routes: {route_id: [{rule: <axe rule id>, target: <css selector>}, ...]}`.
Density (JSON): `{"routes": {route_id: {measurement: accepted value, ...}}}`.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from contracts.issues import ContractError, ContractIssue
from contracts.sources import SourceError, display_path, read_yaml

Baseline = dict[str, set[tuple[str, str]]]

_HEADER = """\
# Accessibility baseline: axe violations accepted per route until fixed (not a contract section).
# Format: routes: {route_id: [{rule: <axe rule id>, target: <css selector>}, ...]}
# Written sorted by contracts.write_a11y_baseline(); delete an entry once it is fixed.
"""


def load_a11y_baseline(path: Path | str) -> Baseline:
    """Route id -> {(rule, target)}; a missing file is an empty baseline."""
    path = Path(path)
    name = display_path(path)
    if not path.exists() and not path.is_symlink():  # a broken symlink is an error, not "none"
        return {}
    try:
        doc = read_yaml(path)
    except SourceError as exc:
        raise ContractError([ContractIssue(name, exc.line, exc.field, exc.message)]) from None
    data = doc.data or {}
    routes = data.get("routes") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(routes, dict | None):
        raise ContractError([ContractIssue(name, 1, "routes", "must be a mapping of route ids")])
    out: Baseline = {}
    issues: list[ContractIssue] = []
    for route_id, entries in (routes or {}).items():
        found: set[tuple[str, str]] = set()
        for i, entry in enumerate(entries if isinstance(entries, list) else [None]):
            if isinstance(entry, dict) and set(entry) == {"rule", "target"}:
                found.add((str(entry["rule"]), str(entry["target"])))
                continue
            line = doc.lines.get(("routes", route_id, i)) or doc.lines.get(("routes", route_id), 1)
            issues.append(
                ContractIssue(
                    name,
                    line,
                    f"routes.{route_id}[{i}]",
                    "must be a mapping {rule: ..., target: ...}",
                )
            )
        out[str(route_id)] = found
    if issues:
        raise ContractError(issues)
    return out


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


def load_density_baseline(path: Path | str) -> DensityBaseline:
    """Route id -> {measurement: accepted value}; a missing file is an empty baseline."""
    path = Path(path)
    name = display_path(path)
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ContractError([ContractIssue(name, 0, "(file)", f"cannot read: {exc}")]) from None
    except json.JSONDecodeError as exc:
        raise ContractError([ContractIssue(name, exc.lineno, "(file)", exc.msg)]) from None
    routes = data.get("routes") if isinstance(data, dict) else None
    if not isinstance(routes, dict) or not all(
        isinstance(m, dict) and all(isinstance(v, int) and not isinstance(v, bool)
                                    for v in m.values()) for m in routes.values()
    ):
        raise ContractError([ContractIssue(
            name, 1, "routes", "must be {route_id: {measurement: integer, ...}}")])
    return {str(r): {str(k): v for k, v in m.items()} for r, m in routes.items()}


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

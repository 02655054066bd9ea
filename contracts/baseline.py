"""The accessibility baseline: known violations per route that do not fail the gate (yet).

Format (YAML): `routes: {route_id: [{rule: <axe rule id>, target: <css selector>}, ...]}`.
"""

from __future__ import annotations

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

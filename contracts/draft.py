"""A contract under construction: what validated so far, plus the issues found.

Lint rules run on the draft rather than on a finished `Contract` so that one malformed route does
not hide a wrong back link three files away: entities that failed schema validation are left out,
but their ids still count as "known" so nothing cascades into bogus "unknown route" errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contracts.issues import ContractIssue, Locator, did_you_mean
from contracts.sources import Loc

# List sections and where their items live in the merged raw data.
LIST_SECTIONS: dict[str, Loc] = {
    "families": ("families",),
    "routes": ("routes",),
    "redirects": ("redirects",),
    "legacy": ("legacy",),
    "slices": ("slices",),
    "lifecycle_resources": ("lifecycle", "resources"),
    "journeys": ("journeys",),
    "roles": ("roles",),
    "parity": ("parity",),
    "criteria": ("criteria",),
    "known_defects": ("known_defects",),
    "setup": ("setup",),
}


@dataclass
class Draft:
    locator: Locator
    issues: list[ContractIssue] = field(default_factory=list)
    # What lint can only suspect (it may still work out at run time): shown, never fatal.
    warnings: list[ContractIssue] = field(default_factory=list)
    # False when a file could not be parsed: then "section required" would be a guess.
    all_files_parsed: bool = True
    # Validated single-model sections (selectors, v3_flag, ...); None = present but invalid.
    models: dict[str, Any] = field(default_factory=dict)
    # Validated items of list sections as (index in the raw list, model).
    items: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)

    @property
    def raw(self) -> dict[str, Any]:
        return self.locator.raw

    def add(self, loc: Loc, message: str) -> None:
        self.issues.append(self.locator.issue(loc, message))

    def warn(self, loc: Loc, message: str) -> None:
        self.warnings.append(self.locator.issue(loc, message))

    def raw_items(self, section: str) -> list[Any] | None:
        node: Any = self.raw
        for part in LIST_SECTIONS[section]:
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, list) else None

    def known(self, section: str) -> list[str] | None:
        """Ids defined in a section, valid or not; None when the section is missing entirely
        (then references into it are not checked: the real problem is reported elsewhere)."""
        items = self.raw_items(section)
        if items is None:
            return None
        return [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]

    def valid(self, section: str) -> list[tuple[int, Any]]:
        return self.items.get(section, [])

    def by_id(self, section: str) -> dict[str, Any]:
        """First valid model per id."""
        out: dict[str, Any] = {}
        for _, model in self.valid(section):
            out.setdefault(model.id, model)
        return out

    def check_ref(self, loc: Loc, value: str | None, section: str, what: str) -> bool:
        """Report `value` when it is not an id of `section`; True when it is known."""
        if value is None:
            return False
        known = self.known(section)
        if known is None:
            return False
        if value in known:
            return True
        self.add(loc, f"unknown {what} '{value}'{did_you_mean(value, known)}")
        return False

    def counts(self) -> dict[str, int]:
        return {section: len(self.raw_items(section) or []) for section in LIST_SECTIONS}

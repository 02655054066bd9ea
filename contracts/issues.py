"""Contract problems as one-line, editor-clickable issues: `file:line: field: message`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from contracts.sources import Loc, SourceRef


@dataclass(frozen=True, order=True)
class ContractIssue:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"

    def as_warning(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: warning: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ContractError(Exception):
    """Raised by `load_contract`; carries every problem found, not just the first."""

    def __init__(self, errors: list[ContractIssue]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class LintReport:
    counts: dict[str, int]
    errors: list[ContractIssue] = field(default_factory=list)
    warnings: list[ContractIssue] = field(default_factory=list)  # never make it not ok

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"counts": dict(self.counts), "errors": [e.to_dict() for e in self.errors],
                "warnings": [w.to_dict() for w in self.warnings]}


_TYPE_NAMES = {
    dict: "a mapping", list: "a list", str: "a string", bool: "a boolean",
    int: "an integer", float: "a number", type(None): "null",
}  # fmt: skip


def type_name(value: object) -> str:
    """How a YAML author would name the type of a parsed value."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def closest(word: object, candidates: Iterable[str]) -> str | None:
    if not isinstance(word, str):
        return None
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or ''."""
    near = closest(word, candidates)
    return f" (did you mean '{near}'?)" if near else ""


def _label(item: Any, index: int) -> str:
    # Ids read better than indexes ("routes[storage.bucket.detail]"); operations and nav items
    # are identified by their key.
    if isinstance(item, dict):
        for attr in ("id", "key"):
            value = item.get(attr)
            if isinstance(value, str) and value and not any(c in value for c in "[]"):
                return value
    return str(index)


def display_field(loc: Loc, raw: Any) -> str:
    """Dotted field for a location, list items shown by id: `routes[storage.bucket.detail].back`."""
    out = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            out += f"[{_label(item, part)}]"
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


class Locator:
    """Turns a location in the merged raw data into an issue with the best known file:line."""

    def __init__(self, directory: str, raw: dict[str, Any], lines: dict[Loc, SourceRef]) -> None:
        self.directory = directory
        self.raw = raw
        self.lines = lines

    def ref(self, loc: Loc) -> SourceRef:
        # A missing field has no node of its own: report the nearest enclosing mapping.
        for end in range(len(loc), 0, -1):
            found = self.lines.get(loc[:end])
            if found is not None:
                return found
        return SourceRef(self.directory, 0)

    def issue(self, loc: Loc, message: str) -> ContractIssue:
        ref = self.ref(loc)
        return ContractIssue(
            ref.file, ref.line, display_field(loc, self.raw) or "(contract)", message
        )

    def field_sources(self) -> dict[str, SourceRef]:
        return {display_field(loc, self.raw): ref for loc, ref in self.lines.items() if loc}

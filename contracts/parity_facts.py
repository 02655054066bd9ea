"""Executable parity: what a parity row compares between the V1 page of a resource and its V3
page. Fields are compared by label, the entries of a timeline or list by type and identifier;
every fact names its selector on both sides, because V1 and V3 markup differ."""

from __future__ import annotations

from pydantic import model_validator

from contracts.base import Entity, Ident, NonEmpty
from contracts.selectors import CssSelector, PlaywrightSelector


class FactValue(Entity):
    """Where one value is read inside an element: the text of `selector` within it, or the
    element's `attribute`; with neither, the element's own text."""

    selector: CssSelector | None = None
    attribute: NonEmpty | None = None

    @model_validator(mode="after")
    def _one_source(self) -> FactValue:
        if self.selector is not None and self.attribute is not None:
            raise ValueError("give a selector or an attribute, not both")
        return self


class ParityField(Entity):
    """A field both pages show: `v1` and `v3` select the element holding its value."""

    label: NonEmpty
    v1: PlaywrightSelector
    v3: PlaywrightSelector


class EntryReader(Entity):
    """How one page lists entries: `item` selects each entry; type, id (and optionally a value
    compared between pages) are read inside it."""

    item: PlaywrightSelector
    type: FactValue = FactValue()
    id: FactValue = FactValue()
    value: FactValue | None = None


class ParityEntries(Entity):
    """A timeline or list both pages show, compared entry by entry as (type, id)."""

    name: Ident
    v1: EntryReader
    v3: EntryReader


class ParityCompare(Entity):
    """The V1 page (a legacy route, served in V1 mode) and the V3 page (a canonical route) of
    one resource, and the facts to compare. Both paths are filled with the same parameters;
    where the V1 and V3 ids differ, `samples` gives both per target."""

    v1: Ident
    v3: Ident
    samples: dict[str, dict[str, str]] = {}
    fields: tuple[ParityField, ...] = ()
    entries: tuple[ParityEntries, ...] = ()

    @model_validator(mode="after")
    def _some_fact(self) -> ParityCompare:
        if not self.fields and not self.entries:
            raise ValueError("compare needs at least one field or entries list")
        return self

    @property
    def fact_count(self) -> int:
        return len(self.fields) + len(self.entries)

"""The cutover plan: the legacy V1 routes retire in slices, each validated on an environment
before the next V3 deployment (docs/V3_Migration_Execution_Tracker_v1.md: "Platform-control
should not receive another V3 deployment until kind validates the next cutover slice").

A slice names the legacy routes it retires by id, by family (a legacy route's family is its
redirect target's family, or its passthrough's `replaced_by`'s) or by path pattern (`*` matches
any characters, `/` included, over the legacy path as written: `/admin/*`). Which slice holds
which route is decided here once, for lint and for the reports alike."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, model_validator

from contracts.base import Entity, Ident, NonEmpty
from contracts.models import LegacyRoute, Route

# planned: not started; validating: the slice its environment validates now (`cutover promote`
# decides it); retired: its V1 routes answer as retired and the suite checks they stay so.
SliceStatus = Literal["planned", "validating", "retired"]
SLICE_STATUSES: tuple[str, ...] = get_args(SliceStatus)
# Where a slice is validated: a target kind of the suite's (`--target`), never the embedded
# reference target, which is the suite's own stand-in product.
SliceEnvironment = Literal["kind", "url"]
SELECTORS = ("ids", "families", "paths")


def _pattern(value: str) -> str:
    if not value.startswith("/"):
        raise ValueError(f"a path pattern starts with '/', got {value!r}")
    return value


PathPattern = Annotated[str, AfterValidator(_pattern)]


class SliceRoutes(Entity):
    """The legacy routes a slice retires: the union of what each selector selects."""

    ids: tuple[Ident, ...] = ()
    families: tuple[Ident, ...] = ()
    paths: tuple[PathPattern, ...] = ()

    @model_validator(mode="after")
    def _selects_something(self) -> SliceRoutes:
        if not (self.ids or self.families or self.paths):
            raise ValueError("names no legacy route: give ids, families or paths")
        return self


class Slice(Entity):
    id: Ident
    title: NonEmpty
    order: int = Field(ge=1)
    status: SliceStatus = "planned"
    environment: SliceEnvironment = "kind"
    retires: SliceRoutes
    note: str = ""


def legacy_family(legacy: LegacyRoute, routes: Mapping[str, Route]) -> str | None:
    """The family a legacy route belongs to: its redirect target's, or its passthrough's
    replacement's; None for a retired route or a passthrough that names no replacement."""
    target = (legacy.redirect.to if legacy.redirect is not None else
              legacy.passthrough.replaced_by if legacy.passthrough is not None else None)
    route = routes.get(target) if target else None
    return route.family if route is not None else None


def selections(retires: SliceRoutes, legacy: Sequence[LegacyRoute],
               routes: Mapping[str, Route]) -> Iterator[tuple[str, int, LegacyRoute]]:
    """(selector, index in it, legacy route) for every legacy route each selector entry
    selects; an entry that selects nothing yields nothing."""
    by_id = {r.id: r for r in legacy}
    for j, ident in enumerate(retires.ids):
        if ident in by_id:
            yield "ids", j, by_id[ident]
    for j, family in enumerate(retires.families):
        for route in legacy:
            if legacy_family(route, routes) == family:
                yield "families", j, route
    for j, pattern in enumerate(retires.paths):
        for route in legacy:
            if fnmatch.fnmatchcase(route.path, pattern):
                yield "paths", j, route


def members(slice_: Slice, legacy: Sequence[LegacyRoute],
            routes: Mapping[str, Route]) -> tuple[LegacyRoute, ...]:
    """The legacy routes a slice retires, once each, in the legacy map's order."""
    chosen = {route.id for _, _, route in selections(slice_.retires, legacy, routes)}
    return tuple(r for r in legacy if r.id in chosen)

"""Lint of the cutover plan (contracts.slices): every selector names something real and selects
a legacy route, each legacy route is in at most one slice, slices have distinct orders, and a
retired slice's routes are mapped `retired` in the legacy map (so the suite's retired-route
check holds them to it). Legacy routes in no slice are a warning: the plan does not say when
they retire."""

from __future__ import annotations

from typing import Any

from contracts.draft import Draft
from contracts.slices import Slice, selections
from contracts.sources import Loc


def lint_slices(draft: Draft) -> None:
    items: list[tuple[int, Slice]] = draft.valid("slices")
    if not items and not draft.raw_items("slices"):
        return
    legacy = [model for _, model in draft.valid("legacy")]
    legacy_loc = {model.id: ("legacy", i) for i, model in draft.valid("legacy")}
    routes = draft.by_id("routes")
    # With a legacy route or a route that did not validate, which slice selects what is a guess:
    # "selects nothing" and "in no slice" are then left unsaid (the real problem is reported).
    whole = all(len(draft.valid(s)) == len(draft.raw_items(s) or []) for s in ("legacy", "routes"))
    owner: dict[str, tuple[str, Loc]] = {}  # legacy id -> (slice id, where it was selected)
    orders: dict[int, tuple[str, Loc]] = {}
    for i, slice_ in items:
        where: Loc = ("slices", i)
        if slice_.order in orders:
            other, other_loc = orders[slice_.order]
            draft.add((*where, "order"), f"order {slice_.order} is taken by slice '{other}' "
                                         f"(at {draft.locator.ref(other_loc)})")
        orders.setdefault(slice_.order, (slice_.id, (*where, "order")))
        _check_selectors(draft, where, slice_, legacy, routes, whole)
        mine: set[str] = set()
        for selector, j, route in selections(slice_.retires, legacy, routes):
            loc: Loc = (*where, "retires", selector, j)
            earlier = owner.get(route.id)
            if earlier is not None and earlier[0] != slice_.id:
                draft.add(loc, f"legacy route '{route.id}' is already in slice '{earlier[0]}' "
                               f"(at {draft.locator.ref(earlier[1])}): a route retires once")
                continue
            owner.setdefault(route.id, (slice_.id, loc))
            if route.id in mine:
                continue
            mine.add(route.id)
            if slice_.status == "retired" and route.retired is None:
                draft.add((*where, "status"),
                          f"slice '{slice_.id}' is retired, but legacy route '{route.id}' "
                          f"(at {draft.locator.ref(legacy_loc[route.id])}) is mapped "
                          f"{route.mapping}: map it `retired` (its V1 URL must then answer "
                          "404/410), or keep the slice validating until it is")
    if items and whole:
        left = [r.id for r in legacy if r.id not in owner]
        if left:
            draft.warn(("slices",), f"{len(left)} legacy route(s) in no slice: "
                                    f"{', '.join(left)} (the plan does not say when they "
                                    "retire)")


def _check_selectors(draft: Draft, where: Loc, slice_: Slice, legacy: list[Any],
                     routes: dict[str, Any], whole: bool) -> None:
    """Each selector entry names something known and selects at least one legacy route."""
    selected = {(selector, j) for selector, j, _ in selections(slice_.retires, legacy, routes)}
    retires = slice_.retires
    for j, ident in enumerate(retires.ids):
        draft.check_ref((*where, "retires", "ids", j), ident, "legacy", "legacy route")
    for j, family in enumerate(retires.families):
        loc: Loc = (*where, "retires", "families", j)
        known = draft.check_ref(loc, family, "families", "family")
        if known and whole and ("families", j) not in selected:
            draft.add(loc, f"family '{family}' has no legacy route (a legacy route's family is "
                           "its redirect target's, or its passthrough's replaced_by's; a retired "
                           "one has none: name it by id or path)")
    for j, pattern in enumerate(retires.paths):
        if whole and ("paths", j) not in selected:
            draft.add((*where, "retires", "paths", j),
                      f"'{pattern}' matches no legacy route's path")

"""Lint of the copy a contract names and of the nav items it compares exactly: the wording
templates, the routes' `heading` / `back_label`, and that every local-nav and global-nav item can
be found (an explicit `*_items` selector, or one derived from the one-item template)."""

from __future__ import annotations

import re
from typing import Any

from contracts.draft import Draft
from contracts.selectors import every_item
from contracts.sources import Loc
from contracts.wording import HEADING, TITLE, TextPattern, placeholders_in

# wording field -> the one placeholder its template holds
WORDING_PLACEHOLDERS = {"document_title": HEADING, "back_link": TITLE}
WHERE_PLACEHOLDER_GOES = ("the placeholder must sit in an attribute value "
                          "([attr=\"...{p}\"]), a class (.x-{p}) or an id (#x-{p})")


def lint_wording(draft: Draft) -> None:
    wording = draft.models.get("wording")
    if wording is not None:
        for name, placeholder in WORDING_PLACEHOLDERS.items():
            template = getattr(wording, name)
            loc: Loc = ("wording", name)
            if placeholder not in template:
                draft.add(loc, f"must contain the placeholder '{placeholder}'")
            for other in placeholders_in(template):
                if other != placeholder:
                    draft.add(loc, f"unknown placeholder '{other}' (only '{placeholder}')")
    for i, route in draft.valid("routes"):
        for name in ("heading", "back_label"):
            value = getattr(route, name)
            if isinstance(value, TextPattern):
                _check_pattern(draft, ("routes", i, name, "pattern"), value.pattern)
        if route.back_label is not None and route.back is None:
            draft.add(("routes", i, "back_label"), "needs a back target (`back`) to label")
        if route.heading is not None and route.heading == route.title:
            draft.warn(("routes", i, "heading"), "is the route's title already: drop it")


def _check_pattern(draft: Draft, loc: Loc, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        draft.add(loc, f"invalid regular expression: {exc}")


def lint_nav_items(draft: Draft) -> None:
    """Exact nav gates compare every item a nav shows: the contract must say how to find them."""
    selectors = draft.models.get("selectors")
    if selectors is None:
        return
    if selectors.global_nav_items is not None and "{family}" in selectors.global_nav_items:
        draft.add(("selectors", "global_nav_items"),
                  "must not contain '{family}': it finds every item, of every family")
    if selectors.local_nav_items is not None and "{key}" in selectors.local_nav_items:
        draft.add(("selectors", "local_nav_items"),
                  "must not contain '{key}': it finds every item of a family's local nav")
    families = [f for _, f in draft.valid("families")]
    if (selectors.global_nav_items is None and any(f.global_nav for f in families)
            and "{family}" in selectors.global_nav_item
            and every_item(selectors.global_nav_item, "{family}") is None):
        draft.add(("selectors", "global_nav_item"),
                  "cannot tell every global-nav item from this template ("
                  + WHERE_PLACEHOLDER_GOES.replace("{p}", "{family}")
                  + "); set selectors.global_nav_items")
    if selectors.local_nav_items is None and "{key}" in selectors.local_nav_item:
        _lint_local_items(draft, selectors, families)


def _lint_local_items(draft: Draft, selectors: Any, families: list[Any]) -> None:
    for family in families:
        items = family.local_nav.items if family.local_nav else ()
        if not any(item.selector is None for item in items):
            continue  # no local nav, or every item names its own selector
        template = selectors.local_nav_item.replace("{family}", family.id)
        if every_item(template, "{key}") is None:
            draft.add(("selectors", "local_nav_item"),
                      "cannot tell every local-nav item from this template ("
                      + WHERE_PLACEHOLDER_GOES.replace("{p}", "{key}")
                      + "); set selectors.local_nav_items")
            return

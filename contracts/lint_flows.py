"""Cross-reference rules over lifecycle, journeys, roles and parity rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contracts.draft import Draft
from contracts.issues import did_you_mean
from contracts.models import INTENTS, Journey, Route
from contracts.sources import Loc

IdsChecker = Callable[[Draft, Loc, Any, Route], None]


def lint_lifecycle(draft: Draft, check_ids: IdsChecker) -> None:
    lifecycle = draft.models.get("lifecycle")
    intents = lifecycle.intents if lifecycle is not None else INTENTS
    if lifecycle is not None and lifecycle.evidence_field is not None and \
            lifecycle.evidence_field not in lifecycle.fields:
        draft.add(
            ("lifecycle", "evidence_field"),
            f"'{lifecycle.evidence_field}' is not a key of lifecycle.fields",
        )
    routes = draft.by_id("routes")
    owner: dict[str, str] = {}
    for i, resource in draft.valid("lifecycle_resources"):
        loc: Loc = ("lifecycle", "resources", i)
        route = routes.get(resource.route)
        if draft.check_ref((*loc, "route"), resource.route, "routes", "route") and route:
            if not route.mutable:
                draft.add(
                    (*loc, "route"), f"route '{route.id}' is not mutable (set mutable: true on it)"
                )
            if resource.route in owner:
                draft.add(
                    (*loc, "route"),
                    f"route '{route.id}' already has lifecycle resource '{owner[resource.route]}'",
                )
            owner.setdefault(resource.route, resource.id)
            if resource.ids is not None:
                check_ids(draft, (*loc, "ids"), resource.ids, route)
        keys = [op.key for op in resource.operations]
        for j, op in enumerate(resource.operations):
            oloc: Loc = (*loc, "operations", j)
            if op.key in keys[:j]:
                draft.add((*oloc, "key"), f"duplicate operation key '{op.key}' in this resource")
            if op.intent not in intents:
                hint = did_you_mean(op.intent, intents)
                draft.add(
                    (*oloc, "intent"),
                    f"unknown intent '{op.intent}'{hint} (must be one of: {', '.join(intents)})",
                )
            if op.intent == "destructive" and not op.typed_confirmation:
                draft.add(
                    (*oloc, "typed_confirmation"),
                    "destructive operations need typed_confirmation: true (never window.confirm)",
                )
            if op.inverse is not None and op.inverse not in keys:
                hint = did_you_mean(op.inverse, keys)
                draft.add(
                    (*oloc, "inverse"), f"unknown operation '{op.inverse}' in this resource{hint}"
                )


def lint_journeys(draft: Draft) -> None:
    families = draft.by_id("families")
    roles = draft.by_id("roles")
    for i, journey in draft.valid("journeys"):
        loc: Loc = ("journeys", i)
        draft.check_ref((*loc, "family"), journey.family, "families", "family")
        if draft.check_ref((*loc, "role"), journey.role, "roles", "role"):
            role = roles.get(journey.role)
            if (
                role is not None
                and journey.family in families
                and journey.family not in role.families
            ):
                draft.add((*loc, "role"), f"role '{role.id}' cannot see family '{journey.family}'")
        _walk_steps(draft, loc, journey)


def _nav_items(draft: Draft, family_id: str | None) -> dict[str, str]:
    family = draft.by_id("families").get(family_id) if family_id else None
    if family is None or family.local_nav is None:
        return {}
    return {item.key: item.route for item in family.local_nav.items}


def _walk_steps(draft: Draft, loc: Loc, journey: Journey) -> None:
    """Follow the journey page by page so nav keys and back links are checked in context."""
    routes = draft.by_id("routes")
    current: Route | None = None
    page_family: str | None = journey.family
    for j, step in enumerate(journey.steps):
        sloc: Loc = (*loc, "steps", j, step.action)
        target = step.target
        if step.action == "click_global_nav":
            assert isinstance(target, str)
            if draft.check_ref(sloc, target, "families", "family"):
                family = draft.by_id("families").get(target)
                if family is not None and not family.global_nav:
                    draft.add(sloc, f"family '{target}' has no global-nav item")
            current, page_family = None, target
            continue
        if step.action == "click_nav":
            assert isinstance(target, str)
            items = {**_nav_items(draft, journey.family), **_nav_items(draft, page_family)}
            if target not in items:
                where = " or ".join(sorted({f"'{f}'" for f in (page_family, journey.family) if f}))
                hint = did_you_mean(target, items)
                draft.add(sloc, f"no local-nav item '{target}' in family {where}{hint}")
                current = None
                continue
            route_id = items[target]
        elif step.action == "open_tab":
            assert not isinstance(target, str)
            route_id = target.route
            sloc = (*sloc, "route")
            if not draft.check_ref(sloc, route_id, "routes", "route"):
                current = None
                continue
        else:
            assert isinstance(target, str)
            route_id = target
            if not draft.check_ref(sloc, route_id, "routes", "route"):
                current = None
                continue
            if step.action == "follow_back" and current is not None and current.back != route_id:
                leads = f"leads to '{current.back}'" if current.back else "does not exist"
                draft.add(sloc, f"the back link of '{current.id}' {leads}, not '{route_id}'")
        current = routes.get(route_id)
        page_family = current.family if current is not None else page_family


def lint_roles(draft: Draft) -> None:
    routes = draft.by_id("routes")
    families = draft.by_id("families")
    defaults: list[tuple[Loc, str]] = []
    for i, role in draft.valid("roles"):
        loc: Loc = ("roles", i)
        for j, family_id in enumerate(role.families):
            if draft.check_ref((*loc, "families", j), family_id, "families", "family"):
                family = families.get(family_id)
                if family is not None and role.id not in family.roles:
                    draft.add(
                        (*loc, "families", j),
                        f"family '{family_id}' does not list role '{role.id}' in its roles",
                    )
        if draft.check_ref((*loc, "landing"), role.landing, "routes", "route"):
            landing = routes.get(role.landing)
            if landing is not None and landing.family not in role.families:
                draft.add(
                    (*loc, "landing"),
                    f"landing route '{landing.id}' is in family "
                    f"'{landing.family}', which role '{role.id}' cannot see",
                )
        if role.default:
            defaults.append(((*loc, "default"), role.id))
    for family_loc, family in draft.valid("families"):
        for j, role_id in enumerate(family.roles):
            role = draft.by_id("roles").get(role_id)
            if role is not None and family.id not in role.families:
                draft.add(
                    ("families", family_loc, "roles", j),
                    f"role '{role_id}' does not list family '{family.id}'",
                )
    raw_roles = draft.raw_items("roles")
    if raw_roles and not any(isinstance(r, dict) and r.get("default") is True for r in raw_roles):
        draft.add(("roles",), "exactly one role must have default: true (none has)")
    for extra_loc, _ in defaults[1:]:
        draft.add(extra_loc, f"only one role may be the default ('{defaults[0][1]}' already is)")


def lint_parity(draft: Draft) -> None:
    for i, row in draft.valid("parity"):
        loc: Loc = ("parity", i)
        draft.check_ref((*loc, "route"), row.route, "routes", "route")
        draft.check_ref((*loc, "family"), row.family, "families", "family")
        for j, legacy_id in enumerate(row.legacy):
            draft.check_ref((*loc, "legacy", j), legacy_id, "legacy", "legacy route")
        if row.status in ("replaced", "deferred") and not (row.task or "").strip():
            draft.add(
                (*loc, "task"),
                f"required when status is '{row.status}' (name the V3 task that closes the gap)",
            )
        if row.compare is not None:
            _lint_parity_compare(draft, (*loc, "compare"), row)


def _lint_parity_compare(draft: Draft, loc: Loc, row: Any) -> None:
    """The V1 page must be one the row accounts for (readiness attaches the evidence to that
    legacy route), and every V3 parameter must be filled: from the V1 path, or from samples."""
    compare = row.compare
    v1_known = draft.check_ref((*loc, "v1"), compare.v1, "legacy", "legacy route")
    v3_known = draft.check_ref((*loc, "v3"), compare.v3, "routes", "route")
    if v1_known and compare.v1 not in row.legacy:
        draft.add((*loc, "v1"), f"'{compare.v1}' must also be listed in this row's legacy "
                  "(the V1 route whose parity the comparison proves)")
    legacy, route = draft.by_id("legacy").get(compare.v1), draft.by_id("routes").get(compare.v3)
    if v1_known and v3_known and legacy is not None and route is not None:
        sampled = {name for params in compare.samples.values() for name in params}
        copied = ({to for to, src in legacy.redirect.params.items() if isinstance(src, str)}
                  if legacy.redirect is not None else set())
        for name in route.params:
            if name not in legacy.params and name not in sampled and name not in copied:
                draft.add((*loc, "v3"), f"parameter '{name}' of {route.id} ({route.path}) is not "
                          f"a parameter of {legacy.id} ({legacy.path}); give it in samples")
    for what, names in (("fields", [f.label for f in compare.fields]),
                        ("entries", [e.name for e in compare.entries])):
        for j, name in enumerate(names):
            if name in names[:j]:
                draft.add((*loc, what, j), f"'{name}' is compared twice")

"""Tests ask for a contract entry by argument name; this table says which entries each name
stands for. Ids are the contract ids, so `test_back_link[storage.bucket.detail]` names its entry,
and each parameter carries its family's marker, so `-m "navigation and storage"` works."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest

from contracts import (
    Contract,
    Family,
    LegacyRoute,
    LifecycleResource,
    NavItem,
    Operation,
    ParityRow,
    Role,
    SectionRedirect,
)
from contracts.degraded import DegradedRoute
from harness.checks.roles import RoleLimit, role_limits

NavEntry = tuple[Family, NavItem]
OpEntry = tuple[LifecycleResource, Operation]


@dataclass(frozen=True)
class EntrySet:
    entries: Callable[[Contract, Role], Iterable[object]]
    family: Callable[[Contract, object], str | None]  # family id for the marker
    ident: Callable[[object], str]


def _id(entry: object) -> str:
    return str(getattr(entry, "id"))  # noqa: B009 -- every model entry has an id


def _own_family(contract: Contract, entry: object) -> str | None:
    found = getattr(entry, "family", None)
    return found if isinstance(found, str) else None


def _visible(contract: Contract, role: Role) -> Iterable[object]:
    return (r for r in contract.routes if r.family in role.families)


def _legacy_family(contract: Contract, entry: object) -> str | None:
    assert isinstance(entry, LegacyRoute)
    if entry.redirect is not None:
        return contract.route(entry.redirect.to).family
    replaced = entry.passthrough.replaced_by if entry.passthrough else None
    return contract.route(replaced).family if replaced else None


def _redirect_family(contract: Contract, entry: object) -> str | None:
    assert isinstance(entry, SectionRedirect)
    return contract.route(entry.to).family


def _resource_family(contract: Contract, entry: object) -> str | None:
    resource = entry[0] if isinstance(entry, tuple) else entry
    assert isinstance(resource, LifecycleResource)
    return contract.route(resource.route).family


def _pair_id(entry: object) -> str:
    assert isinstance(entry, tuple)
    first, second = entry
    return f"{first.id}.{second.key}"


def _ops(contract: Contract, role: Role, destructive: bool) -> Iterable[OpEntry]:
    for res in contract.lifecycle.resources:
        if contract.route(res.route).family not in role.families:
            continue
        for op in res.operations:
            if (op.intent == "destructive") == destructive:
                yield (res, op)


def _one_per_intent(contract: Contract, role: Role) -> Iterable[OpEntry]:
    """For mutating runs: one real, non-destructive operation per intent per resource."""
    for res in contract.lifecycle.resources:
        if contract.route(res.route).family not in role.families:
            continue
        seen: set[str] = set()
        for op in res.operations:
            if op.intent in seen or op.intent == "destructive" or op.requires_capability:
                continue
            seen.add(op.intent)
            yield (res, op)


def _nav_items(contract: Contract, role: Role) -> Iterable[NavEntry]:
    return ((f, i) for f in contract.families if f.id in role.families and f.local_nav
            for i in f.local_nav.items)


def _parity_family(contract: Contract, entry: object) -> str | None:
    assert isinstance(entry, ParityRow) and entry.compare is not None
    return contract.route(entry.compare.v3).family


def _degraded_cases(contract: Contract, role: Role) -> Iterable[tuple[DegradedRoute, str]]:
    """Each (route, variant) of the degraded-backend section, for routes the role may open."""
    for entry in contract.degraded.routes:
        if contract.route(entry.route).family in role.families:
            yield from ((entry, variant) for variant in entry.variants)


def _degraded_family(contract: Contract, entry: object) -> str | None:
    assert isinstance(entry, tuple)
    return contract.route(entry[0].route).family


def _degraded_id(entry: object) -> str:
    assert isinstance(entry, tuple)
    return f"{entry[0].route}-{entry[1]}"


def _role_limits(contract: Contract, role: Role) -> Iterable[RoleLimit]:
    """Every role with each family it may not see (one route each): not only the run's role."""
    return (limit for r in contract.roles for limit in role_limits(contract, r))


def _limit_family(contract: Contract, entry: object) -> str | None:
    assert isinstance(entry, RoleLimit)
    return entry.family.id  # the family that must stay hidden: `-m platform` tries it


def _nav_family(contract: Contract, entry: object) -> str | None:
    assert isinstance(entry, tuple)
    return str(entry[0].id)


ENTRY_SETS: dict[str, EntrySet] = {
    "route": EntrySet(_visible, _own_family, _id),
    "drilldown": EntrySet(
        lambda c, r: (x for x in c.routes if x.family in r.families and x.back),
        _own_family, _id),
    "nav_route": EntrySet(
        lambda c, r: (x for x in c.routes if x.family in r.families and c.has_local_nav(x)),
        _own_family, _id),
    # routes whose page heading the contract names (a title, or a `heading`)
    "titled_route": EntrySet(
        lambda c, r: (x for x in c.routes
                      if x.family in r.families and c.heading_expected(x) is not None),
        _own_family, _id),
    "nav_item": EntrySet(_nav_items, _nav_family, _pair_id),
    "role": EntrySet(lambda c, r: c.roles, lambda c, e: None, _id),
    # (role, family it may not see): the role-limits gate tries one route of each
    "role_limit": EntrySet(_role_limits, _limit_family, _id),
    # list routes: the row-links gate requests every row target of each
    "list_route": EntrySet(
        lambda c, r: (x for x in c.routes if x.family in r.families and x.kind == "list"),
        _own_family, _id),
    "journey": EntrySet(lambda c, r: c.journeys, _own_family, _id),
    "legacy_redirect": EntrySet(lambda c, r: (x for x in c.legacy if x.redirect),
                                _legacy_family, _id),
    "legacy_deep_link": EntrySet(
        lambda c, r: (x for x in c.legacy if x.redirect and x.redirect.params),
        _legacy_family, _id),
    # V3 paths that redirect to a route (ids: their paths), for roles that may open the route
    "section_redirect": EntrySet(
        lambda c, r: (x for x in c.redirects if c.route(x.to).family in r.families),
        _redirect_family, _id),
    "legacy_passthrough": EntrySet(lambda c, r: (x for x in c.legacy if x.passthrough),
                                   _legacy_family, _id),
    "legacy_retired": EntrySet(lambda c, r: (x for x in c.legacy if x.retired),
                               _legacy_family, _id),
    "lifecycle_resource": EntrySet(
        lambda c, r: (x for x in c.lifecycle.resources
                      if c.route(x.route).family in r.families),
        _resource_family, _id),
    "destructive_op": EntrySet(lambda c, r: _ops(c, r, True), _resource_family, _pair_id),
    "mutation": EntrySet(_one_per_intent, _resource_family, _pair_id),
    "degraded_case": EntrySet(_degraded_cases, _degraded_family, _degraded_id),
    # executable parity rows (v1compat): marked with the family of the V3 page they compare
    "parity_row": EntrySet(
        lambda c, r: (p for p in c.parity
                      if p.compare is not None and c.route(p.compare.v3).family in r.families),
        _parity_family, _id),
}


def parametrize(metafunc: pytest.Metafunc, contract: Contract, role: Role) -> None:
    for argname, spec in ENTRY_SETS.items():
        if argname not in metafunc.fixturenames:
            continue
        params = []
        for entry in spec.entries(contract, role):
            family = spec.family(contract, entry)
            marks = [getattr(pytest.mark, family)] if family else []
            params.append(pytest.param(entry, id=spec.ident(entry), marks=marks))
        metafunc.parametrize(argname, params)


def entry_subject(item: pytest.Item) -> tuple[str | None, str | None]:
    """The contract entry a collected test runs on (its parameter id: `runs.list`,
    `runs.all`) and which entry set it is of; (None, None) for a once-per-run test."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        for argname in ENTRY_SETS:
            if argname in callspec.params:
                return callspec.id, argname
    return None, None

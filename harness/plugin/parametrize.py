"""Tests ask for a contract entry by argument name; this table says which entries each name
stands for. Ids are the contract ids, so `test_back_link[storage.bucket.detail]` names its entry,
and each parameter carries its family's marker, so `-m "navigation and storage"` works."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass(frozen=True)
class EntrySet:
    entries: Callable[[Any, Any], Iterable[Any]]  # (contract, role) -> entries
    family: Callable[[Any, Any], str | None]  # (contract, entry) -> family id for the marker
    ident: Callable[[Any], str] = lambda e: e.id


def _visible(contract: Any, role: Any) -> Iterable[Any]:
    return (r for r in contract.routes if r.family in role.families)


def _legacy_family(contract: Any, entry: Any) -> str | None:
    if entry.redirect is not None:
        return contract.route(entry.redirect.to).family
    replaced = entry.passthrough.replaced_by if entry.passthrough else None
    return contract.route(replaced).family if replaced else None


def _ops(contract: Any, role: Any, destructive: bool | None) -> Iterable[Any]:
    for res in contract.lifecycle.resources:
        if contract.route(res.route).family not in role.families:
            continue
        for op in res.operations:
            if destructive is None or (op.intent == "destructive") == destructive:
                yield (res, op)


def _one_per_intent(contract: Any, role: Any) -> Iterable[Any]:
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


ENTRY_SETS: dict[str, EntrySet] = {
    "route": EntrySet(_visible, lambda c, e: e.family),
    "drilldown": EntrySet(lambda c, r: (x for x in _visible(c, r) if x.back),
                          lambda c, e: e.family),
    "nav_route": EntrySet(
        lambda c, r: (x for x in _visible(c, r) if c.family(x.family).local_nav is not None),
        lambda c, e: e.family),
    "nav_item": EntrySet(
        lambda c, r: ((f, i) for f in c.families if f.id in r.families and f.local_nav
                      for i in f.local_nav.items),
        lambda c, e: e[0].id, lambda e: f"{e[0].id}.{e[1].key}"),
    "role": EntrySet(lambda c, r: c.roles, lambda c, e: None),
    "journey": EntrySet(lambda c, r: c.journeys, lambda c, e: e.family),
    "legacy_redirect": EntrySet(lambda c, r: (x for x in c.legacy if x.redirect),
                                _legacy_family),
    "legacy_deep_link": EntrySet(
        lambda c, r: (x for x in c.legacy if x.redirect and x.redirect.params),
        _legacy_family),
    "legacy_passthrough": EntrySet(lambda c, r: (x for x in c.legacy if x.passthrough),
                                   _legacy_family),
    "legacy_retired": EntrySet(lambda c, r: (x for x in c.legacy if x.retired),
                               _legacy_family),
    "lifecycle_resource": EntrySet(
        lambda c, r: (x for x in c.lifecycle.resources
                      if c.route(x.route).family in r.families),
        lambda c, e: c.route(e.route).family),
    "destructive_op": EntrySet(lambda c, r: _ops(c, r, True),
                               lambda c, e: c.route(e[0].route).family,
                               lambda e: f"{e[0].id}.{e[1].key}"),
    "mutation": EntrySet(_one_per_intent, lambda c, e: c.route(e[0].route).family,
                         lambda e: f"{e[0].id}.{e[1].key}"),
}


def parametrize(metafunc: pytest.Metafunc, contract: Any, role: Any) -> None:
    for argname, spec in ENTRY_SETS.items():
        if argname not in metafunc.fixturenames:
            continue
        params = []
        for entry in spec.entries(contract, role):
            family = spec.family(contract, entry)
            marks = [getattr(pytest.mark, family)] if family else []
            params.append(pytest.param(entry, id=spec.ident(entry), marks=marks))
        metafunc.parametrize(argname, params)

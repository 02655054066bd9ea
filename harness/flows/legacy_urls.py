"""Real URLs for legacy V1 routes: ids come from the V3 side (discovery) for copied parameters,
and from the contract's per-target samples for parameters the product resolves."""

from __future__ import annotations

from contracts import Contract, LegacyRoute, SectionRedirect
from contracts.paths import format_path, match_template
from harness.capture.cache import SnapshotCache
from harness.capture.id_resolver import DiscoveryError
from harness.capture.snapshot import RouteSnapshot
from harness.capture.snapshot_store import SnapshotKey
from harness.checks.observations import LegacyVisit

FILLER = "sample"  # value for a legacy parameter the mapping drops (e.g. a tenant)


def legacy_params(entry: LegacyRoute, cache: SnapshotCache) -> dict[str, str]:
    """Values for every parameter of `entry.path`, or DiscoveryError saying what is missing."""
    names = entry.params
    if not names:
        return {}
    values = dict(entry.samples.get(cache.target_name, {}))
    redirect = entry.redirect
    if redirect is not None:
        copied = {src: to for to, src in redirect.params.items() if isinstance(src, str)}
        if any(n in copied and n not in values for n in names):
            target = cache.contract.route(redirect.to)
            v3 = match_template(target.path, cache.url_for(target)) or {}
            for src, to in copied.items():
                values.setdefault(src, v3.get(to, ""))
    resolved = {src.resolved_from for src in (redirect.params.values() if redirect else ())
                if not isinstance(src, str)}
    if any(n in resolved and not values.get(n) for n in names):
        found = resolved_identity(entry, cache) if entry.proves_resolution_by == "identity" \
            else resolved_aliases(entry, cache)[0]
        values = {**found, **values}
    missing = [n for n in names if not values.get(n)]
    if any(n in resolved for n in missing):
        raise DiscoveryError(_no_sample(entry, cache, [n for n in missing if n in resolved]))
    return {n: values.get(n) or FILLER for n in names}


def alias_attribute(param: str) -> str:
    """The attribute of the resource-aliases element that names a legacy id: allocation_id ->
    data-allocation-id."""
    return "data-" + param.replace("_", "-")


def resolved_aliases(entry: LegacyRoute, cache: SnapshotCache) -> tuple[dict[str, str],
                                                                        dict[str, str]]:
    """Legacy ids the product resolves (not copied), discovered on V3: the redirect target's own
    page, for a resource discovered there, names its legacy ids on the resource-aliases element.
    Returns those ids and the V3 parameters of the page they were read on; ({}, {}) when the
    page shows none (the caller says which sample to add). No extra navigation: it is the route's
    static snapshot."""
    redirect = entry.redirect
    if redirect is None:
        return {}, {}
    target = cache.contract.route(redirect.to)
    snap = cache.of(target)
    found = {src.resolved_from: snap.aliases.get(alias_attribute(src.resolved_from), "")
             for src in redirect.params.values() if not isinstance(src, str)}
    if snap.error or not all(found.values()):
        return {}, {}
    return found, match_template(target.path, snap.final_url) or {}


def resolved_identity(entry: LegacyRoute, cache: SnapshotCache) -> dict[str, str]:
    """Legacy ids a redirect proved by identity resolves, discovered on V3 without aliases: the
    product resolves its own id (a lookup, not a rename), so the id of a resource discovered
    on the redirect target's page serves as the legacy id. {} when discovery fails (the caller
    says which sample to add). No navigation beyond the target's own discovery."""
    if entry.redirect is None:
        return {}
    target = cache.contract.route(entry.redirect.to)
    try:
        v3 = match_template(target.path, cache.url_for(target)) or {}
    except DiscoveryError:
        return {}
    return {src: v3[to] for to, src in entry.resolved_params.items() if v3.get(to)}


def landing_ids(entry: LegacyRoute, cache: SnapshotCache) -> dict[str, str]:
    """The ids resolved parameters must land on where the target's sample names them
    (`resolved_by: identity`); the legacy id itself is expected otherwise."""
    if entry.proves_resolution_by != "identity":
        return {}
    sample = entry.samples.get(cache.target_name, {})
    return {to: sample[to] for to in entry.resolved_params if sample.get(to)}


def legacy_visit(cache: SnapshotCache, entry: LegacyRoute, params: dict[str, str]
                 ) -> LegacyVisit:
    """The legacy URL's one snapshot, with the values it was filled with and the ids it must
    land on: what the legacy-redirect check judges."""
    return LegacyVisit(visit(cache, entry, params), params, landing_ids(entry, cache))


def _no_sample(entry: LegacyRoute, cache: SnapshotCache, missing: list[str]) -> str:
    assert entry.redirect is not None  # only redirects resolve ids
    target = cache.contract.route(entry.redirect.to)
    example = ", ".join(f"{n}: ..." for n in missing)
    if entry.proves_resolution_by == "identity":
        source = f"no resource could be discovered on {target.id} to take it from"
    else:
        attrs = ", ".join(alias_attribute(n) for n in missing)
        source = (f"the V3 page of {target.id} shows no {attrs} on its "
                  f"{cache.contract.selectors.resource_aliases} element to discover it from")
    return (f"{entry.id} ({entry.source}): no sample for {', '.join(missing)} on target "
            f"'{cache.target_name}', and {source}; add "
            f"`samples: {{{cache.target_name}: {{{example}}}}}` to {entry.id}")


def legacy_path(entry: LegacyRoute, params: dict[str, str]) -> str:
    return format_path(entry.path, params)


def visit(cache: SnapshotCache, entry: LegacyRoute, params: dict[str, str]) -> RouteSnapshot:
    """The one snapshot of a redirected or passed-through legacy URL, shared by its legacy test
    and the route-inventory crawl (whichever comes first pays the navigation). A redirect is
    read with its target's family, and a client-side one waits (bounded) for the target."""
    family = settle_on = None
    if entry.redirect is not None:
        target = cache.contract.route(entry.redirect.to)
        family = target.family
        settle_on = settle_path(target.path) if entry.redirect.client_side else None
    return cache.at(SnapshotKey(entry.id, legacy_path(entry, params), category="legacy"),
                    family=family, settle_on=settle_on)


def settle_path(template: str) -> str:
    """What a client-side hop is waited for: the landing's path (a router sets the path and
    its query in one navigation; whether the query is right is the check's to judge)."""
    return template.partition("?")[0]


def redirect_params(redirect: SectionRedirect, cache: SnapshotCache) -> dict[str, str]:
    """Values for a section redirect's path: the ids discovered for the route it lands on
    (lint holds the two to the same parameters), or DiscoveryError saying what is missing."""
    if not redirect.params:
        return {}
    target = cache.contract.route(redirect.to)
    found = match_template(target.path, cache.url_for(target)) or {}
    return {name: found[name] for name in redirect.params}


def visit_redirect(cache: SnapshotCache, redirect: SectionRedirect, params: dict[str, str]
                   ) -> RouteSnapshot:
    """The one snapshot of a section redirect, shared by its gate and the inventory crawl:
    a client-side hop is followed (bounded by the route timeout) until it reaches `to`."""
    target = cache.contract.route(redirect.to)
    path = format_path(redirect.path, params)
    return cache.at(SnapshotKey(f"redirect:{redirect.path}", path, category="legacy"),
                    family=target.family, settle_on=settle_path(target.path))


def not_found_landing(contract: Contract) -> str | None:
    """What an unserved path's snapshot waits for in a catch-all app: the path of
    `not_found.redirects_to` (None: the product answers 404/410, nothing to wait for)."""
    landing = contract.not_found.redirects_to
    return settle_path(contract.route(landing).path) if landing else None

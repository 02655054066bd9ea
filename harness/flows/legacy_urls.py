"""Real URLs for legacy V1 routes: ids come from the V3 side (discovery) for copied parameters,
and from the contract's per-target samples for parameters the product resolves."""

from __future__ import annotations

from contracts import LegacyRoute
from contracts.paths import format_path, match_template
from harness.capture.cache import SnapshotCache
from harness.capture.id_resolver import DiscoveryError
from harness.capture.snapshot import RouteSnapshot
from harness.capture.snapshot_store import SnapshotKey

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
        values = {**resolved_aliases(entry, cache)[0], **values}
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


def _no_sample(entry: LegacyRoute, cache: SnapshotCache, missing: list[str]) -> str:
    assert entry.redirect is not None  # only redirects resolve ids
    target = cache.contract.route(entry.redirect.to)
    attrs = ", ".join(alias_attribute(n) for n in missing)
    example = ", ".join(f"{n}: ..." for n in missing)
    return (f"{entry.id} ({entry.source}): no sample for {', '.join(missing)} on target "
            f"'{cache.target_name}', and the V3 page of {target.id} shows no {attrs} on its "
            f"{cache.contract.selectors.resource_aliases} element to discover it from; add "
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
        settle_on = target.path if entry.redirect.client_side else None
    return cache.at(SnapshotKey(entry.id, legacy_path(entry, params), category="legacy"),
                    family=family, settle_on=settle_on)

"""Real URLs for legacy V1 routes: ids come from the V3 side (discovery) for copied parameters,
and from the contract's per-target samples for parameters the product resolves."""

from __future__ import annotations

from contracts import LegacyRoute
from contracts.paths import format_path, match_template
from harness.capture.cache import DiscoveryError, SnapshotCache
from harness.capture.snapshot import RouteSnapshot

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
    missing = [n for n in names if not values.get(n)]
    resolved = {src.resolved_from for src in (redirect.params.values() if redirect else ())
                if not isinstance(src, str)}
    if any(n in resolved for n in missing):
        raise DiscoveryError(
            f"{entry.id} ({entry.source}): no sample for {', '.join(missing)} on target "
            f"'{cache.target_name}' (resolved ids cannot be discovered from V3)")
    return {n: values.get(n) or FILLER for n in names}


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
    return cache.at(entry.id, legacy_path(entry, params), family=family, category="legacy",
                    settle_on=settle_on)

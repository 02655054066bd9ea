"""Cutover checks: the legacy V1 route map, retired mocks, the V3 default flag and the
route-inventory guard."""

from __future__ import annotations

from contracts import Contract, LegacyRoute
from contracts.paths import match_template, path_of
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext, Judged
from harness.checks.findings import Finding
from harness.checks.observations import Inventory, LegacyVisit, RetiredVisit
from harness.checks.registry import check

RETIRED_STATUSES = (404, 410)


def _landed(contract: Contract, snap: RouteSnapshot) -> str:
    route = contract.route_id_of(snap.final_url)
    return f"{path_of(snap.final_url)} ({route or 'no canonical route'}, HTTP {snap.status})"


def _redirect_findings(ctx: CheckContext[LegacyRoute, LegacyVisit]) -> list[Finding]:
    entry, snap, contract = ctx.entry, ctx.seen.snapshot, ctx.contract
    redirect = entry.redirect
    if redirect is None:
        return [ctx.finding("a redirect entry", "no redirect in the contract")]
    target = contract.route(redirect.to)
    url = snap.reported_url
    expected = f"{entry.path} to land on {redirect.to} ({target.path})"
    if snap.error:
        return [ctx.finding(expected, snap.error, url=url)]
    params = match_template(target.path, snap.final_url)
    if snap.status is None or snap.status >= 400 or params is None or \
            contract.route_id_of(snap.final_url) != redirect.to:
        return [ctx.finding(expected, f"it landed on {_landed(contract, snap)}", url=url)]
    out = []
    for to_param, source in redirect.params.items():
        if isinstance(source, str):
            want = ctx.seen.params.get(source)
            if params.get(to_param) != want:
                out.append(ctx.finding(f"{to_param} = {want!r} (copied from {source})",
                                       f"{to_param} = {params.get(to_param)!r}", url=url))
        else:
            want = ctx.seen.params.get(source.resolved_from)
            if want not in snap.aliases.values():
                out.append(ctx.finding(
                    f"the landing page to be the resource resolved from {source.resolved_from} "
                    f"{want!r} ({contract.selectors.resource_aliases})",
                    f"aliases {dict(snap.aliases) or 'none'}", url=url))
    accepted = redirect.accepted_statuses
    if accepted and not redirect.client_side and snap.redirect_status not in accepted:
        kind = f"{redirect.status} redirect" if isinstance(redirect.status, str) else "redirect"
        out.append(ctx.finding(f"a {kind} (HTTP {' or '.join(map(str, accepted))})",
                               f"HTTP {snap.redirect_status}" if snap.redirect_status
                               else "no HTTP redirect", url=url))
    if snap.redirects > redirect.max_hops:
        out.append(ctx.finding(f"at most {redirect.max_hops} hop(s)", f"{snap.redirects} hops",
                               url=url))
    if not snap.shell:
        out.append(ctx.finding("the landing page inside the V3 shell", "no global shell",
                               url=url))
    return out


@check("legacy-redirect", gate="mapped", title="V1 route redirects to its V3 route")
def legacy_redirect(ctx: CheckContext[LegacyRoute, LegacyVisit]) -> list[Finding]:
    """A mapped V1 URL must land on its V3 page, for the same resource, inside the V3 shell."""
    return _redirect_findings(ctx)


@check("legacy-passthrough", gate="mapped", title="Passed-through V1 route is still served")
def legacy_passthrough(ctx: CheckContext[LegacyRoute, LegacyVisit]) -> list[Finding]:
    """V1 stays an internal fallback until its named V3 task lands: it must still answer."""
    entry, snap = ctx.entry, ctx.seen.snapshot
    task = entry.passthrough.task if entry.passthrough else "(no task)"
    expected = f"{entry.path} still served (V1 fallback until: {task})"
    if snap.error:
        return [ctx.finding(expected, snap.error, url=snap.reported_url)]
    if snap.status is None or snap.status >= 400:
        return [ctx.finding(expected, f"HTTP {snap.status}", url=snap.reported_url)]
    return []


@check("legacy-retired", gate="mapped", title="Retired route stays retired")
def legacy_retired(ctx: CheckContext[LegacyRoute, RetiredVisit]) -> list[Finding]:
    """Retired V1 pages and /v3 mocks must answer 404/410 or land on a canonical route."""
    sample, snap, contract = ctx.seen.sample, ctx.seen.snapshot, ctx.contract
    expected = f"{sample} to answer 404/410 or land on a canonical route"
    if snap.error:
        return [ctx.finding(expected, snap.error, url=snap.reported_url)]
    if snap.status in RETIRED_STATUSES:
        return []
    landed = contract.route_id_of(snap.final_url)
    if snap.status is not None and snap.status < 400 and landed is not None and snap.shell:
        return []
    return [ctx.finding(expected, f"it served {_landed(contract, snap)}"
                        + (" with the V3 shell" if snap.shell else ""), url=snap.reported_url)]


@check("v3-default", gate="v3-live", title="V3 is the default UI")
def v3_default(ctx: CheckContext[Judged, RouteSnapshot]) -> list[Finding]:
    """With no flag set, `/` must render V3: V1 is only an opt-in fallback."""
    snap, contract = ctx.seen, ctx.contract
    flag = contract.v3_flag
    unset = f" with no {flag.mechanism} '{flag.name}' set" if flag else ""
    expected = f"/{unset} to render V3 ({contract.selectors.global_shell})"
    if not snap.loaded:
        return [ctx.finding(expected, snap.error or f"HTTP {snap.status}", url=snap.reported_url)]
    if snap.v1_layout or not snap.shell:
        found = "the V1 layout" if snap.v1_layout else "no V3 shell"
        return [ctx.finding(expected, f"{found} at {path_of(snap.final_url)}",
                            url=snap.reported_url)]
    return []


@check("route-inventory", gate="mapped", title="Every reachable path is mapped",
       criterion="route-map")
def route_inventory(ctx: CheckContext[Judged, Inventory]) -> list[Finding]:
    """A legacy page neither mapped nor passed through would silently survive the cutover."""
    contract = ctx.contract
    unmatched = {path: referrer for path, referrer in sorted(ctx.seen.found.items())
                 if contract.match_path(path) is None and contract.match_legacy(path) is None}
    if not unmatched:
        return []
    listing = "; ".join(f"{p} (linked from {r})" for p, r in unmatched.items())
    return [ctx.finding("every reachable path to match a canonical route or a legacy entry",
                        f"{len(unmatched)} unmatched: {listing}")]


@check("v1-passthrough-layout", gate="compat", title="V1 fallback page keeps its V1 layout",
       criterion="v1-compat-opt-in")
def v1_passthrough_layout(ctx: CheckContext[LegacyRoute, LegacyVisit]) -> list[Finding]:
    """Compatibility: a passed-through V1 page still renders as V1, outside the V3 shell."""
    snap = ctx.seen.snapshot
    expected = f"{ctx.entry.path} in the V1 layout ({ctx.contract.selectors.v1_layout})"
    if not snap.loaded:
        return [ctx.finding(expected, snap.error or f"HTTP {snap.status}", url=snap.reported_url)]
    if not snap.v1_layout or snap.shell:
        return [ctx.finding(expected, "the V3 shell" if snap.shell else "no V1 layout",
                            url=snap.reported_url)]
    return []


@check("v1-mode", gate="compat", title="V1 mode serves the V1 dashboard",
       criterion="v1-compat-opt-in")
def v1_mode(ctx: CheckContext[Judged, RouteSnapshot]) -> list[Finding]:
    """Compatibility: with the flag set to V1, `/` still serves the V1 dashboard."""
    snap, flag = ctx.seen, ctx.contract.v3_flag
    if flag is None:  # the suite skips this test first; a direct call says why it cannot pass
        return [ctx.finding("a V1/V3 flag in the contract (v3_flag)", "no v3_flag section")]
    expected = f"/ with {flag.name}={flag.v1} to serve the V1 layout"
    if not snap.loaded:
        return [ctx.finding(expected, snap.error or f"HTTP {snap.status}", url=snap.reported_url)]
    if not snap.v1_layout or snap.shell:
        shown = "the V3 shell" if snap.shell else "no V1 layout"
        return [ctx.finding(expected, f"{shown} at {path_of(snap.final_url)}",
                            url=snap.reported_url)]
    return []


@check("v1-deep-link", gate="compat", title="V1 deep links with ids still resolve",
       criterion="v1-compat-opt-in")
def v1_deep_link(ctx: CheckContext[LegacyRoute, LegacyVisit]) -> list[Finding]:
    """Compatibility: bookmarked V1 URLs with ids keep reaching the same resource."""
    return _redirect_findings(ctx)

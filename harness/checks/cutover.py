"""Cutover checks: the legacy V1 route map, section redirects, retired mocks, what an unknown
path answers, the V3 default flag and the route-inventory guard."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from contracts import Contract, LegacyRoute, Route, SectionRedirect
from contracts.paths import match_template, path_and_query, path_of, query_problem
from contracts.wording import normalize
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext, Judged
from harness.checks.findings import Finding
from harness.checks.observations import Inventory, LegacyVisit, RetiredVisit
from harness.checks.registry import check

RETIRED_STATUSES = (404, 410)


def _landed(contract: Contract, snap: RouteSnapshot) -> str:
    route = contract.route_id_of(snap.final_url)
    return (f"{path_and_query(snap.final_url)} ({route or 'no canonical route'}, "
            f"HTTP {snap.status})")


def _query_findings(ctx: CheckContext[Judged, object], want: Mapping[str, str],
                    allow_extra: bool, snap: RouteSnapshot) -> list[Finding]:
    """A landing whose route or redirect names a query must carry exactly that query (others
    only where the contract allows them): a dropped `?view=` shows another view of the page."""
    if not want:
        return []
    problem = query_problem(want, snap.final_url, allow_extra=allow_extra)
    if problem is None:
        return []
    extra = " (and any other)" if allow_extra else " (and no other)"
    return [ctx.finding(f"the landing URL's query to carry {urlencode(want)}{extra}",
                        f"{problem} at {path_and_query(snap.final_url)}", url=snap.reported_url)]


def _identity_findings(ctx: CheckContext[LegacyRoute, LegacyVisit], params: dict[str, str]
                       ) -> list[Finding]:
    """A resolved id proved by the landing page's identity: its URL's id, or the resource name
    it shows, is the id the contract expects (a sample's, else the legacy id itself)."""
    snap, out = ctx.seen.snapshot, []
    for to_param, source in ctx.entry.resolved_params.items():
        legacy_value = ctx.seen.params.get(source)
        want = ctx.seen.landing.get(to_param) or legacy_value
        name = normalize(snap.resource_name) if snap.resource_name is not None else None
        if want is not None and want in (params.get(to_param), name):
            continue
        out.append(ctx.finding(
            f"the landing page to be the resource {want!r} that {source} {legacy_value!r} "
            f"resolves to (its URL's {to_param}, or its name "
            f"{ctx.contract.selectors.resource_name})",
            f"{to_param} = {params.get(to_param)!r}, named {name!r}", url=snap.reported_url))
    return out


Visit = CheckContext[LegacyRoute, LegacyVisit] | CheckContext[SectionRedirect, LegacyVisit]


def _landing(ctx: Visit, to: str, expected: str) -> dict[str, str] | Finding:
    """The landing page's params when a visit landed, served, on route `to`; else the finding
    that says where it went instead."""
    snap, contract = ctx.seen.snapshot, ctx.contract
    url = snap.reported_url
    if snap.error:
        return ctx.finding(expected, snap.error, url=url)
    params = match_template(contract.route(to).path, snap.final_url)
    if snap.status is None or snap.status >= 400 or params is None or \
            contract.route_id_of(snap.final_url) != to:
        return ctx.finding(expected, f"it landed on {_landed(contract, snap)}", url=url)
    return params


def _redirect_findings(ctx: CheckContext[LegacyRoute, LegacyVisit]) -> list[Finding]:
    entry, snap, contract = ctx.entry, ctx.seen.snapshot, ctx.contract
    redirect = entry.redirect
    if redirect is None:
        return [ctx.finding("a redirect entry", "no redirect in the contract")]
    target = contract.route(redirect.to)
    url = snap.reported_url
    query = {**target.query, **redirect.query}
    with_query = f" with {urlencode(redirect.query)}" if redirect.query else ""
    expected = f"{entry.path} to land on {redirect.to} ({target.path}){with_query}"
    params = _landing(ctx, redirect.to, expected)
    if isinstance(params, Finding):
        return [params]
    identity = entry.proves_resolution_by == "identity"
    out = _query_findings(ctx, query, redirect.extra_query, snap)
    if identity:
        out += _identity_findings(ctx, params)
    for to_param, source in redirect.params.items():
        if isinstance(source, str):
            want = ctx.seen.params.get(source)
            if params.get(to_param) != want:
                out.append(ctx.finding(f"{to_param} = {want!r} (copied from {source})",
                                       f"{to_param} = {params.get(to_param)!r}", url=url))
        elif not identity:
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


def _catch_all(contract: Contract) -> Route | None:
    """The route a catch-all app sends an unserved path to (`not_found.redirects_to`)."""
    landing = contract.not_found.redirects_to
    return contract.route(landing) if landing else None


def _caught(contract: Contract, snap: RouteSnapshot, landing: Route) -> bool:
    """Landed on the catch-all's route, as that page (its own heading where the contract names
    one, the V3 shell, no V1 layout): nothing of the unserved path's page is shown."""
    heading = contract.heading_expected(landing)
    return (snap.status is not None and snap.status < 400 and snap.shell and not snap.v1_layout
            and contract.route_id_of(snap.final_url) == landing.id
            and (heading is None or heading.matches(snap.heading)))


def _unserved(contract: Contract, snap: RouteSnapshot) -> str:
    found = f"it served {_landed(contract, snap)}"
    if snap.heading:
        found += f" headed {normalize(snap.heading)!r}"
    return found + (" with the V3 shell" if snap.shell else "")


@check("legacy-retired", gate="mapped", title="Retired route stays retired")
def legacy_retired(ctx: CheckContext[LegacyRoute, RetiredVisit]) -> list[Finding]:
    """Retired V1 pages and /v3 mocks must answer 404/410, land on a canonical route through an
    HTTP redirect, or, in a catch-all app, land on its not-found route."""
    sample, snap, contract = ctx.seen.sample, ctx.seen.snapshot, ctx.contract
    landing = _catch_all(contract)
    also = (f", or land on {landing.id} ({landing.path}; not_found.redirects_to)"
            if landing else "")
    expected = f"{sample} to answer 404/410 or land on a canonical route{also}"
    if snap.error:
        return [ctx.finding(expected, snap.error, url=snap.reported_url)]
    if snap.status in RETIRED_STATUSES:
        return []
    if landing is not None and _caught(contract, snap, landing):
        return []
    landed = contract.route_id_of(snap.final_url)
    # In a catch-all app a 200 for the retired path itself is what a live page looks like too:
    # only an HTTP redirect to a canonical page proves the path itself serves nothing.
    redirected = landing is None or snap.redirect_status is not None
    if snap.status is not None and snap.status < 400 and landed is not None and snap.shell \
            and redirected:
        return []
    return [ctx.finding(expected, _unserved(contract, snap), url=snap.reported_url)]


@check("not-found", gate="mapped", title="An unknown path is not found")
def not_found(ctx: CheckContext[Judged, RetiredVisit]) -> list[Finding]:
    """An app that answers any path with a page hides broken links and lets retired routes look
    alive: an unknown path must answer 404/410, or land on the catch-all's route."""
    sample, snap, contract = ctx.seen.sample, ctx.seen.snapshot, ctx.contract
    landing = _catch_all(contract)
    expected = (f"the unknown path {sample} to answer 404/410"
                + (f" or land on {landing.id} ({landing.path}; not_found.redirects_to)"
                   if landing else " (not_found.redirects_to: none)"))
    if snap.error:
        return [ctx.finding(expected, snap.error, url=snap.reported_url)]
    if snap.status in RETIRED_STATUSES:
        return []
    if landing is not None and _caught(contract, snap, landing):
        return []
    return [ctx.finding(expected, _unserved(contract, snap), url=snap.reported_url)]


@check("section-redirect", gate="mapped", title="V3 section path lands on its route",
       criterion="route-map")
def section_redirect(ctx: CheckContext[SectionRedirect, LegacyVisit]) -> list[Finding]:
    """A V3 path that is no page of its own (a section's landing) must still reach the page it
    stands for: a link or bookmark to it is as good as one to the route."""
    entry, snap, contract = ctx.entry, ctx.seen.snapshot, ctx.contract
    target = contract.route(entry.to)
    url = snap.reported_url
    expected = f"{entry.path} to land on {entry.to} ({target.path})"
    params = _landing(ctx, entry.to, expected)
    if isinstance(params, Finding):
        return [params]
    out = _query_findings(ctx, target.query, entry.extra_query, snap)
    for name in target.params:
        want = ctx.seen.params.get(name)
        if params.get(name) != want:
            out.append(ctx.finding(f"{name} = {want!r} (copied from {entry.path})",
                                   f"{name} = {params.get(name)!r}", url=url))
    if not snap.shell:
        out.append(ctx.finding("the landing page inside the V3 shell", "no global shell",
                               url=url))
    return out


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
                 if not contract.is_known(path)}
    if not unmatched:
        return []
    listing = "; ".join(f"{p} (linked from {r})" for p, r in unmatched.items())
    return [ctx.finding("every reachable path to match a canonical route, a legacy entry or a "
                        "section redirect",
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

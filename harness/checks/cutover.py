"""Cutover checks: the legacy V1 route map, retired mocks, the V3 default flag and the
route-inventory guard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from harness.capture.snapshot import RouteSnapshot, path_of
from harness.checks.findings import Finding, Subject
from harness.checks.registry import check
from harness.paths import match_template, route_id_of

RETIRED_STATUSES = (404, 410)


def _f(name: str, entry: Any, snap: RouteSnapshot | None, expected: str, found: str) -> Finding:
    return Finding(check=name, subject=entry.id, source=str(entry.source),
                   url=snap.reported_url if snap else None, expected=expected, found=found)


def _landed(contract: Any, snap: RouteSnapshot) -> str:
    route = route_id_of(contract, snap.final_url)
    return f"{path_of(snap.final_url)} ({route or 'no canonical route'}, HTTP {snap.status})"


@check("legacy-redirect", gate="mapped", title="V1 route redirects to its V3 route")
def legacy_redirect(entry: Any, snap: RouteSnapshot, legacy_params: Mapping[str, str],
                    contract: Any) -> list[Finding]:
    """A mapped V1 URL must land on its V3 page, for the same resource, inside the V3 shell."""
    redirect = entry.redirect
    target = contract.route(redirect.to)
    expected = f"{entry.path} to land on {redirect.to} ({target.path})"
    if snap.error:
        return [_f("legacy-redirect", entry, snap, expected, snap.error)]
    params = match_template(target.path, path_of(snap.final_url))
    if snap.status is None or snap.status >= 400 or params is None or \
            route_id_of(contract, snap.final_url) != redirect.to:
        return [_f("legacy-redirect", entry, snap, expected, f"it landed on "
                   f"{_landed(contract, snap)}")]
    out = []
    for to_param, source in redirect.params.items():
        if isinstance(source, str):
            want = legacy_params.get(source)
            if params.get(to_param) != want:
                out.append(_f("legacy-redirect", entry, snap,
                              f"{to_param} = {want!r} (copied from {source})",
                              f"{to_param} = {params.get(to_param)!r}"))
        else:
            want = legacy_params.get(source.resolved_from)
            if want not in snap.aliases.values():
                out.append(_f("legacy-redirect", entry, snap,
                              f"the landing page to be the resource resolved from "
                              f"{source.resolved_from} {want!r} "
                              f"({contract.selectors.resource_aliases})",
                              f"aliases {dict(snap.aliases) or 'none'}"))
    if snap.redirects > redirect.max_hops:
        out.append(_f("legacy-redirect", entry, snap, f"at most {redirect.max_hops} hop(s)",
                      f"{snap.redirects} hops"))
    if not snap.shell:
        out.append(_f("legacy-redirect", entry, snap, "the landing page inside the V3 shell",
                      "no global shell"))
    return out


@check("legacy-passthrough", gate="mapped", title="Passed-through V1 route is still served")
def legacy_passthrough(entry: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """V1 stays an internal fallback until its named V3 task lands: it must still answer."""
    expected = f"{entry.path} still served (V1 fallback until: {entry.passthrough.task})"
    if snap.error:
        return [_f("legacy-passthrough", entry, snap, expected, snap.error)]
    if snap.status is None or snap.status >= 400:
        return [_f("legacy-passthrough", entry, snap, expected, f"HTTP {snap.status}")]
    return []


@check("legacy-retired", gate="mapped", title="Retired route stays retired")
def legacy_retired(entry: Any, sample: str, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Retired V1 pages and /v3 mocks must answer 404/410 or land on a canonical route."""
    expected = f"{sample} to answer 404/410 or land on a canonical route"
    if snap.error:
        return [_f("legacy-retired", entry, snap, expected, snap.error)]
    if snap.status in RETIRED_STATUSES:
        return []
    landed = route_id_of(contract, snap.final_url)
    if snap.status is not None and snap.status < 400 and landed is not None and snap.shell:
        return []
    return [_f("legacy-retired", entry, snap, expected, f"it served {_landed(contract, snap)}"
               + (" with the V3 shell" if snap.shell else ""))]


@check("v3-default", gate="v3-live", title="V3 is the default UI")
def v3_default(flag: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """With no flag set, `/` must render V3: V1 is only an opt-in fallback."""
    flag = _flag_subject(flag)
    expected = (f"/ with no {contract.v3_flag.mechanism} '{contract.v3_flag.name}' set to "
                f"render V3 ({contract.selectors.global_shell})")
    if not snap.loaded:
        return [_f("v3-default", flag, snap, expected, snap.error or f"HTTP {snap.status}")]
    if snap.v1_layout or not snap.shell:
        found = "the V1 layout" if snap.v1_layout else "no V3 shell"
        return [_f("v3-default", flag, snap, expected, f"{found} at {path_of(snap.final_url)}")]
    return []


@check("route-inventory", gate="mapped", title="Every reachable path is mapped")
def route_inventory(subject: Any, found: Mapping[str, str], contract: Any) -> list[Finding]:
    """A legacy page neither mapped nor passed through would silently survive the cutover."""
    unmatched = {}
    for path, referrer in sorted(found.items()):
        if route_id_of(contract, path) is not None:
            continue
        if any(match_template(legacy.path, path) is not None for legacy in contract.legacy):
            continue
        unmatched[path] = referrer
    if not unmatched:
        return []
    listing = "; ".join(f"{p} (linked from {r})" for p, r in unmatched.items())
    return [Finding("route-inventory", subject.id, str(subject.source),
                    "every reachable path to match a canonical route or a legacy entry",
                    f"{len(unmatched)} unmatched: {listing}")]


@check("v1-passthrough-layout", gate="compat", title="V1 fallback page keeps its V1 layout")
def v1_passthrough_layout(entry: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Compatibility: a passed-through V1 page still renders as V1, outside the V3 shell."""
    expected = f"{entry.path} in the V1 layout ({contract.selectors.v1_layout})"
    if not snap.loaded:
        return [_f("v1-passthrough-layout", entry, snap, expected,
                   snap.error or f"HTTP {snap.status}")]
    if not snap.v1_layout or snap.shell:
        return [_f("v1-passthrough-layout", entry, snap, expected,
                   "the V3 shell" if snap.shell else "no V1 layout")]
    return []


@check("v1-mode", gate="compat", title="V1 mode serves the V1 dashboard")
def v1_mode(flag: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Compatibility: with the flag set to V1, `/` still serves the V1 dashboard."""
    setting = flag
    flag = _flag_subject(flag)
    expected = f"/ with {setting.name}={setting.v1} to serve the V1 layout"
    if not snap.loaded:
        return [_f("v1-mode", flag, snap, expected, snap.error or f"HTTP {snap.status}")]
    if not snap.v1_layout or snap.shell:
        return [_f("v1-mode", flag, snap, expected,
                   f"{'the V3 shell' if snap.shell else 'no V1 layout'} at "
                   f"{path_of(snap.final_url)}")]
    return []


def _flag_subject(flag: Any) -> Subject:
    return Subject("v3_flag", str(flag.source))


@check("v1-deep-link", gate="compat", title="V1 deep links with ids still resolve")
def v1_deep_link(entry: Any, snap: RouteSnapshot, legacy_params: Mapping[str, str],
                 contract: Any) -> list[Finding]:
    """Compatibility: bookmarked V1 URLs with ids keep reaching the same resource."""
    return [replace(f, check="v1-deep-link")
            for f in legacy_redirect(entry, snap, legacy_params, contract)]

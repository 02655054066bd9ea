"""The V1-dependency guard: every navigation target a V3 page exposes (links, form actions,
client-side targets) is canonical, external to an allowed host, or neither; a V3 page that still
reaches a page through a legacy V1 URL keeps that V1 route alive, so it fails here and the
readiness report lists it as an inbound V1 link of that route. So does a request the page makes
in the background to a legacy V1 path (XHR/fetch, script, stylesheet, image, frame)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from contracts import Contract, Route
from contracts.paths import path_of
from harness.capture.snapshot import LinkTarget, PageRequest, RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.evidence import CheckEvidence
from harness.checks.findings import Finding
from harness.checks.registry import PAGE, check

LinkClass = Literal["canonical", "legacy", "external", "unknown", "other"]
WEB_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Classified:
    target: LinkTarget
    kind: LinkClass
    legacy_id: str | None = None  # for "legacy": the legacy entry the URL matches
    allowed: bool = True  # for "external": the host is one the contract lists


def classify(contract: Contract, target: LinkTarget, page_url: str) -> Classified:
    """Canonical route, legacy V1 route, external host, unknown same-origin path, or
    something that is no web address at all (mailto:, javascript:)."""
    if not target.url:
        return Classified(target, "other")
    parts = urlsplit(target.url)
    if parts.scheme not in WEB_SCHEMES:
        return Classified(target, "other")
    if parts.netloc != urlsplit(page_url).netloc:
        host = parts.hostname or ""
        allowed = any(fnmatch.fnmatch(host, pattern) for pattern in contract.crawl.external_hosts)
        return Classified(target, "external", allowed=allowed)
    # Canonical first: a path both would match is served by V3, which is what matters here. A
    # section redirect is V3's own path too (it lands on a route; its gate proves where).
    if contract.match_path(target.url) is not None or \
            contract.match_redirect(target.url) is not None:
        return Classified(target, "canonical")
    legacy = contract.match_legacy(target.url)
    if legacy is not None:
        return Classified(target, "legacy", legacy_id=legacy[0].id)
    return Classified(target, "unknown")


def classify_all(contract: Contract, snap: RouteSnapshot) -> list[Classified]:
    page_url = snap.final_url or snap.requested_url
    return [classify(contract, t, page_url) for t in snap.targets]


def linked_legacy(contract: Contract, snap: RouteSnapshot) -> dict[str, list[str]]:
    """Legacy id -> the elements of this page that link it, and the requests it made to it in
    the background: the page's inbound V1 links and dependencies."""
    out: dict[str, list[str]] = {}
    for c in classify_all(contract, snap):
        if c.kind == "legacy" and c.legacy_id:
            out.setdefault(c.legacy_id, []).append(_where(c.target))
    for request, legacy_id in requested_legacy(contract, snap):
        out.setdefault(legacy_id, []).append(_requested(request))
    return out


def requested_legacy(contract: Contract, snap: RouteSnapshot
                     ) -> list[tuple[PageRequest, str]]:
    """The requests a page made while it loaded (XHR/fetch, script, stylesheet, image, frame)
    to a legacy V1 path of its own origin, once each, with the legacy id each matches: a hidden
    V1 dependency keeps that route alive as surely as a link does."""
    page = urlsplit(snap.final_url or snap.requested_url).netloc
    out: list[tuple[PageRequest, str]] = []
    seen: set[tuple[str, str]] = set()
    for request in snap.requests:
        parts = urlsplit(request.url)
        key = (request.resource_type, request.url)
        if parts.scheme not in WEB_SCHEMES or parts.netloc != page or key in seen:
            continue
        seen.add(key)
        if contract.match_path(request.url) is not None or \
                contract.match_redirect(request.url) is not None:
            continue  # canonical first, as for links
        legacy = contract.match_legacy(request.url)
        if legacy is not None:
            out.append((request, legacy[0].id))
    return out


def _requested(request: PageRequest) -> str:
    return f"{request.resource_type} request {request.url}"


def _where(target: LinkTarget) -> str:
    label = f" {target.text!r}" if target.text else ""
    return f"{target.kind} {target.element}{label} -> {target.raw!r}"


def _ignored(contract: Contract, url: str) -> bool:
    path = path_of(url)
    return any(fnmatch.fnmatch(path, pattern) for pattern in contract.crawl.ignore)


def _unique(found: Iterable[Classified]) -> list[Classified]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for c in found:
        key = (c.target.kind, c.target.element, c.target.raw)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def inbound_v1_links(ctx: CheckContext[Route, RouteSnapshot]) -> CheckEvidence:
    """Every V1 route this page links, kept or not: readiness lists the page as an inbound V1
    link of each, which is what keeps that route from being retired."""
    return {"v1_links": sorted(linked_legacy(ctx.contract, ctx.seen))}


@check("v1-links", gate="v1-links", title="V3 page links no legacy V1 route",
       evidence=inbound_v1_links, report_cost=True, reads=(PAGE,))
def v1_links(ctx: CheckContext[Route, RouteSnapshot]) -> list[Finding]:
    """A V3 page that reaches a page through a V1 URL keeps that V1 route alive after cutover."""
    contract, snap = ctx.contract, ctx.seen
    url = snap.reported_url
    out = []
    for c in _unique(classify_all(contract, snap)):
        if c.kind == "legacy" and c.legacy_id:
            legacy = contract.legacy_route(c.legacy_id)
            # A passed-through V1 page is still the product's way to do that task: reported,
            # not failed, until its V3 task lands.
            kept = legacy.passthrough is not None
            to = legacy.redirect.to if legacy.redirect else None
            instead = f"the V3 route {to} ({contract.route(to).path})" if to \
                else "a canonical route"
            out.append(ctx.finding(
                f"links to {instead}, not the legacy route {legacy.id} ({legacy.path})",
                f"{_where(c.target)} on {ctx.entry.id}",
                url=url, severity="warning" if kept else "error"))
        elif c.kind == "external" and not c.allowed:
            host = urlsplit(c.target.url or "").hostname
            out.append(ctx.finding(
                f"external links only to hosts the contract lists "
                f"({', '.join(contract.crawl.external_hosts) or 'none'})",
                f"{_where(c.target)} (host {host}) on {ctx.entry.id}", url=url))
        elif c.kind == "unknown" and c.target.url and not _ignored(contract, c.target.url):
            # Unmapped same-origin paths are the route-inventory guard's finding.
            out.append(ctx.finding("links to canonical routes",
                                   f"{_where(c.target)}, which no route or legacy entry matches",
                                   url=url, severity="warning"))
    for request, legacy_id in requested_legacy(contract, snap):
        legacy = contract.legacy_route(legacy_id)
        out.append(ctx.finding(
            f"no background request to the legacy route {legacy.id} ({legacy.path})",
            f"{_requested(request)} on {ctx.entry.id}", url=url,
            severity="warning" if legacy.passthrough is not None else "error"))
    return out

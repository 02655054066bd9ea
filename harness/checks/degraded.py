"""The degraded-backend gate: a page whose API calls fail, time out, answer an empty collection
or null optional fields must stay inside the global shell with its local nav and back link, say
what happened in the contract's error or empty state, and leak nothing (the rendering-leak
check runs on the degraded page). Judged from one snapshot of the degraded page."""

from __future__ import annotations

import re

from contracts import Route
from contracts.degraded import ERROR_VARIANTS, DegradedRoute
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.findings import Finding
from harness.checks.navigation import back_link, local_nav, shell_containment
from harness.checks.observations import DegradedPage
from harness.checks.registry import Check, check
from harness.checks.rendering import rendering_leaks

# What each variant did to the route's calls, as findings say it.
ANSWERS = {"500": "answering HTTP 500", "timeout": "timing out",
           "empty": "answering an empty collection",
           "null-fields": "answering null optional fields"}
# The checks of the healthy page that must hold on the degraded one too.
PAGE_CHECKS: tuple[Check[Route, RouteSnapshot], ...] = (
    shell_containment, local_nav, back_link, rendering_leaks)


def situation(entry: DegradedRoute, variant: str) -> str:
    """`with /api/... answering HTTP 500`: the degraded condition a finding is about."""
    calls = ", ".join(c.url for c in entry.calls)
    return f"with {calls} {ANSWERS.get(variant, variant)}"


def state_findings(ctx: CheckContext[DegradedRoute, DegradedPage], where: str) -> list[Finding]:
    """The error state on a failed call, the empty state on an empty one, each saying so; no
    error state when only optional fields are null (that is data, not a failure)."""
    seen, settings = ctx.seen, ctx.contract.degraded
    url = seen.snapshot.reported_url
    if seen.variant == "null-fields":
        return [ctx.finding(f"{where}, the data with null fields shown as such, not the error "
                            f"state {settings.error_state}", f"error state {text!r}", url=url)
                for text in seen.error_texts]
    if seen.variant in ERROR_VARIANTS:
        selector, pattern, texts, state = (settings.error_state, settings.error_text,
                                           seen.error_texts, "error")
    else:
        selector, pattern, texts, state = (settings.empty_state, settings.empty_text,
                                           seen.empty_texts, "empty")
    expected = f"{where}, the {state} state {selector} with text matching {pattern}"
    if not texts:
        return [ctx.finding(expected, f"no visible {selector} on the page", url=url)]
    if not any(re.search(pattern, text) for text in texts):
        return [ctx.finding(expected, "text " + ", ".join(repr(t) for t in texts), url=url)]
    return []


@check("degraded-backend", gate="degraded", title="A degraded backend leaves the page usable",
       report_cost=True)
def degraded_backend(ctx: CheckContext[DegradedRoute, DegradedPage]) -> list[Finding]:
    """A failing or empty API must not strand the user: shell, nav and a clear state remain."""
    entry, seen, contract = ctx.entry, ctx.seen, ctx.contract
    snap = seen.snapshot
    where = situation(entry, seen.variant)
    url = snap.reported_url
    if not snap.loaded:
        return [ctx.finding(f"{entry.route} to load {where}",
                            snap.error or f"HTTP {snap.status}", url=url)]
    if not seen.answered:
        return [ctx.finding(f"the page to call {', '.join(c.shown for c in entry.calls)}",
                            "no such call (the contract's calls, by URL pattern, method and "
                            "operation, match nothing the page loads)", url=url)]
    found: list[Finding] = []
    if not seen.settled:
        found.append(ctx.finding(f"{where}, the page to finish loading (no "
                                 f"{contract.degraded.loading} left)",
                                 "still loading when the wait ran out", url=url))
    route = contract.route(entry.route)
    for page_check in PAGE_CHECKS:
        for sub in page_check(CheckContext(route, snap, contract, ctx.settings)):
            found.append(ctx.finding(f"{where}, {sub.expected}", sub.found,
                                     url=sub.url or url, severity=sub.severity))
    return found + state_findings(ctx, where)

"""A degraded page: one navigation to a route with the API calls the contract names answered by
the suite in the browser (Playwright request interception, so nothing reaches the target): an
HTTP 500, a timeout (the call is aborted as timed out: bounded, never a hang), an empty
collection or a body whose optional fields are null. The page is read with the same collector as
every route snapshot, once its loading markers are gone, plus its error/empty-state texts."""

from __future__ import annotations

import contextlib
import json
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import Route as PwRoute

from contracts import Route
from contracts.degraded import ApiCall, DegradedRoute
from contracts.paths import match_template, path_of
from harness.capture.cache import SnapshotCache
from harness.capture.id_resolver import DiscoveryError, EmptyListError
from harness.capture.snapshot import DegradedPage, RouteSnapshot

CATEGORY = "degraded"  # the navigation counter's category for these navigations
ERROR_BODY = {"error": "the cutover suite answered this call with an error"}

# Visible text of the elements matching each selector, and how many loading markers are left.
_READ_STATES = """([errorSel, emptySel, busySel]) => {
  const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const texts = (sel) => Array.from(document.querySelectorAll(sel)).filter(visible)
    .map((e) => (e.innerText || e.textContent || "").trim());
  return [texts(errorSel), texts(emptySel), document.querySelectorAll(busySel).length];
}"""


# Query parameters a GraphQL call over HTTP names its operation with (Dagster: `?op=`).
OPERATION_PARAMS = ("op", "operationName")


def operations_of(url: str, body: str | None) -> frozenset[str]:
    """The GraphQL operation names a call carries: its JSON body's `operationName` (each of a
    batch's) and its `?op=` / `?operationName=` query. Empty for a call that names none."""
    names = {v for k, vs in parse_qs(urlsplit(url).query).items() if k in OPERATION_PARAMS
             for v in vs}
    try:
        parsed = json.loads(body) if body else None
    except ValueError:
        parsed = None
    for item in parsed if isinstance(parsed, list) else [parsed]:
        if isinstance(item, dict) and isinstance(item.get("operationName"), str):
            names.add(item["operationName"])
    return frozenset(names)


def call_matches(call: ApiCall, method: str, url: str, body: str | None) -> bool:
    """A call is the contract's when its URL path matches and so do the method and the
    operation the contract gives (an ungiven one matches anything)."""
    if match_template(call.url.split("?", 1)[0], path_of(url)) is None:
        return False
    if call.method is not None and call.method != method.upper():
        return False
    return call.operation is None or call.operation in operations_of(url, body)


class Interception:
    """Answers the route's API calls with one variant while installed on a page."""

    def __init__(self, calls: tuple[ApiCall, ...], variant: str) -> None:
        self.calls = calls
        self.variant = variant
        self.answered: list[str] = []

    def call_for(self, method: str, url: str, body: str | None) -> ApiCall | None:
        return next((c for c in self.calls if call_matches(c, method, url, body)), None)

    def matches(self, url: str) -> bool:
        """Playwright's URL filter: only the path can be known before the request is seen."""
        path = path_of(url)
        return any(match_template(c.url.split("?", 1)[0], path) is not None for c in self.calls)

    def handle(self, route: PwRoute) -> None:
        request = route.request
        try:
            body = request.post_data
        except (PlaywrightError, UnicodeDecodeError):  # a binary body names no operation
            body = None
        call = self.call_for(request.method, request.url, body)
        if call is None:  # same path, another method or operation: not ours to answer
            route.fallback()
            return
        label = f"{request.method} {request.url}"
        ops = operations_of(request.url, body)
        self.answered.append(label + (f" ({', '.join(sorted(ops))})" if ops else ""))
        if self.variant == "timeout":
            route.abort("timedout")
        elif self.variant == "500":
            route.fulfill(status=500, content_type="application/json",
                          body=json.dumps(ERROR_BODY))
        else:
            answer = call.empty if self.variant == "empty" else call.nulls
            route.fulfill(status=200, content_type="application/json", body=json.dumps(answer))

    def install(self, page: Page) -> None:
        page.route(self.matches, self.handle)

    def remove(self, page: Page) -> None:
        with contextlib.suppress(PlaywrightError):  # a closed page intercepts nothing
            page.unroute(self.matches, self.handle)


def degraded_page(cache: SnapshotCache, route: Route, entry: DegradedRoute,
                  variant: str) -> DegradedPage:
    """Load `route` once with its API calls answered by `variant`, and read what it shows."""
    settings = cache.contract.degraded
    key = f"{route.id}-{variant}"
    try:
        url = cache.url_for(route)
    except DiscoveryError as exc:
        return DegradedPage(RouteSnapshot(key=key, requested_url="", error=str(exc),
                                          not_run=isinstance(exc, EmptyListError)), variant)
    interception = Interception(entry.calls, variant)
    # The snapshot page, never remembered: what it shows is the suite's answers, not the route.
    with cache.pool.visiting(cache.role, None, CATEGORY) as page:
        interception.install(page)
        try:
            snap = cache.read(page, key, url, route.family, busy=settings.loading)
            if not snap.loaded:
                return DegradedPage(snap, variant, tuple(interception.answered))
            try:
                errors, empties, busy = page.evaluate(
                    _READ_STATES, [settings.error_state, settings.empty_state, settings.loading])
            except PlaywrightError as exc:
                reason = f"the page could not be read: {str(exc).splitlines()[0]}"
                return DegradedPage(RouteSnapshot(key=key, requested_url=url, error=reason),
                                    variant)
        finally:
            interception.remove(page)
    return DegradedPage(snap, variant, tuple(interception.answered), settled=not busy,
                        error_texts=tuple(errors), empty_texts=tuple(empties))

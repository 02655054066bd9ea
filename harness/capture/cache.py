"""Route snapshots, taken once per route per session (per xdist worker) and shared by every static
gate; and the discovery of real ids for detail routes by following a list's first row link."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlencode

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from contracts import Contract, IdDiscovery, Route
from contracts.paths import match_template, path_of
from harness.capture.capture import capture
from harness.capture.collector import collector_spec
from harness.capture.navigation_counter import NavigationCounter
from harness.capture.snapshot import RouteSnapshot


class DiscoveryError(Exception):
    pass


class EmptyListError(DiscoveryError):
    """The list a route's ids come from shows no rows, and the contract says the route can only
    be checked with data (`ids.when_empty: skip`): its tests are not run, with this reason."""


# Events each capture listens to for its one navigation. Playwright tells the browser to start
# and stop sending an event whenever its first listener is added or its last removed: a
# permanent no-op listener keeps them subscribed, saving eight driver messages per snapshot.
_CAPTURE_EVENTS = ("console", "pageerror", "request", "response")


def _ignore(_: object) -> None:
    pass


class Closeable(Protocol):
    def close(self) -> None: ...


# Navigations on one page before it is replaced by a fresh one (see SnapshotCache.recycle_every).
RECYCLE_EVERY = 200


def close_quietly(thing: Closeable) -> None:
    """Close a context or browser at teardown even when the connection is already gone: a
    signal that lands inside a Playwright call tears it down, and the interrupted run must
    still finish (results kept, target stopped, exit 2) instead of ending in a traceback."""
    with contextlib.suppress(PlaywrightError):
        thing.close()


def _subscribed(page: Page) -> Page:
    for event in _CAPTURE_EVENTS:
        page.on(event, _ignore)  # type: ignore[call-overload]
    return page


@dataclass
class SnapshotCache:
    contract: Contract
    base_url: str
    target_name: str  # whose per-target id samples apply
    role: str
    new_context: Callable[..., BrowserContext]  # (role, flag=...) -> a context as that role
    counter: NavigationCounter
    timeout_ms: float
    a11y_tags: tuple[str, ...] | None = None
    # Scanning costs ~0.4 s a page: only routes whose accessibility gate will read it.
    a11y_routes: frozenset[str] = frozenset()
    # Chromium keeps ~1 MB per navigation on a long-lived page and frees it only when the page
    # closes: a fresh page (same context, same cookies) every this many snapshots keeps memory
    # and per-snapshot cost flat on large products.
    recycle_every: int = RECYCLE_EVERY
    # Whether a click test may start on the snapshot page (page_showing). Not when each test
    # records its own page (a trace, a video): its clicks must happen where they are recorded.
    lend_pages: bool = True

    def __post_init__(self) -> None:
        self._snapshots: dict[tuple[str, str], RouteSnapshot] = {}
        self._urls: dict[str, str | DiscoveryError] = {}
        self._pages: dict[tuple[str, str | None], Page] = {}
        self._pictures: dict[str, Path | None] = {}
        self._picture_page: Page | None = None
        self._uses: dict[tuple[str, str | None], int] = {}

    # -- pages -----------------------------------------------------------------------------
    def page(self, role: str, flag: str | None = None) -> Page:
        """The page snapshots are taken with, per role and V3-flag value (None: no flag)."""
        key = (role, flag)
        if key not in self._pages:
            context = self.new_context(role, flag=flag)
            self.counter.watch(context)
            self._pages[key] = _subscribed(context.new_page())
            self._uses[key] = 0
        elif self._uses[key] >= self.recycle_every:
            old = self._pages[key]
            self._pages[key] = _subscribed(old.context.new_page())
            old.close()
            self._uses[key] = 0
            self.counter.pages_recycled += 1
        self._uses[key] += 1
        return self._pages[key]

    def page_showing(self, url: str, category: str = "interactive") -> Page | None:
        """The run role's snapshot page while it still shows `url` (its snapshot was the last
        one taken): a click that changes no state can start there instead of opening the page
        once more. Its next navigations count under `category`."""
        page = self._pages.get((self.role, None))
        if not self.lend_pages or page is None or page.is_closed() or not url or page.url != url:
            return None
        self.counter.category = category
        return page

    def close(self) -> None:
        for page in self._pages.values():
            close_quietly(page.context)
        self._pages.clear()
        if self._picture_page is not None:
            close_quietly(self._picture_page.context)
            self._picture_page = None

    def picture(self, url: str, path: Path) -> Path | None:
        """A screenshot of `url` as the run's role, taken on demand when a gate judged from a
        snapshot failed: the route is opened again once, so a healthy run pays nothing. Its own
        context is not counted, so navigation budgets stay those of the snapshots."""
        if url not in self._pictures:
            self._pictures[url] = None
            if self._picture_page is None or self._picture_page.is_closed():
                self._picture_page = self.new_context(self.role).new_page()
            page = self._picture_page
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                page.goto(url, wait_until="load", timeout=self.timeout_ms)
                page.screenshot(path=str(path), timeout=self.timeout_ms)
            except PlaywrightError:
                return None  # the failure itself says what is wrong; no picture to add
            self._pictures[url] = path
        return self._pictures[url]

    # -- snapshots -------------------------------------------------------------------------
    def of(self, route: Route) -> RouteSnapshot:
        """The static-gate snapshot of a canonical route, as the run's role."""
        key = (route.id, self.role)
        if key not in self._snapshots:
            try:
                url = self.url_for(route)
            except DiscoveryError as exc:
                snap = RouteSnapshot(key=route.id, requested_url="", error=str(exc),
                                     not_run=isinstance(exc, EmptyListError))
            else:
                snap = self._take(route.id, url, route.family, category="static",
                                  busy=self._busy(route.id))
                self.counter.routes_snapshotted.add(route.id)
            self._snapshots[key] = snap
        return self._snapshots[key]

    def at(self, key: str, path: str, *, role: str | None = None, family: str | None = None,
           category: str = "roles", settle_on: str | None = None,
           flag: str | None = None) -> RouteSnapshot:
        """A snapshot of any path (a role's landing, a legacy URL), cached under `key`.
        `flag` sets the V3 flag to that value for the visit; None leaves it unset."""
        role = role or self.role
        if (key, role) not in self._snapshots:
            self._snapshots[(key, role)] = self._take(
                key, self.absolute(path), family, category=category, role=role,
                settle_on=settle_on, flag=flag)
        return self._snapshots[(key, role)]

    def landing(self, role: str) -> RouteSnapshot:
        """`/` as `role` with V3 selected explicitly: where V3 lands each role (whether V3 is
        also the default is the v3-default gate's question, asked without the flag)."""
        v3_flag = self.contract.v3_flag  # None: the product has no V1/V3 switch
        return self.at(f"landing:{role}", "/", role=role,
                       flag=v3_flag.v3 if v3_flag is not None else None)

    def _busy(self, route_id: str) -> str | None:
        """The loading marker to wait out on a route whose data the contract says comes from
        API calls (the degraded-backend section); None elsewhere: nothing to wait for."""
        degraded = self.contract.degraded
        return degraded.loading if degraded.route(route_id) is not None else None

    def fresh(self, key: str, url: str, family_id: str | None, *, category: str,
              busy: str | None = None) -> RouteSnapshot:
        """A snapshot of `url` taken now and never cached (a page the caller has changed, e.g.
        with its API calls intercepted), counted under `category`."""
        return self._take(key, url, family_id, category=category, busy=busy)

    def _take(self, key: str, url: str, family_id: str | None, *, category: str,
              role: str | None = None, settle_on: str | None = None,
              flag: str | None = None, busy: str | None = None) -> RouteSnapshot:
        family = self.contract.family(family_id) if family_id else None
        self.counter.category = category
        v3_flag = self.contract.v3_flag
        if flag is not None and v3_flag is not None and v3_flag.mechanism == "query":
            url += ("&" if "?" in url else "?") + urlencode({v3_flag.name: flag})
        return capture(
            self.page(role or self.role, flag), key, url, collector_spec(self.contract, family),
            ready_selector=f"{self.contract.selectors.page_title}, "
                           f"{self.contract.selectors.v1_layout}",
            timeout_ms=self.timeout_ms,
            a11y_tags=self.a11y_tags if category == "static" and key in self.a11y_routes
            else None, settle_on=settle_on, busy=busy,
        )

    def absolute(self, path: str) -> str:
        return self.base_url + path

    # -- id discovery ----------------------------------------------------------------------
    def url_for(self, route: Route, ids: IdDiscovery | None = None) -> str:
        """A real URL for `route`: its path, with ids found by following the first row link of
        its list route; the contract's per-target samples are the fallback."""
        cache_key = route.id if ids is None else f"{route.id}|{ids!r}"
        if cache_key not in self._urls:
            try:
                self._urls[cache_key] = self.absolute(self._discover(route, ids or route.ids))
            except DiscoveryError as exc:
                self._urls[cache_key] = exc
        found = self._urls[cache_key]
        if isinstance(found, DiscoveryError):
            raise found
        return found

    def _discover(self, route: Route, ids: IdDiscovery | None) -> str:
        if not route.params:
            return route.path
        sample = route.samples.get(self.target_name)
        problem = "no id discovery in the contract"
        empty = False
        if ids is not None:
            try:
                return route.format(self._params_from_list(route, ids))
            except DiscoveryError as exc:
                problem, empty = str(exc), isinstance(exc, EmptyListError)
        if sample:
            return route.format(sample)
        raise (EmptyListError if empty else DiscoveryError)(
            f"could not find a real id for {route.id} ({route.source}): {problem}"
            + ("" if sample else f"; no samples for target '{self.target_name}' either")
        )

    def listing(self, ids: IdDiscovery, params: dict[str, str] | None = None) -> RouteSnapshot:
        """The snapshot of the list a drill-down's ids come from, with the discovery's query:
        one cache key, so the tests that read the row discovery used add no navigation."""
        list_route = self.contract.route(ids.from_list)
        if not ids.query:
            return self.of(list_route)
        query = urlencode(dict(ids.query))
        return self.at(f"{list_route.id}?{query}", f"{list_route.format(params or {})}?{query}",
                       family=list_route.family, category="discovery")

    def _params_from_list(self, route: Route, ids: IdDiscovery) -> dict[str, str]:
        list_route = self.contract.route(ids.from_list)
        params: dict[str, str] = {}
        if list_route.params:
            if list_route.ids is None:
                raise DiscoveryError(f"list {list_route.id} has parameters but no id discovery")
            params.update(self._params_from_list(list_route, list_route.ids))
        snap = self.listing(ids, params)
        list_path = list_route.format(params) + (f"?{urlencode(dict(ids.query))}" if ids.query
                                                 else "")
        if not snap.loaded:
            raise DiscoveryError(f"list {list_route.id} did not load: {snap.error or snap.status}")
        if not snap.row_links:
            kind = EmptyListError if ids.when_empty == "skip" else DiscoveryError
            raise kind(f"list {list_route.id} ({list_path}) shows no row link "
                       f"({self.contract.selectors.row_link})")
        row_route = self.contract.route(ids.row_route or route.id)
        first = path_of(snap.row_links[0])
        matched = match_template(row_route.path, first)
        if matched is None:
            raise DiscoveryError(f"first row link of {list_route.id} is {first}, which does not "
                                 f"match {row_route.id} ({row_route.path})")
        return {**params, **matched}

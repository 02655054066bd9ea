"""The route snapshots a session (an xdist worker) shares: taken once each and read by every
static gate. It puts together the page pool (page_pool), id discovery (id_resolver) and the
memo (snapshot_store), and reads a page with the contract's selectors (collector)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from playwright.sync_api import Page

from contracts import Contract, IdDiscovery, Route
from harness.capture.capture import capture
from harness.capture.collector import collector_spec, network_tracker_js, readiness_spec
from harness.capture.id_resolver import DiscoveryError, EmptyListError, IdResolver
from harness.capture.navigation_counter import NavigationCounter
from harness.capture.page_pool import RECYCLE_EVERY, PagePool, RoleContexts
from harness.capture.snapshot import RouteSnapshot
from harness.capture.snapshot_store import SnapshotKey, SnapshotStore


@dataclass
class SnapshotCache:
    contract: Contract
    base_url: str
    target_name: str  # whose per-target id samples apply
    role: str
    new_context: RoleContexts
    counter: NavigationCounter
    timeout_ms: float
    a11y_tags: tuple[str, ...] | None = None
    # Scanning costs ~0.4 s a page: only routes whose accessibility gate will read it.
    a11y_routes: frozenset[str] = frozenset()
    recycle_every: int = RECYCLE_EVERY  # see PagePool
    lend_pages: bool = True  # see PagePool

    def __post_init__(self) -> None:
        self.pool = PagePool(self.new_context, self.counter, self.role, self.timeout_ms,
                             recycle_every=self.recycle_every, lend_pages=self.lend_pages,
                             init_script=network_tracker_js(
                                 self.contract.readiness.ignore_requests))
        self.ids = IdResolver(self.contract, self.base_url, self.target_name, lists=self)
        self.store = SnapshotStore()

    def of(self, route: Route) -> RouteSnapshot:
        """The static-gate snapshot of a canonical route, as the run's role."""
        key = SnapshotKey(route.id, None, category="static", role=self.role)
        return self.store.remember(key, lambda: self._route(route))

    def at(self, key: SnapshotKey, *, family: str | None = None,
           settle_on: str | None = None) -> RouteSnapshot:
        """A snapshot of the page `key` names (a role's landing, a legacy URL, ...), taken the
        first time it is asked for and read with `family`'s local navigation. `settle_on`: see
        capture()."""
        key = key.as_role(self.role)
        if key.path is None:
            raise ValueError(f"{key.name}: only a route's own snapshot (of) finds its path")
        url = self.absolute(key.path)
        return self.store.remember(key, lambda: self._take(
            key.name, url, family, category=key.category, role=key.role, flag=key.flag,
            settle_on=settle_on))

    def landing(self, role: str) -> RouteSnapshot:
        """`/` as `role` with V3 selected explicitly: where V3 lands each role (whether V3 is
        also the default is the v3-default gate's question, asked without the flag)."""
        v3_flag = self.contract.v3_flag  # None: the product has no V1/V3 switch
        return self.at(SnapshotKey("landing", "/", category="roles", role=role,
                                   flag=v3_flag.v3 if v3_flag is not None else None))

    def url_for(self, route: Route, ids: IdDiscovery | None = None) -> str:
        """A real URL for `route` (see IdResolver.url_for)."""
        return self.ids.url_for(route, ids)

    def listing(self, ids: IdDiscovery, params: dict[str, str] | None = None) -> RouteSnapshot:
        """The snapshot of the list a drill-down's ids come from (see IdResolver.listing)."""
        return self.ids.listing(ids, params)

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def read(self, page: Page, name: str, url: str, family_id: str | None, *,
             a11y: bool = False, settle_on: str | None = None,
             busy: str | None = None, route: Route | None = None,
             role: str | None = None) -> RouteSnapshot:
        """A snapshot of `url` on `page`, taken now and remembered nowhere: for a caller that
        has changed the page (e.g. with its API calls intercepted) and counts its navigation.
        `route`: the page is that route's, so its read waits for what its gates read."""
        family = self.contract.family(family_id) if family_id else None
        selectors = self.contract.selectors
        ready = f"{selectors.page_title}, {selectors.v1_layout}"
        return capture(page, name, url, collector_spec(self.contract, family),
                       ready_selector=ready,
                       timeout_ms=self.timeout_ms, a11y_tags=self.a11y_tags if a11y else None,
                       settle_on=settle_on, busy=busy,
                       readiness=readiness_spec(self.contract, route, role or self.role,
                                                any_of=ready),
                       setup=self.contract.setup)

    def close(self) -> None:
        self.pool.close()

    def _route(self, route: Route) -> RouteSnapshot:
        try:
            url = self.url_for(route)
        except DiscoveryError as exc:
            return RouteSnapshot(key=route.id, requested_url="", error=str(exc),
                                 not_run=isinstance(exc, EmptyListError))
        snap = self._take(route.id, url, route.family, category="static", role=self.role,
                          busy=self._busy(route.id), route=route)
        self.counter.routes_snapshotted.add(route.id)
        return snap

    def _busy(self, route_id: str) -> str | None:
        """The loading marker to wait out on a route whose data the contract says comes from
        API calls (the degraded-backend section); None elsewhere: nothing to wait for."""
        degraded = self.contract.degraded
        return degraded.loading if degraded.route(route_id) is not None else None

    def _take(self, name: str, url: str, family_id: str | None, *, category: str,
              role: str | None, flag: str | None = None, settle_on: str | None = None,
              busy: str | None = None, route: Route | None = None) -> RouteSnapshot:
        v3_flag = self.contract.v3_flag
        if flag is not None and v3_flag is not None and v3_flag.mechanism == "query":
            url += ("&" if "?" in url else "?") + urlencode({v3_flag.name: flag})
        with self.pool.visiting(role or self.role, flag, category) as page:
            return self.read(page, name, url, family_id, settle_on=settle_on, busy=busy,
                             a11y=category == "static" and name in self.a11y_routes,
                             route=route, role=role)

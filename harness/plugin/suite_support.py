"""What the suites share: small helpers that turn what a page did into what a check observes
(the `judge` that runs a test's check is harness.checks.judge, a fixture of the plugin)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from contracts import Route
from contracts.models import IdDiscovery
from harness.capture.cache import SnapshotCache
from harness.capture.id_resolver import DiscoveryError, matching_row
from harness.capture.page_errors import PageErrorRecorder
from harness.capture.snapshot import RouteSnapshot
from harness.capture.snapshot_store import SnapshotKey
from harness.checks.observations import ClickOutcome, DrilldownView
from harness.checks.roles import RoleLimit


def click_outcome(what: str, expected_route: str, action: Callable[[], str],
                  page: Page) -> ClickOutcome:
    """Run a page-object click; a bounded wait that ran out becomes the outcome's error rather
    than a bare Playwright traceback. Script errors the click raised ride along."""
    with PageErrorRecorder(page, f"click on {what}") as recorder:
        try:
            landed, error = action(), None
        except PlaywrightError as exc:
            landed, error = page.url, str(exc).splitlines()[0]
        except DiscoveryError as exc:
            # The page to click on has no real URL (its list gave no id): a finding naming the
            # route and the list, not a traceback; nothing was clicked, so nothing landed.
            landed, error = None, f"not clicked: the page could not be opened: {exc}"
    return ClickOutcome(what, expected_route, landed, error, recorder.errors)


def absent_per_snapshot(snap: RouteSnapshot, what: str, expected_route: str, selector: str,
                        present: bool) -> ClickOutcome | None:
    """Fail fast: when the route's snapshot loaded the page and found no `selector`, a click
    on it could only wait out the route timeout (10 s per test on a broken build). The outcome
    says so at once, with the snapshot's URL; None when the element was there (or the snapshot
    did not load, so it proves nothing) and the click should run."""
    if present or not snap.loaded:
        return None
    return ClickOutcome(what, expected_route, snap.reported_url,
                        f"no element {selector} on the page (its route snapshot found none; "
                        "not clicked)")


def ambiguous_per_snapshot(snap: RouteSnapshot, what: str, expected_route: str, selector: str,
                           count: int | None) -> ClickOutcome | None:
    """Fail fast, agreeing with the static gate: when the route's snapshot showed several
    visible `selector`s, a click cannot say which one a user means (Playwright refuses it as a
    strict-mode violation after waiting); None when there is at most one."""
    if count is None or count <= 1 or not snap.loaded:
        return None
    return ClickOutcome(what, expected_route, snap.reported_url,
                        f"{count} elements match {selector}, exactly one expected (its route "
                        "snapshot found them; not clicked)")


def runnable(snap: RouteSnapshot) -> RouteSnapshot:
    """A route that can only be checked with data its list does not have skips, naming the
    empty list (reported as not run); any other snapshot is judged, failures included."""
    if snap.not_run:
        pytest.skip(f"{snap.key} not run: {snap.error}")
    return snap


def loaded(snap: RouteSnapshot) -> RouteSnapshot:
    """Static gates other than route-live have nothing to judge on a page that did not load:
    they skip (never pass), and route-live reports why."""
    runnable(snap)
    if not snap.loaded:
        reason = snap.error or f"HTTP {snap.status}"
        pytest.skip(f"{snap.key} did not load ({reason}); see test_route_live[{snap.key}]")
    return snap


def instance_snapshot(cache: SnapshotCache, route: Route,
                      ids: IdDiscovery | None) -> RouteSnapshot:
    """The snapshot of a route for a specific instance (e.g. a lifecycle resource whose kind is
    chosen by a list query); the route's own static snapshot when the ids are the route's."""
    if ids is None or ids == route.ids:
        return cache.of(route)
    try:
        url = cache.url_for(route, ids)
    except DiscoveryError as exc:
        return RouteSnapshot(key=route.id, requested_url="", error=str(exc))
    path = url.removeprefix(cache.base_url)
    return cache.at(SnapshotKey(route.id, path, category="lifecycle"), family=route.family)


def drilldown_view(cache: SnapshotCache, route: Route, snap: RouteSnapshot) -> DrilldownView:
    """A drill-down's snapshot with the list row its id was discovered from: the list's own
    snapshot, which id discovery already took (same cache key), so no navigation is added."""
    ids = route.ids
    if ids is None:
        return DrilldownView(snap, None)
    list_route = cache.contract.route(ids.from_list)
    if list_route.params:
        return DrilldownView(snap, None, list_route.id)  # a nested list: ids from its parent
    listing = cache.listing(ids)
    # the row id discovery followed: the first whose link is this page's kind of resource
    found = matching_row(listing, cache.contract.route(ids.row_route or route.id).path)
    return DrilldownView(snap, found[1] if found else None, list_route.id)


def role_limit_snapshot(cache: SnapshotCache, limit: RoleLimit) -> RouteSnapshot:
    """The route a role may not see, opened as that role (one GET navigation, counted with the
    role gates): what the role-limits gate judges."""
    route = limit.route
    return cache.at(SnapshotKey(f"role-limit:{route.id}", route.path, category="roles",
                                role=limit.role.id), family=route.family)

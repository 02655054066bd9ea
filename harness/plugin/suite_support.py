"""What the suites share: `judge` runs the one check a test's `check` mark names, and small
helpers that turn what a page did into what a check observes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from contracts import Contract, Route
from contracts.models import IdDiscovery
from harness.capture.cache import DiscoveryError, SnapshotCache
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext, CheckSettings, Judged
from harness.checks.findings import Finding, FindingsError, errors
from harness.checks.observations import ClickOutcome
from harness.checks.registry import Check


@dataclass(frozen=True)
class Judge:
    """The check a test names in its `check` mark, bound to the run's contract and settings:
    `judge(entry, seen)` fails the test with every error finding at once."""

    check: Check[Any, Any]
    contract: Contract
    settings: CheckSettings

    def findings(self, entry: Judged, seen: object) -> list[Finding]:
        """Findings without failing: for a test that judges several observations."""
        return self.check(CheckContext(entry, seen, self.contract, self.settings))

    def require(self, findings: list[Finding]) -> list[Finding]:
        bad = errors(findings)
        if bad:
            raise FindingsError(bad, self.check.why)
        return findings

    def __call__(self, entry: Judged, seen: object) -> list[Finding]:
        return self.require(self.findings(entry, seen))


def click_outcome(what: str, expected_route: str, action: Callable[[], str],
                  page: Page) -> ClickOutcome:
    """Run a page-object click; a bounded wait that ran out becomes the outcome's error rather
    than a bare Playwright traceback."""
    try:
        return ClickOutcome(what, expected_route, action())
    except PlaywrightError as exc:
        return ClickOutcome(what, expected_route, page.url, str(exc).splitlines()[0])


def loaded(snap: RouteSnapshot) -> RouteSnapshot:
    """Static gates other than route-live have nothing to judge on a page that did not load:
    they skip (never pass), and route-live reports why."""
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
    return cache.at(f"{route.id}@{path}", path, family=route.family, category="lifecycle")

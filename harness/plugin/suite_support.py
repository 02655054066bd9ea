"""Small helpers the suites share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from harness.capture.cache import DiscoveryError, SnapshotCache
from harness.capture.snapshot import RouteSnapshot
from harness.checks.findings import Finding, FindingsError, errors
from harness.checks.registry import get


def attempt(action: Callable[[], str], page: Any) -> tuple[str | None, str | None]:
    """Run a page-object action; a bounded wait that ran out becomes the check's finding rather
    than a bare Playwright traceback."""
    try:
        return action(), None
    except PlaywrightError as exc:
        return page.url, str(exc).splitlines()[0]


def loaded(snap: RouteSnapshot) -> RouteSnapshot:
    """Static gates other than route-live have nothing to judge on a page that did not load:
    they skip (never pass), and route-live reports why."""
    if not snap.loaded:
        reason = snap.error or f"HTTP {snap.status}"
        pytest.skip(f"{snap.key} did not load ({reason}); see test_route_live[{snap.key}]")
    return snap


def expect_no_errors(check_name: str, findings: list[Finding]) -> list[Finding]:
    """Fail with every error finding at once (for a test that runs one check several times)."""
    bad = errors(findings)
    if bad:
        raise FindingsError(bad, get(check_name).why)
    return findings


def instance_snapshot(cache: SnapshotCache, route: Any, ids: Any) -> RouteSnapshot:
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

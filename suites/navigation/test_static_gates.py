"""Static navigation gates: every check reads the route's one shared snapshot."""

from __future__ import annotations

import pytest

from harness.checks.registry import expect_clean
from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.navigation


@pytest.mark.check("route-live")
def test_route_live(route, snapshots, contract):
    expect_clean("route-live", route, snapshots.of(route), contract)


@pytest.mark.check("shell-containment")
def test_shell_containment(route, snapshots, contract):
    expect_clean("shell-containment", route, loaded(snapshots.of(route)), contract)


@pytest.mark.check("local-nav")
def test_local_nav(nav_route, snapshots, contract):
    expect_clean("local-nav", nav_route, loaded(snapshots.of(nav_route)), contract)


@pytest.mark.check("back-link")
def test_back_link(drilldown, snapshots, contract):
    expect_clean("back-link", drilldown, loaded(snapshots.of(drilldown)), contract)


@pytest.mark.check("console-errors")
def test_console_errors(route, snapshots, contract):
    expect_clean("console-errors", route, loaded(snapshots.of(route)), contract)

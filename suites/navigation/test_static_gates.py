"""Static navigation gates: every check reads the route's one shared snapshot."""

from __future__ import annotations

import pytest

from harness.plugin.suite_support import loaded, runnable

pytestmark = pytest.mark.navigation


@pytest.mark.check("route-live")
def test_route_live(route, snapshots, judge):
    judge(route, runnable(snapshots.of(route)))


@pytest.mark.check("page-title")
def test_page_title(titled_route, snapshots, judge):
    judge(titled_route, loaded(snapshots.of(titled_route)))


@pytest.mark.check("shell-containment")
def test_shell_containment(route, snapshots, judge):
    judge(route, loaded(snapshots.of(route)))


@pytest.mark.check("global-nav-current")
def test_global_nav_current(route, snapshots, judge):
    judge(route, loaded(snapshots.of(route)))


@pytest.mark.check("local-nav")
def test_local_nav(nav_route, snapshots, judge):
    judge(nav_route, loaded(snapshots.of(nav_route)))


@pytest.mark.check("back-link")
def test_back_link(drilldown, snapshots, judge):
    judge(drilldown, loaded(snapshots.of(drilldown)))


@pytest.mark.check("console-errors")
def test_console_errors(route, snapshots, judge):
    judge(route, loaded(snapshots.of(route)))

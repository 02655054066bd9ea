"""Navigation checks on hand-built snapshots: no browser."""

from __future__ import annotations

from dataclasses import replace

import pytest

from harness.capture.snapshot import LinkState, RouteSnapshot
from harness.checks.observations import JourneyRun, StepOutcome
from harness.checks.registry import run
from tests.harness.builders import BASE, healthy, url_of


def only(findings):
    assert len(findings) == 1, findings
    return findings[0]


@pytest.mark.parametrize("route_id", ["storage.bucket.detail", "workloads.list", "docs.portal"])
def test_healthy_routes_have_no_findings(contract, route_id):
    route = contract.route(route_id)
    snap = healthy(contract, route_id)
    for name in ("route-live", "shell-containment", "local-nav", "back-link", "console-errors"):
        assert run(name, route, snap, contract) == [], name


def test_route_live_names_route_source_url_and_status(contract):
    route = contract.route("compute.sku.detail")
    f = only(run("route-live", route, healthy(contract, route.id, status=500), contract))
    assert f.subject == "compute.sku.detail"
    assert f.source.startswith("contracts/v3/routes.yaml:")
    assert "HTTP 500" in f.message and url_of(route) in f.message
    assert "expected /compute/skus/{sku_id}" in f.message


def test_route_live_reports_timeouts_and_wrong_landing(contract):
    route = contract.route("workloads.detail.metrics")
    slow = RouteSnapshot(key=route.id, requested_url="x", error="no response within 3000 ms")
    assert "no response within 3000 ms" in only(run("route-live", route, slow, contract)).found
    moved = healthy(contract, route.id, final_url=BASE + "/workloads")
    assert "landed on /workloads (workloads.list)" in only(
        run("route-live", route, moved, contract)).found


def test_shell_containment(contract):
    route = contract.route("notifications.inbox")
    f = only(run("shell-containment", route, healthy(contract, route.id, shell=False), contract))
    assert f.found == "no global shell" and 'data-testid="global-shell"' in f.expected


def test_local_nav_renamed_selector(contract):
    route = contract.route("access.memberships")
    snap = healthy(contract, route.id)
    local = {k: v for k, v in snap.local_nav.items() if k != "credentials"}
    f = only(run("local-nav", route, replace(snap, local_nav=local), contract))
    assert "item 'credentials'" in f.expected and 'local-nav-item-credentials' in f.expected
    assert f.found == "no such element"


def test_local_nav_wrong_route(contract):
    route = contract.route("storage.buckets")
    snap = healthy(contract, route.id)
    local = dict(snap.local_nav)
    local["grants"] = LinkState(href="/storage/attachments", url=BASE + "/storage/attachments")
    f = only(run("local-nav", route, replace(snap, local_nav=local), contract))
    assert "link to storage.grants" in f.expected
    assert "/storage/attachments (storage.attachments)" in f.found


def test_local_nav_current_item(contract):
    route = contract.route("docs.portal")
    snap = healthy(contract, route.id)
    local = {k: replace(v, current=None) for k, v in snap.local_nav.items()}
    f = only(run("local-nav", route, replace(snap, local_nav=local), contract))
    assert "item 'portal' marked aria-current" in f.expected


def test_local_nav_detail_pages_need_no_current_item(contract):
    route = contract.route("storage.bucket.detail")
    snap = healthy(contract, route.id)
    local = dict(snap.local_nav)
    local["buckets"] = replace(local["buckets"], current="page")  # highlighting the section
    assert run("local-nav", route, replace(snap, local_nav=local), contract) == []


@pytest.mark.parametrize(("href", "onclick"), [
    ("javascript:history.back()", None), ("#", None), ("", None), ("/storage/buckets",
                                                                     "history.back()")])
def test_back_link_must_not_rely_on_history(contract, href, onclick):
    route = contract.route("storage.bucket.detail")
    link = LinkState(href=href, url=None if href.startswith(("javascript", "#")) or not href
                     else BASE + href, onclick=onclick)
    f = only(run("back-link", route, healthy(contract, route.id, back_link=link), contract))
    assert "relies on script or browser history" in f.found


def test_back_link_missing_and_wrong_target(contract):
    route = contract.route("apps.artifact.detail")
    f = only(run("back-link", route, healthy(contract, route.id, back_link=None), contract))
    assert f.found == "no back link" and "to apps.artifacts (/apps/artifacts)" in f.expected
    wrong = LinkState(href="/apps", url=BASE + "/apps")
    f = only(run("back-link", route, healthy(contract, route.id, back_link=wrong), contract))
    assert "/apps (apps.catalog)" in f.found


def test_console_errors(contract):
    route = contract.route("docs.portal")
    snap = healthy(contract, route.id, console_errors=("uncaught: boom",))
    assert "uncaught: boom" in only(run("console-errors", route, snap, contract)).found


def test_global_nav_role_leak_and_landing(contract):
    user = contract.role("user")
    families = tuple(f for f in user.families if contract.family(f).global_nav)
    snap = healthy(contract, user.landing, global_nav=(*families, "platform"),
                   global_nav_links=len(families) + 1)
    assert "not allowed ['platform']" in only(run("global-nav", user, snap, contract)).found
    ok = replace(snap, global_nav=families, global_nav_links=len(families))
    assert run("global-nav", user, ok, contract) == []
    assert run("role-landing", user, ok, contract) == []
    admin = contract.role("project_admin")
    f = only(run("role-landing", admin, ok, contract))
    assert "/workloads (workloads.list)" in f.found and admin.landing in f.expected


def test_journey_reports_first_wrong_step(contract):
    journey = next(j for j in contract.journeys if j.id == "workloads.detail-tabs")
    steps = [StepOutcome(1, "open workloads.list", "workloads.list", None, BASE + "/workloads"),
             StepOutcome(2, "open_first_row workloads.detail", "workloads.detail", None,
                         BASE + "/workloads/wl-1"),
             StepOutcome(3, "open_tab metrics", "workloads.detail.metrics", None,
                         BASE + "/workloads/wl-1")]
    f = only(run("journey", journey, JourneyRun(tuple(steps)), contract))
    assert "step 3 (open_tab metrics) to land on workloads.detail.metrics" in f.expected
    assert "workloads.detail" in f.found

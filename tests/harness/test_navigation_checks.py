"""Navigation checks on hand-built snapshots: no browser."""

from __future__ import annotations

from dataclasses import replace

import pytest

from harness.capture.snapshot import LinkState, NavItemState, RouteSnapshot
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


def _items(snap, **changes):
    """The snapshot's local-nav items with some changed by key (None: removed)."""
    out = []
    for item in snap.local_nav_items:
        change = changes.get(item.key, item)
        if change is not None:
            out.append(change)
    return tuple(out)


def test_local_nav_renamed_selector(contract):
    route = contract.route("access.memberships")
    snap = healthy(contract, route.id)
    renamed = replace(snap.local_nav_items[2], key=None)  # local-nav-item-api-keys
    local = {k: v for k, v in snap.local_nav.items() if k != "credentials"}
    found = run("local-nav", route, replace(snap, local_nav=local,
                                            local_nav_items=_items(snap, credentials=renamed)),
                contract)
    assert [f.found for f in found] == [
        "no such element",
        "items the contract does not list: 'Credentials' -> /access/credentials "
        "(access.credentials)"]
    assert "item 'credentials'" in found[0].expected
    assert 'local-nav-item-credentials' in found[0].expected
    assert '[data-testid^="local-nav-item-"]' in found[1].expected


def test_local_nav_wrong_route(contract):
    route = contract.route("storage.buckets")
    snap = healthy(contract, route.id)
    grants = replace(snap.local_nav_items[1], href="/storage/attachments",
                     url=BASE + "/storage/attachments")
    f = only(run("local-nav", route, replace(snap, local_nav_items=_items(snap, grants=grants)),
                 contract))
    assert "link to storage.grants" in f.expected
    assert "/storage/attachments (storage.attachments)" in f.found


def test_local_nav_current_item(contract):
    route = contract.route("docs.portal")
    snap = healthy(contract, route.id)
    items = tuple(replace(i, current=False) for i in snap.local_nav_items)
    f = only(run("local-nav", route, replace(snap, local_nav_items=items), contract))
    assert "item 'portal' marked aria-current" in f.expected and f.found == "not marked"


def test_local_nav_detail_pages_need_no_current_item(contract):
    route = contract.route("storage.bucket.detail")
    snap = healthy(contract, route.id)
    buckets = replace(snap.local_nav_items[0], current=True)  # highlighting the section
    assert run("local-nav", route, replace(snap, local_nav_items=_items(snap, buckets=buckets)),
               contract) == []


def test_local_nav_is_exactly_the_contracts_items(contract):
    route = contract.route("schedulers.slurm")
    snap = healthy(contract, route.id)
    extra = NavItemState(None, "Workloads", "/workloads", BASE + "/workloads")
    f = only(run("local-nav", route, replace(
        snap, local_nav_items=(*snap.local_nav_items, extra)), contract))
    assert f.expected == ("only the contract's 3 items of family schedulers "
                          '([data-testid^="local-nav-item-"])')
    assert f.found == ("items the contract does not list: 'Workloads' -> /workloads "
                       "(workloads.list)")
    twice = (*snap.local_nav_items, snap.local_nav_items[0])
    assert "'Overview' -> /schedulers" in only(
        run("local-nav", route, replace(snap, local_nav_items=twice), contract)).found


def test_local_nav_order_and_labels(contract):
    route = contract.route("account.billing")
    snap = healthy(contract, route.id)
    first, second, *rest = snap.local_nav_items
    f = only(run("local-nav", route, replace(
        snap, local_nav_items=(second, first, *rest)), contract))
    assert (f.expected, f.found) == (
        "items in the contract's order: profile, security, billing, sessions",
        "security, profile, billing, sessions")
    relabelled = replace(rest[0], label="Invoices")
    f = only(run("local-nav", route, replace(
        snap, local_nav_items=_items(snap, billing=relabelled)), contract))
    assert (f.expected, f.found) == ("item 'billing' labelled 'Billing'", "'Invoices'")


def test_local_nav_hidden_item_is_missing(contract):
    route = contract.route("compute.catalog")
    snap = healthy(contract, route.id)  # `launch` is in the DOM (local_nav) but not shown
    f = only(run("local-nav", route, replace(snap, local_nav_items=_items(snap, launch=None)),
                 contract))
    assert f.found == "no such element (present, not visible)"


def test_local_nav_current_by_the_contracts_selector(contract):
    marked = contract.model_copy(update={"selectors": contract.selectors.model_copy(
        update={"local_nav_current": ".is-active"})})
    route = marked.route("docs.portal")
    snap = healthy(marked, route.id)
    items = tuple(replace(i, current=False) for i in snap.local_nav_items)
    f = only(run("local-nav", route, replace(snap, local_nav_items=items), marked))
    assert "item 'portal' marked .is-active on docs.portal" in f.expected


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


def _global(contract, families, **current):
    return tuple(NavItemState(f, contract.family(f).title, "/" + f, BASE + "/" + f,
                              current.get(f, False)) for f in families)


def test_global_nav_role_leak_and_landing(contract):
    user = contract.role("user")
    families = tuple(f for f in user.families if contract.family(f).global_nav)
    snap = healthy(contract, user.landing,
                   global_nav_items=_global(contract, (*families, "platform")))
    assert "not allowed ['platform']" in only(run("global-nav", user, snap, contract)).found
    ok = replace(snap, global_nav_items=_global(contract, families))
    assert run("global-nav", user, ok, contract) == []
    assert run("role-landing", user, ok, contract) == []
    admin = contract.role("project_admin")
    f = only(run("role-landing", admin, ok, contract))
    assert "/workloads (workloads.list)" in f.found and admin.landing in f.expected


def test_global_nav_items_are_exact_and_other_links_are_not_items(contract):
    user = contract.role("user")
    families = tuple(f for f in user.families if contract.family(f).global_nav)
    # the add/change links of an admin's app list are no items: only what the items selector
    # finds is compared (`global_nav_links` still counts every link)
    snap = healthy(contract, user.landing, global_nav_links=17,
                   global_nav_items=_global(contract, families))
    assert run("global-nav", user, snap, contract) == []
    help_item = NavItemState(None, "Help", "/help", BASE + "/help")
    f = only(run("global-nav", user, replace(
        snap, global_nav_items=(*snap.global_nav_items, help_item)), contract))
    assert f.found == (f"{len(families) + 1}: items the contract does not know: 'Help' -> "
                       "/help (shell.help)")
    assert '[data-testid^="global-nav-item-"]' in f.expected
    swapped = _global(contract, (families[1], families[0], *families[2:]))
    f = only(run("global-nav", user, replace(snap, global_nav_items=swapped), contract))
    assert f.expected.startswith("global nav items in the contract's order: workloads, compute")
    f = only(run("global-nav", user, replace(snap, global_nav_found=False), contract))
    assert f.found == "no global nav"


@pytest.mark.parametrize(("route_id", "current", "found"), [
    ("storage.buckets", {"storage": True}, None),
    ("storage.bucket.detail", {}, "marked: none"),
    ("storage.buckets", {"storage": True, "workloads": True}, "marked: workloads, storage"),
    ("schedulers.slurm", {"workloads": True}, "marked: workloads"),
    ("shell.home", {}, None),
    ("shell.search", {"workloads": True}, "marked: workloads"),
])
def test_global_nav_current_is_exactly_the_pages_family(contract, route_id, current, found):
    route = contract.route(route_id)
    families = tuple(f.id for f in contract.families if f.global_nav)
    snap = healthy(contract, route_id,
                   global_nav_items=_global(contract, families, **current))
    findings = run("global-nav-current", route, snap, contract)
    assert [f.found for f in findings] == ([found] if found else [])
    if findings and route.family != "shell":
        assert findings[0].expected == (
            "exactly one global-nav item marked current "
            f'([data-testid^="global-nav-item-"].active): {route.family}')
    # a page without the global nav is the shell gate's
    assert run("global-nav-current", route, replace(snap, global_nav_found=False),
               contract) == []


def test_page_title_heading_and_document_title(contract):
    grants = contract.route("storage.grants")
    snap = healthy(contract, grants.id)
    assert run("page-title", grants, snap, contract) == []
    f = only(run("page-title", grants, replace(snap, heading="Attachments"), contract))
    assert (f.expected, f.found) == (
        "the heading [data-testid=\"page-title\"] to read 'Grants' (the route's title)",
        "'Attachments'")
    assert f.source.startswith("contracts/v3/routes.yaml:") and f.url == url_of(grants)
    assert only(run("page-title", grants, replace(snap, heading=None), contract)).found == (
        "no heading element")
    f = only(run("page-title", grants, replace(snap, document_title="Attachments · GPU Cloud"),
                 contract))
    assert f.expected == ("the document title to read 'Grants · *' (* is any text) "
                          "(wording.document_title, the route's title)")
    # reflowed markup: whitespace is not copy
    assert run("page-title", grants, replace(snap, heading="  Grants\n"), contract) == []


def test_page_title_reads_the_routes_heading_where_the_product_words_it_otherwise(contract):
    inbox = contract.route("notifications.inbox")
    snap = healthy(contract, inbox.id, document_title="Notifications · GPU Cloud")
    assert snap.heading == "Notifications" and run("page-title", inbox, snap, contract) == []
    f = only(run("page-title", inbox, replace(snap, heading="Inbox"), contract))
    assert "to read 'Notifications' (the route's heading)" in f.expected


def test_a_resource_page_is_headed_by_its_resource(contract):
    assert contract.heading_expected(contract.route("storage.bucket.detail")) is None
    assert contract.back_label_expected(contract.route("apps.launch")) is None  # target: an app


def test_back_link_label(contract):
    route = contract.route("platform.maas.profile.detail")
    snap = healthy(contract, route.id)
    assert snap.back_link is not None and snap.back_link.label == "Back to MAAS profiles"
    assert run("back-link", route, snap, contract) == []
    wrong = replace(snap.back_link, label="Back to MAAS sites")
    f = only(run("back-link", route, replace(snap, back_link=wrong), contract))
    assert f.expected.endswith("reading 'Back to MAAS profiles'")
    assert f.found == "'Back to MAAS sites'"
    artifact = contract.route("apps.artifact.detail")  # back_label: the product's own words
    said = replace(snap.back_link, href="/apps/artifacts", url=BASE + "/apps/artifacts",
                   label="Back to Artifacts")
    assert run("back-link", artifact, healthy(contract, artifact.id, back_link=said),
               contract) == []


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


def test_local_nav_item_may_link_a_section_redirect_to_its_route(contract):
    # A product's tab may link its section's landing (`/storage`), which the contract's section
    # redirects send to the tab's route: that is the item's route, not "no canonical route".
    route = contract.route("storage.buckets")
    snap = healthy(contract, route.id)
    landing = next(r for r in contract.redirects if r.to == "storage.buckets").path
    buckets = replace(snap.local_nav_items[0], href=landing, url=BASE + landing)
    assert snap.local_nav_items[0].key == "buckets"
    assert run("local-nav", route, replace(snap, local_nav_items=_items(snap, buckets=buckets)),
               contract) == []
    # ... but a landing that sends elsewhere is still the wrong link
    grants = replace(snap.local_nav_items[1], href=landing, url=BASE + landing)
    f = only(run("local-nav", route, replace(snap, local_nav_items=_items(snap, grants=grants)),
                 contract))
    assert "link to storage.grants" in f.expected
    assert f"{landing} (a section redirect to storage.buckets)" in f.found

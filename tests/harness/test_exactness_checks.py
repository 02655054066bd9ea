"""The page matches the contract exactly: role limits, every row of a list, hidden V1
dependencies and present-but-hidden elements, judged on hand-built snapshots (no browser, except
the row probe's request fallback, which runs on a stand-in request context)."""

from __future__ import annotations

import json
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from contracts import RoleLimits
from harness.capture.navigation_counter import NavigationCounter
from harness.capture.snapshot import LinkState, PageRequest, TextNode
from harness.checks.findings import errors
from harness.checks.links import linked_legacy
from harness.checks.observations import RowAnswer, RowLinks
from harness.checks.registry import run
from harness.checks.roles import RoleLimit, probe_route, role_limits
from harness.flows.row_links import RowProbe
from tests.harness.builders import BASE, healthy, healthy_detail

# -- role limits -----------------------------------------------------------------------------


def limit(contract: Any, role: str, family: str) -> RoleLimit:
    return next(x for x in role_limits(contract, contract.role(role)) if x.family.id == family)


def test_each_role_is_tried_on_every_family_it_may_not_see(contract):
    tried = {r.id: [(x.family.id, x.route.id) for x in role_limits(contract, r)]
             for r in contract.roles}
    assert tried == {"user": [("access", "access.memberships"), ("platform", "platform.config")],
                     "project_admin": [("platform", "platform.config")], "platform_admin": []}
    assert limit(contract, "user", "platform").id == "user.platform"
    # the first list route without parameters; else the first route without parameters
    assert probe_route(contract, contract.family("shell")).id == "shell.home"


def refused_page(contract: Any, status: int, *texts: str) -> Any:
    route = contract.route("platform.config")
    return healthy(contract, route.id, status=status, title="Not allowed",
                   texts=tuple(TextNode("p", t) for t in texts))


def test_a_refusal_passes_by_status_or_denial_page(contract):
    user = limit(contract, "user", "platform")
    assert run("role-limits", user, refused_page(contract, 403), contract) == []
    # a 200 denial page the contract describes by its text
    denial = refused_page(contract, 200, "Ask a platform administrator for access.")
    assert run("role-limits", user, denial, contract) == []
    # ... or by its element
    by_element = contract.model_copy(update={"role_limits": RoleLimits(
        statuses=(), selector='[data-testid="access-denied"]')})
    assert run("role-limits", user, replace(denial, denied=True), by_element) == []
    assert run("role-limits", user, replace(denial, denied=False, texts=()), by_element)


def test_the_page_served_to_the_wrong_role_fails_naming_role_route_and_refusal(contract):
    user = limit(contract, "user", "platform")
    shown = healthy(contract, "platform.config", title="Configuration")
    [f] = run("role-limits", user, shown, contract)
    assert f.check == "role-limits" and f.source.startswith("contracts/v3/roles.yaml:")
    assert f.expected.startswith("role user refused /platform/config (platform.config; family "
                                 "platform is not among its families): HTTP 401/403/404, or the "
                                 "denial page (text /Ask a platform administrator for access/)")
    assert f.found == ("HTTP 200: the page was shown (/platform/config (platform.config), titled "
                       "'Configuration')")
    assert f.url == BASE + "/platform/config"
    failed = replace(shown, error="no response within 2500 ms")
    assert run("role-limits", user, failed, contract)[0].found == "no response within 2500 ms"


def test_a_redirect_out_of_the_family_counts_only_when_the_contract_says_so(contract):
    user = limit(contract, "user", "platform")
    away = healthy(contract, "platform.config", final_url=BASE + "/workloads")
    assert run("role-limits", user, away, contract)
    redirects = contract.model_copy(update={"role_limits": RoleLimits(redirect_away=True)})
    assert run("role-limits", user, away, redirects) == []
    inside = replace(away, final_url=BASE + "/platform/ops")
    assert run("role-limits", user, inside, redirects)


# -- every row -------------------------------------------------------------------------------


def rows(*pairs: tuple[str, str | None]) -> tuple[LinkState, ...]:
    return tuple(LinkState(href=href, url=None if href is None else BASE + href, text=text)
                 for text, href in pairs)


def listing(contract: Any, *pairs: tuple[str, str | None]) -> Any:
    return healthy(contract, "storage.buckets", row_targets=rows(*pairs))


def test_every_row_that_answers_passes(contract):
    snap = listing(contract, ("a", "/storage/buckets/b-1"), ("b", "/storage/buckets/b-2#top"))
    answers = {BASE + "/storage/buckets/b-1": RowAnswer(200),
               BASE + "/storage/buckets/b-2": RowAnswer(200)}
    assert run("row-links", contract.route("storage.buckets"), RowLinks(snap, answers),
               contract) == []


def test_a_later_row_to_a_missing_resource_fails_naming_row_url_and_status(contract):
    snap = listing(contract, ("a", "/storage/buckets/b-1"), ("b", "/storage/buckets/b-2"),
                   ("scratch", "/storage/buckets/gone"))
    answers = {BASE + "/storage/buckets/b-1": RowAnswer(200),
               BASE + "/storage/buckets/b-2": RowAnswer(200),
               BASE + "/storage/buckets/gone": RowAnswer(404)}
    [f] = run("row-links", contract.route("storage.buckets"), RowLinks(snap, answers), contract)
    assert f.expected == ("row 3 'scratch' of /storage/buckets to open storage.bucket.detail "
                          "(/storage/buckets/{bucket_id}) below HTTP 400")
    assert (f.found, f.url) == ("HTTP 404", BASE + "/storage/buckets/gone")
    assert f.source.startswith("contracts/v3/routes.yaml:")


def test_rows_off_the_contract_unrequested_or_unanswered_fail(contract):
    snap = listing(contract, ("x", "/reports/usage"), ("y", None), ("z", "/storage/buckets/b-1"),
                   ("w", "/storage/buckets/b-2"))
    answers = {BASE + "/storage/buckets/b-2": RowAnswer(None, "Timeout 2500ms exceeded.")}
    found = run("row-links", contract.route("storage.buckets"), RowLinks(snap, answers), contract)
    assert [f.found for f in found] == ["/reports/usage, which no route matches", "href None",
                                        "it was not requested", "Timeout 2500ms exceeded."]


class _Response:
    def __init__(self, status: int) -> None:
        self.status = status

    def dispose(self) -> None:
        pass


class _Api:
    """A stand-in request context: HEAD refused (405) on one path, 404 on another."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def head(self, url: str, timeout: float) -> _Response:
        self.calls.append(("HEAD", url))
        return _Response(405 if url.endswith("b-1") else 404 if url.endswith("gone") else 200)

    def get(self, url: str, timeout: float) -> _Response:
        self.calls.append(("GET", url))
        return _Response(200)


def test_row_probe_requests_each_known_target_once_head_then_get(contract):
    api = _Api()
    counter = NavigationCounter()
    probe = RowProbe(lambda role: SimpleNamespace(request=api, close=lambda: None), "user",
                     2500, counter)
    snap = listing(contract, ("a", "/storage/buckets/b-1"), ("a", "/storage/buckets/b-1#x"),
                   ("b", "/storage/buckets/gone"), ("c", "/reports/usage"),
                   ("d", "https://elsewhere.example/storage/buckets/b-9"))
    seen = probe.links(contract, snap)
    assert seen.answers == {BASE + "/storage/buckets/b-1": RowAnswer(200),
                            BASE + "/storage/buckets/gone": RowAnswer(404)}
    assert api.calls == [("HEAD", BASE + "/storage/buckets/b-1"),
                         ("GET", BASE + "/storage/buckets/b-1"),
                         ("HEAD", BASE + "/storage/buckets/gone")]
    probe.links(contract, snap)  # once for the run
    assert len(api.calls) == 3 and counter.requests == {"row-links": 3}
    assert counter.counts.total() == 0  # requests, not navigations
    assert "requests, not navigations: 3 (row-links 3)" in counter.summary_lines()


# -- hidden V1 dependencies ------------------------------------------------------------------


def test_a_background_request_to_a_legacy_path_fails_the_v1_guard(contract):
    snap = healthy(contract, "workloads.list", requests=(
        PageRequest("fetch", BASE + "/allocations"), PageRequest("fetch", BASE + "/allocations"),
        PageRequest("image", BASE + "/volumes/bkt-1?x=1"),
        PageRequest("script", BASE + "/static/app.js"),
        PageRequest("fetch", BASE + "/workloads"),  # canonical
        PageRequest("stylesheet", "https://cdn.example/allocations")))  # another origin
    found = run("v1-links", contract.route("workloads.list"), snap, contract)
    assert [(f.expected, f.found, f.severity) for f in found] == [
        ("no background request to the legacy route v1.allocations (/allocations)",
         f"fetch request {BASE}/allocations on workloads.list", "error"),
        ("no background request to the legacy route v1.volume.detail (/volumes/{bucket_id})",
         f"image request {BASE}/volumes/bkt-1?x=1 on workloads.list", "error")]
    assert found[0].source.startswith("contracts/v3/routes.yaml:")
    # readiness counts them as inbound V1 dependencies of those legacy routes
    assert linked_legacy(contract, snap) == {
        "v1.allocations": [f"fetch request {BASE}/allocations"],
        "v1.volume.detail": [f"image request {BASE}/volumes/bkt-1?x=1"]}


def test_a_request_to_a_passed_through_route_is_reported_not_failed(contract):
    snap = healthy(contract, "account.billing", requests=(
        PageRequest("xhr", BASE + "/billing"),))
    [f] = run("v1-links", contract.route("account.billing"), snap, contract)
    assert f.severity == "warning" and "xhr request" in f.found
    assert errors([f]) == []


# -- present but not visible -----------------------------------------------------------------


def test_a_hidden_operation_card_fails_its_lifecycle_gate_naming_it(contract):
    node = next(r for r in contract.lifecycle.resources if r.id == "node")
    snap = healthy_detail(contract, "node", hidden={"op_card:drain": "display:none"})
    [f] = run("lifecycle-cards", node, snap, contract)
    assert f.expected == ("the 'drain' card ([data-testid=\"lifecycle-op-card\"]"
                          "[data-op=\"drain\"]) visible")
    assert f.found == "it is on the page but hidden (display:none)"
    hidden = replace(snap, hidden={"resource_posture": "zero size",
                                   "activity_timeline": "off-screen"})
    found = run("posture-activity", node, hidden, contract)
    assert [f.found for f in found] == ["it is on the page but hidden (zero size)",
                                        "it is on the page but hidden (off-screen)"]


@pytest.mark.parametrize(("check", "route", "name", "fragment"), [
    ("shell-containment", "storage.buckets", "global_shell", "the global shell"),
    ("back-link", "storage.bucket.detail", "back_link", "storage.buckets (/storage/buckets), "
                                                         "visible"),
    ("local-nav", "storage.buckets", "local_nav_item:grants", "item 'grants'"),
])
def test_hidden_navigation_elements_fail_their_own_gate(contract, check, route, name, fragment):
    snap = healthy(contract, route, hidden={name: "hidden attribute"})
    [f] = run(check, contract.route(route), snap, contract)
    assert fragment in f.expected and f.found == "it is on the page but hidden (hidden attribute)"


def test_a_hidden_global_nav_item_of_the_role_fails(contract):
    role = contract.role("platform_admin")
    snap = healthy(contract, "platform.ops", hidden={"global_nav_item:storage": "off-screen"})
    [f] = run("global-nav", role, snap, contract)
    assert f.found == "on the page but hidden: storage (off-screen)"


def test_requests_merge_across_workers_apart_from_navigations(tmp_path):
    files = []
    for worker, (static, asked) in {"gw0": (3, 10), "gw1": (2, 5)}.items():
        path = tmp_path / f"results-all-{worker}.json"
        path.write_text(json.dumps({"meta": {
            "navigations": {"static": static}, "requests": {"row-links": asked},
            "snapshotted_route_ids": [f"{worker}-{i}" for i in range(static)]}}))
        files.append(path)
    lines = NavigationCounter.merged(files).summary_lines()
    assert "browser navigations: 5 (static 5)" in lines
    assert "navigations per route (static gates): 1.0" in lines
    assert "requests, not navigations: 15 (row-links 15)" in lines

"""Cutover and quality checks on hand-built snapshots: no browser."""

from __future__ import annotations

from dataclasses import replace

from harness.capture.snapshot import A11yViolation, RouteSnapshot, TextNode
from harness.checks.findings import Subject
from harness.checks.observations import Inventory, LegacyVisit, RetiredVisit, ScannedPage
from harness.checks.registry import run
from tests.harness.builders import BASE, healthy


def legacy(contract, legacy_id):
    return contract.legacy_route(legacy_id)


def test_redirect_lands_with_the_resolved_resource(contract):
    entry = legacy(contract, "v1.allocation.detail")
    ok = healthy(contract, "workloads.detail", aliases={"data-allocation-id": "alloc-1001"},
                 redirects=1)
    alloc = {"allocation_id": "alloc-1001"}
    assert run("legacy-redirect", entry, LegacyVisit(ok, alloc), contract) == []
    dropped = healthy(contract, "workloads.list", redirects=1)
    [f] = run("legacy-redirect", entry, LegacyVisit(dropped, alloc), contract)
    assert f.subject == "v1.allocation.detail" and f.source.startswith("contracts/v3/legacy.yaml")
    assert "land on workloads.detail" in f.expected and "/workloads (workloads.list" in f.found
    other = replace(ok, aliases={"data-allocation-id": "alloc-9999"})
    [f] = run("legacy-redirect", entry, LegacyVisit(other, alloc), contract)
    assert "'alloc-1001'" in f.expected


def test_redirect_copies_ids_counts_hops_and_needs_the_shell(contract):
    entry = legacy(contract, "v1.volume.detail")
    snap = healthy(contract, "storage.bucket.detail", redirects=1)
    bucket = snap.final_url.rsplit("/", 1)[1]
    assert run("legacy-redirect", entry, LegacyVisit(snap, {"bucket_id": bucket}), contract) == []
    [f] = run("legacy-redirect", entry, LegacyVisit(snap, {"bucket_id": "other"}), contract)
    assert "bucket_id = 'other'" in f.expected
    found = run("legacy-redirect", entry,
                LegacyVisit(replace(snap, redirects=3, shell=False), {"bucket_id": bucket}),
                contract)
    assert {f.found for f in found} == {"3 hops", "no global shell"}


def test_legacy_404_is_reported(contract):
    entry = legacy(contract, "v1.volumes")
    gone = RouteSnapshot(key=entry.id, requested_url=BASE + "/volumes",
                         final_url=BASE + "/volumes", status=404)
    [f] = run("legacy-redirect", entry, LegacyVisit(gone, {}), contract)
    assert "HTTP 404" in f.found


def test_passthrough_and_retired(contract):
    billing = legacy(contract, "v1.billing")
    served = RouteSnapshot(key="b", requested_url=BASE + "/billing",
                           final_url=BASE + "/billing", status=200, v1_layout=True)
    assert run("legacy-passthrough", billing, LegacyVisit(served), contract) == []
    [f] = run("legacy-passthrough", billing, LegacyVisit(replace(served, status=404)), contract)
    assert billing.passthrough.task in f.expected
    mocks = next(x for x in contract.legacy if x.path.endswith("/*"))
    gone = replace(served, status=404, v1_layout=False)
    assert run("legacy-retired", mocks, RetiredVisit("/v3/workloads", gone), contract) == []
    live = RouteSnapshot(key="m", requested_url=BASE + "/v3/workloads",
                         final_url=BASE + "/v3/workloads", status=200)
    [f] = run("legacy-retired", mocks, RetiredVisit("/v3/workloads", live), contract)
    assert "/v3/workloads" in f.expected and "HTTP 200" in f.found


def test_v3_default_and_v1_mode(contract):
    flag = Subject("v3_flag", str(contract.v3_flag.source))
    v3 = healthy(contract, "platform.ops")
    v1 = replace(v3, shell=False, v1_layout=True)
    assert run("v3-default", flag, v3, contract) == []
    [f] = run("v3-default", flag, v1, contract)
    assert "the V1 layout" in f.found and contract.v3_flag.name in f.expected
    assert run("v1-mode", flag, v1, contract) == []
    assert run("v1-mode", flag, v3, contract)


def test_route_inventory_lists_every_unmatched_path_with_referrer(contract):
    found = {"/workloads": "/", "/storage/buckets/b-1": "/storage/buckets",
             "/volumes": "/admin", "/reports/usage": "/home", "/old/thing": "/reports/usage"}
    [f] = run("route-inventory", Subject("route-inventory", "contracts/v3"), Inventory(found),
              contract)
    assert "2 unmatched" in f.found
    assert "/reports/usage (linked from /home)" in f.found
    assert "/old/thing (linked from /reports/usage)" in f.found


def test_placeholder_names_pattern_excerpt_and_element(contract):
    route = contract.route("access.connectivity")
    text = TextNode('section[data-testid="connectivity"] > p', "Peering: Coming soon to V3")
    [f] = run("placeholder", route, healthy(contract, route.id, texts=(text,)), contract)
    assert "Coming soon" in f.found and 'section[data-testid="connectivity"]' in f.found
    clean = TextNode("p", "Peering is configured per project")
    assert run("placeholder", route, healthy(contract, route.id, texts=(clean,)), contract) == []


def test_accessibility_fails_new_serious_and_reports_baselined(contract):
    route = contract.route("apps.catalog")
    v = A11yViolation("image-alt", "critical", ("img.featured",), "Images must have alt text",
                      "https://dequeuniversity.com/rules/axe/image-alt")
    snap = healthy(contract, route.id, a11y=(v,))
    [f] = run("accessibility", route, ScannedPage(snap), contract)
    assert f.severity == "error" and "image-alt [critical] at img.featured" in f.found
    assert "dequeuniversity" in f.found
    baselined = ScannedPage(snap, frozenset({("image-alt", "img.featured")}))
    [f] = run("accessibility", route, baselined, contract)
    assert f.severity == "warning" and "baselined" in f.expected
    minor = replace(v, impact="minor")
    [f] = run("accessibility", route, ScannedPage(replace(snap, a11y=(minor,))), contract)
    assert f.severity == "warning"

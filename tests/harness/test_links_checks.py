"""The V1-dependency guard on hand-built snapshots: no browser."""

from __future__ import annotations

from harness.capture.snapshot import LinkTarget
from harness.checks.findings import errors
from harness.checks.links import classify, linked_legacy
from harness.checks.registry import run
from tests.harness.builders import BASE, healthy

PAGE = BASE + "/home"


def target(raw: str, kind: str = "link", element: str = 'a[data-testid="x"]') -> LinkTarget:
    # resolved as the collector does: javascript: has no URL, other schemes stay as written
    url = None if raw.startswith("javascript:") else (raw if ":" in raw else BASE + raw)
    return LinkTarget(kind=kind, element=element, raw=raw, url=url, text="Storage")


def test_targets_are_classified_canonical_legacy_external_unknown(contract):
    kinds = {raw: classify(contract, target(raw), PAGE) for raw in (
        "/storage/buckets", "/volumes", "/volumes/bkt-1", "https://wl-1.apps.gpucloud.example/",
        "https://evil.example/", "/reports/usage", "mailto:a@b.example", "javascript:void(0)")}
    assert kinds["/storage/buckets"].kind == "canonical"
    assert (kinds["/volumes"].kind, kinds["/volumes"].legacy_id) == ("legacy", "v1.volumes")
    assert kinds["/volumes/bkt-1"].legacy_id == "v1.volume.detail"
    assert kinds["https://wl-1.apps.gpucloud.example/"].allowed
    assert kinds["https://evil.example/"].kind == "external"
    assert not kinds["https://evil.example/"].allowed
    assert kinds["/reports/usage"].kind == "unknown"
    assert kinds["mailto:a@b.example"].kind == kinds["javascript:void(0)"].kind == "other"


def test_healthy_page_has_no_findings(contract):
    snap = healthy(contract, "shell.home", targets=(
        target("/storage/buckets"), target("/workloads", kind="form", element="form"),
        target("https://wl-1.apps.gpucloud.example/")))
    assert run("v1-links", contract.route("shell.home"), snap, contract) == []


def test_legacy_link_fails_naming_page_element_and_legacy_id(contract):
    snap = healthy(contract, "shell.home", targets=(target("/volumes"),))
    [f] = run("v1-links", contract.route("shell.home"), snap, contract)
    assert f.severity == "error" and f.check == "v1-links"
    assert "v1.volumes (/volumes)" in f.expected and "storage.buckets" in f.expected
    assert 'a[data-testid="x"]' in f.found and "'/volumes'" in f.found
    assert "shell.home" in f.found and f.source.startswith("contracts/v3/routes.yaml:")
    assert linked_legacy(contract, snap) == {"v1.volumes": [
        "link a[data-testid=\"x\"] 'Storage' -> '/volumes'"]}


def test_form_actions_and_client_side_targets_count_too(contract):
    snap = healthy(contract, "shell.home", targets=(
        target("/allocations", kind="form", element="form"),
        target("/team", kind="data-href", element="button")))
    found = errors(run("v1-links", contract.route("shell.home"), snap, contract))
    assert {f.found.split()[0] for f in found} == {"form", "data-href"}
    assert set(linked_legacy(contract, snap)) == {"v1.allocations", "v1.team"}


def test_passthrough_links_warn_and_unknown_paths_are_the_inventorys(contract):
    snap = healthy(contract, "shell.home", targets=(
        target("/billing"), target("/reports/usage"), target("/static/app.css")))
    found = run("v1-links", contract.route("shell.home"), snap, contract)
    assert [f.severity for f in found] == ["warning", "warning"]
    assert "v1.billing" in found[0].expected and "/reports/usage" in found[1].found


def test_unlisted_external_host_fails_with_its_host(contract):
    snap = healthy(contract, "shell.home", targets=(target("https://evil.example/x"),))
    [f] = run("v1-links", contract.route("shell.home"), snap, contract)
    assert "host evil.example" in f.found and "*.apps.gpucloud.example" in f.expected


def test_the_same_element_is_reported_once(contract):
    snap = healthy(contract, "shell.home", targets=(target("/volumes"), target("/volumes")))
    assert len(run("v1-links", contract.route("shell.home"), snap, contract)) == 1

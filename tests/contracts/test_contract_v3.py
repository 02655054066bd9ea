"""The shipped V3 contract: it loads, and it says what docs/reference-product.md says."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracts import Contract, load_contract

V3 = Path(__file__).resolve().parents[2] / "contracts" / "v3"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../contract.schema.json"


@pytest.fixture(scope="module")
def contract() -> Contract:
    return load_contract(V3)


def test_v3_loads_with_every_entity(contract: Contract) -> None:
    assert len(contract.families) >= 11
    assert len(contract.routes) >= 60
    assert len(contract.legacy) >= 30
    assert len(contract.lifecycle.resources) >= 10
    assert len(contract.journeys) >= 11
    assert len(contract.roles) == 3
    assert len(contract.parity) >= 12


def test_v3_matches_the_spec_counts(contract: Contract) -> None:
    assert (len(contract.families), len(contract.routes), len(contract.legacy)) == (11, 78, 44)
    assert len(contract.lifecycle.resources) == 11


def test_every_contract_file_declares_the_schema() -> None:
    baseline = load_contract(V3).accessibility.baseline
    files = [p for p in sorted(V3.glob("*.yaml")) if p.name != baseline]
    assert len(files) == 8
    for path in files:
        assert path.read_text().splitlines()[0] == SCHEMA_COMMENT, path.name


def test_every_family_has_a_journey(contract: Contract) -> None:
    assert {f.id for f in contract.families} <= {j.family for j in contract.journeys}
    actions = {step.action for j in contract.journeys for step in j.steps}
    assert actions >= {
        "open",
        "click_nav",
        "click_global_nav",
        "open_first_row",
        "open_tab",
        "follow_back",
        "expect",
    }


def test_parity_rows_are_closed_and_cover_every_legacy_route(contract: Contract) -> None:
    assert {row.status for row in contract.parity} <= {"covered", "deferred", "replaced"}
    referenced = {legacy for row in contract.parity for legacy in row.legacy}
    families_with_rows = {row.family or contract.route(row.route).family for row in contract.parity}
    for legacy in contract.legacy:
        if legacy.id in referenced:
            continue
        assert legacy.redirect is not None, f"{legacy.id} is not referenced by a parity row"
        assert contract.route(legacy.redirect.to).family in families_with_rows, legacy.id


def test_mutable_routes_and_lifecycle_resources_pair_up(contract: Contract) -> None:
    mutable = {r.id for r in contract.routes if r.mutable}
    assert mutable == {res.route for res in contract.lifecycle.resources}
    app = contract.lifecycle_resource_for("workloads.detail")
    assert app is not None and app.id == "app_runtime"
    assert app.ids is not None and app.ids.query == {"kind": "app"}
    for res in contract.lifecycle.resources:
        for op in res.operations:
            assert op.typed_confirmation == (op.intent == "destructive"), (res.id, op.key)


def test_kind_specific_workload_tabs_filter_the_list(contract: Contract) -> None:
    terminal = contract.route("workloads.detail.terminal")
    assert terminal.ids is not None
    assert (terminal.ids.query, terminal.ids.row_route) == ({"kind": "vm"}, "workloads.detail")
    for tab in ("app", "members", "versions", "operations"):
        ids = contract.route(f"workloads.detail.{tab}").ids
        assert ids is not None and ids.query == {"kind": "app"}


def test_roles_and_default(contract: Contract) -> None:
    assert contract.default_role.id == "platform_admin"
    assert contract.role("user").landing == "workloads.list"
    assert contract.role("project_admin").landing == "access.memberships"
    visible = [f.id for f in contract.visible_families("user") if f.global_nav]
    assert visible == [
        "workloads",
        "compute",
        "apps",
        "storage",
        "account",
        "notifications",
        "docs",
        "schedulers",
    ]


def test_legacy_map(contract: Contract) -> None:
    alloc = contract.legacy_route("v1.allocation.detail")
    assert alloc.redirect is not None and alloc.redirect.to == "workloads.detail"
    assert alloc.samples == {"reference": {"allocation_id": "alloc-1001"}}
    assert contract.legacy_route("v1.marketplace.app").redirect.client_side  # type: ignore[union-attr]
    billing = contract.legacy_route("v1.billing")
    assert billing.mapping == "passthrough" and billing.passthrough is not None
    assert billing.passthrough.task.startswith("BILL-V3-01")
    assert contract.legacy_route("v1.mocks").retired is not None


def test_settings(contract: Contract) -> None:
    assert (contract.v3_flag.mechanism, contract.v3_flag.name) == ("cookie", "ui_version")
    assert (contract.v3_flag.v3, contract.v3_flag.v1) == ("v3", "v1")
    assert contract.route_manifest == "/_manifest/routes.json"
    assert set(contract.crawl.ignore) >= {"/api/*", "/static/*", "/_manifest/*", "/__*"}
    assert '[data-testid="v1-fallback-banner"]' in contract.placeholders.selectors
    ids = {p.id for p in contract.placeholders.patterns}
    assert ids >= {
        "coming-soon",
        "todo",
        "lorem-ipsum",
        "mock-data",
        "v1-fallback",
        "not-implemented",
    }


def test_match_path_prefers_static_segments(contract: Contract) -> None:
    found = contract.match_path("/workloads/activity")
    assert found is not None and found[0].id == "workloads.activity"
    found = contract.match_path("/workloads/wl-7/metrics?range=1h")
    assert found is not None and (found[0].id, found[1]) == (
        "workloads.detail.metrics",
        {"workload_id": "wl-7"},
    )
    assert contract.match_path("/platform/onboarding/new")[0].id == "platform.onboarding.new"  # type: ignore[index]
    assert contract.match_path("/nowhere") is None


def test_match_legacy(contract: Contract) -> None:
    assert contract.match_legacy("/volumes/new")[0].id == "v1.volumes.new"  # type: ignore[index]
    found = contract.match_legacy("/allocations/alloc-1001")
    assert found is not None and found[1] == {"allocation_id": "alloc-1001"}
    mock = contract.match_legacy("/v3/storage/buckets")
    assert mock is not None and (mock[0].id, mock[1]) == ("v1.mocks", {"*": "storage/buckets"})


def test_selector_helpers(contract: Contract) -> None:
    assert contract.local_nav_container("access") == '[data-testid="local-nav"]'
    assert (
        contract.local_nav_item_selector("access", "credentials")
        == '[data-testid="local-nav-item-credentials"]'
    )
    assert contract.global_nav_item_selector("storage") == '[data-testid="global-nav-item-storage"]'
    assert contract.tab_selector("events") == '[data-testid="tab-events"]'
    assert contract.op_card_selector("drain") == (
        '[data-testid="lifecycle-op-card"][data-op="drain"]'
    )
    assert contract.lifecycle_card == '[data-testid="lifecycle-op-card"]'


def test_sources_point_at_the_defining_line(contract: Contract) -> None:
    route = contract.route("storage.bucket.detail")
    file, line = str(route.source).rsplit(":", 1)
    assert Path(file).name == "routes.yaml"
    assert (
        (V3 / "routes.yaml")
        .read_text()
        .splitlines()[int(line) - 1]
        .endswith("- id: storage.bucket.detail")
    )
    assert contract.source_of(route) == str(route.source)
    back = contract.source("routes[storage.bucket.detail].back")
    assert back == f"{file}:{int(line) + 5}"
    assert contract.source("routes[storage.bucket.detail].no.such") == str(route.source)
    op = contract.lifecycle_resource_for("platform.node.detail").operations[0]  # type: ignore[union-attr]
    assert str(op.source).split(":")[0].endswith("lifecycle.yaml")

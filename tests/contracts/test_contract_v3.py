"""The shipped V3 contract: it loads, it says what docs/reference-product.md says (as restated in
tests/reference_target/spec_data.py), and it maps exactly what the reference target serves.

Nothing here pins a count: every expected set comes from the spec restatement or from the
reference target itself (its route manifest and its answers), so these tests fail when the
contract and the product drift apart in either direction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from contracts import SECTIONS, Contract, LegacyRoute, ResolvedFrom, load_contract
from contracts.paths import format_path
from tests.reference_target import spec_data
from tests.reference_target.markup import Element, parse
from tests.reference_target.support import TestClient, make_client

ROOT = Path(__file__).resolve().parents[2]
V3 = ROOT / "contracts" / "v3"
SPEC = ROOT / "docs" / "reference-product.md"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../contract.schema.json"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="module")
def contract() -> Contract:
    return load_contract(V3)


@pytest.fixture(scope="module")
def target() -> TestClient:
    """A healthy reference target, in process; only read from."""
    return make_client()


@pytest.fixture(scope="module")
def manifest(contract: Contract, target: TestClient) -> list[str]:
    """The path templates the reference target says it serves, read where the contract says."""
    assert contract.route_manifest is not None
    routes: list[str] = target.get(contract.route_manifest).json()["routes"]
    return routes


def _body(html: str) -> Element:
    """The <body> element of a page (only its start tag is parsed: the attributes say it all)."""
    start = re.search(r"<body\b[^>]*>", html)
    assert start is not None, "not an HTML page"
    return parse(start.group(0)).all(tag="body")[0]


def _nav_path(contract: Contract, route_id: str) -> str:
    route = contract.route(route_id)
    assert not route.params, f"{route_id} is a nav target but needs {route.params}"
    return route.path


def _list_url(contract: Contract, route_id: str, query: dict[str, str]) -> str:
    path = _nav_path(contract, route_id)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_v3_loads_with_every_entity(contract: Contract) -> None:
    for section in ("families", "routes", "legacy", "journeys", "roles", "parity"):
        assert getattr(contract, section), f"the contract has no {section}"
    assert contract.lifecycle.resources
    assert [r.id for r in contract.roles if r.default] == [contract.default_role.id]


def test_spec_data_restates_the_documented_families() -> None:
    """spec_data.FAMILIES is the family table of the spec (section 2), row for row."""
    section = SPEC.read_text().split("\n## 2. Families", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| \d+ \| `([a-z_]+)` \|[^|\n]*\| (yes|no) \|[^|\n]*\| ([^|\n]+) \|$",
                      section, re.MULTILINE)
    documented = [(family, nav == "yes", [key.strip() for key in keys.split(",")])
                  for family, nav, keys in rows]
    assert documented == [(family, in_nav, [key for key, _ in items])
                          for family, (in_nav, items) in spec_data.FAMILIES.items()]


def test_families_are_the_spec_families_in_global_nav_order(contract: Contract) -> None:
    assert [f.id for f in contract.families] == list(spec_data.FAMILIES)
    for family in contract.families:
        in_global_nav, items = spec_data.FAMILIES[family.id]
        assert family.global_nav == in_global_nav, family.id
        assert family.local_nav is not None, family.id
        nav = [(i.key, _nav_path(contract, i.route)) for i in family.local_nav.items]
        assert nav == items, family.id
        assert {contract.route(i.route).family for i in family.local_nav.items} == {family.id}
        seen_by = {role for role, (_, families) in spec_data.ROLES.items() if family.id in families}
        assert set(family.roles) == seen_by, family.id


def test_roles_are_the_spec_roles(contract: Contract) -> None:
    assert {r.id for r in contract.roles} == set(spec_data.ROLES)
    for role in contract.roles:
        landing, families = spec_data.ROLES[role.id]
        assert _nav_path(contract, role.landing) == landing, role.id
        assert set(role.families) == set(families), role.id
        visible = [f.id for f in contract.visible_families(role.id) if f.global_nav]
        assert visible == [f for f in spec_data.GLOBAL_ORDER if f in families], role.id


def test_lifecycle_resources_are_the_spec_resources(contract: Contract) -> None:
    assert {r.id for r in contract.lifecycle.resources} == set(spec_data.LIFECYCLE)
    for res in contract.lifecycle.resources:
        list_path, intents, typed = spec_data.LIFECYCLE[res.id]
        ids = res.ids or contract.route(res.route).ids
        assert ids is not None, res.id
        assert _list_url(contract, ids.from_list, ids.query) == list_path, res.id
        # Capability-gated operations (s3-credential) only show on some resources.
        unconditional = {op.key: op.intent for op in res.operations
                         if op.requires_capability is None}
        assert unconditional == intents, res.id
        typed_ops = [op.key for op in res.operations if op.typed_confirmation]
        assert typed_ops == ([typed] if typed else []), res.id


def test_contract_paths_are_exactly_the_manifest(contract: Contract, manifest: list[str]) -> None:
    served = set(manifest)
    assert len(served) == len(manifest), "the manifest lists a path twice"
    canonical = [r.path for r in contract.routes]
    legacy = [r.path for r in contract.legacy if not r.is_wildcard]
    assert len(set(canonical)) == len(canonical) and len(set(legacy)) == len(legacy)
    assert not set(canonical) & set(legacy), "a path is both a V3 route and a legacy route"
    assert set(canonical) - served == set(), "contract routes the target does not serve"
    assert set(legacy) - served == set(), "legacy paths the target does not answer"
    sections = {r.path for r in contract.redirects}
    assert sections - served == set(), "section redirects the target does not answer"
    assert served - set(canonical) - set(legacy) - sections == set(), \
        "served paths the contract lacks"


def test_every_parameter_free_route_is_a_page_of_its_family(
    contract: Contract, target: TestClient
) -> None:
    for route in contract.routes:
        if route.params:
            continue
        response = target.get(route.path)
        assert response.status_code == 200, (route.id, response.status_code)
        body = _body(response.text)
        assert body.get("data-family") == route.family, route.id


def _legacy_probe(legacy: LegacyRoute) -> dict[str, str]:
    sample = legacy.samples.get("reference", {})
    return {name: sample.get(name, f"{name.replace('_', '-')}-probe") for name in legacy.params}


def _identity_source(legacy: LegacyRoute, param: str) -> str:
    """The legacy parameter a target parameter carries over unchanged (same name by default)."""
    assert legacy.redirect is not None
    source = legacy.redirect.params.get(param, param)
    assert isinstance(source, str), f"{legacy.id}: {param} is resolved, not carried over"
    return source


def _check_redirect(contract: Contract, target: TestClient, legacy: LegacyRoute) -> None:
    redirect = legacy.redirect
    assert redirect is not None
    given = _legacy_probe(legacy)
    response = target.get(format_path(legacy.path, given))
    to = contract.route(redirect.to)
    if redirect.client_side:
        # A V1 stub page that replaces itself with the V3 page.
        assert response.status_code == 200, legacy.id
        assert _body(response.text).get("data-testid") == "v1-layout"
        expected = format_path(to.path, {p: given[_identity_source(legacy, p)]
                                         for p in to.params})
        assert f'location.replace("{expected}")' in response.text, legacy.id
        return
    assert response.status_code == 302, (legacy.id, response.status_code)
    found = contract.match_path(response.headers["location"])
    assert found is not None and found[0].id == redirect.to, (legacy.id, response.headers)
    for param, value in found[1].items():
        if not isinstance(redirect.params.get(param), ResolvedFrom):
            assert value == given[_identity_source(legacy, param)], (legacy.id, param)


def test_every_legacy_route_is_treated_as_the_target_treats_it(
    contract: Contract, target: TestClient
) -> None:
    for legacy in contract.legacy:
        if legacy.redirect is not None:
            _check_redirect(contract, target, legacy)
        elif legacy.passthrough is not None:
            response = target.get(format_path(legacy.path, _legacy_probe(legacy)))
            assert response.status_code == 200, legacy.id
            assert _body(response.text).get("data-testid") == "v1-layout"
        else:
            assert legacy.retired is not None
            paths = list(legacy.retired.samples)
            if not legacy.is_wildcard:
                paths.append(format_path(legacy.path, _legacy_probe(legacy)))
            assert paths, f"{legacy.id}: a wildcard needs samples to check"
            for path in paths:
                found = contract.match_legacy(path)
                assert found is not None and found[0].id == legacy.id, path
                assert target.get(path).status_code in (404, 410), path


def test_every_contract_file_is_a_schema_checked_home_of_sections(contract: Contract) -> None:
    baseline = contract.accessibility.baseline
    files = [p for p in sorted(V3.glob("*.yaml")) if p.name != baseline]
    homes: dict[str, str] = {}
    for path in files:
        assert path.read_text().splitlines()[0] == SCHEMA_COMMENT, path.name
        sections = yaml.load(path.read_text(), Loader=YAML_LOADER)
        assert isinstance(sections, dict) and sections, path.name
        for section in sections:
            assert section in SECTIONS, f"{path.name}: {section} is not a contract section"
            assert section not in homes, f"{section} is in {homes.get(section)} and {path.name}"
            homes[section] = path.name
    assert set(homes) == set(SECTIONS), "a contract section has no home file"


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

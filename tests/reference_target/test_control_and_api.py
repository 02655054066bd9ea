"""Control endpoints, the JSON API, the route manifest and the latency setting."""

import time

import pytest
from starlette.routing import Route

from reference_target import TargetConfig, create_app
from reference_target.control import CONTROL_PATHS
from reference_target.faults import UnknownFaultError
from reference_target.legacy import UNMAPPED_V1_PAGE
from tests.reference_target.spec_data import FAMILIES, LIST_DETAILS, PASSTHROUGH, REDIRECTS
from tests.reference_target.support import TestClient, make_client, template_matches


def test_healthz_and_faults(client: TestClient) -> None:
    assert client.get("/healthz").text == "ok"
    assert client.get("/__faults").json()["active"] == []
    faulty = make_client("legacy-404", "detail-500")
    assert faulty.get("/__faults").json()["active"] == ["detail-500", "legacy-404"]


def test_api_collections_and_items(client: TestClient) -> None:
    nodes = client.get("/api/nodes").json()
    assert nodes["total"] == len(nodes["items"]) > 0
    node = client.get(f"/api/nodes/{nodes['items'][0]['id']}").json()
    assert node["name"] == "gpu-node-01" and node["posture"] == "ready" and node["activity"]
    assert client.get("/api/nodes/node-9999").status_code == 404
    assert client.get("/api/nope").status_code == 404
    assert client.get("/api/evidence?resource=node-0001").json()["items"]


def _routed_page_templates() -> set[str]:
    """Every GET path template the app's router sends to a page: not a control endpoint, the
    JSON API, static files or `/` (which only redirects or serves the V1 dashboard)."""
    return {route.path for route in create_app().routes
            if isinstance(route, Route) and "GET" in (route.methods or ())
            and route.path not in CONTROL_PATHS | {"/", "/favicon.ico"}
            and not route.path.startswith("/api/")}


# Routed, but answering 404 unless a fault switches them on (template -> a path it serves).
FAULT_ONLY = {UNMAPPED_V1_PAGE: UNMAPPED_V1_PAGE, "/v3": "/v3", "/v3/{rest:path}": "/v3/workloads"}


def test_manifest_lists_every_page_template(client: TestClient) -> None:
    routes = client.get("/_manifest/routes.json").json()["routes"]
    assert len(routes) == len(set(routes)), "the manifest lists a template twice"
    # Exactly what the router answers: nothing routed is missing, nothing listed is unrouted.
    assert set(routes) == _routed_page_templates() - set(FAULT_ONLY)
    for template, path in FAULT_ONLY.items():
        assert template not in routes and client.get(path).status_code == 404, template
    # And it agrees with the spec: every page and V1 path it names is listed.
    for _, items in FAMILIES.values():
        assert {path for _, path in items} <= set(routes)
    assert set(PASSTHROUGH) <= set(routes)
    for v1 in REDIRECTS:
        assert any(template_matches(t, v1) for t in routes), f"no manifest template serves {v1}"
    for prefix in LIST_DETAILS.values():
        assert any(template_matches(t, f"{prefix}some-id") for t in routes), prefix
    assert {"/workloads/{workload_id}/terminal", "/platform/maas/sites/{site_id}",
            "/allocations/{allocation_id}", "/marketplace/{app_id}", "/admin/reports",
            "/pilot/{tenant}/scheduler"} <= set(routes)


def test_latency_delays_pages_but_not_control_endpoints() -> None:
    slow = make_client(latency_ms=(120, 160), seed=3)
    began = time.perf_counter()
    assert slow.get("/home").status_code == 200
    assert time.perf_counter() - began >= 0.12
    began = time.perf_counter()
    slow.get("/healthz")
    assert time.perf_counter() - began < 0.12


def test_config_rejects_bad_values() -> None:
    with pytest.raises(UnknownFaultError):
        TargetConfig(faults=frozenset({"no-such-fault"}))
    with pytest.raises(ValueError):
        TargetConfig(latency_ms=(50, 10))
    with pytest.raises(ValueError):
        TargetConfig(scale=0)

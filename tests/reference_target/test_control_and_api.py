"""Control endpoints, the JSON API, the route manifest and the latency setting."""

import time

import pytest

from reference_target import TargetConfig
from reference_target.faults import UnknownFaultError
from tests.reference_target.spec_data import FAMILIES, PASSTHROUGH, REDIRECTS
from tests.reference_target.support import TestClient, make_client


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


def test_manifest_lists_every_page_template(client: TestClient) -> None:
    routes = client.get("/_manifest/routes.json").json()["routes"]
    assert len(routes) == len(set(routes))
    for _, items in FAMILIES.values():
        assert {path for _, path in items} <= set(routes)
    assert {"/workloads/{workload_id}/terminal", "/platform/maas/sites/{site_id}",
            "/allocations/{allocation_id}", "/marketplace/{app_id}", "/admin/reports",
            "/pilot/{tenant}/scheduler"} <= set(routes)
    assert set(PASSTHROUGH) <= set(routes)
    assert {v1 for v1 in REDIRECTS if v1.count("/") == 1} <= set(routes)
    # 78 canonical pages + 43 legacy paths (SPEC section 6 without the /v3/* wildcard).
    assert len(routes) == 78 + 43
    assert "/reports/usage" not in routes and not any(r.startswith("/v3") for r in routes)


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

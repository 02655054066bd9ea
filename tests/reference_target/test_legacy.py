"""V1 legacy routes: one-hop redirects, the allocation resolver and passthrough V1 pages."""

import json
import re

import pytest

from tests.reference_target.spec_data import PASSTHROUGH, REDIRECTS
from tests.reference_target.support import TestClient, first_row_href, page


@pytest.mark.parametrize(("v1", "v3"), REDIRECTS.items())
def test_redirect_is_one_hop_to_the_v3_route(client: TestClient, v1: str, v3: str) -> None:
    response = client.get(v1)
    assert response.status_code == 302
    assert response.headers["location"] == v3
    assert client.get(v3).status_code == 200, "the target is a live V3 page"


def test_redirect_keeps_the_query_string(client: TestClient) -> None:
    assert client.get("/allocations?project=x").headers["location"] == "/workloads?project=x"


def test_job_detail_maps_to_the_same_workload_id(client: TestClient) -> None:
    workload_id = first_row_href(client, "/workloads").rsplit("/", 1)[-1]
    response = client.get(f"/jobs/{workload_id}")
    assert response.headers["location"] == f"/workloads/{workload_id}/tasks"


@pytest.mark.parametrize("suffix", ["", "/metrics"])
def test_allocation_resolver(client: TestClient, suffix: str) -> None:
    response = client.get(f"/allocations/alloc-1001{suffix}")
    assert response.status_code == 302
    location = response.headers["location"]
    assert re.fullmatch(rf"/workloads/wl-[0-9a-f]{{6}}{suffix}", location)
    landed = page(client, location.removesuffix(suffix) or location)
    assert landed.one("resource-aliases").get("data-allocation-id") == "alloc-1001"
    assert client.get(location).status_code == 200
    assert client.get(f"/allocations/alloc-9{suffix}").status_code == 404


def test_every_workload_resolves_from_its_own_alias(client: TestClient) -> None:
    for row in page(client, "/workloads").all("resource-row-link"):
        href = row.get("href") or ""
        alias = page(client, href).one("resource-aliases").get("data-allocation-id")
        assert client.get(f"/allocations/{alias}").headers["location"] == href


def test_marketplace_app_redirects_client_side(client: TestClient) -> None:
    response = client.get("/marketplace/jupyterlab")
    assert response.status_code == 200
    assert 'data-testid="v1-layout"' in response.text
    match = re.search(r"location\.replace\((.+?)\);", response.text)
    assert match and json.loads(match.group(1)) == "/apps/jupyterlab"


@pytest.mark.parametrize("path", PASSTHROUGH)
def test_passthrough_pages_use_the_v1_layout(client: TestClient, path: str) -> None:
    doc = page(client, path)
    assert doc.all(tag="body")[0].get("data-testid") == "v1-layout"
    assert not doc.has("global-shell") and not doc.has("global-nav")
    assert len(doc.all(tag="h1")) == 1


def test_v1_pages_link_only_to_v1_paths_that_are_mapped(client: TestClient) -> None:
    known = set(REDIRECTS) | set(PASSTHROUGH) | {"/marketplace"}
    for a in page(client, "/billing").all(tag="a"):
        assert a.get("href") in known

"""Roles (landing, global nav, 403) and the V3 flag (V1 mode changes only `/`)."""

import pytest

from tests.reference_target.spec_data import FAMILIES, GLOBAL_ORDER, ROLES
from tests.reference_target.support import make_client, page


@pytest.mark.parametrize("role_id", ROLES)
def test_role_landing_and_global_nav(role_id: str) -> None:
    landing, families = ROLES[role_id]
    client = make_client(role=role_id)
    response = client.get("/")
    assert response.status_code in (302, 303) and response.headers["location"] == landing
    doc = page(client, landing)
    nav = [a.get("data-testid") for a in doc.one("global-nav").all(tag="a")]
    assert nav == [f"global-nav-item-{f}" for f in GLOBAL_ORDER if f in families]
    for family, (_, items) in FAMILIES.items():
        status = 200 if family in families else 403
        forbidden = page(client, items[0][1], status)
        assert forbidden.has("global-shell")
        if status == 403:
            assert "not allowed" in forbidden.one("page-title").text.lower()


def test_default_role_is_platform_admin() -> None:
    client = make_client()
    assert client.get("/").headers["location"] == "/platform/ops"
    unknown = make_client(role="nobody")
    assert unknown.get("/").headers["location"] == "/platform/ops"


def test_forbidden_detail_page_is_403_even_for_unknown_ids() -> None:
    client = make_client(role="user")
    page(client, "/platform/nodes/node-0001", 403)
    page(client, "/platform/nodes/node-9999", 403)
    page(client, "/access/quotas/quota-0001", 403)


def test_v1_mode_serves_v1_dashboard_only_at_root() -> None:
    client = make_client(ui_version="v1")
    doc = page(client, "/")
    assert doc.all(tag="body")[0].get("data-testid") == "v1-layout"
    assert not doc.has("global-shell")
    assert doc.all(tag="title")[0].text == "Dashboard (V1)"
    assert page(client, "/workloads").has("global-shell")


def test_no_cookie_and_v3_cookie_are_v3() -> None:
    assert make_client().get("/").status_code == 302
    assert make_client(ui_version="v3").get("/").status_code == 302


def test_retired_paths() -> None:
    client = make_client()
    for path in ("/v3/workloads", "/v3/storage/buckets", "/v3/platform/nodes", "/v3"):
        assert client.get(path).status_code == 404
    assert client.get("/admin/reports").status_code == 410
    assert client.get("/reports/usage").status_code == 404

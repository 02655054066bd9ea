"""Every canonical V3 page answers inside the global shell with its family's local nav."""

import pytest

from reference_target.views import ROUTES
from tests.reference_target.spec_data import FAMILIES, LIST_DETAILS
from tests.reference_target.support import (
    TestClient,
    first_row_href,
    make_client,
    page,
    template_matches,
)

# Pages the spec shows without the family's local nav.
FULL_WIDTH = {"/workloads/{vm}/terminal"}
# (path template, family, local-nav key the page must mark current or None)
CANONICAL: list[tuple[str, str, str | None]] = [
    (path, family, key) for family, (_, items) in FAMILIES.items() for key, path in items
] + [
    ("/workloads/{vm}", "workloads", None), ("/workloads/{vm}/metrics", "workloads", None),
    ("/workloads/{vm}/storage", "workloads", None), ("/workloads/{vm}/tasks", "workloads", None),
    ("/workloads/{vm}/events", "workloads", None), ("/workloads/{vm}/terminal", "workloads", None),
    ("/workloads/{app}/app", "workloads", None), ("/workloads/{app}/members", "workloads", None),
    ("/workloads/{app}/versions", "workloads", None),
    ("/workloads/{app}/operations", "workloads", None),
    ("/compute/skus/sku-01", "compute", None),
    ("/apps/jupyterlab", "apps", None), ("/apps/jupyterlab/versions", "apps", None),
    ("/apps/jupyterlab/launch", "apps", None), ("/apps/artifacts/art-0001", "apps", None),
    ("/storage/buckets/bkt-0001", "storage", None),
    ("/storage/buckets/bkt-0001/sharing", "storage", None),
    ("/storage/buckets/bkt-0001/events", "storage", None),
    ("/access/service-accounts/sa-0001", "access", None),
    ("/access/quotas/quota-0001", "access", None),
    ("/platform/config/cfg-0001", "platform", None),
    ("/platform/finance/fin-0001", "platform", None),
    ("/platform/iam/users/usr-0001", "platform", None),
    ("/platform/nodes/node-0001", "platform", None),
    ("/platform/nodes/node-0001/activity", "platform", None),
    ("/platform/nodes/node-0001/capabilities", "platform", None),
    ("/platform/maas/sites/site-0001", "platform", None),
    ("/platform/maas/profiles/prof-0001", "platform", None),
    ("/platform/maas/fabrics/fab-0001", "platform", None),
    ("/platform/onboarding/onb-0001", "platform", None),
    ("/platform/onboarding/new", "platform", None),
]


# First path segments of V1 and retired paths: a V3 page must never link there.
V1_SEGMENTS = {"dashboard", "allocations", "jobs", "instances", "catalog", "marketplace",
               "volumes", "team", "service-accounts", "api-keys", "quotas", "profile", "settings",
               "billing", "admin", "inbox", "api-docs", "downloads", "pilot", "v3", "reports"}


def resolve(client: TestClient, template: str) -> str:
    for kind in ("vm", "app"):
        if f"{{{kind}}}" in template:
            workload = first_row_href(client, f"/workloads?kind={kind}").rsplit("/", 1)[-1]
            template = template.replace(f"{{{kind}}}", workload)
    return template


def test_inventory_covers_every_page_template_once(client: TestClient) -> None:
    """The spec's page list and the app's page table are the same pages, one for one."""
    templates = [route.path for route in ROUTES]
    assert len(templates) == len(set(templates)), "the app registers a page template twice"
    served: list[str] = []
    for template, _, _ in CANONICAL:
        path = resolve(client, template)
        # Static segments win over parameters, as in the app's router.
        matching = sorted((t for t in templates if template_matches(t, path)),
                          key=lambda t: t.count("{"))
        assert matching, f"no page template serves {path}"
        served.append(matching[0])
    assert sorted(served) == sorted(templates)


@pytest.mark.parametrize(("template", "family", "key"), CANONICAL,
                         ids=[c[0] for c in CANONICAL])
def test_page_in_shell_with_local_nav(client: TestClient, template: str, family: str,
                                      key: str | None) -> None:
    doc = page(client, resolve(client, template))
    assert doc.has("global-shell") and not doc.has("v1-layout")
    shell = doc.one("global-shell")
    assert len(doc.all(tag="h1")) == 1 and doc.one("page-title").text
    assert doc.all(tag="html")[0].get("lang") == "en"
    assert shell.has("global-nav") and shell.has("local-nav") is (template not in FULL_WIDTH)
    items = doc.one("local-nav").all(tag="a") if template not in FULL_WIDTH else []
    assert [(a.get("data-testid"), a.get("href")) for a in items] == [
        (f"local-nav-item-{k}", p) for k, p in FAMILIES[family][1] if template not in FULL_WIDTH]
    current = [a.get("data-testid") for a in items if a.get("aria-current") == "page"]
    assert current == ([f"local-nav-item-{key}"] if key else [])
    footer_links = [a.get("href") for a in doc.all(tag="footer")[0].all(tag="a")]
    assert footer_links == ["/docs", "/help"]
    for a in doc.all(tag="a"):
        href = a.get("href") or ""
        if href.startswith("/"):
            segment = href.split("?")[0].split("/")[1]
            assert segment not in V1_SEGMENTS, f"V3 page links to the V1 path {href}"
    for img in doc.all(tag="img"):
        assert img.get("alt"), "every image has alt text"
    for button in doc.all(tag="button"):
        assert button.text or button.get("aria-label"), "every button has a name"


DETAILS = [c[0] for c in CANONICAL if c[2] is None and c[0] != "/platform/onboarding/new"]


@pytest.mark.parametrize("template", DETAILS)
def test_detail_pages_have_resource_header_and_back_link(client: TestClient,
                                                         template: str) -> None:
    doc = page(client, resolve(client, template))
    header = doc.one("resource-header")
    back = header.one("resource-back-link")
    assert back.tag == "a" and (back.get("href") or "").startswith("/")
    assert header.one("resource-name").text


@pytest.mark.parametrize(("list_path", "detail_prefix"), LIST_DETAILS.items())
def test_list_rows_link_to_detail_routes(client: TestClient, list_path: str,
                                         detail_prefix: str) -> None:
    doc = page(client, list_path)
    rows = doc.all("resource-row")
    assert rows, f"{list_path} has rows"
    for row in rows:
        link = row.one("resource-row-link")
        href = link.get("href") or ""
        assert href.startswith(detail_prefix) and "/" not in href[len(detail_prefix):]
    target = page(client, rows[0].one("resource-row-link").get("href") or "")
    back = target.one("resource-back-link").get("href")
    assert back == list_path.split("?")[0] or list_path == "/apps/runtimes"


def test_workload_kinds_and_filter(client: TestClient) -> None:
    for kind, extra_tab in (("vm", "terminal"), ("app", "app"), ("batch", None)):
        href = first_row_href(client, f"/workloads?kind={kind}")
        doc = page(client, href)
        tabs = {e.get("data-testid") for e in doc.iter() if
                (e.get("data-testid") or "").startswith("tab-")}
        assert {"tab-overview", "tab-metrics", "tab-storage", "tab-tasks", "tab-events"} <= tabs
        assert ("tab-terminal" in tabs) == (kind == "vm")
        assert ("tab-app" in tabs) == (kind == "app")
        if extra_tab is None:
            page(client, f"{href}/terminal", 404)
            page(client, f"{href}/app", 404)
        assert doc.has("lifecycle-op-card") == (kind == "app")
    assert page(client, "/workloads/activity").one("page-title").text == "Workload activity"


def test_workload_detail_shows_allocation_alias(client: TestClient) -> None:
    doc = page(client, first_row_href(client, "/workloads"))
    alias = doc.one("resource-aliases").get("data-allocation-id") or ""
    assert alias.startswith("alloc-")
    assert alias.removeprefix("alloc-") not in doc.one("resource-name").text


def test_tabs_mark_current_and_link_to_their_routes(client: TestClient) -> None:
    doc = page(client, "/platform/nodes/node-0001/activity")
    tabs = {a.get("data-testid"): a for a in doc.iter()
            if (a.get("data-testid") or "").startswith("tab-")}
    assert tabs["tab-overview"].get("href") == "/platform/nodes/node-0001"
    assert tabs["tab-activity"].get("aria-current") == "page"
    assert tabs["tab-overview"].get("aria-current") is None


def test_unknown_ids_answer_404_in_the_shell(client: TestClient) -> None:
    for path in ("/workloads/wl-nope", "/platform/nodes/node-9999", "/apps/no-such-app",
                 "/no/such/page"):
        assert page(client, path, 404).has("global-shell")


def test_apps_catalog_has_featured_icons_with_alt(client: TestClient) -> None:
    doc = page(client, "/apps")
    images = doc.all(tag="img")
    assert images and all(img.get("alt") for img in images)


def test_evidence_pages_filter_by_resource(client: TestClient) -> None:
    for path in ("/access/audit", "/platform/evidence"):
        doc = page(client, f"{path}?resource=node-0002")
        assert doc.one("evidence-subject").text == "node-0002"
        entries = doc.all("evidence-entry")
        assert entries and {e.get("data-resource-id") for e in entries} == {"node-0002"}
        assert not page(client, path).has("evidence-subject")


def test_static_assets_and_favicon(client: TestClient) -> None:
    for path in ("/static/app.js", "/static/app.css", "/static/favicon.svg", "/favicon.ico"):
        assert client.get(path).status_code == 200


def test_pages_never_link_to_control_or_api_paths(client: TestClient) -> None:
    for path in ("/home", "/platform/ops", "/workloads", "/docs", "/access/audit"):
        for a in page(client, path).all(tag="a"):
            href = a.get("href") or ""
            assert not href.startswith(("/__", "/api/", "/_manifest", "/healthz")), href


def test_scale_makes_n_resources_per_collection() -> None:
    big = make_client(scale=40)
    assert len(page(big, "/platform/nodes").all("resource-row")) == 40
    assert big.get("/api/buckets").json()["total"] == 40
    page(big, "/platform/nodes/node-0040")
    page(big, "/platform/nodes/node-0041", 404)


def test_same_seed_serves_identical_pages_and_other_seeds_differ() -> None:
    a, b, c = make_client(seed=7), make_client(seed=7), make_client(seed=8)
    assert a.get("/workloads").text == b.get("/workloads").text
    assert a.get("/workloads").text != c.get("/workloads").text


def test_long_lists_are_paged_like_the_product() -> None:
    big = make_client(scale=120)
    first = page(big, "/platform/nodes")
    assert len(first.all("resource-row")) == 50
    third = page(big, "/platform/nodes?page=3")
    assert len(third.all("resource-row")) == 20
    assert "Showing 101\u2013120 of 120" in big.get("/platform/nodes?page=3").text
    assert 'href="/platform/nodes?page=2" rel="next"' in big.get("/platform/nodes").text

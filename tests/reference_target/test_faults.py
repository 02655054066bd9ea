"""Every fault changes exactly what it names, and nothing a neighbouring page serves.

These checks read what the server sends. The faults whose effect only shows when app.js runs
(tab-no-url, destructive-window-confirm, typed-confirm-any-text) are also driven in a real browser
in test_faults_in_browser.py."""

import time
from collections.abc import Callable

import pytest

from reference_target import FAULTS, TargetConfig
from tests.reference_target.support import TestClient, first_row_href, make_client, page

EFFECTS: dict[str, Callable[[], None]] = {}


def effect(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    def register(check: Callable[[], None]) -> Callable[[], None]:
        EFFECTS[name] = check
        return check

    return register


def both(path: str, fault: str, **cookies: str) -> tuple[TestClient, TestClient]:
    """A healthy and a faulted client, after checking the healthy app serves `path`."""
    healthy, faulty = make_client(**cookies), make_client(fault, **cookies)
    assert healthy.get(path).status_code == 200
    return healthy, faulty


# --- Navigation


@effect("missing-back-link")
def _missing_back_link() -> None:
    healthy, faulty = both("/storage/buckets/bkt-0001", "missing-back-link")
    for tab in ("", "/sharing", "/events"):
        assert page(healthy, f"/storage/buckets/bkt-0001{tab}").has("resource-back-link")
        assert not page(faulty, f"/storage/buckets/bkt-0001{tab}").has("resource-back-link")
    assert page(faulty, "/platform/nodes/node-0001").has("resource-back-link")


@effect("back-link-history")
def _back_link_history() -> None:
    _, faulty = both("/platform/nodes/node-0001", "back-link-history")
    for tab in ("", "/activity", "/capabilities"):
        link = page(faulty, f"/platform/nodes/node-0001{tab}").one("resource-back-link")
        assert link.get("href") == "javascript:history.back()"


@effect("back-link-duplicated")
def _back_link_duplicated() -> None:
    healthy, faulty = both("/platform/config/cfg-0001", "back-link-duplicated")
    assert len(page(healthy, "/platform/config/cfg-0001").all("resource-back-link")) == 1
    links = page(faulty, "/platform/config/cfg-0001").all("resource-back-link")
    assert [a.get("href") for a in links] == ["/platform/config", "/platform/config"]


@effect("back-link-wrong-list")
def _back_link_wrong_list() -> None:
    healthy, faulty = both("/apps/artifacts/art-0001", "back-link-wrong-list")
    assert page(healthy, "/apps/artifacts/art-0001").one(
        "resource-back-link").get("href") == "/apps/artifacts"
    assert page(faulty, "/apps/artifacts/art-0001").one("resource-back-link").get("href") == "/apps"


@effect("shell-missing")
def _shell_missing() -> None:
    _, faulty = both("/notifications", "shell-missing")
    for path in ("/notifications", "/notifications/settings"):
        doc = page(faulty, path)
        assert not doc.has("global-shell") and doc.has("local-nav") and doc.has("page-title")
    assert page(faulty, "/docs").has("global-shell")


@effect("local-nav-selector-renamed")
def _local_nav_selector_renamed() -> None:
    _, faulty = both("/access/credentials", "local-nav-selector-renamed")
    doc = page(faulty, "/access/credentials")
    assert not doc.has("local-nav-item-credentials")
    renamed = doc.one("local-nav-item-api-keys")
    assert renamed.get("href") == "/access/credentials" and renamed.get("aria-current") == "page"


@effect("local-nav-wrong-route")
def _local_nav_wrong_route() -> None:
    _, faulty = both("/storage/buckets", "local-nav-wrong-route")
    for path in ("/storage/buckets", "/storage/grants"):
        assert page(faulty, path).one("local-nav-item-grants").get("href") == (
            "/storage/attachments")
    assert page(faulty, "/storage/grants").has("page-title"), "the page itself still serves"


@effect("local-nav-no-active")
def _local_nav_no_active() -> None:
    _, faulty = both("/docs", "local-nav-no-active")
    for path in ("/docs", "/docs/downloads", "/docs/api", "/docs/api/swagger", "/docs/api/redoc"):
        links = page(faulty, path).one("local-nav").all(tag="a")
        assert not any(a.get("aria-current") for a in links)
    assert page(faulty, "/schedulers").one("local-nav-item-overview").get("aria-current")


def _local_items(client: TestClient, path: str) -> list[tuple[str | None, str, str | None]]:
    return [(a.get("data-testid"), a.text, a.get("href"))
            for a in page(client, path).one("local-nav").all(tag="a")]


@effect("local-nav-extra-item")
def _local_nav_extra_item() -> None:
    healthy, faulty = both("/home", "local-nav-extra-item")
    for path in ("/home", "/search", "/help"):
        assert _local_items(faulty, path) == [
            *_local_items(healthy, path),
            ("local-nav-item-workloads", "Workloads", "/workloads")]
    assert _local_items(faulty, "/workloads") == _local_items(healthy, "/workloads")


@effect("local-nav-reordered")
def _local_nav_reordered() -> None:
    healthy, faulty = both("/account/profile", "local-nav-reordered")
    for path in ("/account/profile", "/account/security", "/account/billing",
                 "/account/sessions"):
        before, after = _local_items(healthy, path), _local_items(faulty, path)
        assert after == [before[1], before[0], *before[2:]]
    assert page(faulty, "/account/profile").one("local-nav-item-profile").get(
        "aria-current") == "page"


@effect("local-nav-wrong-label")
def _local_nav_wrong_label() -> None:
    healthy, faulty = both("/apps", "local-nav-wrong-label")
    for path in ("/apps", "/apps/runtimes", "/apps/artifacts"):
        item = page(faulty, path).one("local-nav-item-artifacts")
        assert item.text == "Models" and item.get("href") == "/apps/artifacts"
        assert page(healthy, path).one("local-nav-item-artifacts").text == "Artifacts"


@effect("global-nav-extra-item")
def _global_nav_extra_item() -> None:
    healthy, faulty = both("/workloads", "global-nav-extra-item", role="project_admin")
    for path in ("/workloads", "/access/memberships"):
        extra = page(faulty, path).one("global-nav-item-help")
        assert extra.get("href") == "/help" and extra.text == "Help"
        assert not page(healthy, path).has("global-nav-item-help")
    assert not page(make_client("global-nav-extra-item"), "/workloads").has(
        "global-nav-item-help")


@effect("global-nav-wrong-current")
def _global_nav_wrong_current() -> None:
    healthy, faulty = both("/schedulers", "global-nav-wrong-current")

    def active(client: TestClient, path: str) -> list[str | None]:
        return [a.get("data-testid") for a in page(client, path).one("global-nav").all(tag="a")
                if a.get("class") == "active"]

    for path in ("/schedulers", "/schedulers/slurm", "/schedulers/kubernetes"):
        assert active(faulty, path) == ["global-nav-item-workloads"]
        assert active(healthy, path) == ["global-nav-item-schedulers"]
    assert active(faulty, "/docs") == ["global-nav-item-docs"]


@effect("page-heading-wrong")
def _page_heading_wrong() -> None:
    healthy, faulty = both("/storage/grants", "page-heading-wrong")
    doc = page(faulty, "/storage/grants")
    assert doc.one("page-title").text == "Attachments"
    assert doc.all(tag="title")[0].text == page(healthy, "/storage/grants").all(
        tag="title")[0].text == "Grants · Storage · GPU Cloud"
    assert page(faulty, "/storage/attachments").one("page-title").text == "Attachments"


@effect("document-title-stale")
def _document_title_stale() -> None:
    healthy, faulty = both("/account/sessions", "document-title-stale")
    doc = page(faulty, "/account/sessions")
    assert doc.all(tag="title")[0].text == "Profile · Account · GPU Cloud"
    assert doc.one("page-title").text == page(healthy, "/account/sessions").one(
        "page-title").text == "Sessions"


@effect("back-link-wrong-label")
def _back_link_wrong_label() -> None:
    path = "/platform/maas/profiles/prof-0001"
    healthy, faulty = both(path, "back-link-wrong-label")
    link = page(faulty, path).one("resource-back-link")
    assert link.text == "← Back to MAAS sites" and link.get("href") == "/platform/maas/profiles"
    assert page(healthy, path).one("resource-back-link").text == "← Back to MAAS profiles"
    assert page(faulty, "/platform/maas/sites/site-0001").one(
        "resource-back-link").text == "← Back to MAAS sites"


@effect("tab-no-url")
def _tab_no_url() -> None:
    healthy = make_client()
    detail = first_row_href(healthy, "/apps")
    _, faulty = both(detail, "tab-no-url")

    def history(client: TestClient, path: str) -> str | None:
        navs = [e for e in page(client, path).all(tag="nav") if "tabs" in (e.get("class") or "")]
        return navs[0].get("data-history")

    assert history(healthy, detail) == "push"
    assert history(faulty, detail) == history(faulty, f"{detail}/versions") == "none"
    assert history(faulty, "/platform/nodes/node-0001") == "push"


@effect("role-nav-leak")
def _role_nav_leak() -> None:
    healthy, faulty = both("/workloads", "role-nav-leak", role="user")
    assert not page(healthy, "/workloads").has("global-nav-item-platform")
    assert page(faulty, "/workloads").has("global-nav-item-platform")
    page(faulty, "/platform/ops", 403)
    admin = make_client("role-nav-leak", role="project_admin")
    assert not page(admin, "/workloads").has("global-nav-item-platform")


@effect("role-landing-wrong")
def _role_landing_wrong() -> None:
    healthy = make_client(role="project_admin")
    faulty = make_client("role-landing-wrong", role="project_admin")
    assert healthy.get("/").headers["location"] == "/access/memberships"
    assert faulty.get("/").headers["location"] == "/workloads"
    assert make_client("role-landing-wrong", role="user").get("/").headers["location"] == (
        "/workloads")
    assert make_client("role-landing-wrong").get("/").headers["location"] == "/platform/ops"


@effect("detail-500")
def _detail_500() -> None:
    _, faulty = both("/compute/skus/sku-01", "detail-500")
    assert faulty.get("/compute/skus/sku-01").status_code == 500
    assert faulty.get("/compute").status_code == 200


@effect("slow-page")
def _slow_page() -> None:
    assert TargetConfig().slow_page_seconds == 30
    quick = make_client("slow-page", slow_page_seconds=0.4)
    detail = first_row_href(quick, "/workloads")
    began = time.perf_counter()
    assert quick.get(f"{detail}/metrics").status_code == 200
    assert time.perf_counter() - began >= 0.4
    began = time.perf_counter()
    assert quick.get(f"{detail}/events").status_code == 200
    assert time.perf_counter() - began < 0.4


@effect("console-error")
def _console_error() -> None:
    healthy, faulty = both("/docs", "console-error")
    assert "<script>window.docsAnalytics" not in healthy.get("/docs").text
    assert "<script>window.docsAnalytics.track('portal_view');</script>" in faulty.get("/docs").text
    assert "<script>window" not in faulty.get("/docs/downloads").text


@effect("console-unlisted-host")
def _console_unlisted_host() -> None:
    healthy, faulty = both("/docs/api/swagger", "console-unlisted-host")
    font = '<link rel="stylesheet" href="https://fonts.gpucloud-cdn.invalid/'
    assert font in healthy.get("/docs/api/swagger").text
    assert "telemetry.gpucloud-metrics.invalid" not in healthy.get("/docs/api/swagger").text
    served = faulty.get("/docs/api/swagger").text
    assert font in served
    assert '<script src="https://telemetry.gpucloud-metrics.invalid/collect.js">' in served


@effect("row-first-elsewhere")
def _row_first_elsewhere() -> None:
    healthy, faulty = both("/access/quotas", "row-first-elsewhere")
    assert first_row_href(healthy, "/access/quotas").startswith("/access/quotas/")
    assert first_row_href(faulty, "/access/quotas") == "/access/entitlements"
    rows = page(faulty, "/access/quotas").all("resource-row-link")
    assert [r.get("href") for r in rows[1:]] == [
        r.get("href") for r in page(healthy, "/access/quotas").all("resource-row-link")]


# --- Cutover


@effect("unmapped-v1-page")
def _unmapped_v1_page() -> None:
    healthy, faulty = both("/home", "unmapped-v1-page")
    assert healthy.get("/reports/usage").status_code == 404
    footer = page(faulty, "/home").all(tag="footer")[0]
    assert "/reports/usage" in [a.get("href") for a in footer.all(tag="a")]
    doc = page(faulty, "/reports/usage")
    assert doc.all(tag="body")[0].get("data-testid") == "v1-layout"
    assert "/reports/usage" in faulty.get("/_manifest/routes.json").json()["routes"]


@effect("v3-mock-live")
def _v3_mock_live() -> None:
    healthy, faulty = both("/workloads", "v3-mock-live")
    assert healthy.get("/v3/workloads").status_code == 404
    assert faulty.get("/v3/workloads").status_code == 200
    assert faulty.get("/v3/storage/buckets").status_code == 404


@effect("redirect-drops-id")
def _redirect_drops_id() -> None:
    _, faulty = both("/workloads", "redirect-drops-id")
    assert faulty.get("/allocations/alloc-1001").headers["location"] == "/workloads"
    assert faulty.get("/allocations/alloc-1001/metrics").headers["location"].endswith("/metrics")


@effect("redirect-drops-query")
def _redirect_drops_query() -> None:
    healthy, faulty = both("/workloads?kind=vm", "redirect-drops-query")
    assert healthy.get("/instances").headers["location"] == "/workloads?kind=vm"
    assert faulty.get("/instances").headers["location"] == "/workloads"
    assert faulty.get("/volumes").headers["location"] == "/storage/buckets"


@effect("legacy-wrong-resource")
def _legacy_wrong_resource() -> None:
    workload_id = first_row_href(make_client(), "/workloads").rsplit("/", 1)[-1]
    healthy, faulty = both(f"/workloads/{workload_id}/tasks", "legacy-wrong-resource")
    assert healthy.get(f"/jobs/{workload_id}").headers["location"] == \
        f"/workloads/{workload_id}/tasks"
    location = faulty.get(f"/jobs/{workload_id}").headers["location"]
    assert location != f"/workloads/{workload_id}/tasks" and location.endswith("/tasks")
    assert faulty.get(location).status_code == 200, "a real page, of another workload"
    assert faulty.get("/admin/nodes/node-0001").headers["location"] == "/platform/nodes/node-0001"


@effect("section-redirect-elsewhere")
def _section_redirect_elsewhere() -> None:
    healthy, faulty = both("/storage/buckets", "section-redirect-elsewhere")
    assert healthy.get("/storage").headers["location"] == "/storage/buckets"
    assert faulty.get("/storage").headers["location"] == "/storage/grants"
    assert faulty.get("/account").text == healthy.get("/account").text


@effect("catch-all-not-found")
def _catch_all_not_found() -> None:
    healthy, faulty = both("/home", "catch-all-not-found")
    assert healthy.get("/no/such/page").status_code == 404
    answer = faulty.get("/no/such/page")
    assert answer.status_code == 200 and 'location.replace("/home")' in answer.text
    # pages that are not found by their own route (an unknown id, a V3 mock) still answer 404
    assert faulty.get("/storage/buckets/no-such-bucket").status_code == 404
    assert faulty.get("/v3/workloads").status_code == 404
    assert faulty.get("/api/nope").status_code == 404


@effect("legacy-404")
def _legacy_404() -> None:
    _, faulty = both("/storage/buckets", "legacy-404")
    assert faulty.get("/volumes").status_code == 404
    assert faulty.get("/volumes/new").status_code == 302


@effect("passthrough-gone")
def _passthrough_gone() -> None:
    _, faulty = both("/billing", "passthrough-gone")
    assert faulty.get("/billing").status_code == 404
    assert faulty.get("/billing/invoices").status_code == 200


@effect("flag-defaults-v1")
def _flag_defaults_v1() -> None:
    faulty = make_client("flag-defaults-v1")
    assert make_client().get("/").status_code == 302
    doc = page(faulty, "/")
    assert doc.all(tag="body")[0].get("data-testid") == "v1-layout"
    assert make_client("flag-defaults-v1", ui_version="v3").get("/").status_code == 302


@effect("placeholder-text")
def _placeholder_text() -> None:
    healthy, faulty = both("/access/connectivity", "placeholder-text")
    assert "coming soon" not in healthy.get("/access/connectivity").text.lower()
    assert "Coming soon" in page(faulty, "/access/connectivity").one("global-shell").text


@effect("img-no-alt")
def _img_no_alt() -> None:
    _, faulty = both("/apps", "img-no-alt")
    images = page(faulty, "/apps").all(tag="img")
    assert "alt" not in images[0].attrs and all(img.get("alt") for img in images[1:])


@effect("button-unlabeled")
def _button_unlabeled() -> None:
    healthy, faulty = both("/compute/launch", "button-unlabeled")

    def icon_button(client: TestClient) -> dict[str, str | None]:
        buttons = [b for b in page(client, "/compute/launch").all(tag="button")
                   if "icon-button" in (b.get("class") or "")]
        assert len(buttons) == 1 and not buttons[0].text
        return buttons[0].attrs

    assert icon_button(healthy).get("aria-label") == "Refresh availability"
    assert "aria-label" not in icon_button(faulty)


@effect("v1-dashboard-broken")
def _v1_dashboard_broken() -> None:
    faulty = make_client("v1-dashboard-broken", ui_version="v1")
    response = faulty.get("/")
    assert response.status_code == 302 and response.headers["location"] == "/platform/ops"
    assert make_client("v1-dashboard-broken").get("/").headers["location"] == "/platform/ops"


@effect("v1-timeline-richer")
def _v1_timeline_richer() -> None:
    healthy, faulty = both("/allocations/alloc-1001", "v1-timeline-richer", ui_version="v1")
    assert "Quota checked" not in healthy.get("/allocations/alloc-1001").text
    assert "Quota checked" in faulty.get("/allocations/alloc-1001").text
    v3 = make_client("v1-timeline-richer")  # V3 mode: the redirect to the workload
    events = v3.get(v3.get("/allocations/alloc-1001").headers["location"] + "/events")
    assert events.status_code == 200 and "Quota checked" not in events.text


# --- Lifecycle


@effect("card-no-evidence")
def _card_no_evidence() -> None:
    _, faulty = both("/platform/nodes/node-0001", "card-no-evidence")
    cards = page(faulty, "/platform/nodes/node-0001").all("lifecycle-op-card")
    for card in cards:
        assert card.has("op-evidence") == (card.get("data-op") != "drain")


@effect("card-unknown-intent")
def _card_unknown_intent() -> None:
    _, faulty = both("/storage/buckets/bkt-0001", "card-unknown-intent")
    intents = {c.get("data-op"): c.get("data-intent")
               for c in page(faulty, "/storage/buckets/bkt-0001").all("lifecycle-op-card")}
    assert intents["lifecycle-policy"] == "cleanup" and intents["attach"] == "setup"


@effect("card-missing-op")
def _card_missing_op() -> None:
    _, faulty = both("/access/quotas/quota-0001", "card-missing-op")
    ops = [c.get("data-op") for c in page(faulty, "/access/quotas/quota-0001").all(
        "lifecycle-op-card")]
    assert ops == ["update-policy"]


@effect("evidence-wrong-resource")
def _evidence_wrong_resource() -> None:
    _, faulty = both("/platform/maas/sites/site-0001", "evidence-wrong-resource")
    for card in page(faulty, "/platform/maas/sites/site-0001").all("lifecycle-op-card"):
        href = card.one("op-evidence").get("href") or ""
        subject = page(faulty, href).one("evidence-subject").text
        assert subject.startswith("site-") and subject != "site-0001"
    node_card = page(faulty, "/platform/nodes/node-0001").all("op-evidence")[0]
    assert node_card.get("href") == "/platform/evidence?resource=node-0001"


@effect("timeline-missing")
def _timeline_missing() -> None:
    _, faulty = both("/platform/finance/fin-0001", "timeline-missing")
    doc = page(faulty, "/platform/finance/fin-0001")
    assert not doc.has("activity-timeline") and doc.has("lifecycle-op-card")
    assert page(faulty, "/platform/iam/users/usr-0001").has("activity-timeline")


@effect("destructive-window-confirm")
def _destructive_window_confirm() -> None:
    _, faulty = both("/platform/nodes/node-0001", "destructive-window-confirm")
    doc = page(faulty, "/platform/nodes/node-0001")
    triggers = {c.get("data-op"): c.one("op-trigger").get("data-confirm")
                for c in doc.all("lifecycle-op-card")}
    assert triggers["decommission"] == "window" and not doc.has("typed-confirm-dialog")
    assert page(faulty, "/platform/maas/sites/site-0001").has("typed-confirm-dialog")


@effect("typed-confirm-any-text")
def _typed_confirm_any_text() -> None:
    healthy = make_client()
    detail = first_row_href(healthy, "/workloads?kind=app")
    _, faulty = both(detail, "typed-confirm-any-text")
    assert page(faulty, detail).one("typed-confirm-dialog").get("data-match") == "nonempty"
    assert page(faulty, "/platform/nodes/node-0001").one(
        "typed-confirm-dialog").get("data-match") == "exact"


@effect("s3-without-s3")
def _s3_without_s3() -> None:
    _, faulty = both("/storage/buckets/bkt-0001", "s3-without-s3")
    for link in page(faulty, "/storage/buckets").all("resource-row-link"):
        ops = [c.get("data-op") for c in page(faulty, link.get("href") or "").all(
            "lifecycle-op-card")]
        assert "s3-credential" in ops


@effect("mutation-no-activity")
def _mutation_no_activity() -> None:
    faulty = make_client("mutation-no-activity")
    path = "/platform/nodes/node-0001"
    before = len(page(faulty, path).all("activity-entry"))
    assert faulty.post("/api/nodes/node-0001/operations/drain").status_code == 200
    after = page(faulty, path)
    assert after.one("resource-posture").text == "drained"
    assert len(after.all("activity-entry")) == before


# --- Guards of issue 17: V1 links, errors during interaction, resource identity


def _hrefs(client: TestClient, path: str) -> set[str]:
    return {a.get("href") or "" for a in page(client, path).all(tag="a")}


@effect("v1-link-in-page")
def _v1_link_in_page() -> None:
    healthy, faulty = both("/home", "v1-link-in-page")
    assert "/volumes" not in _hrefs(healthy, "/home")
    assert "/volumes" in _hrefs(faulty, "/home")
    assert "/storage/buckets" in _hrefs(faulty, "/home")  # the global nav item is untouched


@effect("external-link-unlisted")
def _external_link_unlisted() -> None:
    detail = first_row_href(make_client(), "/workloads?kind=app") + "/app"
    healthy, faulty = both(detail, "external-link-unlisted")
    assert (page(healthy, detail).one("app-open").get("href") or "").endswith(
        ".apps.gpucloud.example/")
    assert (page(faulty, detail).one("app-open").get("href") or "").endswith(
        ".apps.gpucloud-preview.example/")


@effect("click-error")
def _click_error() -> None:
    healthy, faulty = both("/account/profile", "click-error")
    assert "accountAnalytics" not in healthy.get("/account/profile").text
    for path in ("/account/profile", "/account/sessions"):
        assert "accountAnalytics" in faulty.get(path).text
    assert "accountAnalytics" not in faulty.get("/access/memberships").text


@effect("detail-wrong-resource")
def _detail_wrong_resource() -> None:
    healthy, faulty = both("/access/service-accounts/sa-0001", "detail-wrong-resource")
    row = page(healthy, "/access/service-accounts").all("resource-row-link")[0]
    assert page(healthy, "/access/service-accounts/sa-0001").one("resource-name").text == row.text
    assert page(faulty, "/access/service-accounts/sa-0001").one("resource-name").text != row.text
    assert page(faulty, "/access/service-accounts").all("resource-row-link")[0].text == row.text


@effect("render-leak")
def _render_leak() -> None:
    healthy, faulty = both("/workloads/activity", "render-leak")
    assert "NaN" not in healthy.get("/workloads/activity").text
    shown = faulty.get("/workloads/activity").text
    assert "NaN h" in shown and "[object Object]" in shown
    assert "NaN" not in faulty.get("/workloads").text



@effect("detail-data-dump")
def _detail_data_dump() -> None:
    healthy, faulty = both("/platform/iam/users/usr-0001", "detail-data-dump")
    assert "<pre" not in healthy.get("/platform/iam/users/usr-0001").text
    shown = faulty.get("/platform/iam/users/usr-0001").text
    assert shown.count('<th scope="col">') >= 20 and "<pre" in shown and "field_20" in shown


def _panel_faults(client: TestClient, path: str) -> str | None:
    return page(client, path).one("api-panel").get("data-faults")


@effect("degraded-null-nan")
def _degraded_null_nan() -> None:
    healthy, faulty = both("/workloads", "degraded-null-nan")
    workload = first_row_href(healthy, "/workloads")
    # static/panels.js renders a null telemetry value as NaN only in the panel marked so
    assert _panel_faults(healthy, workload) is None
    assert _panel_faults(faulty, workload) == "null-nan"
    assert _panel_faults(faulty, f"{workload}/tasks") is None


@effect("degraded-error-blank")
def _degraded_error_blank() -> None:
    healthy, faulty = both("/workloads", "degraded-error-blank")
    workload = first_row_href(healthy, "/workloads")
    # static/panels.js replaces the page body on an API error only in the panel marked so
    assert _panel_faults(healthy, f"{workload}/tasks") is None
    assert _panel_faults(faulty, f"{workload}/tasks") == "error-blank"
    assert _panel_faults(faulty, workload) is None
    assert faulty.get(f"/api{workload}/tasks").json() == healthy.get(f"/api{workload}/tasks").json()


# --- The page matches the contract exactly: role limits, every row, hidden V1 dependencies,
# present-but-hidden elements


@effect("role-page-leak")
def _role_page_leak() -> None:
    healthy, faulty = both("/workloads", "role-page-leak", role="user")
    page(healthy, "/platform/config", 403)
    assert page(faulty, "/platform/config").has("page-title")
    assert page(faulty, "/platform/ops").has("page-title")
    assert not page(faulty, "/workloads").has("global-nav-item-platform")  # the nav still hides
    page(faulty, "/access/memberships", 403)  # only platform, only the user role
    page(make_client("role-page-leak", role="project_admin"), "/platform/config", 403)


@effect("row-link-missing")
def _row_link_missing() -> None:
    healthy, faulty = both("/storage/buckets", "row-link-missing")

    def hrefs(client: TestClient) -> list[str]:
        return [a.get("href") or "" for a in page(client, "/storage/buckets").all(
            "resource-row-link")]

    good, bad = hrefs(healthy), hrefs(faulty)
    assert [i for i, (a, b) in enumerate(zip(good, bad, strict=True)) if a != b] == [2]
    assert faulty.get(good[2]).status_code == 200 and faulty.get(bad[2]).status_code == 404
    texts = [a.text for a in page(faulty, "/storage/buckets").all("resource-row-link")]
    assert texts == [a.text for a in page(healthy, "/storage/buckets").all("resource-row-link")]


@effect("v1-fetch-in-page")
def _v1_fetch_in_page() -> None:
    healthy, faulty = both("/workloads", "v1-fetch-in-page")
    assert "/allocations" not in healthy.get("/workloads").text
    assert "<script>fetch('/allocations'" in faulty.get("/workloads").text
    assert "/allocations" not in _hrefs(faulty, "/workloads")  # no link: only the request
    assert "fetch(" not in faulty.get("/workloads/activity").text


@effect("card-hidden")
def _card_hidden() -> None:
    healthy, faulty = both("/platform/nodes/node-0001", "card-hidden")

    def styles(client: TestClient) -> dict[str | None, str | None]:
        return {c.get("data-op"): c.get("style") for c in page(
            client, "/platform/nodes/node-0001").all("lifecycle-op-card")}

    assert set(styles(healthy).values()) == {None}
    hidden = styles(faulty)
    assert hidden.pop("drain") == "display:none" and set(hidden.values()) == {None}


# --- Readiness: rows rendered from a fetch, and a dialog over every page


def _row_hrefs(client: TestClient, path: str, *, late: bool) -> list[str | None]:
    """The row links of `path`: those in the page, or those its <template> keeps back."""
    root = page(client, path)
    slots = root.all(tag="template")
    found = [a for t in slots for a in t.all("resource-row-link")] if late else \
        root.all("resource-row-link")
    assert bool(slots) == late
    return [a.get("href") for a in found]


@effect("late-render")
def _late_render() -> None:
    healthy, faulty = both("/compute", "late-render")
    rows = _row_hrefs(healthy, "/compute", late=False)
    assert rows and _row_hrefs(faulty, "/compute", late=True) == rows
    assert "fetch('/api/rows-ready')" in faulty.get("/compute").text
    started = time.monotonic()
    assert faulty.get("/api/rows-ready").json() == {"ready": True}
    assert 0.6 <= time.monotonic() - started < 3
    assert _row_hrefs(faulty, "/storage/buckets", late=True)  # every list page
    assert faulty.get("/compute/launch").text == healthy.get("/compute/launch").text


@effect("never-renders")
def _never_renders() -> None:
    healthy, faulty = both("/compute", "never-renders")
    assert _row_hrefs(faulty, "/compute", late=True) == _row_hrefs(healthy, "/compute",
                                                                   late=False)
    stalled = make_client("never-renders", slow_page_seconds=0.3)
    started = time.monotonic()
    assert stalled.get("/api/rows-ready").status_code == 200
    assert time.monotonic() - started >= 0.3  # 30 s by default: past any route timeout


@effect("first-run-dialog")
def _first_run_dialog() -> None:
    healthy, faulty = both("/workloads", "first-run-dialog")
    assert not page(healthy, "/workloads").has("first-run-dialog")
    for path in ("/workloads", "/storage/buckets", "/docs"):
        dialog = page(faulty, path).one("first-run-dialog")
        assert dialog.get("role") == "dialog" and dialog.has("first-run-dismiss")
    dismissed = make_client("first-run-dialog")
    dismissed.cookies.set("first_run_done", "1")
    assert dismissed.get("/workloads").text == healthy.get("/workloads").text


def test_every_fault_has_an_effect_test() -> None:
    assert FAULTS and set(EFFECTS) == set(FAULTS)


@pytest.mark.parametrize("fault", FAULTS)
def test_fault_changes_what_it_names(fault: str) -> None:
    EFFECTS[fault]()


# A representative page the fault does not name; it must stay byte-identical.
NEIGHBOURS: dict[str, tuple[str, dict[str, str]]] = {
    "missing-back-link": ("/platform/nodes/node-0001", {}),
    "back-link-history": ("/storage/buckets/bkt-0001", {}),
    "back-link-wrong-list": ("/apps/jupyterlab", {}),
    "back-link-duplicated": ("/platform/finance/fin-0001", {}),
    "shell-missing": ("/docs", {}),
    "local-nav-selector-renamed": ("/platform/ops", {}),
    "local-nav-wrong-route": ("/access/memberships", {}),
    "local-nav-no-active": ("/schedulers", {}),
    "local-nav-extra-item": ("/workloads", {}),
    "local-nav-reordered": ("/notifications", {}),
    "local-nav-wrong-label": ("/compute", {}),
    "global-nav-extra-item": ("/workloads", {"role": "user"}),
    "global-nav-wrong-current": ("/docs", {}),
    "page-heading-wrong": ("/storage/attachments", {}),
    "document-title-stale": ("/account/profile", {}),
    "back-link-wrong-label": ("/platform/maas/fabrics/fab-0001", {}),
    "tab-no-url": ("/platform/nodes/node-0001", {}),
    "role-nav-leak": ("/home", {}),
    "role-landing-wrong": ("/access/memberships", {"role": "project_admin"}),
    "detail-500": ("/compute", {}),
    "slow-page": ("/workloads", {}),
    "console-error": ("/docs/downloads", {}),
    "console-unlisted-host": ("/docs/api/redoc", {}),
    "unmapped-v1-page": ("/billing", {}),
    "v3-mock-live": ("/workloads", {}),
    "redirect-drops-id": ("/allocations/alloc-1001/metrics", {}),
    "redirect-drops-query": ("/volumes", {}),
    "legacy-wrong-resource": ("/admin/nodes/node-0001", {}),
    "section-redirect-elsewhere": ("/account", {}),
    "catch-all-not-found": ("/storage/buckets/no-such-bucket", {}),
    "legacy-404": ("/volumes/new", {}),
    "passthrough-gone": ("/billing/invoices", {}),
    "flag-defaults-v1": ("/workloads", {}),
    "placeholder-text": ("/access/identity", {}),
    "img-no-alt": ("/apps/runtimes", {}),
    "button-unlabeled": ("/compute", {}),
    "v1-dashboard-broken": ("/billing", {}),
    "v1-timeline-richer": ("/allocations/alloc-1001/metrics", {"ui_version": "v1"}),
    "card-no-evidence": ("/platform/maas/sites/site-0001", {}),
    "card-unknown-intent": ("/platform/config/cfg-0001", {}),
    "card-missing-op": ("/platform/finance/fin-0001", {}),
    "evidence-wrong-resource": ("/platform/maas/profiles/prof-0001", {}),
    "timeline-missing": ("/platform/iam/users/usr-0001", {}),
    "destructive-window-confirm": ("/platform/maas/fabrics/fab-0001", {}),
    "typed-confirm-any-text": ("/apps/artifacts/art-0001", {}),
    "s3-without-s3": ("/platform/nodes/node-0001", {}),
    "mutation-no-activity": ("/platform/nodes/node-0001", {}),
    "v1-link-in-page": ("/storage/buckets", {}),
    "external-link-unlisted": ("/workloads", {}),
    "click-error": ("/access/memberships", {}),
    "detail-wrong-resource": ("/access/service-accounts", {}),
    "render-leak": ("/workloads", {}),
    "detail-data-dump": ("/platform/config/cfg-0001", {}),
    "degraded-null-nan": ("/workloads/wl-6c79e2/storage", {}),
    "degraded-error-blank": ("/workloads/wl-6c79e2/storage", {}),
    "role-page-leak": ("/access/memberships", {"role": "user"}),
    "row-link-missing": ("/storage/grants", {}),
    "row-first-elsewhere": ("/access/quotas/quota-0001", {}),
    "v1-fetch-in-page": ("/workloads/activity", {}),
    "card-hidden": ("/platform/maas/sites/site-0001", {}),
    "late-render": ("/compute/launch", {}),
    "never-renders": ("/account/profile", {}),
    "first-run-dialog": ("/billing", {}),  # a V1 page: the dialog is V3's
}


@pytest.mark.parametrize("fault", FAULTS)
def test_fault_leaves_a_neighbouring_page_byte_identical(fault: str) -> None:
    path, cookies = NEIGHBOURS[fault]
    healthy, faulty = make_client(**cookies), make_client(fault, **cookies)
    expected, actual = healthy.get(path), faulty.get(path)
    assert (actual.status_code, actual.headers.get("location"), actual.content) == (
        expected.status_code, expected.headers.get("location"), expected.content)

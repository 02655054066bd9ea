"""For every fault of the reference target: exactly which tests of the default suite it must
fail, and a fragment each failure message must contain. One table, read by the fault matrix."""

from __future__ import annotations

from contracts import BUNDLED_CONTRACT, load_contract
from tests.integration.suite_runner import ROUTE_TIMEOUT_MS

# Which routes a fault touches follows from the contract (every route of a family, every tab of
# a resource), so adding a route to the contract and the reference target changes no row here.
_CONTRACT = load_contract(BUNDLED_CONTRACT)


def _family(family: str) -> list[str]:
    return [r.id for r in _CONTRACT.routes_of(family)]


def _going_back_to(route: str) -> list[str]:
    """The drill-downs whose back link leads to `route` (a resource's pages, every tab)."""
    return [r.id for r in _CONTRACT.routes if r.back == route]


NAVIGATION: dict[str, dict[str, str]] = {
    "missing-back-link": {
        **{f"test_back_link[{r}]": "found no back link"
           for r in _going_back_to("storage.buckets")},
        **{f"test_back_link_click[{r}]": "expected the back link to land on storage.buckets"
           for r in _going_back_to("storage.buckets")},
        "test_journey[storage.bucket-events]": "step 4 (follow_back storage.buckets)",
    },
    "back-link-history": {
        **{f"test_back_link[{r}]": "javascript:history.back()"
           for r in _going_back_to("platform.nodes")},
        **{f"test_back_link_click[{r}]": "expected the back link to land on platform.nodes"
           for r in _going_back_to("platform.nodes")},
        "test_journey[platform.node-tabs]": "(follow_back platform.nodes)",
    },
    "back-link-duplicated": {
        "test_back_link[platform.config.detail]":
            '2 back links match [data-testid="resource-back-link"]',
        "test_back_link_click[platform.config.detail]":
            '2 elements match [data-testid="resource-back-link"], exactly one expected',
    },
    "back-link-wrong-list": {
        "test_back_link[apps.artifact.detail]": "href '/apps' -> /apps (apps.catalog)",
        "test_back_link_click[apps.artifact.detail]": "landed on /apps (apps.catalog)",
        "test_journey[apps.artifact-workbench]": "(follow_back apps.artifacts)",
    },
    "shell-missing": {
        "test_shell_containment[notifications.inbox]": "found no global shell",
        "test_shell_containment[notifications.settings]": "found no global shell",
        # the V1 inbox redirect lands on that page, now outside the shell
        "test_legacy_redirect[v1.inbox]": "the landing page inside the V3 shell",
    },
    "local-nav-selector-renamed": {
        **{f"test_local_nav[{r}]":
           "item 'credentials' at [data-testid=\"local-nav-item-credentials\"]"
           for r in _family("access")},
        "test_local_nav_click[access.credentials]": "local-nav item 'credentials'",
    },
    "local-nav-wrong-route": {
        **{f"test_local_nav[{r}]": "item 'grants'" for r in _family("storage")},
        "test_local_nav_click[storage.grants]": "landed on /storage/attachments",
        "test_journey[storage.local-nav]": "step 3 (click_nav grants)",
    },
    "local-nav-no-active": {
        f"test_local_nav[{r}]": "marked aria-current" for r in _family("docs")
    },
    "local-nav-extra-item": {
        f"test_local_nav[{r}]":
            "items the contract does not list: 'Workloads' -> /workloads (workloads.list)"
        for r in _family("shell")
    },
    "local-nav-reordered": {
        f"test_local_nav[{r}]":
            "expected items in the contract's order: profile, security, billing, sessions, "
            "found security, profile, billing, sessions"
        for r in _family("account")
    },
    "local-nav-wrong-label": {
        f"test_local_nav[{r}]": "expected item 'artifacts' labelled 'Artifacts', found 'Models'"
        for r in _family("apps")
    },
    "tab-no-url": {"test_journey[apps.catalog-detail]": "step 3 (open_tab versions)"},
    "role-nav-leak": {"test_global_nav[user]": "not allowed ['platform']"},
    "global-nav-extra-item": {
        "test_global_nav[project_admin]":
            "items the contract does not know: 'Help' -> /help (shell.help)",
    },
    "global-nav-wrong-current": {
        f"test_global_nav_current[{r}]":
            "expected exactly one global-nav item marked current "
            "([data-testid^=\"global-nav-item-\"].active): schedulers, found marked: workloads"
        for r in _family("schedulers")
    },
    "page-heading-wrong": {
        "test_page_title[storage.grants]":
            "expected the heading [data-testid=\"page-title\"] to read 'Grants' (the route's "
            "title), found 'Attachments'",
    },
    "document-title-stale": {
        "test_page_title[account.sessions]":
            "expected the document title to read 'Sessions · *' (* is any text) "
            "(wording.document_title, the route's title), found 'Profile · Account · GPU Cloud'",
    },
    "back-link-wrong-label": {
        "test_back_link[platform.maas.profile.detail]":
            "to platform.maas.profiles (/platform/maas/profiles) reading 'Back to MAAS "
            "profiles', found 'Back to MAAS sites'",
    },
    "role-landing-wrong": {"test_role_landing[project_admin]": "landed on /workloads"},
    "detail-500": {
        "test_route_live[compute.sku.detail]": "HTTP 500",
        "test_back_link_click[compute.sku.detail]": "the back link to land on compute.catalog",
        "test_journey[compute.sku-and-launch]": "(follow_back compute.catalog)",
        "test_legacy_redirect[v1.catalog.sku]": "HTTP 500",
        # every SKU row of the catalog links such a page
        "test_row_links[compute.catalog]":
            "to open compute.sku.detail (/compute/skus/{sku_id}) below HTTP 400, found HTTP 500",
    },
    "slow-page": {
        "test_route_live[workloads.detail.metrics]": "no response within",
        "test_back_link_click[workloads.detail.metrics]": "Timeout",
        "test_journey[workloads.detail-tabs]": "step 3 (open_tab metrics)",
        # the V1 allocation-metrics deep link lands on that page
        "test_legacy_redirect[v1.allocation.metrics]": "no response within",
    },
    "console-error": {"test_console_errors[docs.portal]": "uncaught"},
    # the page's font CDN failure stays accepted (console.allow), and the finding says so
    "console-unlisted-host": {
        "test_console_errors[docs.api.swagger]":
            "telemetry.gpucloud-metrics.invalid/collect.js) (1 accepted by console.allow "
            "(host fonts.gpucloud-cdn.invalid: 1",
    },
    # a click handler throws: every click on an account page fails its own test, with the click
    "click-error": {
        **{f"test_local_nav_click[account.{key}]": "after click on local-nav item"
           for key in ("profile", "security", "billing", "sessions")},
        "test_journey[account.settings]": "(reading 'track') (after step 2",
    },
    "detail-wrong-resource": {
        "test_resource_identity[access.service_account.detail]":
            "expected the resource of the followed row 'ci-deployer'",
    },
    "role-page-leak": {
        "test_role_limits[user.platform]":
            "expected role user refused /platform/config (platform.config; family platform",
    },
    # Fails nothing: id discovery, resource identity and the journey's open_first_row pass over
    # the summary row to the first quota (before, every quota-detail gate failed or was misread).
    "row-first-elsewhere": {},
    "row-link-missing": {
        "test_row_links[storage.buckets]":
            "expected row 3 'shared-scratch' of /storage/buckets to open storage.bucket.detail",
    },
}

CUTOVER: dict[str, dict[str, str]] = {
    "unmapped-v1-page": {"test_route_inventory": "/reports/usage"},
    "v1-link-in-page": {
        "test_no_inbound_v1_links[shell.home]":
            "not the legacy route v1.volumes (/volumes), found link",
    },
    "external-link-unlisted": {
        "test_no_inbound_v1_links[workloads.detail.app]": "(host wl-",
    },
    "v1-fetch-in-page": {
        "test_no_inbound_v1_links[workloads.list]":
            "no background request to the legacy route v1.allocations (/allocations), found "
            "fetch request http",
    },
    "v3-mock-live": {"test_legacy_retired[v1.mocks]": "/v3/workloads"},
    "redirect-drops-id": {
        "test_legacy_redirect[v1.allocation.detail]": "landed on /workloads (workloads.list",
    },
    "redirect-drops-query": {
        "test_legacy_redirect[v1.instances]":
            "expected the landing URL's query to carry kind=vm (and no other), "
            "found kind=vm expected, no kind found at /workloads",
    },
    "legacy-wrong-resource": {
        "test_legacy_redirect[v1.job.detail]": "(copied from job_id)",
    },
    "section-redirect-elsewhere": {
        "test_section_redirect[/storage]":
            "expected /storage to land on storage.buckets (/storage/buckets), "
            "found it landed on /storage/grants (storage.grants, HTTP 200)",
    },
    "catch-all-not-found": {
        "test_not_found":
            "the unknown path /cutover-probe/no-such-page to answer 404/410 "
            "(not_found.redirects_to: none), found it served /home (shell.home, HTTP 200)",
    },
    "legacy-404": {"test_legacy_redirect[v1.volumes]": "HTTP 404"},
    "passthrough-gone": {"test_legacy_passthrough[v1.billing]": "still served"},
    "flag-defaults-v1": {"test_v3_is_default": "the V1 layout"},
    "placeholder-text": {"test_no_placeholder[access.connectivity]": "Coming soon"},
    "render-leak": {
        "test_no_rendering_leaks[workloads.activity]": "expected no nan (arithmetic on a missing",
    },
    "degraded-null-nan": {
        "test_degraded_backend[workloads.detail-null-fields]":
            "answering null optional fields, no nan (arithmetic on a missing number)",
    },
    "degraded-error-blank": {
        "test_degraded_backend[workloads.detail.tasks-500]":
            "answering HTTP 500, the global shell",
        "test_degraded_backend[workloads.detail.tasks-timeout]": "timing out, the global shell",
    },
    "detail-data-dump": {
        "test_data_density[platform.iam.user]": "20 table columns (measured: 20 table",
    },
    "img-no-alt": {"test_accessibility[apps.catalog]": "image-alt [critical]"},
    "button-unlabeled": {"test_accessibility[compute.launch]": "button-name [critical]"},
}

LIFECYCLE: dict[str, dict[str, str]] = {
    "card-no-evidence": {"test_operation_fields[node]": "'drain' card field evidence"},
    "card-unknown-intent": {"test_operation_cards[storage_bucket]": "intent 'cleanup'"},
    "card-missing-op": {"test_operation_cards[quota]": "a card for 'reset-usage'"},
    "card-hidden": {"test_operation_cards[node]":
                    "the 'drain' card ([data-testid=\"lifecycle-op-card\"][data-op=\"drain\"]) "
                    "visible, found it is on the page but hidden (display:none)"},
    "evidence-wrong-resource": {"test_evidence_pivot[maas_site]": "a page about"},
    "timeline-missing": {"test_posture_and_activity[finance]": "an activity timeline"},
    "destructive-window-confirm": {"test_typed_confirmation[node.decommission]":
                                   "window dialog"},
    "typed-confirm-any-text": {"test_typed_confirmation[app_runtime.decommission]":
                               "near miss"},
    "s3-without-s3": {"test_capability_gating[storage_bucket]": "'s3-credential'"},
}

DEFAULT_RUN = {**NAVIGATION, **CUTOVER, **LIFECYCLE}

# Faults whose check is not in a default run: the opt-in V1 compatibility suite, and the
# mutating lifecycle tests.
V1COMPAT: dict[str, dict[str, str]] = {
    "v1-dashboard-broken": {"test_v1_mode_serves_v1_dashboard": "the V3 shell"},
    "passthrough-gone": {"test_v1_passthrough_layout[v1.billing]": "HTTP 404"},
    "redirect-drops-id": {
        "test_v1_deep_link[v1.allocation.detail]": "landed on /workloads (workloads.list",
    },
    "v1-timeline-richer": {
        "test_v1_v3_parity[workloads.allocation-events]":
            "timeline entry 'Quota checked' (",
    },
}
MUTATING_FAULT = "mutation-no-activity"

# Faults proven on one family in runs of their own (tests/integration/test_readiness_faults.py):
# they change every list page (late-render, never-renders) or every page (first-run-dialog), so
# in the matrix's all-faults run they would mask the other faults' tests. `late-render` and
# `first-run-dialog` (with the contract's setup step) fail nothing: the suite waits for the rows
# and dismisses the dialog. Listed: what `never-renders` fails, and what `first-run-dialog`
# fails once the contract's setup step is taken out.
_ROWS_LATE = ("its rows ([data-testid=\"resource-row-link\"]) not rendered within "
              f"{ROUTE_TIMEOUT_MS} ms")
READINESS: dict[str, dict[str, str]] = {
    "late-render": {},
    "never-renders": {
        **{f"{test}[compute.catalog]": f"the list's rows not rendered within {ROUTE_TIMEOUT_MS} ms"
           for test in ("test_row_links", "test_no_placeholder", "test_no_rendering_leaks",
                        "test_data_density", "test_accessibility", "test_no_inbound_v1_links")},
        # its detail's id comes from the list's first row
        "test_route_live[compute.sku.detail]": _ROWS_LATE,
        "test_back_link_click[compute.sku.detail]": _ROWS_LATE,
        "test_journey[compute.sku-and-launch]": "step 2 (open_first_row compute.sku.detail)",
    },
    "first-run-dialog": {
        "test_local_nav_click[compute.catalog]": "Locator.click: Timeout",
        "test_local_nav_click[compute.launch]": "Locator.click: Timeout",
        "test_back_link_click[compute.sku.detail]": "Locator.click: Timeout",
        "test_journey[compute.sku-and-launch]": "step 2 (open_first_row compute.sku.detail)",
    },
}

# Every test a fault in DEFAULT_RUN fails, with the message fragment it must show.
EXPECTED: dict[str, str] = {
    test: fragment for tests in DEFAULT_RUN.values() for test, fragment in tests.items()}

"""The fault registry: one named switch per behaviour a suite check must catch.

Each fault is confined to exactly what its description says; every other page and behaviour stays
byte-for-byte healthy, so a failing check can be attributed to the one fault that was switched on.
"""

from collections.abc import Iterable

FAULTS: dict[str, str] = {
    # Navigation
    "missing-back-link": "storage bucket detail pages (all tabs) render no resource-back-link",
    "back-link-history": 'node detail back link is href="javascript:history.back()"',
    "back-link-duplicated": "platform config detail pages show the resource-back-link twice (again "
                            "below the heading)",
    "back-link-wrong-list": "artifact detail back link points to /apps instead of /apps/artifacts",
    "shell-missing": "notifications pages render without the global-shell wrapper",
    "local-nav-selector-renamed": (
        'access local-nav item "credentials" has data-testid local-nav-item-api-keys'
    ),
    "local-nav-wrong-route": 'storage local-nav item "grants" links to /storage/attachments',
    "local-nav-no-active": "docs pages never set aria-current on the local nav",
    "local-nav-extra-item": (
        'the shell\'s local nav also lists a "Workloads" item (local-nav-item-workloads, '
        "/workloads), a page of another family"
    ),
    "local-nav-reordered": "account local nav lists Security before Profile",
    "local-nav-wrong-label": 'apps local-nav item "artifacts" reads "Models" (same link)',
    "global-nav-extra-item": (
        'project_admin\'s global nav also lists a "Help" item (global-nav-item-help, /help), '
        "no family's"
    ),
    "global-nav-wrong-current": (
        "schedulers pages mark the Workloads global-nav item active instead of Schedulers"
    ),
    "page-heading-wrong": 'the storage grants page is headed "Attachments" (its <title> is right)',
    "document-title-stale": (
        'the account sessions page keeps the profile page\'s <title> '
        '("Profile · Account · GPU Cloud"; its heading is right)'
    ),
    "back-link-wrong-label": (
        'MAAS profile detail back link reads "Back to MAAS sites" (it still links '
        "/platform/maas/profiles)"
    ),
    "tab-no-url": "app detail tab clicks swap content but do not pushState the URL",
    "role-nav-leak": "user role sees the platform global-nav item (platform pages still 403)",
    "role-landing-wrong": 'project_admin\'s "/" lands on /workloads',
    "detail-500": "compute SKU detail answers 500",
    "slow-page": "/workloads/{id}/metrics responds after 30 s",
    "console-error": "docs portal throws a JavaScript error on load",
    "console-unlisted-host": "the Swagger UI docs page also loads a telemetry script from "
                             "telemetry.gpucloud-metrics.invalid, a host that never resolves "
                             "(its font CDN's failure stays accepted)",
    "click-error": "account pages throw an uncaught TypeError on every click (navigation works)",
    "detail-wrong-resource": "service account detail pages show another service account's name",
    "role-page-leak": "user role is served /platform/... pages (200, the page itself); the global "
                      "nav still hides Platform",
    "row-first-elsewhere": "the access quotas list's first row is an \"All entitlements\" summary "
                           "row linking /access/entitlements, not a quota",
    "row-link-missing": "the storage buckets list's 3rd row links a bucket that does not exist "
                        "(404)",
    # Readiness: a client-rendered product's timing, and what it puts over its pages
    "late-render": "list pages render their rows client-side once a same-origin JSON fetch "
                   "(/api/rows-ready) answers, 0.6-1.5 s after load",
    "never-renders": "list pages' rows wait for a same-origin JSON fetch that never answers "
                     "(it hangs for 30 s)",
    "first-run-dialog": "a first-run dialog covers every V3 page until its Get started button "
                        "is clicked (remembered in a first_run_done cookie)",
    # Cutover
    "unmapped-v1-page": "the V3 footer links to /reports/usage, a V1 page no route map knows",
    "v1-link-in-page": "the home page's Storage card links the V1 /volumes, not /storage/buckets",
    "external-link-unlisted": "the app workload's open link goes to apps.gpucloud-preview.example",
    "v1-fetch-in-page": "the workloads list page fetches the V1 /allocations page in the "
                        "background (fetch() from an inline script)",
    "v3-mock-live": "/v3/workloads answers 200 with a mock page",
    "redirect-drops-id": "/allocations/{id} redirects to /workloads (the list)",
    "redirect-drops-query": "/instances redirects to /workloads (every kind), not "
                            "/workloads?kind=vm",
    "legacy-wrong-resource": "/jobs/{job_id} redirects to the tasks of the next workload, "
                             "not of job_id's",
    "section-redirect-elsewhere": "/storage redirects to /storage/grants, not /storage/buckets",
    "catch-all-not-found": "a path the app does not serve answers 200 with a page that sends "
                           "the browser to /home (a catch-all single-page app)",
    "legacy-404": "/volumes answers 404",
    "passthrough-gone": "/billing answers 404",
    "flag-defaults-v1": "without a ui_version cookie the app is in V1 mode (/ is the V1 dashboard)",
    "placeholder-text": 'access connectivity page shows "Coming soon"',
    "render-leak": "workload activity renders a missing GPU-hours total as NaN and its window as "
                   "[object Object]",
    "degraded-null-nan": "the workload overview's live-telemetry panel renders a null value as "
                         "NaN instead of a dash",
    "degraded-error-blank": "the workload tasks panel replaces the whole page (shell and "
                            "navigation included) with its error message when its API call fails",
    "detail-data-dump": "platform IAM user detail adds a 20-column table and a raw <pre> record "
                        "dump of every stored field",
    "img-no-alt": "apps catalog featured app icon <img> has no alt",
    "button-unlabeled": "compute launch has an icon-only <button> with no accessible name",
    "v1-dashboard-broken": "in V1 mode / serves the V3 landing instead of the V1 dashboard",
    "v1-timeline-richer": "in V1 mode the allocation timeline shows a 'Quota checked' audit "
                          "event the V3 workload events lack",
    # Lifecycle
    "card-no-evidence": 'node "drain" card has no op-evidence',
    "card-unknown-intent": 'bucket "lifecycle-policy" card has data-intent="cleanup"',
    "card-missing-op": 'quota detail lacks the "reset-usage" card',
    "card-hidden": 'node "drain" card is in the page but display:none',
    "evidence-wrong-resource": "maas site cards' evidence pivot lists another site",
    "timeline-missing": "finance account detail has no activity-timeline",
    "destructive-window-confirm": 'node "decommission" uses window.confirm, not the typed dialog',
    "typed-confirm-any-text": "app runtime decommission submit is enabled for any non-empty text",
    "s3-without-s3": "the s3-credential card is shown on every bucket, s3 or not",
    "mutation-no-activity": "operations succeed but record no activity entry",
}


class UnknownFaultError(ValueError):
    """Raised for a fault name the registry does not know; the message lists the known ones."""

    def __init__(self, unknown: list[str]) -> None:
        self.unknown = unknown
        known = ", ".join(sorted(FAULTS))
        super().__init__(f"unknown fault(s): {', '.join(unknown)}; known faults: {known}")


def parse_faults(values: Iterable[str]) -> frozenset[str]:
    """Accept repeated and comma-separated names; reject unknown ones all at once."""
    names = [part.strip() for value in values for part in value.split(",") if part.strip()]
    unknown = [name for name in names if name not in FAULTS]
    if unknown:
        raise UnknownFaultError(unknown)
    return frozenset(names)

"""V1 legacy routes: one-hop redirects, the allocation resolver, passthrough V1 pages and the
retired paths. V1 ids equal V3 ids except allocations, which resolve to their workload."""

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from reference_target.context import Ctx, ctx_for
from reference_target.legacy_detail import v1_detail_or
from reference_target.page_model import Prose, Row, Table
from reference_target.render import render_mock, render_not_found, render_v1

# V1 path -> V3 path; {params} carry over by name unchanged.
REDIRECTS: tuple[tuple[str, str], ...] = (
    ("/dashboard", "/home"),
    ("/allocations", "/workloads"),
    ("/jobs", "/workloads"),
    ("/jobs/{job_id}", "/workloads/{job_id}/tasks"),
    ("/instances", "/workloads?kind=vm"),  # V1 instances were the VMs: the list shows only them
    ("/instances/new", "/compute/launch"),
    ("/catalog", "/compute"),
    ("/catalog/skus/{sku_id}", "/compute/skus/{sku_id}"),
    ("/marketplace", "/apps"),
    ("/marketplace/{app_id}/deploy", "/apps/{app_id}/launch"),
    ("/artifacts", "/apps/artifacts"),
    ("/volumes", "/storage/buckets"),
    ("/volumes/new", "/storage/new"),
    ("/volumes/{bucket_id}", "/storage/buckets/{bucket_id}"),
    ("/team", "/access/memberships"),
    ("/service-accounts", "/access/service-accounts"),
    ("/api-keys", "/access/credentials"),
    ("/quotas", "/access/quotas"),
    ("/profile", "/account/profile"),
    ("/settings/security", "/account/security"),
    ("/settings/sessions", "/account/sessions"),
    ("/admin", "/platform/ops"),
    ("/admin/nodes", "/platform/nodes"),
    ("/admin/nodes/{node_id}", "/platform/nodes/{node_id}"),
    ("/admin/sites", "/platform/maas/sites"),
    ("/admin/config", "/platform/config"),
    ("/admin/users", "/platform/iam"),
    ("/admin/users/{user_id}", "/platform/iam/users/{user_id}"),
    ("/admin/finance", "/platform/finance"),
    ("/admin/onboarding", "/platform/onboarding"),
    ("/inbox", "/notifications"),
    ("/api-docs", "/docs/api/swagger"),
    ("/downloads", "/docs/downloads"),
    # Tenant-shared scheduler pilot URLs all land on the unified guide (tenant dropped).
    ("/pilot/slurm", "/schedulers"),
    ("/pilot/kubernetes", "/schedulers"),
    ("/pilot/{tenant}/scheduler", "/schedulers"),
)
RESOLVED = ("/allocations/{allocation_id}", "/allocations/{allocation_id}/metrics")
CLIENT_REDIRECTS = ("/marketplace/{app_id}",)
PASSTHROUGH: dict[str, tuple[str, str]] = {
    "/billing": ("Billing (V1)", "Invoices, payment methods and plan changes."),
    "/billing/invoices": ("Invoices (V1)", "Invoice history for your organisation."),
    "/admin/audit-export": ("Audit export (V1)", "Export audit events as CSV for a date range."),
}
RETIRED_GONE = ("/admin/reports",)
UNMAPPED_V1_PAGE = "/reports/usage"


def _with_query(request: Request, path: str) -> str:
    if not request.url.query:
        return path
    return f"{path}{'&' if '?' in path else '?'}{request.url.query}"


def _redirect(source: str, target: str) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        ctx = ctx_for(request)
        if source == "/volumes" and ctx.fault("legacy-404"):
            return render_not_found(ctx, "storage")
        dropped = ctx.fault("redirect-drops-query")
        target_path = target.partition("?")[0] if dropped else target
        params = dict(request.path_params)
        if source == "/jobs/{job_id}" and ctx.fault("legacy-wrong-resource"):
            params["job_id"] = _another_workload(ctx, params["job_id"])
        path = target_path.format(**{k: quote(v, safe="") for k, v in params.items()})
        return RedirectResponse(_with_query(request, path), status_code=302)

    return endpoint


def _another_workload(ctx: Ctx, workload_id: str) -> str:
    """The workload listed after `workload_id` (wrapping): a real page, of the wrong resource."""
    ids = [w.id for w in ctx.seed.items("workloads")]
    return ids[(ids.index(workload_id) + 1) % len(ids)] if workload_id in ids else ids[0]


async def resolve_allocation(request: Request) -> Response:
    ctx = ctx_for(request)
    if ctx.fault("redirect-drops-id") and not request.url.path.endswith("/metrics"):
        return RedirectResponse("/workloads", status_code=302)
    workload = ctx.seed.workload_for_allocation(request.path_params["allocation_id"])
    if workload is None:
        return render_not_found(ctx, "workloads")
    suffix = "/metrics" if request.url.path.endswith("/metrics") else ""
    return RedirectResponse(_with_query(request, f"/workloads/{workload.id}{suffix}"), 302)


async def marketplace_app(request: Request) -> Response:
    """V1 served app pages client-side; the stub replaces itself with the V3 app page."""
    target = f"/apps/{quote(request.path_params['app_id'], safe='')}"
    return render_v1("Marketplace (V1)", [Prose("Redirecting", (
        "This app now lives in the Apps catalog.",))], redirect_to=target)


async def passthrough(request: Request) -> Response:
    ctx = ctx_for(request)
    path = request.url.path.rstrip("/") or "/"
    if path == "/billing" and ctx.fault("passthrough-gone"):
        return render_not_found(ctx, "account")
    title, text = PASSTHROUGH[path]
    return render_v1(title, [Prose("Classic page", (
        text, "This page is still served by the classic console while its replacement is built.",
    ))])


async def retired(request: Request) -> Response:
    return render_v1("Page retired", [Prose("Gone", (
        "This report was retired; usage figures are on the billing summary.",))], status=410)


async def v3_mock(request: Request) -> Response:
    ctx = ctx_for(request)
    if request.url.path == "/v3/workloads" and ctx.fault("v3-mock-live"):
        return render_mock()
    return render_not_found(ctx)


async def usage_reports(request: Request) -> Response:
    ctx = ctx_for(request)
    if not ctx.fault("unmapped-v1-page"):
        return render_not_found(ctx)
    return render_v1("Usage reports (V1)", [Table("Monthly usage", ("Month", "GPU hours"), (
        Row(("2026-04", "18,204")), Row(("2026-03", "16,977"))))])


async def v1_dashboard(request: Request) -> HTMLResponse:
    ctx = ctx_for(request)
    rows = tuple(Row((w.meta["allocation_id"], w.name, ctx.posture(w)))
                 for w in ctx.seed.items("workloads")[:10])
    return render_v1("Dashboard (V1)", [
        Table("Your allocations", ("Allocation", "Name", "Status"), rows),
        Prose("Classic console", ("You are using the classic console.",)),
    ])


def legacy_routes() -> list[Route]:
    redirects = sorted(REDIRECTS, key=lambda pair: pair[0].count("{"))
    routes = [Route(source, v1_detail_or(source, _redirect(source, target)))
              for source, target in redirects]
    routes += [Route(path, v1_detail_or(path, resolve_allocation)) for path in RESOLVED]
    routes += [Route(path, v1_detail_or(path, marketplace_app)) for path in CLIENT_REDIRECTS]
    routes += [Route(path, passthrough) for path in PASSTHROUGH]
    routes += [Route(path, retired) for path in RETIRED_GONE]
    routes += [Route(UNMAPPED_V1_PAGE, usage_reports), Route("/v3/{rest:path}", v3_mock),
               Route("/v3", v3_mock)]
    return routes


def legacy_paths() -> list[str]:
    """Every V1 page path this app answers (for the route manifest)."""
    return [s for s, _ in REDIRECTS] + [*RESOLVED, *CLIENT_REDIRECTS, *PASSTHROUGH, *RETIRED_GONE]

"""V1 detail pages: in V1 mode (the `ui_version=v1` cookie) the V1 detail URLs serve the classic
page of their resource instead of redirecting, as the product's internal V1 fallback does. They
show what V1 showed: the resource's fields and, for allocations, a timeline of task and audit
events. Only an explicit V1 cookie selects them, so the V3-default fault (`/` only) and every
redirect a V3 user follows stay as they are."""

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from reference_target.context import Ctx, ctx_for
from reference_target.page_model import Block, Facts, Row, Table
from reference_target.render import render_not_found, render_v1
from reference_target.seed import Resource
from reference_target.state import Entry
from reference_target.workload_feeds import number, tasks

V1_COOKIE = ("ui_version", "v1")

# Added by the v1-timeline-richer fault: an audit event type V1 timelines show and V3 lacks.
QUOTA_CHECK = ("Quota checked", "The project's GPU quota was checked before placement.")


def in_v1_mode(request: Request) -> bool:
    name, value = V1_COOKIE
    return request.cookies.get(name) == value


def _facts(resource: Resource) -> Block:
    return Facts("Details", resource.facts)


def _workload(ctx: Ctx, param: str) -> Resource | None:
    return ctx.seed.get("workloads", ctx.params[param])


def _allocation(ctx: Ctx) -> Resource | None:
    return ctx.seed.workload_for_allocation(ctx.params["allocation_id"])


def _timeline(ctx: Ctx, w: Resource) -> Block:
    entries = list(ctx.state.activity_for(w))
    if ctx.fault("v1-timeline-richer") and entries:
        action, detail = QUOTA_CHECK
        entries.append(Entry(entries[-1].time, "quota-service", action, detail, w.id, w.name))
    rows = tuple(Row((e.time, e.action, e.detail, e.actor)) for e in entries)
    return Table("Timeline", ("Time", "Event", "Detail", "By"), rows)


def allocation_page(ctx: Ctx) -> Response:
    w = _allocation(ctx)
    if w is None:
        return render_not_found(ctx, "workloads")
    return render_v1(f"Allocation {ctx.params['allocation_id']}", [_facts(w), _timeline(ctx, w)])


def allocation_metrics_page(ctx: Ctx) -> Response:
    w = _allocation(ctx)
    if w is None:
        return render_not_found(ctx, "workloads")
    return render_v1(f"Allocation {ctx.params['allocation_id']} metrics", [Facts("Utilisation", (
        ("Average GPU utilisation", f"{number(w, 'avg', 40, 95)}%"),
        ("Network in", f"{number(w, 'net', 1, 40)} Gbit/s")))])


def job_page(ctx: Ctx) -> Response:
    w = _workload(ctx, "job_id")
    if w is None:
        return render_not_found(ctx, "workloads")
    # V1 rendered on the server the task feed the V3 Tasks tab loads in the browser
    columns = (("task", "Task"), ("step", "Step"), ("state", "State"), ("node", "Node"),
               ("started", "Started"))
    items: list[dict[str, str]] = tasks(ctx, w)["items"]  # type: ignore[assignment]
    rows = tuple(Row(tuple(str(item[key]) for key, _ in columns)) for item in items)
    return render_v1(f"Job {w.name}", [_facts(w), Table("Tasks", tuple(t for _, t in columns),
                                                        rows)])


def _resource_page(collection: str, param: str, kind: str, family: str
                   ) -> Callable[[Ctx], Response]:
    def build(ctx: Ctx) -> Response:
        found = ctx.seed.get(collection, ctx.params[param])
        if found is None:
            return render_not_found(ctx, family)
        return render_v1(f"{kind} {found.name}", [_facts(found)])

    return build


# V1 detail path -> its classic page.
V1_DETAIL_PAGES: dict[str, Callable[[Ctx], Response]] = {
    "/allocations/{allocation_id}": allocation_page,
    "/allocations/{allocation_id}/metrics": allocation_metrics_page,
    "/jobs/{job_id}": job_page,
    "/catalog/skus/{sku_id}": _resource_page("skus", "sku_id", "Instance type", "compute"),
    "/marketplace/{app_id}": _resource_page("apps", "app_id", "App", "apps"),
    "/volumes/{bucket_id}": _resource_page("buckets", "bucket_id", "Volume", "storage"),
    "/admin/nodes/{node_id}": _resource_page("nodes", "node_id", "Node", "platform"),
    "/admin/users/{user_id}": _resource_page("users", "user_id", "User", "platform"),
}


Endpoint = Callable[[Request], Awaitable[Response]]


def v1_detail_or(path: str, endpoint: Endpoint) -> Endpoint:
    """`endpoint` (the V3 redirect) unless the request is in V1 mode and `path` has a V1 page."""
    build = V1_DETAIL_PAGES.get(path)
    if build is None:
        return endpoint

    async def choose(request: Request) -> Response:
        if in_v1_mode(request):
            return build(ctx_for(request))
        return await endpoint(request)

    return choose

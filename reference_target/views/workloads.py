"""Workloads family: the unified list, recent activity and the kind-aware workload detail."""

import asyncio

from reference_target.context import Ctx, NotFound
from reference_target.page_model import (
    ApiPanel,
    Block,
    ExternalLink,
    Facts,
    LinkList,
    Page,
    Pre,
    Row,
    Table,
    Timeline,
)
from reference_target.routing import Registry
from reference_target.seed import Resource
from reference_target.views.common import header, lifecycle, row, tabs
from reference_target.workload_feeds import number as _number

page = Registry("workloads")

KIND_LABELS = {"vm": "Virtual machine", "app": "App runtime", "batch": "Batch job"}
COMMON_TABS = [("overview", "Overview"), ("metrics", "Metrics"), ("storage", "Storage"),
               ("tasks", "Tasks"), ("events", "Events")]
KIND_TABS = {
    "vm": [("terminal", "Terminal")],
    "app": [("app", "App"), ("members", "Members"), ("versions", "Versions"),
            ("operations", "Operations")],
    "batch": [],
}


@page("/workloads", "workloads.list")
def workloads_list(ctx: Ctx) -> Page:
    kind = ctx.query.get("kind")
    items = [w for w in ctx.seed.items("workloads") if kind in (None, w.meta["kind"])]
    rows = tuple(
        row(w, f"/workloads/{w.id}", KIND_LABELS[w.meta["kind"]], ctx.posture(w),
            dict(w.facts)["Instance type"], dict(w.facts)["Project"])
        for w in items
    )
    filters = (("All kinds", "/workloads", "every workload"),
               *((f"{label}s", f"/workloads?kind={key}", f"only {label.lower()}s")
                 for key, label in KIND_LABELS.items()))
    heading = f"{KIND_LABELS[kind]}s" if kind in KIND_LABELS else "All workloads"
    # A V3 page still leaning on V1 in the background: nothing on the page shows it.
    scripts = (V1_FETCH_SCRIPT,) if ctx.fault("v1-fetch-in-page") else ()
    return Page("workloads", "Workloads", "all", [
        LinkList("Filter by kind", filters),
        Table(heading, ("Name", "Kind", "Status", "Instance type", "Project"), rows,
              empty="No workloads of this kind."),
    ], lead="Virtual machines, app runtimes and batch jobs in your projects.", scripts=scripts)


# Added by the v1-fetch-in-page fault: the list reads the V1 allocations page after load.
V1_FETCH_SCRIPT = "fetch('/allocations', {credentials: 'same-origin'});"


@page("/workloads/activity", "workloads.activity")
def workloads_activity(ctx: Ctx) -> Page:
    recent = [e for e in ctx.state.events if e.resource_id.startswith("wl-")]
    seeded = [e for w in ctx.seed.items("workloads")[:6] for e in ctx.state.activity_for(w)]
    entries = sorted(recent + seeded, key=lambda e: e.time, reverse=True)[:30]
    blocks: list[Block] = [Timeline("Recent activity", tuple(entries))]
    if ctx.fault("render-leak"):  # what a front end shows for a null total and a raw object
        blocks.insert(0, Facts("GPU hours", (("This month", "NaN h"),
                                             ("Window", "[object Object]"))))
    return Page("workloads", "Workload activity", "activity", blocks)


def _detail(ctx: Ctx, tab: str) -> Page:
    w = ctx.resource("workloads", "workload_id")
    kind = w.meta["kind"]
    items = COMMON_TABS + KIND_TABS[kind]
    if tab not in dict(items):
        raise NotFound
    base = f"/workloads/{w.id}"
    page_ = Page("workloads", w.name, None, header=header(
        ctx, KIND_LABELS[kind], w, "/workloads", "Workloads",
        allocation_id=w.meta["allocation_id"]), tabs=tabs(base, items, tab))
    page_.blocks = BUILDERS[tab](ctx, w, page_)
    return page_


def _panel_faults(ctx: Ctx) -> tuple[str, ...]:
    """Client-side faults of the API-backed panels (static/panels.js)."""
    return tuple(name for fault, name in (("degraded-null-nan", "null-nan"),
                                          ("degraded-error-blank", "error-blank"))
                 if ctx.fault(fault))


def _telemetry(ctx: Ctx, w: Resource) -> ApiPanel:
    faults = ("null-nan",) if "null-nan" in _panel_faults(ctx) else ()
    return ApiPanel("Live telemetry", f"/api/workloads/{w.id}/telemetry", "telemetry",
                    "telemetry", f"No GPU reported telemetry for {w.name} in the last 15 "
                    "minutes.", faults=faults)


def _overview(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    blocks: list[Block] = [Facts("Details", w.facts), _telemetry(ctx, w)]
    if w.meta["kind"] == "app":
        ops, page_.dialog = lifecycle(ctx, "app_runtime", w, f"/workloads/{w.id}/events")
        blocks.append(ops)
    blocks.append(Timeline("Activity", tuple(ctx.state.activity_for(w))))
    return blocks


def _metrics(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    gpus = int(dict(w.facts)["Instance type"].split("x")[0])
    rows = tuple(
        Row((f"GPU {i}", f"{_number(w, f'util{i}', 35, 99)}%",
             f"{_number(w, f'mem{i}', 20, 79)} GiB", f"{_number(w, f'temp{i}', 48, 78)} °C"))
        for i in range(gpus)
    )
    return [
        Facts("Last 15 minutes", (("Average GPU utilisation", f"{_number(w, 'avg', 40, 95)}%"),
                                  ("Network in", f"{_number(w, 'net', 1, 40)} Gbit/s"))),
        Table("Per GPU", ("GPU", "Utilisation", "Memory used", "Temperature"), rows),
    ]


def _storage(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    return [ApiPanel("Attached buckets", f"/api/workloads/{w.id}/attachments", "table",
                     "the attached buckets",
                     "No buckets are attached. Attach one from a bucket's page.",
                     (("bucket", "Bucket"), ("mount_path", "Mount path")), link="href")]


def _tasks(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    faults = ("error-blank",) if "error-blank" in _panel_faults(ctx) else ()
    return [ApiPanel("Tasks", f"/api/workloads/{w.id}/tasks", "table", "the task list",
                     f"No tasks have run for {w.name} yet.",
                     (("task", "Task"), ("step", "Step"), ("state", "State"), ("node", "Node"),
                      ("started", "Started")), faults=faults)]


def _events(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    return [Timeline("Events", tuple(ctx.state.activity_for(w)), subject=w.id)]


def _terminal(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    text = (f"ubuntu@{w.name}:~$ nvidia-smi --query-gpu=name,utilization.gpu --format=csv\n"
            "name, utilization.gpu [%]\n"
            f"{dict(w.facts)['Instance type'].split(' ', 1)[1]}, {_number(w, 'term', 40, 99)} %\n"
            f"ubuntu@{w.name}:~$ ")
    page_.local_nav = False  # the terminal takes the page's whole width
    return [Pre("Browser terminal", text, f"Terminal session on {w.name}")]


def _apps_host(ctx: Ctx) -> str:
    return "apps.gpucloud-preview.example" if ctx.fault("external-link-unlisted") \
        else "apps.gpucloud.example"


def _app(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    app = ctx.seed.get("apps", w.meta["app_id"])
    assert app is not None
    return [
        Facts("App", (("App", app.name), ("Version", w.meta["version"]),
                      ("Credentials", "Managed by the platform; rotated every 30 days"))),
        ExternalLink(f"Open {app.name}", f"https://{w.id}.{_apps_host(ctx)}/", "app-open"),
    ]


def _members(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    rows = tuple(Row((f"{w.name}-{i}", "ready", ctx.seed.items("nodes")[
        (w.index + i) % ctx.seed.scale].name)) for i in range(int(w.meta["members"])))
    return [Table("Members", ("Member", "State", "Node"), rows)]


def _versions(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    current = w.meta["version"]
    major, minor, patch = (int(p) for p in current.split("."))
    versions = [f"{major}.{minor}.{patch + 1}", current, f"{major}.{minor}.{max(patch - 1, 0)}"]
    rows = tuple(Row((v, "current" if v == current else "available")) for v in versions)
    return [Table("Versions", ("Version", "Status"), rows)]


def _operations(ctx: Ctx, w: Resource, page_: Page) -> list[Block]:
    return [Timeline("Operation history", tuple(ctx.state.events_for(w)))]


BUILDERS = {
    "overview": _overview, "metrics": _metrics, "storage": _storage, "tasks": _tasks,
    "events": _events, "terminal": _terminal, "app": _app, "members": _members,
    "versions": _versions, "operations": _operations,
}


@page("/workloads/{workload_id}", "workloads.detail")
def detail(ctx: Ctx) -> Page:
    return _detail(ctx, "overview")


@page("/workloads/{workload_id}/metrics", "workloads.detail.metrics")
async def detail_metrics(ctx: Ctx) -> Page:
    if ctx.fault("slow-page"):
        await asyncio.sleep(ctx.cfg.slow_page_seconds)
    return _detail(ctx, "metrics")


def _tab_route(tab: str) -> None:
    page(f"/workloads/{{workload_id}}/{tab}", f"workloads.detail.{tab}")(
        lambda ctx: _detail(ctx, tab))


for _tab in ("storage", "tasks", "events", "terminal", "app", "members", "versions",
             "operations"):
    _tab_route(_tab)

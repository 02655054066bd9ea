"""The JSON feeds workload pages load in the browser (static/panels.js), as a real V3 front end
loads part of a page from its API: live telemetry on the overview, the task list and the attached
buckets. The page itself only renders a busy panel naming its feed."""

import hashlib

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from reference_target.context import Ctx, ctx_for
from reference_target.seed import Resource, stamp

TELEMETRY_WINDOW = "Last 15 minutes"


def number(resource: Resource, salt: str, low: int, high: int) -> int:
    """A stable pseudo-random number per resource, so telemetry is deterministic."""
    digest = hashlib.sha256(f"{resource.id}:{salt}".encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low + 1)


def gpu_count(w: Resource) -> int:
    return int(dict(w.facts)["Instance type"].split("x")[0])


def telemetry(ctx: Ctx, w: Resource) -> dict[str, object]:
    gpus = [{"gpu": f"GPU {i}", "utilisation": number(w, f"util{i}", 35, 99),
             "memory_gib": number(w, f"mem{i}", 20, 79),
             "temperature_c": number(w, f"temp{i}", 48, 78)} for i in range(gpu_count(w))]
    return {"window": TELEMETRY_WINDOW, "average_gpu_util": number(w, "avg", 40, 95),
            "network_in_gbps": number(w, "net", 1, 40), "gpus": gpus}


def tasks(ctx: Ctx, w: Resource) -> dict[str, object]:
    node = ctx.seed.items("nodes")[w.index % ctx.seed.scale].name
    done = ctx.posture(w) == "completed"
    steps = ("Pull image", "Mount storage", "Run", "Collect results")
    items = [{"task": f"task-{w.index + 1}-{i + 1}", "step": step,
              "state": "succeeded" if done or i < 2 else ("running" if i == 2 else "pending"),
              "node": node, "started": stamp(90 * w.index + 40 - 5 * i)}
             for i, step in enumerate(steps)]
    return {"items": items}


def attachments(ctx: Ctx, w: Resource) -> dict[str, object]:
    items = [{"bucket": a.name, "mount_path": dict(a.facts)["Mount path"],
              "href": f"/storage/buckets/{a.meta['bucket_id']}"}
             for a in ctx.seed.items("attachments") if a.meta["workload_id"] == w.id]
    return {"items": items}


FEEDS = {"telemetry": telemetry, "tasks": tasks, "attachments": attachments}


async def feed(request: Request) -> JSONResponse:
    ctx = ctx_for(request)
    build = FEEDS.get(request.path_params["feed"])
    w = ctx.seed.get("workloads", request.path_params["id"])
    if build is None or w is None:
        return JSONResponse({"error": "not found"}, 404)
    if "workloads" not in ctx.role.families:
        return JSONResponse({"error": "not allowed"}, 403)
    return JSONResponse(build(ctx, w))


def feed_routes() -> list[Route]:
    # Before the generic /api/{collection}/{id} routes (one more path segment, GET only).
    return [Route("/api/workloads/{id}/{feed}", feed, methods=["GET"])]

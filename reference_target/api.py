"""The JSON API behind the pages: collections, items, lifecycle operations and launch requests."""

import asyncio
import json
import random
import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from reference_target.context import ctx_for
from reference_target.operations import run_operation
from reference_target.seed import BUILDERS
from reference_target.workload_feeds import feed_routes

MAX_PAGE = 500


async def _json_body(request: Request) -> dict[str, object]:
    raw = await request.body()
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _int_param(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name, "")
    return max(int(value), 0) if value.isdigit() else default


async def list_collection(request: Request) -> JSONResponse:
    ctx = ctx_for(request)
    collection = request.path_params["collection"]
    if collection not in BUILDERS:
        return JSONResponse({"error": f"unknown collection {collection!r}"}, 404)
    items = ctx.seed.items(collection)
    offset = _int_param(request, "offset", 0)
    limit = min(_int_param(request, "limit", MAX_PAGE), MAX_PAGE)
    page = [r.as_json() | {"posture": ctx.posture(r)} for r in items[offset:offset + limit]]
    return JSONResponse({"items": page, "total": len(items), "offset": offset})


async def get_item(request: Request) -> JSONResponse:
    ctx = ctx_for(request)
    collection, rid = request.path_params["collection"], request.path_params["id"]
    resource = ctx.seed.get(collection, rid) if collection in BUILDERS else None
    if resource is None:
        return JSONResponse({"error": f"no {collection} resource {rid!r}"}, 404)
    activity = [e.__dict__ for e in ctx.state.activity_for(resource)]
    return JSONResponse(resource.as_json() | {"posture": ctx.posture(resource),
                                              "activity": activity})


async def operate(request: Request) -> JSONResponse:
    ctx = ctx_for(request)
    body = await _json_body(request)
    p = request.path_params
    outcome = run_operation(ctx.seed, ctx.state, ctx.cfg, p["collection"], p["id"], p["op"],
                            body.get("confirm"), ctx.role.person)
    return JSONResponse(outcome.body, outcome.status)


async def events(request: Request) -> JSONResponse:
    """Audit/evidence records, optionally for one resource (?resource=<id>)."""
    ctx = ctx_for(request)
    subject = request.query_params.get("resource")
    if subject:
        resource = ctx.seed.find(subject)
        entries = ctx.state.events_for(resource) if resource else []
    else:
        entries = list(reversed(ctx.state.events))
    return JSONResponse({"items": [e.__dict__ for e in entries]})


async def launch(request: Request) -> JSONResponse:
    """Launch forms hand off here; the request is accepted and tracked, not simulated further."""
    await _json_body(request)
    what = request.path_params["what"]
    return JSONResponse({"request_id": f"req-{secrets.token_hex(4)}", "status": "accepted",
                         "message": f"The {what} request was accepted; follow it on its "
                                    "Events tab."}, 202)


async def notification_settings(request: Request) -> JSONResponse:
    await _json_body(request)
    return JSONResponse({"status": "saved", "message": "Preferences saved."})


# How long /api/rows-ready keeps a list's rows back under the late-render fault.
LATE_RENDER_SECONDS = (0.6, 1.5)


async def rows_ready(request: Request) -> JSONResponse:
    """The call a list page renders its rows after (late-render, never-renders faults)."""
    ctx = ctx_for(request)
    if ctx.fault("never-renders"):
        await asyncio.sleep(ctx.cfg.slow_page_seconds)
    elif ctx.fault("late-render"):
        await asyncio.sleep(random.uniform(*LATE_RENDER_SECONDS))
    return JSONResponse({"ready": True})


def api_routes() -> list[Route]:
    return [
        Route("/api/audit", events, methods=["GET"]),
        Route("/api/evidence", events, methods=["GET"]),
        Route("/api/launch/{what}", launch, methods=["POST"]),
        Route("/api/notification-settings", notification_settings, methods=["POST"]),
        Route("/api/rows-ready", rows_ready, methods=["GET"]),
        *feed_routes(),
        Route("/api/{collection}", list_collection, methods=["GET"]),
        Route("/api/{collection}/{id}", get_item, methods=["GET"]),
        Route("/api/{collection}/{id}/operations/{op}", operate, methods=["POST"]),
    ]

"""Control endpoints for the harness; never linked from a page and never audited."""

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from reference_target.faults import FAULTS
from reference_target.legacy import UNMAPPED_V1_PAGE, legacy_paths
from reference_target.sections import section_paths
from reference_target.views import ROUTES

CONTROL_PATHS = frozenset({"/__audit", "/__reset", "/__faults", "/healthz",
                           "/_manifest/routes.json"})


async def audit_log(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.target_state.requests)


async def reset(request: Request) -> JSONResponse:
    request.app.state.target_state.reset()
    return JSONResponse({"status": "reset"})


async def healthz(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


async def faults(request: Request) -> JSONResponse:
    active = sorted(request.app.state.cfg.faults)
    return JSONResponse({"active": active, "descriptions": {f: FAULTS[f] for f in active}})


async def manifest(request: Request) -> JSONResponse:
    cfg = request.app.state.cfg
    routes = [r.path for r in ROUTES] + legacy_paths() + section_paths()
    if cfg.has("unmapped-v1-page"):
        routes.append(UNMAPPED_V1_PAGE)
    if cfg.has("v3-mock-live"):
        routes.append("/v3/workloads")
    return JSONResponse({"routes": routes})


def control_routes() -> list[Route]:
    return [
        Route("/__audit", audit_log, methods=["GET"]),
        Route("/__reset", reset, methods=["POST"]),
        Route("/__faults", faults, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/_manifest/routes.json", manifest, methods=["GET"]),
    ]

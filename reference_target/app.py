"""Assembling the Starlette app: control, API, legacy and page routes plus static files."""

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from reference_target.api import api_routes
from reference_target.config import TargetConfig
from reference_target.context import ctx_for
from reference_target.control import CONTROL_PATHS, control_routes
from reference_target.legacy import legacy_routes, v1_dashboard
from reference_target.login import LoginMiddleware
from reference_target.middleware import AuditMiddleware, LatencyMiddleware
from reference_target.render import render_not_found
from reference_target.routing import starlette_routes
from reference_target.sections import CATCH_ALL_LANDING, client_redirect, section_routes
from reference_target.seed import Seed
from reference_target.state import TargetState
from reference_target.views import ROUTES

STATIC = Path(__file__).parent / "static"


async def root(request: Request) -> Response:
    """`/`: the V1 dashboard in V1 mode, otherwise a redirect to the role's landing page."""
    ctx = ctx_for(request)
    default = "v1" if ctx.fault("flag-defaults-v1") else "v3"
    mode = request.cookies.get("ui_version") or default
    if mode == "v1" and not ctx.fault("v1-dashboard-broken"):
        return await v1_dashboard(request)
    landing = ctx.role.landing
    if ctx.role.id == "project_admin" and ctx.fault("role-landing-wrong"):
        landing = "/workloads"
    return RedirectResponse(landing, status_code=302)


async def favicon(request: Request) -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


async def not_found(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "not found"}, 404)
    ctx = ctx_for(request)
    if ctx.fault("catch-all-not-found") and not request.url.path.startswith("/static/"):
        return client_redirect(CATCH_ALL_LANDING)
    return render_not_found(ctx)


def create_app(config: TargetConfig | None = None) -> Starlette:
    config = config or TargetConfig()
    state = TargetState()
    routes: list[BaseRoute] = [
        *control_routes(),
        Route("/", root, methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        *api_routes(),
        *legacy_routes(),
        *section_routes(),
        *starlette_routes(ROUTES),
    ]
    # In login mode the session check comes first: a request it refuses is never audited.
    login = ([Middleware(LoginMiddleware, users=config.login_users,
                         session_ttl_s=config.session_ttl_s)]
             if config.login_users is not None else [])
    app = Starlette(
        routes=routes,
        middleware=[
            *login,
            Middleware(AuditMiddleware, state=state, control_paths=CONTROL_PATHS),
            Middleware(LatencyMiddleware, latency_ms=config.latency_ms, seed=config.seed,
                       control_paths=CONTROL_PATHS),
        ],
        exception_handlers={404: not_found},
    )
    app.state.cfg = config
    app.state.seed = Seed(config.scale, config.seed)
    app.state.target_state = state
    return app

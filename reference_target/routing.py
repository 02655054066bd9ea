"""Page routes: registration per family module and the endpoint wrapper (role gate, 404s)."""

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from reference_target.context import Ctx, NotFound, ctx_for
from reference_target.page_model import Page
from reference_target.render import render_forbidden, render_not_found, render_page

Builder = Callable[[Ctx], Page | Response | Awaitable[Page | Response]]


@dataclass(frozen=True)
class PageRoute:
    path: str
    route_id: str
    family: str
    build: Builder


class Registry:
    """Collects a family's page routes in definition order."""

    def __init__(self, family: str) -> None:
        self.family = family
        self.routes: list[PageRoute] = []

    def __call__(self, path: str, route_id: str) -> Callable[[Builder], Builder]:
        def register(build: Builder) -> Builder:
            self.routes.append(PageRoute(path, route_id, self.family, build))
            return build

        return register


def endpoint_for(route: PageRoute) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        ctx = ctx_for(request)
        # The role gate comes first: a forbidden family answers 403 even for unknown ids.
        leak = route.family == "platform" and ctx.role.id == "user" and ctx.fault("role-page-leak")
        if route.family not in ctx.role.families and not leak:
            return render_forbidden(ctx, route.family)
        try:
            result = route.build(ctx)
            if inspect.isawaitable(result):
                result = await result
        except NotFound:
            return render_not_found(ctx, route.family)
        return result if isinstance(result, Response) else render_page(ctx, result)

    endpoint.__name__ = route.route_id.replace(".", "_")
    return endpoint


def starlette_routes(page_routes: list[PageRoute]) -> list[Route]:
    # Static segments must win over {param} segments (/workloads/activity is not a workload),
    # and Starlette matches in order, so routes with fewer parameters go first.
    ordered = sorted(page_routes, key=lambda r: r.path.count("{"))
    return [Route(r.path, endpoint_for(r), methods=["GET"], name=r.route_id) for r in ordered]

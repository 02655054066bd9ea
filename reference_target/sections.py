"""V3's own paths that are no page of their own: a section's landing sends the browser to the
section's first page, server-side (`/storage`, an HTTP redirect) or client-side (`/account`, as
a single-page app's router does: the path answers 200 and the page replaces itself). Also the
catch-all not-found page of the `catch-all-not-found` fault, which does the same for any path
the app does not serve."""

import json

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from reference_target.context import ctx_for

SERVER_SIDE: dict[str, str] = {"/storage": "/storage/buckets"}
CLIENT_SIDE: dict[str, str] = {"/account": "/account/profile"}
# Where the section-redirect-elsewhere fault sends /storage: a page of the section, not its first.
ELSEWHERE = {"/storage": "/storage/grants"}
CATCH_ALL_LANDING = "/home"


def client_redirect(target: str, *, status: int = 200) -> HTMLResponse:
    """A page that is nothing but a client-side hop to `target`."""
    return HTMLResponse(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>GPU Cloud</title>'
        f"<script>location.replace({json.dumps(target)});</script></head><body></body></html>",
        status_code=status)


async def _server_side(request: Request) -> Response:
    path = request.url.path.rstrip("/")
    target = SERVER_SIDE[path]
    if ctx_for(request).fault("section-redirect-elsewhere"):
        target = ELSEWHERE.get(path, target)
    return RedirectResponse(target, status_code=302)


async def _client_side(request: Request) -> Response:
    return client_redirect(CLIENT_SIDE[request.url.path.rstrip("/")])


def section_routes() -> list[Route]:
    return [*(Route(path, _server_side, methods=["GET"]) for path in SERVER_SIDE),
            *(Route(path, _client_side, methods=["GET"]) for path in CLIENT_SIDE)]


def section_paths() -> list[str]:
    """Every section path this app answers (for the route manifest)."""
    return [*SERVER_SIDE, *CLIENT_SIDE]

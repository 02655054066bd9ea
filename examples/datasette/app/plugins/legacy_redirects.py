"""Legacy-route redirects for Datasette, declared in metadata under
plugins.legacy-redirects.redirects:

    {"from": "^/ships/(?P<id>[0-9]+)$", "to": "/fleet/ships/{id}", "status": 301}

`from` is a Datasette route regex; `to` is formatted with its named groups. Loaded with
`datasette --plugins-dir plugins/`. No config (or an empty list) serves no redirects.
"""
from datasette import hookimpl
from datasette.utils.asgi import Response


def _handler(target, status):
    async def view(request):
        url = target.format(**request.url_vars)
        return Response.redirect(url, status=status)
    return view


@hookimpl
def register_routes(datasette):
    config = datasette.plugin_config("legacy-redirects") or {}
    return [
        (r["from"], _handler(r["to"], int(r.get("status", 301))))
        for r in config.get("redirects", [])
    ]

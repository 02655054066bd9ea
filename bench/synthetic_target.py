"""The synthetic product the benchmark measures: a plain stdlib HTTP server that serves, from a
route count alone, families of eight pages (a list with row links, its detail with a back link,
six sibling pages), a global nav, each family's local nav, a footer link to the next family (so
every family is reachable from the landing page) and a V1 URL per family that redirects.

It never reads a contract: bench/contract_writer.py describes the same product independently.
Run: python -m bench.synthetic_target --routes N [--port P]; it prints its URL on one line."""

from __future__ import annotations

import argparse
import contextlib
import html
import math
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIBLINGS = ("activity", "settings", "guide", "usage", "quotas", "events")
PER_FAMILY = 2 + len(SIBLINGS)
GLOBAL_NAV = 8
ROWS = 5

_LIST = re.compile(r"^/fam(\d+)/items$")
_DETAIL = re.compile(r"^/fam(\d+)/items/([A-Za-z0-9-]+)$")
_SIBLING = re.compile(r"^/fam(\d+)/(" + "|".join(SIBLINGS) + r")$")
_LEGACY = re.compile(r"^/v1/fam(\d+)$")


class Product:
    def __init__(self, routes: int) -> None:
        self.families = max(1, math.ceil(routes / PER_FAMILY))

    def page(self, path: str) -> tuple[int, str, str]:
        """(status, location or "", body) for a path."""
        if path == "/":
            return 302, "/fam0/items", ""
        if path == "/favicon.ico":  # browsers ask for it; a 404 would be a console error
            return 204, "", ""
        if (m := _LEGACY.match(path)) and self._known(m.group(1)):
            return 301, f"/fam{m.group(1)}/items", ""
        if (m := _LIST.match(path)) and self._known(m.group(1)):
            fam = int(m.group(1))
            rows = "".join(
                f'<li data-testid="resource-row"><a data-testid="resource-row-link" '
                f'href="/fam{fam}/items/item-{fam}-{j}">Item {fam}-{j}</a></li>'
                for j in range(ROWS))
            return 200, "", self._layout(fam, "items", f"Family {fam} items", f"<ul>{rows}</ul>")
        if (m := _DETAIL.match(path)) and self._known(m.group(1)):
            fam = int(m.group(1))
            name = html.escape("Item " + m.group(2).removeprefix("item-"))  # its row's text
            header = (f'<header data-testid="resource-header"><a data-testid="resource-back-link"'
                      f' href="/fam{fam}/items">Back to items</a>'
                      f'<span data-testid="resource-name">{name}</span></header>')
            return 200, "", self._layout(fam, None, name, header)
        if (m := _SIBLING.match(path)) and self._known(m.group(1)):
            fam, key = int(m.group(1)), m.group(2)
            return 200, "", self._layout(fam, key, f"Family {fam} {key}",
                                         f"<p>The {key} of family {fam}.</p>")
        return 404, "", "<!doctype html><title>Not found</title><h1>Not found</h1>"

    def _known(self, fam: str) -> bool:
        return int(fam) < self.families

    def _layout(self, fam: int, current: str | None, title: str, body: str) -> str:
        global_nav = "".join(
            f'<a data-testid="global-nav-item-fam{i}" href="/fam{i}/items"'
            + (' aria-current="page"' if i == fam else "") + f">Family {i}</a>"
            for i in range(min(GLOBAL_NAV, self.families)))
        local = "".join(
            f'<a data-testid="local-nav-item-{key}" href="/fam{fam}/{key}"'
            + (' aria-current="page"' if key == current else "") + f">{key.title()}</a>"
            for key in ("items", *SIBLINGS))
        following = (f'<a href="/fam{fam + 1}/items">Next family</a>'
                     if fam + 1 < self.families else "")
        return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title>"
                f'</head><body><div data-testid="global-shell"><nav data-testid="global-nav">'
                f'{global_nav}</nav><nav data-testid="local-nav">{local}</nav><main>'
                f'<h1 data-testid="page-title">{title}</h1>{body}</main>'
                f"<footer>{following}</footer></div></body></html>")


def handler_for(product: Product) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, location, body = product.page(self.path.split("?", 1)[0])
            data = body.encode()
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # A browser may drop a connection it no longer needs (a navigation moved on).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # thousands of requests: a log line each would cost more than the page

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(Product(args.routes)))
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""False positives the third-party examples exposed, each proved on a page built for it: requests
the suite or the browser makes on its own (axe-core's stylesheet preload, Chromium's
`/favicon.ico` probe) are never charged to the page; a load failure the page did cause names its
URL; the global-nav gate counts and orders only the family items, not every link in the nav."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from contracts import Contract, load_contract
from harness.capture.capture import capture, console_error, page_console_errors
from harness.capture.collector import collector_spec
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.navigation import console_errors, global_nav

NAV = """<nav id="nav">
  <a class="section" href="/alpha/">Alpha</a> <a class="add" href="/alpha/new/">Add</a>
  <a class="section" href="/beta/">Beta</a> <a class="add" href="/beta/new/">Add</a>
</nav>"""
# The stylesheet imports its sibling; axe-core's preload resolves the import against the page
# URL (/deep/extra.css), which does not exist: that 404 is the suite's, not the page's.
PAGE = f"""<!doctype html><html lang="en"><head><title>t</title>
<link rel="stylesheet" href="/css/main.css"></head>
<body><div id="shell">{NAV}<main><h1>Page</h1>{{extra}}</main></div></body></html>"""
FILES = {
    "/deep/clean": PAGE.format(extra=""),
    "/deep/broken": PAGE.format(extra='<img src="/missing-logo.png" alt="logo">'),
    "/deep/reordered": PAGE.replace('href="/alpha/">Alpha', 'href="/gamma/">Gamma')
                           .replace('href="/beta/">Beta', 'href="/alpha/">Alpha')
                           .replace('href="/gamma/">Gamma', 'href="/beta/">Beta')
                           .format(extra=""),
    "/css/main.css": '@import url("extra.css");\nbody { margin: 0 }\n',
    "/css/extra.css": "h1 { color: #111 }\n",
}
CONTRACT = {
    "settings.yaml": """
selectors:
  global_shell: '#shell'
  page_title: h1
  global_nav: '#nav'
  global_nav_items: '#nav a.section'
  global_nav_item: '#nav a.section[href="/{family}/"]'
""",
    "product.yaml": """
families:
  - {id: alpha, title: Alpha, roles: [visitor]}
  - {id: beta, title: Beta, roles: [visitor]}
routes:
  - {id: alpha.home, path: /alpha/, family: alpha, kind: list}
  - {id: beta.home, path: /beta/, family: beta, kind: list}
roles:
  - {id: visitor, title: Visitor, landing: alpha.home, families: [alpha, beta], default: true}
""",
}


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _Handler.hits.append(self.path)
        body = FILES.get(self.path)
        self.send_response(200 if body is not None else 404)
        kind = "text/css" if self.path.endswith(".css") else "text/html"
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write((body or "not found").encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def small_contract(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    directory = tmp_path_factory.mktemp("contract")
    for name, text in CONTRACT.items():
        (directory / name).write_text(text)
    return load_contract(Path(directory))


def _snapshot(browser: Browser, contract: Contract, url: str, scan: bool) -> RouteSnapshot:
    context = browser.new_context()  # fresh: Chromium probes /favicon.ico on its first page
    try:
        return capture(context.new_page(), "alpha.home", url, collector_spec(contract, None),
                       ready_selector="h1", timeout_ms=10_000,
                       a11y_tags=("wcag2a",) if scan else None)
    finally:
        context.close()


def test_requests_made_by_the_suite_or_the_browser_are_not_the_pages(
        browser: Browser, small_contract: Contract, site: str) -> None:
    _Handler.hits.clear()
    snap = _snapshot(browser, small_contract, f"{site}/deep/clean", scan=True)
    # Both suite-made failures happened (else this test could not fail) ...
    assert "/deep/extra.css" in _Handler.hits, _Handler.hits  # axe-core's preload, a 404
    assert snap.a11y is not None
    # ... and neither is charged to the page.
    assert snap.console_errors == ()
    route = small_contract.route("alpha.home")
    assert console_errors(CheckContext(route, snap, small_contract)) == []


def test_the_browsers_favicon_probe_is_not_the_pages() -> None:
    # Headless Chromium here makes no probe, so this is proved on the console text Chromium
    # writes when it does (the run that found it was headed): the filter itself, on hand data.
    site = "http://127.0.0.1:9"
    probe = console_error("Failed to load resource: the server responded with a status of 404 "
                          "(Not Found)", {"url": f"{site}/favicon.ico"})
    assert probe.endswith(f"({site}/favicon.ico)")
    other = console_error("Failed to load resource: net::ERR_FAILED",
                          {"url": f"{site}/app.js"})
    page = f"{site}/deep/clean"
    assert page_console_errors([probe, other], page, icons=()) == (other,)
    # A page that links that icon itself is charged for its 404.
    assert page_console_errors([probe], page, icons=[f"{site}/favicon.ico"]) == (probe,)
    assert console_error("uncaught: boom", None) == "uncaught: boom"


def test_a_failure_the_page_caused_names_its_url(browser: Browser, small_contract: Contract,
                                                 site: str) -> None:
    snap = _snapshot(browser, small_contract, f"{site}/deep/broken", scan=False)
    route = small_contract.route("alpha.home")
    findings = console_errors(CheckContext(route, snap, small_contract))
    assert len(findings) == 1
    assert f"{site}/missing-logo.png" in findings[0].found, findings[0].found
    assert "favicon" not in findings[0].found


def test_global_nav_counts_and_orders_only_the_family_items(
        browser: Browser, small_contract: Contract, site: str) -> None:
    role = small_contract.role("visitor")
    clean = _snapshot(browser, small_contract, f"{site}/deep/clean", scan=False)
    assert clean.global_nav == ("alpha", "beta")
    assert clean.global_nav_links == 2  # the two "Add" links in the nav are not family items
    assert global_nav(CheckContext(role, clean, small_contract)) == []
    swapped = _snapshot(browser, small_contract, f"{site}/deep/reordered", scan=False)
    found = global_nav(CheckContext(role, swapped, small_contract))
    assert len(found) == 1 and "contract's order: alpha, beta" in found[0].expected
    assert found[0].found == "beta, alpha"

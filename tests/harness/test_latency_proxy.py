"""`--latency` for a deployed product: the loopback proxy holds each request within its bounds,
passes bodies through, and rewrites what names the other origin (redirects, Origin), so a real
app behind it behaves as without it, only slower."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harness.targets.latency_proxy import LatencyProxy, parse_latency
from harness.targets.registry import TARGET_KINDS, TargetRequest


class _Upstream(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/old":
            self.send_response(302)
            self.send_header("Location", f"http://{self.headers['Host']}/new")
            self.end_headers()
            return
        self._answer({"path": self.path, "host": self.headers["Host"]})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self._answer({"body": body.decode(), "origin": self.headers.get("Origin")})

    def _answer(self, payload: dict[str, object]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_each_request_is_held_within_the_bounds_and_answered_as_upstream(upstream: str) -> None:
    proxy = LatencyProxy(upstream, (150, 200))
    url = proxy.start()
    try:
        began = time.monotonic()
        with urllib.request.urlopen(f"{url}/api/things?x=1", timeout=10) as resp:
            answer = json.load(resp)
        held = time.monotonic() - began
        assert answer == {"path": "/api/things?x=1", "host": upstream.removeprefix("http://")}
        assert 0.15 <= held < 2.0, held
        # a POST (a GraphQL query) is held too and reaches the app whole, its Origin the app's
        request = urllib.request.Request(f"{url}/graphql", data=b'{"query": "{ runs }"}',
                                         headers={"Origin": url})
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert json.load(resp) == {"body": '{"query": "{ runs }"}', "origin": upstream}
        # the app's absolute redirect is followed through the proxy, not around it
        with urllib.request.urlopen(f"{url}/old", timeout=10) as resp:
            assert resp.url == f"{url}/new"
        assert proxy.delayed == 4
    finally:
        proxy.stop()


def test_latency_on_a_url_target_puts_the_proxy_in_front(upstream: str, tmp_path) -> None:
    started = TARGET_KINDS["url"].build(TargetRequest(base_url=upstream, log_dir=tmp_path,
                                                      latency="0-50"))
    try:
        assert started.proxy is not None and started.target.base_url == started.proxy.url
        assert started.target.base_url != upstream
    finally:
        started.stop()
    plain = TARGET_KINDS["url"].build(TargetRequest(base_url=upstream, log_dir=tmp_path))
    assert plain.proxy is None and plain.target.base_url == upstream


def test_latency_bounds() -> None:
    assert parse_latency("120") == (120, 120)
    assert parse_latency("0-300") == (0, 300)

"""`make bench` on a tiny product: the generated contract is valid, the synthetic target (which
never reads it) serves exactly what it describes, and one bench row is measured end to end."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.contract_writer import write_contract
from bench.synthetic_target import Product, handler_for
from contracts import load_contract

pytestmark = pytest.mark.long_run(30)

ROOT = Path(__file__).resolve().parents[2]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(Product(20)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _get(url: str) -> tuple[int, str, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, resp.headers.get("Location", ""), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", ""), ""


def test_target_serves_every_route_and_legacy_url_the_contract_describes(tmp_path, served):
    assert write_contract(tmp_path, 20) == 24  # rounded up to whole families of eight
    contract = load_contract(tmp_path)
    for route in contract.routes:
        if route.params:
            assert route.back is not None
            status, _, body = _get(served + contract.route(route.back).path)
            first = re.search(r'data-testid="resource-row-link" href="([^"]+)"', body)
            assert first, route.id
            assert contract.route_id_of(first.group(1)) == route.id
            status, _, body = _get(served + first.group(1))
        else:
            status, _, body = _get(served + route.path)
        assert status == 200 and 'data-testid="global-shell"' in body, route.id
    for legacy in contract.legacy:
        status, location, _ = _get(served + legacy.path)
        assert status == 301
        assert legacy.redirect is not None
        assert contract.route_id_of(location) == legacy.redirect.to
    assert _get(served + "/fam9/items")[0] == 404  # beyond the product


def test_bench_measures_a_row_and_checks_it_against_the_targets(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bench.run", "--routes", "8", "--full", "8",
                           "--repeat-routes", "16", "--no-faulted", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    row = next(line for line in done.stdout.splitlines() if line.startswith("| 8 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[5] == "1.0"  # one navigation per route for the static gates
    assert re.fullmatch(r"[0-9.]+ GB / [0-9.]+ GB", cells[6])
    assert cells[8] == "2"  # a small row runs until each side saw --repeat-routes routes
    assert "static gates / bare loop: worst" in done.stdout
    # the full selection: clicks and legacy URLs navigate too, the crawl adds nothing
    full = re.search(r"full selection .* at 8 routes: bare loop [0-9.]+ s, suite [0-9.]+ s: "
                     r"[0-9.]+x \(target <= 2.0\)", done.stdout)
    assert full, done.stdout[-2000:]
    assert re.search(r"its floor, the bare loop making the same clicks .*: [0-9.]+ s", done.stdout)
    assert re.search(r"navigations per route: static 1.0, interactive [1-9]", done.stdout)

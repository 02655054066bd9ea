"""The floor the suite is measured against: plain Playwright, one `goto` per route and the same
static read (harness/capture/collector.js) in one `page.evaluate`, with the checks the static
gates make reduced to a few comparisons. No harness, no pytest, no page recycling: exactly what a
hand-written loop would do.

With --clicks it also does, by hand, what the full selection adds: each local-nav item clicked
from a sibling page (one `goto` per family, then click after click), each back link clicked
from its detail page, each legacy URL opened: the floor of the full selection.

Run: python -m bench.bare_loop --contracts DIR --base-url URL [--clicks]; prints one JSON line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from contracts import Contract, Route, load_contract
from harness.capture.collector import collector_js, collector_spec
from harness.targets import browser as browser_choice

TESTID = '[data-testid="{}"]'


def _clicks(page: Page, base_url: str, contract: Contract, urls: dict[str, str]
            ) -> tuple[int, int]:
    """(navigations, failures) of the clicks and legacy visits a hand-written loop would make."""
    paths = {r.id: r.path for r in contract.routes}
    navigations = failures = 0

    def click(selector: str, expected: str) -> None:
        page.locator(selector).click(timeout=10_000)
        page.wait_for_url(base_url + expected, wait_until="load", timeout=10_000)

    for family in contract.families:
        items = family.local_nav.items if family.local_nav else ()
        if not items:
            continue
        page.goto(base_url + paths[items[-1].route], wait_until="load", timeout=10_000)
        navigations += 1
        for item in items:
            click(TESTID.format(f"local-nav-item-{item.key}"), paths[item.route])
            navigations += 1
    for route in contract.routes:
        if route.back and route.id in urls:
            page.goto(urls[route.id], wait_until="load", timeout=10_000)
            click(TESTID.format("resource-back-link"), paths[route.back])
            navigations += 2
    for entry in contract.legacy:
        response = page.goto(base_url + entry.path, wait_until="load", timeout=10_000)
        navigations += 1
        failures += 0 if response is not None and response.ok else 1
    return navigations, failures


def run(contracts: Path, base_url: str, clicks: bool = False) -> dict[str, Any]:
    contract = load_contract(contracts)
    # The suite's own read (one spec per family): the floor reads what the snapshots read.
    specs = {f.id: collector_spec(contract, f) for f in contract.families}
    local = {f.id: len(f.local_nav.items) if f.local_nav else 0 for f in contract.families}
    js = collector_js()
    first_row: dict[str, str] = {}
    urls: dict[str, str] = {}  # route id -> the URL its read used
    failures = navigations = 0
    started = time.perf_counter()
    with sync_playwright() as p:
        chosen = browser_choice.resolve()
        browser = p.chromium.launch(executable_path=chosen.launch_path,
                                    args=list(browser_choice.QUIET_ARGS))
        page = browser.new_page()
        for route in contract.routes:
            if route.ids is not None:
                url = first_row.get(route.ids.from_list)
                if url is None:
                    failures += 1
                    continue
            else:
                url = base_url + route.path
            urls[route.id] = url
            response = page.goto(url, wait_until="load", timeout=10_000)
            navigations += 1
            seen = page.evaluate(js, specs[route.family])
            if route.kind == "list" and seen["rowLinks"]:
                first_row[route.id] = seen["rowLinks"][0]
            failures += 0 if _ok(route, response.status if response else None, seen,
                                 local[route.family]) else 1
        if clicks:
            more, failed = _clicks(page, base_url, contract, urls)
            navigations += more
            failures += failed
        browser.close()
    return {"routes": len(contract.routes), "navigations": navigations, "failures": failures,
            "seconds": time.perf_counter() - started}


def _ok(route: Route, status: int | None, seen: dict[str, Any], local_items: int) -> bool:
    """The static gates, reduced to a few comparisons."""
    return (status is not None and status < 400 and seen["shell"] and seen["localNavFound"]
            and len(seen["localNav"]) == local_items
            and (route.back is None or seen["backLink"] is not None))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--clicks", action="store_true",
                        help="also click every local-nav item and back link, open every legacy URL")
    args = parser.parse_args(argv)
    result = run(args.contracts, args.base_url.rstrip("/"), args.clicks)
    print(json.dumps(result))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

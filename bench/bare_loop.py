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

import yaml
from playwright.sync_api import Page, sync_playwright

from harness.targets import browser as browser_choice

COLLECTOR = Path(__file__).resolve().parent.parent / "harness" / "capture" / "collector.js"
TESTID = '[data-testid="{}"]'


def _spec(local_keys: list[str], global_families: list[str]) -> dict[str, Any]:
    t = TESTID.format
    return {
        "shell": t("global-shell"), "v1Layout": t("v1-layout"), "pageTitle": t("page-title"),
        "globalNav": t("global-nav"),
        "globalNavItems": {f: t(f"global-nav-item-{f}") for f in global_families},
        "globalNavEvery": '[data-testid^="global-nav-item-"]',
        "localNav": t("local-nav"),
        "localNavItems": {k: t(f"local-nav-item-{k}") for k in local_keys},
        "localNavEvery": '[data-testid^="local-nav-item-"]',
        "backLink": t("resource-back-link"), "resourceName": t("resource-name"),
        "aliases": t("resource-aliases"), "posture": t("resource-posture"),
        "capabilities": t("resource-capabilities"), "capabilitiesAttr": "data-capabilities",
        "timeline": t("activity-timeline"), "timelineEntry": t("activity-entry"),
        "card": t("lifecycle-op-card"), "cardFields": {}, "intentAttr": "data-intent",
        "opAttr": "data-op", "rowLink": t("resource-row-link"), "placeholderSelectors": [],
        "evidenceSubject": t("evidence-subject"),
    }


def _clicks(page: Page, base_url: str, families: list[dict[str, Any]],
            routes: list[dict[str, Any]], legacy: list[dict[str, Any]],
            urls: dict[str, str]) -> tuple[int, int]:
    """(navigations, failures) of the clicks and legacy visits a hand-written loop would make."""
    paths = {r["id"]: r["path"] for r in routes}
    navigations = failures = 0

    def click(selector: str, expected: str) -> None:
        page.locator(selector).click(timeout=10_000)
        page.wait_for_url(base_url + expected, wait_until="load", timeout=10_000)

    for family in families:
        items = family["local_nav"]["items"]
        page.goto(base_url + paths[items[-1]["route"]], wait_until="load", timeout=10_000)
        navigations += 1
        for item in items:
            click(TESTID.format(f"local-nav-item-{item['key']}"), paths[item["route"]])
            navigations += 1
    for route in routes:
        if route.get("back") and route["id"] in urls:
            page.goto(urls[route["id"]], wait_until="load", timeout=10_000)
            click(TESTID.format("resource-back-link"), paths[route["back"]])
            navigations += 2
    for entry in legacy:
        response = page.goto(base_url + entry["path"], wait_until="load", timeout=10_000)
        navigations += 1
        failures += 0 if response is not None and response.ok else 1
    return navigations, failures


def run(contracts: Path, base_url: str, clicks: bool = False) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    routes = yaml.load((contracts / "routes.yaml").read_text(), Loader=loader)["routes"]
    families = yaml.load((contracts / "families.yaml").read_text(), Loader=loader)["families"]
    legacy = yaml.load((contracts / "legacy.yaml").read_text(), Loader=loader)["legacy"]
    local = {f["id"]: [i["key"] for i in f["local_nav"]["items"]] for f in families}
    global_families = [f["id"] for f in families if f.get("global_nav", True)]
    js = COLLECTOR.read_text()
    first_row: dict[str, str] = {}
    urls: dict[str, str] = {}  # route id -> the URL its read used
    failures = navigations = 0
    started = time.perf_counter()
    with sync_playwright() as p:
        chosen = browser_choice.resolve()
        browser = p.chromium.launch(executable_path=chosen.launch_path,
                                    args=list(browser_choice.QUIET_ARGS))
        page = browser.new_page()
        for route in routes:
            if "ids" in route:
                url = first_row.get(route["ids"]["from_list"])
                if url is None:
                    failures += 1
                    continue
            else:
                url = base_url + route["path"]
            urls[route["id"]] = url
            response = page.goto(url, wait_until="load", timeout=10_000)
            navigations += 1
            seen = page.evaluate(js, _spec(local[route["family"]], global_families))
            if route["kind"] == "list" and seen["rowLinks"]:
                first_row[route["id"]] = seen["rowLinks"][0]
            ok = (response is not None and response.status < 400 and seen["shell"]
                  and seen["localNavFound"]
                  and len(seen["localNav"]) == len(local[route["family"]])
                  and (route.get("back") is None or seen["backLink"] is not None))
            failures += 0 if ok else 1
        if clicks:
            more, failed = _clicks(page, base_url, families, routes, legacy, urls)
            navigations += more
            failures += failed
        browser.close()
    return {"routes": len(routes), "navigations": navigations, "failures": failures,
            "seconds": time.perf_counter() - started}


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

"""Take a RouteSnapshot from a live page: one navigation, one read, optionally one axe scan."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request, Response
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from contracts import Contract, Family
from contracts.paths import match_template, path_of
from harness.capture.snapshot import (
    A11yViolation,
    CardState,
    FieldState,
    LinkState,
    LinkTarget,
    PageDensity,
    RouteSnapshot,
    TextNode,
    nav_items,
)


@cache
def _collector_js() -> str:
    return (Path(__file__).parent / "collector.js").read_text()


def collector_spec(contract: Contract, family: Family | None) -> dict[str, Any]:
    """The selectors the collector reads, all taken from the contract."""
    s = contract.selectors
    lc = contract.lifecycle
    items: dict[str, str] = {}
    # A container template naming `{family}` means nothing outside a family: nothing to read.
    container: str | None = s.local_nav if "{family}" not in s.local_nav else None
    if family is not None:
        container = contract.local_nav_container(family)
    if family is not None and family.local_nav is not None:
        container = contract.local_nav_container(family)
        items = {i.key: contract.local_nav_item_selector(family, i) for i in family.local_nav.items}
    return {
        "shell": s.global_shell,
        "v1Layout": s.v1_layout,
        "pageTitle": s.page_title,
        "globalNav": s.global_nav,
        "globalNavItems": {
            f.id: contract.global_nav_item_selector(f) for f in contract.families if f.global_nav
        },
        "globalNavItemsAll": s.global_nav_items,
        "globalNavEvery": contract.global_nav_items_selector(),
        "globalNavCurrent": s.global_nav_current,
        "localNav": container,
        "localNavItems": items,
        "localNavEvery": (contract.local_nav_items_selector(family)
                          if family is not None and family.local_nav is not None else None),
        "localNavCurrent": s.local_nav_current,
        "backLink": s.back_link,
        "resourceName": s.resource_name,
        "aliases": s.resource_aliases,
        "posture": s.resource_posture,
        "capabilities": s.resource_capabilities,
        "capabilitiesAttr": "data-capabilities",
        "timeline": s.activity_timeline,
        "timelineEntry": s.activity_entry,
        "card": contract.lifecycle_card,
        # Operations found by their own selector (no op attribute): key -> selector.
        "opCards": {op.key: op.selector for r in lc.resources for op in r.operations
                    if op.selector},
        "cardFields": dict(lc.fields),
        "intentAttr": lc.intent_attribute,
        "opAttr": lc.op_attribute,
        "rowLink": s.row_link,
        "placeholderSelectors": list(contract.placeholders.selectors),
        "evidenceSubject": s.evidence_subject,
        "navAttributes": list(contract.crawl.client_side_attributes),
    }


def capture(
    page: Page,
    key: str,
    url: str,
    spec: dict[str, Any],
    *,
    ready_selector: str,
    timeout_ms: float,
    a11y_tags: tuple[str, ...] | None = None,
    settle_on: str | None = None,
    busy: str | None = None,
) -> RouteSnapshot:
    """Navigate once and read the page. `settle_on` is a path template a client-side redirect
    is expected to reach: the read waits (bounded) for it instead of for a fixed time. `busy`
    marks content the page still loads from its API: the read waits (bounded) until none is
    left, so what it sees does not depend on how fast the API answered."""
    console: list[str] = []
    documents: list[str] = []  # main-frame document requests: redirects and client-side hops
    statuses: list[int] = []

    def on_request(request: Request) -> None:
        if request.is_navigation_request() and request.frame.parent_frame is None:
            documents.append(request.url)

    def on_response(response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame.parent_frame is None:
            statuses.append(response.status)

    suite_busy = False  # the suite's own scan runs: what it loads is not the page's doing

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error" and not suite_busy:
            console.append(console_error(msg.text, msg.location))

    def on_pageerror(exc: PlaywrightError) -> None:
        console.append(f"uncaught: {exc}")

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    page.on("request", on_request)
    page.on("response", on_response)
    try:
        try:
            response = page.goto(url, wait_until="load", timeout=timeout_ms)
        except PlaywrightTimeout:
            return RouteSnapshot(key=key, requested_url=url, final_url=page.url,
                                 error=f"no response within {timeout_ms:.0f} ms")
        except PlaywrightError as exc:
            return RouteSnapshot(key=key, requested_url=url, final_url=page.url,
                                 error=f"navigation failed: {str(exc).splitlines()[0]}")
        status = response.status if response else None
        if settle_on and match_template(settle_on, path_of(page.url)) is None and \
                _settle(page, settle_on, timeout_ms) and statuses:
            status = statuses[-1]
        redirects = max(len(documents) - 1, 0)
        # Read first, wait only if the read says the page is not ready yet: most pages are by
        # `load`, and a locator wait costs ~50 ms even when its element is already there.
        spec = {**spec, "ready": ready_selector, "busy": busy}
        raw = page.evaluate(_collector_js(), spec)
        if not raw["ready"] and status is not None and status < 400:
            # A page without its title still gets read: the checks say what is missing.
            with contextlib.suppress(PlaywrightTimeout):
                page.locator(ready_selector).first.wait_for(state="attached", timeout=timeout_ms)
            if busy:
                with contextlib.suppress(PlaywrightTimeout):  # the caller sees what is left
                    page.locator(busy).first.wait_for(state="hidden", timeout=timeout_ms)
            raw = page.evaluate(_collector_js(), spec)
        # axe-core preloads the page's stylesheets itself (resolving `@import`s its own way):
        # a request that fails then is the suite's, never charged to the page.
        suite_busy = True
        a11y = _scan(page, a11y_tags) if a11y_tags and status is not None and status < 400 else None
        errors = page_console_errors(console, page.url, raw.get("icons", ()))
        snap = _from_raw(key, url, page.url, status, redirects, raw, errors, a11y)
        first = _first_hop_status(response)
        return dataclasses.replace(snap, redirect_status=first) if first else snap
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_pageerror)
        page.remove_listener("request", on_request)
        page.remove_listener("response", on_response)


def _first_hop_status(response: Response | None) -> int | None:
    """The status of the first response of a redirected navigation (301, 302, ...): read back
    through the redirect chain, so an unredirected page costs no driver call."""
    if response is None or response.request.redirected_from is None:
        return None
    request = response.request
    while request.redirected_from is not None:
        request = request.redirected_from
    first = request.response()
    return first.status if first is not None else None


RESOURCE_FAILED = "Failed to load resource"
BROWSER_ICON_PROBE = "/favicon.ico"


def console_error(text: str, location: Mapping[str, Any] | None) -> str:
    """A console error as findings quote it: a failed load names the URL that failed (the
    browser's own text says only "Failed to load resource: ... 404")."""
    where = (location or {}).get("url") or ""
    if text.startswith(RESOURCE_FAILED) and where and where not in text:
        return f"{text} ({where})"
    return text


def page_console_errors(errors: list[str], page_url: str, icons: Iterable[str]
                        ) -> tuple[str, ...]:
    """The page's console errors, without the browser's own `/favicon.ico` probe (made on the
    first page of a fresh context whatever the page says), unless the page links that icon."""
    parts = urlsplit(page_url)
    probe = f"{parts.scheme}://{parts.netloc}{BROWSER_ICON_PROBE}"
    declared = set(icons)
    return tuple(e for e in errors
                 if not (e.startswith(RESOURCE_FAILED) and e.endswith(f"({probe})")
                         and probe not in declared))


def _settle(page: Page, template: str, timeout_ms: float) -> bool:
    """Wait (bounded) for a client-side redirect to reach `template`."""
    try:
        page.wait_for_url(lambda url: match_template(template, path_of(url)) is not None,
                          timeout=timeout_ms, wait_until="load")
        return True
    except PlaywrightTimeout:
        return False


def _scan(page: Page, tags: tuple[str, ...]) -> tuple[A11yViolation, ...]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": list(tags)},
                       "resultTypes": ["violations"]},
    )
    found = []
    for v in results.response.get("violations", []):
        targets = tuple(
            " ".join(t) if isinstance(t, list) else str(t)
            for node in v.get("nodes", []) for t in node.get("target", [])
        )
        found.append(A11yViolation(rule=v["id"], impact=v.get("impact"), targets=targets,
                                   help=v.get("help", ""), help_url=v.get("helpUrl", "")))
    return tuple(found)


def _link(raw: dict[str, Any] | None) -> LinkState | None:
    if not raw:
        return None
    return LinkState(href=raw.get("href"), url=raw.get("url"), text=raw.get("text", ""),
                     current=raw.get("current"), onclick=raw.get("onclick"),
                     label=raw.get("label", ""))


def _from_raw(
    key: str, url: str, final_url: str, status: int | None, redirects: int,
    raw: dict[str, Any], console: tuple[str, ...], a11y: tuple[A11yViolation, ...] | None,
) -> RouteSnapshot:
    local = {k: link for k, v in raw["localNav"].items() if (link := _link(v)) is not None}
    cards = tuple(
        CardState(op=c["op"], intent=c["intent"],
                  fields={n: FieldState(**f) for n, f in c["fields"].items()})
        for c in raw["cards"]
    )
    caps = raw["capabilities"]
    return RouteSnapshot(
        key=key, requested_url=url, final_url=final_url, status=status, redirects=redirects,
        title=raw["title"], shell=raw["shell"], v1_layout=raw["v1Layout"],
        heading=raw.get("heading"), document_title=raw.get("documentTitle", ""),
        global_nav_found=raw.get("globalNavFound", False),
        global_nav_items=nav_items(raw.get("globalNavList")),
        local_nav_items=nav_items(raw.get("localNavList")),
        global_nav=tuple(raw["globalNav"]), global_nav_links=raw["globalNavLinks"],
        local_nav_found=raw["localNavFound"], local_nav=local,
        local_nav_current=tuple(raw["localNavCurrent"]), back_link=_link(raw["backLink"]),
        resource_name=raw["resourceName"], aliases=dict(raw["aliases"]), posture=raw["posture"],
        capabilities=None if caps is None else tuple(caps),
        timeline_entries=raw["timelineEntries"], cards=cards, row_links=tuple(raw["rowLinks"]),
        rows=tuple(link for r in raw["rows"] if (link := _link(r)) is not None),
        links=tuple(raw["links"]), targets=tuple(LinkTarget(**t) for t in raw["targets"]),
        texts=tuple(TextNode(t["element"], t["text"]) for t in raw["texts"]),
        placeholder_elements=tuple(raw["placeholderElements"]),
        evidence_subjects=tuple(raw["evidenceSubjects"]), console_errors=console,
        a11y=a11y, density=_density(raw.get("density")),
    )


def _density(raw: dict[str, Any] | None) -> PageDensity | None:
    if not raw:
        return None
    return PageDensity(table_columns=raw["tableColumns"], kv_rows=raw["kvRows"],
                       raw_blocks=raw["rawBlocks"], words_per_screen=raw["wordsPerScreen"])

"""Take a RouteSnapshot from a live page: one navigation, one read, optionally one axe scan."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request, Response
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from contracts.paths import match_template, path_of
from contracts.readiness import SetupStep
from harness.capture.collector import collector_js, from_raw, settled_js
from harness.capture.snapshot import A11yViolation, PageRequest, RouteSnapshot
from pages.setup_steps import dismiss


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
    readiness: dict[str, Any] | None = None,
    setup: Sequence[SetupStep] = (),
) -> RouteSnapshot:
    """Navigate once and read the page. `settle_on` is a path template a client-side redirect
    is expected to reach: the read waits (bounded) for it instead of for a fixed time. `busy`
    marks content the page still loads from its API: the read waits (bounded) until none is
    left, so what it sees does not depend on how fast the API answered. `readiness`
    (collector.readiness_spec) says what must be rendered before the read stands (default: the
    page title or V1 layout, `ready_selector`); `setup` steps are applied when their dialog
    shows."""
    rd = readiness if readiness is not None else {"anyOf": ready_selector}
    spec = {**spec, "readiness": {**rd, "anyOf": rd.get("anyOf"), "loading": busy},
            "setup": [[step.id, step.when] for step in setup]}
    with _PageEvents(page) as events:
        try:
            response = page.goto(url, wait_until="load", timeout=timeout_ms)
        except PlaywrightError as exc:
            return RouteSnapshot(key=key, requested_url=url, final_url=page.url,
                                 error=_navigation_error(exc, timeout_ms))
        status = _status(page, response, settle_on, events.statuses, timeout_ms)
        redirects = max(len(events.documents) - 1, 0)
        raw, unrendered = _read(page, spec, status, timeout_ms)
        shown = [step for step in setup if step.id in raw.get("setupShown", ())]
        setup_failed = _apply_setup(page, shown, timeout_ms)
        if shown:  # what the dialog covered is what the gates judge: read it again
            raw = page.evaluate(collector_js(), spec)
        # axe-core preloads the page's stylesheets itself (resolving `@import`s its own way):
        # a request that fails then is the suite's, never charged to the page.
        events.suite_busy = True
        a11y = _scan(page, a11y_tags) if a11y_tags and _served(status) else None
        errors = page_console_errors(events.console, page.url, raw.get("icons", ()))
        snap = from_raw(key, url, page.url, status, redirects, raw, errors, a11y,
                        tuple(events.requests))
        if unrendered or setup_failed:
            snap = dataclasses.replace(snap, unrendered=unrendered, ready_timeout_ms=timeout_ms,
                                       setup_failed=setup_failed)
        first = _first_hop_status(response)
        return dataclasses.replace(snap, redirect_status=first) if first else snap


# Background requests a snapshot keeps (the V1-dependency guard reads them): a page that makes
# more is polling, and its first ones say what it depends on.
MAX_REQUESTS = 500


class _PageEvents:
    """What the page reports while it is captured: its console errors (not those of the suite's
    own scan) and its main-frame documents (redirects and client-side hops) with their
    statuses. Listens only inside its `with` block."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.documents: list[str] = []  # main-frame document requests
        self.statuses: list[int] = []  # their responses' statuses
        self.requests: list[PageRequest] = []  # what the page fetched (not its document)
        self.suite_busy = False  # the suite's own scan runs: what it loads is not the page's
        self._listeners = (("console", self._on_console), ("pageerror", self._on_pageerror),
                           ("request", self._on_request), ("response", self._on_response))

    def __enter__(self) -> _PageEvents:
        for event, listener in self._listeners:
            self.page.on(event, listener)  # type: ignore[call-overload]
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        for event, listener in self._listeners:
            self.page.remove_listener(event, listener)

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error" and not self.suite_busy:
            self.console.append(console_error(msg.text, msg.location))

    def _on_pageerror(self, exc: PlaywrightError) -> None:
        self.console.append(f"uncaught: {exc}")

    def _on_request(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.documents.append(request.url)
        elif not self.suite_busy and len(self.requests) < MAX_REQUESTS:
            self.requests.append(PageRequest(request.resource_type, request.url))

    def _on_response(self, response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.statuses.append(response.status)


def _navigation_error(exc: PlaywrightError, timeout_ms: float) -> str:
    if isinstance(exc, PlaywrightTimeout):
        return f"no response within {timeout_ms:.0f} ms"
    return f"navigation failed: {str(exc).splitlines()[0]}"


def _served(status: int | None) -> bool:
    return status is not None and status < 400


def _status(page: Page, response: Response | None, settle_on: str | None,
            statuses: list[int], timeout_ms: float) -> int | None:
    """The page's HTTP status: its navigation's, or, once a client-side redirect it waited
    for has landed, the last document's."""
    status = response.status if response else None
    if settle_on and match_template(settle_on, path_of(page.url)) is None and \
            _settle(page, settle_on, timeout_ms) and statuses:
        status = statuses[-1]
    return status


def _read(page: Page, spec: dict[str, Any], status: int | None,
          timeout_ms: float) -> tuple[dict[str, Any], dict[str, str]]:
    """The collector's read, and what was still not rendered when the wait ran out. Read first,
    wait only if the read says the page is not ready: a server-rendered page is ready by
    `load`, and a wait costs a driver round trip even when it is already satisfied. The wait
    ends when the page is ready or has settled (network and DOM quiet for `quiet_ms`: what is
    missing then is missing, and the checks say so), bounded by the route timeout."""
    raw: dict[str, Any] = page.evaluate(collector_js(), spec)
    if raw["ready"] or not _served(status):
        return raw, {}
    try:
        page.wait_for_function(settled_js(), arg=spec["readiness"], timeout=timeout_ms)
        timed_out = False
    except PlaywrightTimeout:
        timed_out = True
    raw = page.evaluate(collector_js(), spec)
    if not timed_out or raw["ready"]:
        return raw, {}
    return raw, dict(raw["readiness"]["unrendered"])


def _apply_setup(page: Page, steps: Sequence[SetupStep], timeout_ms: float) -> dict[str, str]:
    """Dismiss what covers the page (a first-run dialog). Step id -> what went wrong, for each
    that stayed."""
    failed = {step.id: dismiss(page, step, timeout_ms) for step in steps}
    return {k: v for k, v in failed.items() if v is not None}


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

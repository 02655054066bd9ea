"""Record console errors and uncaught exceptions raised while a flow interacts with a page, each
labelled with the action that preceded it. Errors raised while a new document loads are the
load-time gate's (console-errors on that route's snapshot): they are left out here, so a page
that throws on load fails its own route once, not every click that reaches it."""

from __future__ import annotations

from types import TracebackType

from playwright.sync_api import ConsoleMessage, Page, Request
from playwright.sync_api import Error as PlaywrightError

from harness.capture.capture import console_error
from harness.capture.snapshot import PageError


class PageErrorRecorder:
    """`with PageErrorRecorder(page) as errors: errors.action("click ..."); ...`"""

    def __init__(self, page: Page, first_action: str = "the first action") -> None:
        self.page = page
        self._action = first_action
        self._loading = False  # a main-frame document is loading: its errors are load-time
        self._errors: list[PageError] = []

    def action(self, label: str) -> None:
        """Name what the flow does next; errors from now on are attributed to it."""
        self._action = label

    @property
    def errors(self) -> tuple[PageError, ...]:
        return tuple(self._errors)

    def _record(self, message: str) -> None:
        if not self._loading:
            self._errors.append(PageError(self._action, message, self.page.url))

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            # with the URL that failed, as at load time: console.allow may accept it by host
            self._record(console_error(msg.text, msg.location))

    def _on_pageerror(self, exc: PlaywrightError) -> None:
        name = getattr(exc, "name", "") or ""
        self._record(f"uncaught: {name}: {exc.message}" if name else f"uncaught: {exc}")

    def _on_request(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self._loading = True

    def _on_load(self, _page: Page) -> None:
        self._loading = False

    def __enter__(self) -> PageErrorRecorder:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_pageerror)
        self.page.on("request", self._on_request)
        self.page.on("load", self._on_load)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for event, handler in (("console", self._on_console), ("pageerror", self._on_pageerror),
                               ("request", self._on_request), ("load", self._on_load)):
            self.page.remove_listener(event, handler)

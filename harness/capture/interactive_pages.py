"""The pages interactive tests (clicks, journeys) share, one per role and guard: a click test
starts where the previous one left off. Like the snapshot page, each is replaced every
`recycle_every` tests: Chromium frees a page's memory only when the page closes, and a
thousand clicks on one page held ~1.5 GB more at 1,000 routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, Page

from harness.capture.navigation_counter import NavigationCounter
from harness.capture.page_pool import RECYCLE_EVERY, close_quietly


@dataclass
class InteractivePages:
    new_context: Callable[..., BrowserContext]  # (role, guarded=...) -> a context as that role
    counter: NavigationCounter
    recycle_every: int = RECYCLE_EVERY
    _pages: dict[tuple[str, bool], Page] = field(default_factory=dict)
    _uses: dict[tuple[str, bool], int] = field(default_factory=dict)

    def get(self, role: str, guarded: bool = False) -> Page:
        """The shared page acting as `role` (`guarded`: it refuses state-changing requests
        unless mutations are allowed). A recycled page opens blank: its next test opens its
        start page, one navigation per `recycle_every` tests."""
        key = (role, guarded)
        page = self._pages.get(key)
        if page is None or page.is_closed():
            context = self.new_context(role, guarded=guarded)
            self.counter.watch(context, "interactive")
            page = self._pages[key] = context.new_page()
            self._uses[key] = 0
        elif self._uses[key] >= self.recycle_every:
            old, page = page, page.context.new_page()
            self._pages[key] = page
            close_quietly(old)
            self._uses[key] = 0
            self.counter.pages_recycled += 1
        self._uses[key] += 1
        return page

    def close(self) -> None:
        for page in self._pages.values():
            close_quietly(page.context)
        self._pages.clear()

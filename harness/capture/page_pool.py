"""The pages snapshots are taken with: one per role and V3-flag value, replaced every
RECYCLE_EVERY uses; lent to a click test while it still shows the route the test starts on; and
the picture of a route whose static gate failed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from harness.capture.navigation_counter import NavigationCounter

# Navigations on one page before it is replaced by a fresh one (see PagePool.recycle_every).
RECYCLE_EVERY = 200

# Events each capture listens to for its one navigation. Playwright tells the browser to start
# and stop sending an event whenever its first listener is added or its last removed: a
# permanent no-op listener keeps them subscribed, saving eight driver messages per snapshot.
_CAPTURE_EVENTS = ("console", "pageerror", "request", "response")

PageKey = tuple[str, str | None]  # (role, V3-flag value or None)


class Closeable(Protocol):
    def close(self) -> None: ...


class RoleContexts(Protocol):
    """A new browser context acting as `role`, with the V3 flag set to `flag` (None: unset)."""

    def __call__(self, role: str, *, flag: str | None = None) -> BrowserContext: ...


def close_quietly(thing: Closeable) -> None:
    """Close a context or browser at teardown even when the connection is already gone: a
    signal that lands inside a Playwright call tears it down, and the interrupted run must
    still finish (results kept, target stopped, exit 2) instead of ending in a traceback."""
    with contextlib.suppress(PlaywrightError):
        thing.close()


def _ignore(_: object) -> None:
    pass


def _subscribed(page: Page) -> Page:
    for event in _CAPTURE_EVENTS:
        page.on(event, _ignore)  # type: ignore[call-overload]
    return page


@dataclass
class PagePool:
    new_context: RoleContexts
    counter: NavigationCounter
    role: str  # the run's role: whose page a click test may borrow, as whom pictures are taken
    timeout_ms: float
    # Chromium keeps ~1 MB per navigation on a long-lived page and frees it only when the page
    # closes: a fresh page (same context, same cookies) every this many uses keeps memory and
    # per-snapshot cost flat on large products.
    recycle_every: int = RECYCLE_EVERY
    # Whether a click test may start on the snapshot page (page_showing). Not when each test
    # records its own page (a trace, a video): its clicks must happen where they are recorded.
    lend_pages: bool = True
    # Added to every context the pool makes (readiness' network tracker), before page scripts.
    init_script: str | None = None
    _pages: dict[PageKey, Page] = field(default_factory=dict)
    _uses: dict[PageKey, int] = field(default_factory=dict)
    _end_loan: Callable[[], None] | None = None  # stops counting the lent page as its borrower's
    _pictures: dict[str, Path | None] = field(default_factory=dict)
    _picture_page: Page | None = None

    @contextlib.contextmanager
    def visiting(self, role: str, flag: str | None, category: str) -> Iterator[Page]:
        """The page of `role` and `flag`, its navigations inside the block counted under
        `category`."""
        with self.counter.counting(self._page(role, flag), category) as page:
            yield page

    def _page(self, role: str, flag: str | None) -> Page:
        key = (role, flag)
        if key == (self.role, None):
            self._take_back()
        if key not in self._pages:
            context = self.new_context(role, flag=flag)
            if self.init_script:
                context.add_init_script(self.init_script)
            self._pages[key] = _subscribed(context.new_page())
            self._uses[key] = 0
        elif self._uses[key] >= self.recycle_every:
            old = self._pages[key]
            self._pages[key] = _subscribed(old.context.new_page())
            old.close()
            self._uses[key] = 0
            self.counter.pages_recycled += 1
        self._uses[key] += 1
        return self._pages[key]

    def page_showing(self, url: str, category: str = "interactive") -> Page | None:
        """The run role's snapshot page while it still shows `url` (its snapshot was the last
        one taken): a click that changes no state can start there instead of opening the page
        once more. Its navigations count under `category` until the pool uses it again."""
        page = self._pages.get((self.role, None))
        if not self.lend_pages or page is None or page.is_closed() or not url or page.url != url:
            return None
        self._take_back()
        self._end_loan = self.counter.count_on(page, category)
        return page

    def _take_back(self) -> None:
        if self._end_loan is not None:
            self._end_loan()
            self._end_loan = None

    def picture(self, url: str, path: Path) -> Path | None:
        """A screenshot of `url` as the run's role, taken on demand when a gate judged from a
        snapshot failed: the route is opened again once, so a healthy run pays nothing. Its own
        context is not counted, so navigation budgets stay those of the snapshots."""
        if url not in self._pictures:
            self._pictures[url] = None
            if self._picture_page is None or self._picture_page.is_closed():
                self._picture_page = self.new_context(self.role).new_page()
            page = self._picture_page
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                page.goto(url, wait_until="load", timeout=self.timeout_ms)
                page.screenshot(path=str(path), timeout=self.timeout_ms)
            except PlaywrightError:
                return None  # the failure itself says what is wrong; no picture to add
            self._pictures[url] = path
        return self._pictures[url]

    def close(self) -> None:
        self._take_back()
        for page in self._pages.values():
            close_quietly(page.context)
        self._pages.clear()
        if self._picture_page is not None:
            close_quietly(self._picture_page.context)
            self._picture_page = None

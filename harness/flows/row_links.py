"""The row-links gate's requests: each distinct row target of a list snapshot that the contract
knows is requested once (HEAD; GET where HEAD is refused with 405 or 501), through a browser
context's request API so the role's cookies and headers apply, bounded by the route timeout.
They are requests, not page navigations: the navigation counter keeps them apart."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import APIRequestContext, BrowserContext
from playwright.sync_api import Error as PlaywrightError

from contracts import Contract
from harness.capture.navigation_counter import NavigationCounter
from harness.capture.page_pool import close_quietly
from harness.capture.snapshot import RouteSnapshot
from harness.checks.observations import RowAnswer, RowLinks
from harness.checks.rows import row_key

# HEAD refused: the method is not allowed here (405) or not implemented at all (501).
HEAD_REFUSED = (405, 501)
CATEGORY = "row-links"  # what the counter files these requests under


class RowProbe:
    """Answers of row targets, per run role, each URL requested once for the whole run."""

    def __init__(self, new_context: Callable[..., BrowserContext], role: str,
                 timeout_ms: float, counter: NavigationCounter) -> None:
        self.new_context = new_context
        self.role = role
        self.timeout_ms = timeout_ms
        self.counter = counter
        self._context: BrowserContext | None = None
        self._answers: dict[str, RowAnswer] = {}

    def _api(self) -> APIRequestContext:
        if self._context is None:
            self._context = self.new_context(self.role)
        return self._context.request

    def answer(self, url: str) -> RowAnswer:
        if url not in self._answers:
            self._answers[url] = self._request(url)
        return self._answers[url]

    def _request(self, url: str) -> RowAnswer:
        api = self._api()
        try:
            self.counter.requests[CATEGORY] += 1
            response = api.head(url, timeout=self.timeout_ms)
            if response.status in HEAD_REFUSED:
                response.dispose()
                self.counter.requests[CATEGORY] += 1
                response = api.get(url, timeout=self.timeout_ms)
            status = response.status
            response.dispose()
        except PlaywrightError as exc:
            return RowAnswer(None, str(exc).strip().splitlines()[0])
        return RowAnswer(status)

    def links(self, contract: Contract, snap: RouteSnapshot) -> RowLinks:
        """The list's row links with the answer of each distinct target of its own origin that
        matches a route of the contract (others fail without a request)."""
        origin = urlsplit(snap.final_url or snap.requested_url).netloc
        answers: dict[str, RowAnswer] = {}
        for row in snap.row_targets:
            if not row.url or urlsplit(row.url).netloc != origin:
                continue
            key = row_key(row.url)
            if key not in answers and contract.match_path(key) is not None:
                answers[key] = self.answer(key)
        return RowLinks(snap, answers)

    def close(self) -> None:
        if self._context is not None:
            close_quietly(self._context)
            self._context = None

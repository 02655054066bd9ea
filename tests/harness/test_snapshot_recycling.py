"""The snapshot page is replaced every `recycle_every` snapshots (Chromium frees a page's
memory only when it closes), in the same context, and snapshots stay correct across it."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext

from contracts import Contract
from harness.capture.cache import SnapshotCache
from harness.capture.interactive_pages import InteractivePages
from harness.capture.navigation_counter import NavigationCounter


def test_snapshot_page_is_recycled_and_snapshots_stay_right(
        browser: Browser, contract: Contract, reference_url: str) -> None:
    contexts: list[BrowserContext] = []

    def new_context(role: str, flag: str | None = None) -> BrowserContext:
        ctx = browser.new_context(storage_state={"cookies": [
            {"name": "role", "value": role, "url": reference_url}], "origins": []})
        contexts.append(ctx)
        return ctx

    counter = NavigationCounter()
    cache = SnapshotCache(contract=contract, base_url=reference_url, target_name="reference",
                          role=contract.default_role.id, new_context=new_context,
                          counter=counter, timeout_ms=10_000, recycle_every=2)
    routes = [r for r in contract.routes if not r.params][:5]
    try:
        snaps = [cache.of(r) for r in routes]
        assert all(s.loaded and contract.route_id_of(s.final_url) == r.id
                   for s, r in zip(snaps, routes, strict=True))
        assert counter.pages_recycled == 2  # 5 snapshots, a fresh page after every 2
        assert len(contexts) == 1 and len(contexts[0].pages) == 1  # old pages are closed
        assert counter.counts["static"] == 5  # navigations are still counted on new pages
    finally:
        cache.close()


def test_interactive_pages_are_recycled_per_role_and_guard(browser: Browser,
                                                          reference_url: str) -> None:
    contexts: list[tuple[str, bool, BrowserContext]] = []

    def new_context(role: str, guarded: bool = False) -> BrowserContext:
        ctx = browser.new_context()
        contexts.append((role, guarded, ctx))
        return ctx

    counter = NavigationCounter()
    pages = InteractivePages(new_context, counter, recycle_every=3)
    try:
        first = [pages.get("user") for _ in range(3)]
        assert first[0] is first[1] is first[2]  # one shared page: a test starts where it was
        first[0].goto(reference_url)
        fourth = pages.get("user")
        assert fourth is not first[0] and first[0].is_closed()
        assert fourth.context is first[0].context and fourth.url == "about:blank"
        assert pages.get("user", guarded=True) is not fourth  # a guarded page of its own
        assert [(r, g) for r, g, _ in contexts] == [("user", False), ("user", True)]
        assert counter.pages_recycled == 1
        fourth.goto(reference_url)
        assert counter.counts["interactive"] == 2  # navigations on the new page still count
    finally:
        pages.close()

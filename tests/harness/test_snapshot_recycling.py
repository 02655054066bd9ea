"""The snapshot page is replaced every `recycle_every` snapshots (Chromium frees a page's
memory only when it closes), in the same context, and snapshots stay correct across it."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext

from contracts import Contract
from harness.capture.cache import SnapshotCache
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

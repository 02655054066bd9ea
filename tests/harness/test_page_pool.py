"""The snapshot page pool and the memo, in a real browser on pages served by request interception
(no target process): each navigation is counted under the category its caller gives, a page lent
to a click test counts as that test's until the pool uses it again, snapshots are remembered by
what they are of, and a failing gate's picture is asked of the pool, not of a test's fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import Browser, BrowserContext, Route

from contracts import Contract
from harness.capture.cache import SnapshotCache
from harness.capture.navigation_counter import NavigationCounter
from harness.capture.page_pool import PagePool, RoleContexts
from harness.capture.snapshot_store import SnapshotKey
from harness.checks.findings import Finding
from harness.plugin.artifacts import ROUTE_PICTURES, snapshot_screenshot

SITE = "http://pool.test"


def _serve(route: Route) -> None:
    # With the contract's page title, so a read does not wait for one.
    body = f'<!doctype html><h1 data-testid="page-title">{route.request.url}</h1>'
    route.fulfill(status=200, content_type="text/html", body=body)


@pytest.fixture
def new_context(browser: Browser) -> Iterator[RoleContexts]:
    made: list[BrowserContext] = []

    def make(role: str, *, flag: str | None = None) -> BrowserContext:
        ctx = browser.new_context()
        ctx.route(f"{SITE}/**", _serve)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def test_each_visit_counts_under_its_own_category_and_a_loan_until_the_page_is_back(
        new_context) -> None:
    counter = NavigationCounter()
    pool = PagePool(new_context, counter, role="user", timeout_ms=10_000)
    assert not hasattr(counter, "category")  # nothing to set before a call
    with pool.visiting("user", None, "static") as page:
        page.goto(f"{SITE}/a")
    with pool.visiting("user", None, "legacy") as page:
        page.goto(f"{SITE}/b")
    page.goto(f"{SITE}/outside")  # outside any visit or loan: no one's navigation
    lent = pool.page_showing(f"{SITE}/outside")
    assert lent is page
    lent.goto(f"{SITE}/c")
    lent.goto(f"{SITE}/d")
    with pool.visiting("user", None, "static") as again:  # the pool takes its page back
        assert again is page
        again.goto(f"{SITE}/e")
    assert counter.counts == {"static": 2, "legacy": 1, "interactive": 2}
    assert pool.page_showing(f"{SITE}/elsewhere") is None  # it no longer shows that page
    pool.close()


def test_a_page_is_lent_only_when_pages_may_be_lent(new_context) -> None:
    pool = PagePool(new_context, NavigationCounter(), role="user", timeout_ms=10_000,
                    lend_pages=False)
    with pool.visiting("user", None, "static") as page:
        page.goto(f"{SITE}/a")
    assert pool.page_showing(f"{SITE}/a") is None
    pool.close()


def test_snapshots_are_remembered_by_what_they_are_of(new_context, contract: Contract) -> None:
    counter = NavigationCounter()
    cache = SnapshotCache(contract=contract, base_url=SITE, target_name="reference",
                          role="user", new_context=new_context, counter=counter,
                          timeout_ms=10_000)
    try:
        first = cache.at(SnapshotKey("crawl", "/x", category="crawl"))
        assert cache.at(SnapshotKey("crawl", "/x", category="crawl", role="user")) is first
        assert first.key == "crawl@/x" and first.loaded
        other = cache.at(SnapshotKey("evidence", "/x", category="evidence"))
        assert other is not first  # the same page read for another purpose is read again
        as_admin = cache.at(SnapshotKey("crawl", "/x", category="crawl", role="admin"))
        assert as_admin is not first
        assert counter.counts == {"crawl": 2, "evidence": 1}
        with pytest.raises(ValueError):  # a route's own page is found by `of`
            cache.at(SnapshotKey("apps.catalog", None, category="static"))
    finally:
        cache.close()


class _Pictures:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def picture(self, url: str, path: Path) -> Path | None:
        self.asked.append(url)
        path.write_bytes(b"\x89PNG")
        return path


def test_a_failing_gates_picture_is_asked_of_the_pool_its_test_read(tmp_path: Path) -> None:
    pictures = _Pictures()
    session = SimpleNamespace(stash=pytest.Stash())
    session.stash[ROUTE_PICTURES] = pictures
    finding = Finding(subject="apps.catalog", source="", expected="x", found="y",
                      url=f"{SITE}/apps")
    reader = SimpleNamespace(session=session, fixturenames=("snapshots", "judge"), funcargs={})
    clicker = SimpleNamespace(session=session, fixturenames=("pages", "judge"), funcargs={})
    assert snapshot_screenshot(reader, tmp_path, [finding]) is not None  # type: ignore[arg-type]
    assert snapshot_screenshot(clicker, tmp_path, [finding]) is None  # type: ignore[arg-type]
    assert pictures.asked == [f"{SITE}/apps"]
    del session.stash[ROUTE_PICTURES]
    assert snapshot_screenshot(reader, tmp_path, [finding]) is None  # type: ignore[arg-type]

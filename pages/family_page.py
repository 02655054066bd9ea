"""The page object of a family page: open a route, check where we are, and reach the shared
components, all through the contract's routes and selectors."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from playwright.sync_api import Locator, Page

from contracts import Contract, IdDiscovery, Operation, Route
from contracts.paths import match_template, path_of
from pages.components import (
    ActivityTimeline,
    Component,
    GlobalShell,
    LifecycleOperationCard,
    LocalNav,
    ResourceHeader,
    TypedConfirmDialog,
)

# Row links read to find the one leading to a drill-down (the row-links gate's bound).
ROW_SCAN = 50
# route (and optionally how to find its ids) -> a real URL; shared with the route snapshots
UrlFor = Callable[[Route, IdDiscovery | None], str]


class FamilyPage(Component):
    def __init__(self, page: Page, contract: Contract, timeout_ms: float, family_id: str,
                 url_for: UrlFor) -> None:
        super().__init__(page, contract, timeout_ms)
        self.family = contract.family(family_id)
        self._url_for = url_for  # route -> real URL (id discovery), shared with the snapshots

    # -- components ---------------------------------------------------------------------------
    @property
    def shell(self) -> GlobalShell:
        return GlobalShell(self.page, self.contract, self.timeout_ms)

    @property
    def local_nav(self) -> LocalNav:
        return LocalNav(self.page, self.contract, self.timeout_ms, self.family)

    @property
    def header(self) -> ResourceHeader:
        return ResourceHeader(self.page, self.contract, self.timeout_ms)

    @property
    def timeline(self) -> ActivityTimeline:
        return ActivityTimeline(self.page, self.contract, self.timeout_ms)

    @property
    def confirm_dialog(self) -> TypedConfirmDialog:
        return TypedConfirmDialog(self.page, self.contract, self.timeout_ms)

    def card(self, op: str | Operation) -> LifecycleOperationCard:
        return LifecycleOperationCard(self.page, self.contract, self.timeout_ms, op)

    @property
    def first_row_link(self) -> Locator:
        return self.page.locator(self.selectors.row_link).first

    def tab(self, key: str) -> Locator:
        return self.page.locator(self.contract.tab_selector(key))

    @property
    def title(self) -> Locator:
        return self.page.locator(self.selectors.page_title)

    # -- actions ------------------------------------------------------------------------------
    def open(self, route_id: str, ids: IdDiscovery | None = None) -> str:
        route = self.contract.route(route_id)
        url = self._url_for(route, ids)
        self.page.goto(url, wait_until="load", timeout=self.timeout_ms)
        self.title.first.wait_for(state="attached", timeout=self.timeout_ms)
        self.clear_setup()
        return self.page.url

    def open_first_row(self, expected_route: str) -> str:
        """Click the first row link that leads to `expected_route` (a list's first row may link
        elsewhere: a summary row), as id discovery reads the list; the first row when none
        does, so the click's outcome says where it went."""
        rows = self.page.locator(self.selectors.row_link)
        rows.first.wait_for(state="attached", timeout=self.timeout_ms)
        template = self.contract.route(expected_route).path
        target = rows.first
        for n in range(min(rows.count(), ROW_SCAN)):
            href = rows.nth(n).get_attribute("href", timeout=self.timeout_ms)
            if href and match_template(template, path_of(urljoin(self.page.url, href))):
                target = rows.nth(n)
                break
        return self.click_to_route(target, expected_route)

    def open_tab(self, key: str, expected_route: str) -> str:
        return self.click_to_route(self.tab(key), expected_route)

    def follow_back(self, expected_route: str) -> str:
        return self.header.go_back(expected_route)

    # -- where are we -------------------------------------------------------------------------
    @property
    def route_id(self) -> str | None:
        return self.contract.route_id_of(self.page.url)

    def check_path(self, route_id: str) -> None:
        """Fail with "expected X, got Y" unless the current URL is on `route_id`."""
        got = self.route_id
        if got != route_id:
            expected = self.contract.route(route_id).path
            raise AssertionError(
                f"expected {route_id} ({expected}), got {path_of(self.page.url)} ({got})")

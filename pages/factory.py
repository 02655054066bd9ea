"""One factory builds every page object; the `pages` fixture exposes it."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from pages.families.apps import AppsPage
from pages.families.platform import PlatformPage
from pages.families.simple import (
    AccessPage,
    AccountPage,
    ComputePage,
    DocsPage,
    NotificationsPage,
    SchedulersPage,
    ShellPage,
)
from pages.families.storage import StoragePage
from pages.families.workloads import WorkloadsPage
from pages.family_page import FamilyPage

FAMILY_CLASSES: dict[str, type[FamilyPage]] = {
    cls.family_id: cls
    for cls in (ShellPage, WorkloadsPage, ComputePage, AppsPage, StoragePage, AccessPage,
                AccountPage, PlatformPage, NotificationsPage, DocsPage, SchedulersPage)
}


class Pages:
    """`pages.for_family("storage")`, `pages.for_route("storage.bucket.detail")`; a family the
    project has no class for (another product's contract) gets the generic FamilyPage."""

    def __init__(self, page: Page, contract: Any, timeout_ms: float, url_for: Any) -> None:
        self.page = page
        self.contract = contract
        self.timeout_ms = timeout_ms
        self.url_for = url_for

    def for_family(self, family_id: str) -> FamilyPage:
        cls = FAMILY_CLASSES.get(family_id, FamilyPage)
        return cls(self.page, self.contract, self.timeout_ms, family_id, self.url_for)

    def for_route(self, route_id: str) -> FamilyPage:
        return self.for_family(self.contract.route(route_id).family)

    def current(self) -> FamilyPage:

        route = self.contract.route_id_of(self.page.url)
        if route is None:
            raise AssertionError(f"{self.page.url} is on no canonical route of the contract")
        return self.for_route(route)

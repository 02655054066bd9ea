"""One factory builds every page object; the `pages` fixture exposes it.

Every family is served by the one contract-driven FamilyPage: what differs between families
(routes, local nav, tabs, lifecycle cards) is contract data, not code. A product whose family
needs behaviour no other has would add a subclass here, keyed by family id."""

from __future__ import annotations

from playwright.sync_api import Page

from contracts import Contract
from pages.family_page import FamilyPage, UrlFor


class Pages:
    """`pages.for_family("storage")`, `pages.for_route("storage.bucket.detail")`."""

    def __init__(self, page: Page, contract: Contract, timeout_ms: float, url_for: UrlFor) -> None:
        self.page = page
        self.contract = contract
        self.timeout_ms = timeout_ms
        self.url_for = url_for

    def drive(self, page: Page) -> None:
        """Drive `page` from now on (a failure's screenshot is then taken of it too)."""
        self.page = page

    def for_family(self, family_id: str) -> FamilyPage:
        return FamilyPage(self.page, self.contract, self.timeout_ms, family_id, self.url_for)

    def for_route(self, route_id: str) -> FamilyPage:
        return self.for_family(self.contract.route(route_id).family)

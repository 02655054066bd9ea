"""Workloads: one detail pattern for every kind, with kind-aware tabs and the V1 allocation
the detail replaces."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.family_page import FamilyPage


class WorkloadsPage(FamilyPage):
    family_id = "workloads"

    @property
    def aliases(self) -> Locator:
        """Where the detail page names the V1 allocation it replaces."""
        return self.page.locator(self.selectors.resource_aliases)

    def allocation_alias(self, attribute: str = "data-allocation-id") -> str | None:
        return self.aliases.get_attribute(attribute, timeout=self.timeout_ms)

    def shows_tab(self, key: str) -> bool:
        """Kind-aware detail: a VM shows `terminal`, an app runtime `app`, `members`,
        `versions` and `operations`, a batch job `tasks`."""
        return self.tab(key).count() > 0

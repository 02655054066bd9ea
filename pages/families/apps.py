"""Apps: catalog with featured apps, tabbed app detail, and the artifact workbench."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.family_page import FamilyPage


class AppsPage(FamilyPage):
    family_id = "apps"

    @property
    def workbench_rows(self) -> Locator:
        """Artifact rows of the workbench (its list uses the shared row selector)."""
        return self.page.locator(self.selectors.row)

    def artifact_operations(self) -> list[str]:
        attr = self.contract.lifecycle.op_attribute
        return self.page.locator(self.contract.lifecycle.card or self.selectors.op_card) \
            .evaluate_all(f"els => els.map(e => e.getAttribute('{attr}'))")

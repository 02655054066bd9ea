"""Storage: WEKAFS-first buckets, whose S3 actions exist only where the provider offers S3."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.family_page import FamilyPage

S3 = "s3"


class StoragePage(FamilyPage):
    family_id = "storage"

    @property
    def capabilities(self) -> Locator:
        return self.page.locator(self.selectors.resource_capabilities)

    def advertises(self, capability: str = S3) -> bool:
        raw = self.capabilities.get_attribute("data-capabilities", timeout=self.timeout_ms)
        return capability in (raw or "").split()

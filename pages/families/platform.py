"""Platform admin/ops: nodes with activity and capabilities, MAAS, onboarding, config, finance,
IAM and evidence workbenches."""

from __future__ import annotations

from pages.family_page import FamilyPage


class PlatformPage(FamilyPage):
    family_id = "platform"

    def drain_node(self) -> None:
        """Start the node drain operation and wait for its card to report a result."""
        card = self.card("drain")
        card.start()
        card.field("result").wait_for(state="visible", timeout=self.timeout_ms)

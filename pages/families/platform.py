"""Platform admin/ops: nodes with activity and capabilities, MAAS, onboarding, config, finance,
IAM and evidence workbenches -- all served by the shared family page today."""

from __future__ import annotations

from pages.family_page import FamilyPage


class PlatformPage(FamilyPage):
    family_id = "platform"

"""Families whose pages need nothing beyond the shared family page."""

from __future__ import annotations

from pages.family_page import FamilyPage


class ShellPage(FamilyPage):
    family_id = "shell"


class ComputePage(FamilyPage):
    family_id = "compute"


class AccessPage(FamilyPage):
    family_id = "access"


class AccountPage(FamilyPage):
    family_id = "account"


class NotificationsPage(FamilyPage):
    family_id = "notifications"


class DocsPage(FamilyPage):
    family_id = "docs"


class SchedulersPage(FamilyPage):
    family_id = "schedulers"

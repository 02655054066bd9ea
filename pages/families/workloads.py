"""Workloads: one detail pattern for every kind, with kind-aware tabs and app-runtime
operations."""

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

    def visible_tabs(self) -> list[str]:
        """Tab keys the current workload shows (kind-aware: terminal for VMs, app tabs for
        app runtimes)."""
        prefix_sel = self.selectors.tab.format(key="")
        # tab selectors look like [data-testid="tab-KEY"]: read the keys back from the page.
        testids = self.page.locator(prefix_sel.replace('="', '^="', 1)).evaluate_all(
            "els => els.map(e => e.getAttribute('data-testid'))")
        prefix = prefix_sel.split('"')[1] if '"' in prefix_sel else ""
        return [t.removeprefix(prefix) for t in testids if t]

    def decommission_runtime(self, name: str) -> None:
        """Decommission an app runtime through its typed confirmation."""
        self.card("decommission").start()
        self.confirm_dialog.type_text(name)
        self.confirm_dialog.confirm()

"""Shared V3 components. Locators are properties; actions are verbs that return once their effect
is visible. Every selector comes from the contract."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from contracts import Contract, Family, NavItem, Operation, Selectors
from contracts.paths import match_template, path_of
from pages.setup_steps import dismiss


class Component:
    def __init__(self, page: Page, contract: Contract, timeout_ms: float) -> None:
        self.page = page
        self.contract = contract
        self.timeout_ms = timeout_ms

    @property
    def selectors(self) -> Selectors:
        return self.contract.selectors

    def click_to_route(self, target: Locator, route_id: str) -> str:
        """Click `target` and return the URL reached once the page is on `route_id` -- by full
        load or history.pushState -- or has gone somewhere else; the caller's check judges it."""
        template = self.contract.route(route_id).path
        return self._click_and_arrive(
            target, lambda path: match_template(template, path) is not None)

    def click_to_family(self, target: Locator, family_id: str) -> str:
        templates = [r.path for r in self.contract.routes_of(family_id)]
        return self._click_and_arrive(
            target, lambda path: any(match_template(t, path) is not None for t in templates))

    def clear_setup(self) -> None:
        """Dismiss what the product puts over the page until a user does (settings.yaml
        `setup`: a first-run dialog), so a click reaches the page. One visibility check per
        step; a dialog that stays is left to the click, whose failure says what covers it."""
        for step in self.contract.setup:
            if self.page.locator(step.when).first.is_visible():
                dismiss(self.page, step, self.timeout_ms)

    def _click_and_arrive(self, target: Locator, arrived: Callable[[str], bool]) -> str:
        start = self.page.url
        self.clear_setup()
        target.click(timeout=self.timeout_ms)
        # Bounded: a click that leads nowhere waits out the timeout; one that leads to the
        # wrong page returns as soon as that page has loaded.
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_url(lambda url: arrived(path_of(url)) or url != start,
                                   timeout=self.timeout_ms, wait_until="commit")
        if not arrived(path_of(self.page.url)):
            with contextlib.suppress(PlaywrightTimeout):
                self.page.wait_for_load_state("load", timeout=self.timeout_ms)
        return self.page.url


class GlobalShell(Component):
    @property
    def root(self) -> Locator:
        return self.page.locator(self.selectors.global_shell)

    @property
    def nav(self) -> Locator:
        return self.page.locator(self.selectors.global_nav)

    def item(self, family_id: str) -> Locator:
        return self.page.locator(self.contract.global_nav_item_selector(family_id))

    def open_family(self, family_id: str) -> str:
        return self.click_to_family(self.item(family_id), family_id)


class LocalNav(Component):
    def __init__(self, page: Page, contract: Contract, timeout_ms: float, family: Family) -> None:
        super().__init__(page, contract, timeout_ms)
        self.family = family

    @property
    def root(self) -> Locator:
        return self.page.locator(self.contract.local_nav_container(self.family))

    def item(self, key: str) -> Locator:
        item = self._item(key)
        return self.page.locator(self.contract.local_nav_item_selector(self.family, item))

    def _item(self, key: str) -> NavItem:
        assert self.family.local_nav is not None, f"family {self.family.id} has no local nav"
        return next(i for i in self.family.local_nav.items if i.key == key)

    def click(self, key: str) -> str:
        return self.click_to_route(self.item(key), self._item(key).route)


class ResourceHeader(Component):
    @property
    def root(self) -> Locator:
        return self.page.locator(self.selectors.resource_header)

    @property
    def back_link(self) -> Locator:
        # the one a user sees, as the static gate reads it: two visible fail the click (strict)
        return self.page.locator(self.selectors.back_link).filter(visible=True)

    @property
    def name(self) -> Locator:
        return self.page.locator(self.selectors.resource_name)

    def go_back(self, expected_route: str) -> str:
        return self.click_to_route(self.back_link, expected_route)


class ActivityTimeline(Component):
    @property
    def root(self) -> Locator:
        return self.page.locator(self.selectors.activity_timeline)

    @property
    def entries(self) -> Locator:
        return self.root.locator(self.selectors.activity_entry)


class TypedConfirmDialog(Component):
    @property
    def root(self) -> Locator:
        return self.page.locator(self.selectors.typed_confirm_dialog)

    @property
    def input(self) -> Locator:
        return self.root.locator(self.selectors.typed_confirm_input)

    @property
    def submit(self) -> Locator:
        return self.root.locator(self.selectors.typed_confirm_submit)

    @property
    def cancel_button(self) -> Locator:
        return self.root.locator(self.selectors.typed_confirm_cancel)

    def type_text(self, text: str) -> None:
        self.input.fill(text, timeout=self.timeout_ms)

    def cancel(self) -> None:
        self.cancel_button.click(timeout=self.timeout_ms)
        self.root.wait_for(state="hidden", timeout=self.timeout_ms)


class LifecycleOperationCard(Component):
    def __init__(self, page: Page, contract: Contract, timeout_ms: float,
                 op: str | Operation) -> None:
        super().__init__(page, contract, timeout_ms)
        self.op = op

    @property
    def root(self) -> Locator:
        return self.page.locator(self.contract.op_card_selector(self.op))

    @property
    def trigger(self) -> Locator:
        return self.root.locator(self.selectors.op_trigger)

    def field(self, name: str) -> Locator:
        return self.root.locator(self.contract.lifecycle.fields[name])

    def start(self) -> None:
        """Click the operation's trigger (a destructive one opens the typed confirmation)."""
        self.trigger.click(timeout=self.timeout_ms)

"""The faults that only show when app.js runs, as a user meets them in a real browser.

Each behaviour is checked on the healthy target (the session's `reference_url`) and on one target
started with the three faults below. The faults are confined to different pages (app detail tabs,
node detail, app runtime detail), so one faulted process serves the whole module. Nothing here
runs an operation: every confirmation is dismissed or cancelled, so both targets stay unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Dialog, Page, expect

from harness.targets.reference_process import ReferenceProcess
from tests.reference_target.markup import parse

FAULTED = ("tab-no-url", "destructive-window-confirm", "typed-confirm-any-text")
TIMEOUT_MS = 5_000.0


@pytest.fixture(scope="module")
def faulty_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process = ReferenceProcess(log_path=tmp_path_factory.mktemp("faulty") / "target.log",
                               faults=FAULTED)
    try:
        yield process.start()
    finally:
        process.stop()


@pytest.fixture(params=[False, True], ids=["healthy", "faulted"])
def faulted(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def base(faulted: bool, request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue("faulty_url" if faulted else "reference_url")
    return url


@pytest.fixture
def user(page: Page) -> Page:
    """pytest-playwright's page, with every wait bounded."""
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return page


def open_first_row(page: Page, base: str, list_path: str) -> str:
    """Open the detail page of a list's first row; returns its path. The list is read without
    rendering it (one page load per test instead of two)."""
    response = page.request.get(base + list_path, timeout=TIMEOUT_MS)
    assert response.ok, (list_path, response.status)
    rows = parse(response.text()).all("resource-row-link")
    assert rows, f"{list_path} has no resource rows"
    href = rows[0].get("href")
    assert href and href.startswith("/"), href
    page.goto(base + href)
    return href


def test_app_tab_click_puts_the_tab_in_the_url(user: Page, base: str, faulted: bool) -> None:
    """Fault tab-no-url: the tab's content shows, but the address bar keeps the overview URL."""
    detail = open_first_row(user, base, "/apps")
    tab = user.get_by_test_id("tab-versions")
    tab.click()
    # The tab strip is part of the swapped content: the new tab being current means it is shown.
    expect(tab).to_have_attribute("aria-current", "page")
    if faulted:
        assert user.url == base + detail
    else:
        expect(user).to_have_url(base + detail + "/versions")


def test_node_decommission_asks_for_typed_confirmation(
    user: Page, base: str, faulted: bool
) -> None:
    """Fault destructive-window-confirm: the trigger opens the browser's confirm() instead."""
    browser_dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        browser_dialogs.append(dialog.type)
        dialog.dismiss()

    user.on("dialog", dismiss)
    open_first_row(user, base, "/platform/nodes")
    card = user.locator('[data-testid="lifecycle-op-card"][data-op="decommission"]')
    typed = user.get_by_test_id("typed-confirm-dialog")
    if faulted:
        with user.expect_event("dialog"):
            card.get_by_test_id("op-trigger").click()
        assert browser_dialogs == ["confirm"]
        expect(typed).to_have_count(0)
        expect(card.get_by_test_id("op-outcome")).to_be_empty()  # dismissed: nothing ran
    else:
        card.get_by_test_id("op-trigger").click()
        expect(typed).to_be_visible()
        assert browser_dialogs == []
        typed.get_by_test_id("typed-confirm-cancel").click()
        expect(typed).to_be_hidden()
        expect(card.get_by_test_id("op-outcome")).to_be_empty()


def test_app_runtime_decommission_needs_the_exact_name(
    user: Page, base: str, faulted: bool
) -> None:
    """Fault typed-confirm-any-text: any non-empty text enables the submit button."""
    open_first_row(user, base, "/workloads?kind=app")
    name = user.get_by_test_id("resource-name").inner_text().strip()
    user.locator('[data-testid="lifecycle-op-card"][data-op="decommission"]').get_by_test_id(
        "op-trigger").click()
    dialog = user.get_by_test_id("typed-confirm-dialog")
    expect(dialog).to_be_visible()
    field = dialog.get_by_test_id("typed-confirm-input")
    submit = dialog.get_by_test_id("typed-confirm-submit")
    expect(submit).to_be_disabled()
    field.fill(f"not {name}")
    if faulted:
        expect(submit).to_be_enabled()
    else:
        expect(submit).to_be_disabled()
    field.fill(name)
    expect(submit).to_be_enabled()
    dialog.get_by_test_id("typed-confirm-cancel").click()
    expect(dialog).to_be_hidden()

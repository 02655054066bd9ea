"""Fixtures of the project's own tests. The cutover plugin is not loaded here (it lives in
suites/conftest.py): a test imports what it tests, and gets a browser or the reference target
only by asking for one of the fixtures below."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from contracts import BUNDLED_CONTRACT, Contract, load_contract
from harness.capture.cache import SnapshotCache
from harness.capture.navigation_counter import NavigationCounter
from harness.targets import browser as browser_choice
from harness.targets.reference_process import ReferenceProcess
from pages.factory import Pages

TIMEOUT_MS = 10_000.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked `long_run` first, longest first: under `-n 2 --dist loadfile
    --no-loadscope-reorder` xdist hands out files in this order, so the long suite runs start at
    once on both workers instead of one of them ending the run alone."""
    def seconds(item: pytest.Item) -> float:
        mark = item.get_closest_marker("long_run")
        return float(mark.args[0]) if mark is not None else 0.0

    items.sort(key=lambda item: -seconds(item))  # stable: files keep their tests' order


@pytest.fixture(scope="session")
def contract() -> Contract:
    """The bundled V3 contract, as the suites load it."""
    return load_contract(BUNDLED_CONTRACT)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's browser, on the Chromium the project provisioned."""
    try:
        chosen = browser_choice.resolve()
    except browser_choice.NoBrowserError as exc:
        pytest.fail(f"no Chromium for browser tests: {exc}")
    args = dict(browser_type_launch_args)
    if chosen.launch_path:
        args["executable_path"] = chosen.launch_path
    args.setdefault("args", list(browser_choice.QUIET_ARGS))
    return args


@pytest.fixture(scope="session")
def reference_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A healthy reference target on a free loopback port, for the tests that drive one."""
    process = ReferenceProcess(log_path=tmp_path_factory.mktemp("reference") / "target.log")
    url = process.start()
    yield url
    process.stop()


@pytest.fixture
def pages(browser: Browser, contract: Contract, reference_url: str) -> Iterator[Pages]:
    """Page objects on a fresh page of the reference target, as the contract's default role."""
    role = contract.default_role.id
    contexts: list[BrowserContext] = []

    def new_context(role_id: str, flag: str | None = None) -> BrowserContext:
        ctx = browser.new_context(base_url=reference_url, storage_state={
            "cookies": [{"name": "role", "value": role_id, "url": reference_url}],
            "origins": []})
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        return ctx

    cache = SnapshotCache(contract=contract, base_url=reference_url, target_name="reference",
                          role=role, new_context=new_context, counter=NavigationCounter(),
                          timeout_ms=TIMEOUT_MS)
    page: Page = new_context(role).new_page()
    yield Pages(page, contract, TIMEOUT_MS, cache.url_for)
    for ctx in contexts:
        ctx.close()


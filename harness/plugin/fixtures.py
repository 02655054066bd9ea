"""Fixtures of the cutover plugin: the target, browser set-up on top of pytest-playwright, the
shared route snapshots, page objects and the `judge` of a test's check."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from contracts import Contract, Role, V3Flag
from harness.capture.cache import SnapshotCache
from harness.checks.context import CheckSettings
from harness.plugin.a11y_baseline import A11yBaseline
from harness.plugin.check_marks import check_of
from harness.plugin.settings import RunSettings
from harness.plugin.stash import (
    A11Y,
    BROWSER,
    CONTRACT,
    COUNTER,
    GUARD,
    RESULTS,
    ROLE,
    SETTINGS,
    STARTED,
)
from harness.plugin.suite_support import Judge
from harness.targets.base import Target, TargetError
from harness.targets.browser import QUIET_ARGS
from harness.targets.reference_process import TargetStartError
from harness.targets.registry import TARGET_KINDS, TargetRequest, chosen_kind
from pages.factory import Pages

# Per-test contexts are what pytest-playwright's artifacts need; otherwise one context per role
# serves every interactive test, which saves a context start (~0.2 s) per test.
_PER_TEST_OPTIONS = (("tracing", "off"), ("video", "off"))

NewContext = Callable[..., BrowserContext]  # (role, guarded=False, flag=None) -> a context
PageFor = Callable[[str], Page]


@pytest.fixture(scope="session")
def cutover_settings(pytestconfig: pytest.Config) -> RunSettings:
    return pytestconfig.stash[SETTINGS]


@pytest.fixture(scope="session")
def contract(pytestconfig: pytest.Config) -> Contract:
    return pytestconfig.stash[CONTRACT]


@pytest.fixture(scope="session")
def run_role(pytestconfig: pytest.Config) -> Role:
    return pytestconfig.stash[ROLE]


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config, cutover_settings: RunSettings) -> Iterator[Target]:
    base_url = pytestconfig.getoption("base_url", default=None)
    kind = TARGET_KINDS[chosen_kind(cutover_settings.target, base_url,
                                    cutover_settings.target_explicit)]
    try:
        started = kind.build(TargetRequest(
            base_url=base_url, log_dir=cutover_settings.results_dir,
            faults=cutover_settings.faults, latency=cutover_settings.latency,
            scale=cutover_settings.scale))
        started.target.check_reachable()
    except (TargetError, TargetStartError) as exc:
        pytest.exit(f"cutover: {exc}", returncode=3)
    built = started.target
    if cutover_settings.allow_mutations and not built.disposable:
        started.stop()
        pytest.exit(f"cutover: --allow-mutations refused: target {built.name} at "
                    f"{built.base_url} is not marked disposable (for kind, set "
                    "CUTOVER_KIND_DISPOSABLE=1 only for a throw-away cluster)", returncode=4)
    pytestconfig.stash[STARTED] = started
    pytestconfig.stash[RESULTS].secrets = built.secrets
    yield built
    started.stop()


@pytest.fixture(scope="session")
def base_url(target: Target) -> str:
    return target.base_url


@pytest.fixture(scope="session", autouse=True)
def _verify_url() -> None:
    """Replaces pytest-base-url's autouse check, which would start a target for every test,
    browser or not; the `target` fixture checks reachability when a test needs it."""


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], pytestconfig: pytest.Config, browser_name: str,
) -> dict[str, Any]:
    """Chromium is the provisioned executable; Firefox and WebKit are Playwright's own."""
    args = dict(browser_type_launch_args)
    if browser_name != "chromium":
        return args
    chosen = pytestconfig.stash[BROWSER]
    if isinstance(chosen, str):
        pytest.exit(f"cutover: {chosen}", returncode=3)
    if chosen.launch_path and "executable_path" not in args and "channel" not in args:
        args["executable_path"] = chosen.launch_path
    args.setdefault("args", list(QUIET_ARGS))
    return args


def role_context_args(target: Target, role: str | None, base: dict[str, Any]) -> dict[str, Any]:
    """Context arguments that make the browser act as `role` on `target`."""
    args = {**base, **target.context_args(role)}
    cookies = target.role_cookies(role)
    if cookies and "storage_state" not in args:
        args["storage_state"] = {"cookies": [_cookie(c) for c in cookies], "origins": []}
    return args


def with_v3_flag(args: dict[str, Any], flag: V3Flag, value: str, target: Target
                 ) -> dict[str, Any]:
    """Context arguments that set the V3 flag (cookie or header) to `value`; a query flag is
    added to URLs instead."""
    args = dict(args)
    if flag.mechanism == "cookie":
        state = args.get("storage_state") or {"cookies": [], "origins": []}
        if not isinstance(state, dict):  # a storage-state file (kind): add to its contents
            state = json.loads(Path(state).read_text())
        state = dict(state)
        cookie = _cookie({"name": flag.name, "value": value, "url": target.base_url})
        state["cookies"] = [*state.get("cookies", []), cookie]
        args["storage_state"] = state
    elif flag.mechanism == "header":
        args["extra_http_headers"] = {**args.get("extra_http_headers", {}), flag.name: value}
    return args


def _cookie(c: dict[str, str]) -> dict[str, Any]:
    host = urlsplit(c["url"]).hostname or "localhost"
    return {"name": c["name"], "value": c["value"], "domain": host, "path": "/", "expires": -1,
            "httpOnly": False, "secure": False, "sameSite": "Lax"}


@pytest.fixture(scope="session")
def browser_context_args(
    browser_context_args: dict[str, Any], target: Target, run_role: Role
) -> dict[str, Any]:
    return role_context_args(target, run_role.id, browser_context_args)


@pytest.fixture
def context(context: BrowserContext, cutover_settings: RunSettings,
            request: pytest.FixtureRequest) -> BrowserContext:
    """pytest-playwright's per-test context, with the run's bounds and counting."""
    context.set_default_timeout(cutover_settings.timeout_ms)
    context.set_default_navigation_timeout(cutover_settings.timeout_ms)
    request.config.stash[COUNTER].watch(context, "interactive")
    if request.node.get_closest_marker("lifecycle"):
        request.config.stash[GUARD].install(context)
    return context


@pytest.fixture(scope="session")
def role_contexts(
    pytestconfig: pytest.Config, browser: Browser, target: Target, contract: Contract,
    cutover_settings: RunSettings, browser_context_args: dict[str, Any],
) -> NewContext:
    """`role_contexts(role_id, guarded=False, flag=None)`: a new browser context acting as that
    role, with the run's timeouts; `guarded` ones refuse state-changing requests unless
    mutations are allowed (contexts that press operation buttons)."""
    base = {k: v for k, v in browser_context_args.items()
            if k not in ("storage_state", "extra_http_headers")}

    def new_context(role: str, guarded: bool = False, flag: str | None = None
                    ) -> BrowserContext:
        args = role_context_args(target, role, base)
        if flag is not None:
            args = with_v3_flag(args, contract.v3_flag, flag, target)
        ctx = browser.new_context(**args)
        ctx.set_default_timeout(cutover_settings.timeout_ms)
        ctx.set_default_navigation_timeout(cutover_settings.timeout_ms)
        if guarded:
            pytestconfig.stash[GUARD].install(ctx)
        return ctx

    return new_context


@pytest.fixture(scope="session")
def snapshots(
    pytestconfig: pytest.Config, target: Target, contract: Contract, run_role: Role,
    cutover_settings: RunSettings, role_contexts: NewContext,
) -> Iterator[SnapshotCache]:
    cache = SnapshotCache(contract=contract, base_url=target.base_url,
                          target_name=target.name, role=run_role.id,
                          new_context=role_contexts, counter=pytestconfig.stash[COUNTER],
                          timeout_ms=cutover_settings.timeout_ms,
                          a11y_tags=tuple(contract.accessibility.tags),
                          a11y_routes=pytestconfig.stash.get(A11Y, frozenset()))
    yield cache
    cache.close()


@pytest.fixture(scope="session")
def _shared_pages(role_contexts: NewContext) -> Iterator[dict[tuple[str, bool], Page]]:
    # Depends on role_contexts (and so the browser) only to be torn down before it.
    pages: dict[tuple[str, bool], Page] = {}
    yield pages
    for page in pages.values():
        page.context.close()


def _per_test_artifacts(config: pytest.Config) -> bool:
    return any((config.getoption(name, default=off) or off) != off
               for name, off in _PER_TEST_OPTIONS)


@pytest.fixture
def interactive_page_for(request: pytest.FixtureRequest, role_contexts: NewContext,
                         _shared_pages: dict[tuple[str, bool], Page]) -> PageFor:
    """`interactive_page_for(role)`: the page interactive tests drive as `role`."""
    guarded = request.node.get_closest_marker("lifecycle") is not None
    counter = request.config.stash[COUNTER]

    def get(role: str) -> Page:
        if _per_test_artifacts(request.config) and role == request.config.stash[ROLE].id:
            page: Page = request.getfixturevalue("page")  # pytest-playwright keeps artifacts
            return page
        key = (role, guarded)
        if key not in _shared_pages or _shared_pages[key].is_closed():
            ctx = role_contexts(role, guarded=guarded)
            counter.watch(ctx, "interactive")
            _shared_pages[key] = ctx.new_page()
        return _shared_pages[key]

    return get


@pytest.fixture
def pages(interactive_page_for: PageFor, run_role: Role, contract: Contract,
          snapshots: SnapshotCache, cutover_settings: RunSettings) -> Pages:
    """Page objects for the run's role."""
    return Pages(interactive_page_for(run_role.id), contract, cutover_settings.timeout_ms,
                 snapshots.url_for)


@pytest.fixture
def pages_as(interactive_page_for: PageFor, contract: Contract, snapshots: SnapshotCache,
             cutover_settings: RunSettings) -> Callable[[str], Pages]:
    """`pages_as(role_id)`: page objects acting as another role."""

    def build(role: str) -> Pages:
        return Pages(interactive_page_for(role), contract, cutover_settings.timeout_ms,
                     snapshots.url_for)

    return build


@pytest.fixture(scope="session")
def a11y_baseline(contract: Contract, cutover_settings: RunSettings) -> Iterator[A11yBaseline]:
    baseline = A11yBaseline(contract.directory / contract.accessibility.baseline,
                            update=cutover_settings.update_a11y_baseline)
    yield baseline
    baseline.save()


@pytest.fixture
def judge(request: pytest.FixtureRequest, contract: Contract, run_role: Role) -> Judge:
    """The check named by the test's `@pytest.mark.check(name)`, ready to judge."""
    named = check_of(request.node)
    if named is None:  # collection refuses this; a direct fixture request still says why
        raise pytest.UsageError(f"{request.node.nodeid}: `judge` needs @pytest.mark.check")
    started = request.config.stash.get(STARTED, None)
    return Judge(named.check, contract, CheckSettings(
        role=run_role.id, base_url=started.target.base_url if started else None))

"""Fixtures of the cutover plugin: the target, browser set-up on top of pytest-playwright, the
shared route snapshots, page objects and the `judge` of a test's check."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from contracts import Contract, Role
from contracts.baseline import DensityBaselineFile
from harness.capture.cache import SnapshotCache
from harness.capture.interactive_pages import InteractivePages
from harness.capture.page_pool import close_quietly
from harness.checks.context import CheckSettings
from harness.checks.judge import Judge
from harness.flows.row_links import RowProbe
from harness.plugin.a11y_baseline import A11yBaseline
from harness.plugin.check_marks import check_of
from harness.plugin.context_args import role_context_args, with_v3_flag
from harness.plugin.judgements import recorder
from harness.plugin.run import CutoverRun
from harness.plugin.run_settings import RunSettings
from harness.plugin.stash import ROUTE_PICTURES, RUN
from harness.targets.base import Target
from harness.targets.browser import QUIET_ARGS
from harness.targets.role_states import RoleStates, RoleUnavailable
from pages.factory import Pages

# Per-test contexts are what pytest-playwright's artifacts need; otherwise one context per role
# serves every interactive test, which saves a context start (~0.2 s) per test.
_PER_TEST_OPTIONS = (("tracing", "off"), ("video", "off"))

NewContext = Callable[..., BrowserContext]  # (role, guarded=False, flag=None) -> a context
PageFor = Callable[[str], Page]


@pytest.fixture(scope="session")
def cutover_run(pytestconfig: pytest.Config) -> CutoverRun:
    """The run (harness.plugin.run): fixtures read it and ask it for what it starts."""
    return pytestconfig.stash[RUN]


@pytest.fixture(scope="session")
def cutover_settings(cutover_run: CutoverRun) -> RunSettings:
    return cutover_run.settings


@pytest.fixture(scope="session")
def contract(cutover_run: CutoverRun) -> Contract:
    return cutover_run.contract


@pytest.fixture(scope="session")
def run_role(cutover_run: CutoverRun) -> Role:
    return cutover_run.role


@pytest.fixture(scope="session")
def target(cutover_run: CutoverRun) -> Iterator[Target]:
    yield cutover_run.target().target
    cutover_run.stop_target()


@pytest.fixture(scope="session")
def base_url(target: Target) -> str:
    return target.base_url


@pytest.fixture(scope="session", autouse=True)
def _verify_url() -> None:
    """Replaces pytest-base-url's autouse check, which would start a target for every test,
    browser or not; the `target` fixture checks reachability when a test needs it."""


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], cutover_run: CutoverRun, browser_name: str,
) -> dict[str, Any]:
    """Chromium is the provisioned executable; Firefox and WebKit are Playwright's own."""
    args = dict(browser_type_launch_args)
    if browser_name != "chromium":
        return args
    chosen = cutover_run.browser
    if isinstance(chosen, str):
        pytest.exit(f"cutover: {chosen}", returncode=3)
    if chosen.launch_path and "executable_path" not in args and "channel" not in args:
        args["executable_path"] = chosen.launch_path
    args.setdefault("args", list(QUIET_ARGS))
    return args


# Launch options a Playwright server understands (it reads them in camelCase from the
# x-playwright-launch-options header; pytest-playwright would send Python's snake_case).
_SERVER_LAUNCH_OPTIONS = {"headless": "headless", "args": "args", "channel": "channel",
                          "executable_path": "executablePath", "slow_mo": "slowMo"}


@pytest.fixture(scope="session")
def connect_options(cutover_settings: RunSettings,
                    browser_type_launch_args: dict[str, Any]) -> dict[str, Any] | None:
    """--browser-endpoint: pytest-playwright connects to that Playwright server instead of
    launching a browser. Our provisioned Chromium's path is sent only to a server on this
    machine (loopback); a remote browser service launches its own."""
    endpoint = cutover_settings.browser_endpoint
    if endpoint is None:
        return None
    local = urlsplit(endpoint).hostname in ("127.0.0.1", "localhost", "::1")
    options = {camel: browser_type_launch_args[name]
               for name, camel in _SERVER_LAUNCH_OPTIONS.items()
               if name in browser_type_launch_args and (local or name != "executable_path")}
    return {"endpoint": endpoint, "timeout": cutover_settings.timeout_ms,
            "headers": {"x-playwright-launch-options": json.dumps(options)}}


@pytest.fixture(scope="session")
def browser(launch_browser: Callable[[], Browser],
            cutover_settings: RunSettings) -> Iterator[Browser]:
    """pytest-playwright's browser, launched or connected; an unreachable --browser-endpoint
    ends the run with one line (exit 3) instead of a traceback in every test."""
    try:
        launched = launch_browser()
    except PlaywrightError as exc:
        endpoint = cutover_settings.browser_endpoint
        if endpoint is None:
            raise
        pytest.exit(f"cutover: --browser-endpoint {endpoint}: could not connect to a Playwright "
                    f"server ({str(exc).strip().splitlines()[0]})", returncode=3)
    yield launched
    close_quietly(launched)


@pytest.fixture(scope="session")
def role_states(cutover_run: CutoverRun, target: Target, browser: Browser) -> RoleStates:
    """Acting as roles: storage states per role, logged in on demand and reused from
    --auth-dir while valid. Every role the selected tests act as that logs in does so here,
    before any test runs (a role an app tells apart without a login has nothing to do); one that
    cannot stops the run with one sentence naming the role and the variable."""
    try:
        return cutover_run.role_states(browser)
    except RoleUnavailable as exc:
        pytest.exit(f"cutover: {exc}", returncode=3)


@pytest.fixture(scope="session")
def browser_context_args(
    browser_context_args: dict[str, Any], target: Target, run_role: Role,
    role_states: RoleStates, browser: Browser,
) -> dict[str, Any]:
    return role_context_args(target, run_role.id, browser_context_args, role_states, browser)


@pytest.fixture
def context(context: BrowserContext, cutover_run: CutoverRun,
            request: pytest.FixtureRequest, role_states: RoleStates) -> BrowserContext:
    """pytest-playwright's per-test context, with the run's bounds and counting."""
    role_states.watch(context, cutover_run.role.id)
    context.set_default_timeout(cutover_run.settings.timeout_ms)
    context.set_default_navigation_timeout(cutover_run.settings.timeout_ms)
    cutover_run.counter.watch(context, "interactive")
    if request.node.get_closest_marker("lifecycle"):
        cutover_run.guard.install(context)
    return context


@pytest.fixture(scope="session")
def role_contexts(
    cutover_run: CutoverRun, browser: Browser, target: Target,
    browser_context_args: dict[str, Any], role_states: RoleStates,
) -> NewContext:
    """`role_contexts(role_id, guarded=False, flag=None)`: a new browser context acting as that
    role, with the run's timeouts; `guarded` ones refuse state-changing requests unless
    mutations are allowed (contexts that press operation buttons)."""
    base = {k: v for k, v in browser_context_args.items()
            if k not in ("storage_state", "extra_http_headers")}
    contract, timeout_ms = cutover_run.contract, cutover_run.settings.timeout_ms

    def new_context(role: str, guarded: bool = False, flag: str | None = None
                    ) -> BrowserContext:
        args = role_context_args(target, role, base, role_states, browser)
        if flag is not None and contract.v3_flag is not None:  # no flag section: nothing to set
            args = with_v3_flag(args, contract.v3_flag, flag, target)
        ctx = browser.new_context(**args)
        role_states.watch(ctx, role)
        ctx.set_default_timeout(timeout_ms)
        ctx.set_default_navigation_timeout(timeout_ms)
        if guarded:
            cutover_run.guard.install(ctx)
        return ctx

    return new_context


@pytest.fixture(scope="session")
def snapshots(request: pytest.FixtureRequest, cutover_run: CutoverRun
              ) -> Iterator[SnapshotCache]:
    # The target and browser are asked for here, not as arguments: pytest resolves a test's
    # whole fixture closure again for every test, and most tests ask only for `snapshots`.
    # Without the ~15 browser fixtures in it (and with the check looked up once), a static
    # test that reads a snapshot costs ~0.9 ms instead of ~1.6 ms. Still torn down after this.
    target: Target = request.getfixturevalue("target")
    role_contexts: NewContext = request.getfixturevalue("role_contexts")
    contract = cutover_run.contract
    cache = SnapshotCache(contract=contract, base_url=target.base_url,
                          target_name=target.name, role=cutover_run.role.id,
                          new_context=role_contexts, counter=cutover_run.counter,
                          timeout_ms=cutover_run.settings.timeout_ms,
                          a11y_tags=tuple(contract.accessibility.tags),
                          a11y_routes=cutover_run.a11y_routes,
                          lend_pages=not _per_test_artifacts(request.config))
    request.session.stash[ROUTE_PICTURES] = cache.pool
    yield cache
    del request.session.stash[ROUTE_PICTURES]
    cache.close()


@pytest.fixture(scope="session")
def row_probe(request: pytest.FixtureRequest, cutover_run: CutoverRun) -> Iterator[RowProbe]:
    """The row-links gate's requests (not navigations), as the run's role, each row target
    once for the run."""
    role_contexts: NewContext = request.getfixturevalue("role_contexts")
    probe = RowProbe(role_contexts, cutover_run.role.id, cutover_run.settings.timeout_ms,
                     cutover_run.counter)
    yield probe
    probe.close()


@pytest.fixture(scope="session")
def _shared_pages(cutover_run: CutoverRun, role_contexts: NewContext
                  ) -> Iterator[InteractivePages]:
    # Depends on role_contexts (and so the browser) to be torn down before it.
    pages = InteractivePages(role_contexts, cutover_run.counter)
    yield pages
    pages.close()


def _per_test_artifacts(config: pytest.Config) -> bool:
    return any((config.getoption(name, default=off) or off) != off
               for name, off in _PER_TEST_OPTIONS)


@pytest.fixture
def interactive_page_for(request: pytest.FixtureRequest, run_role: Role,
                         _shared_pages: InteractivePages) -> PageFor:
    """`interactive_page_for(role)`: the page interactive tests drive as `role`."""
    guarded = request.node.get_closest_marker("lifecycle") is not None

    def get(role: str) -> Page:
        if _per_test_artifacts(request.config) and role == run_role.id:
            page: Page = request.getfixturevalue("page")  # pytest-playwright keeps artifacts
            return page
        return _shared_pages.get(role, guarded)

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


@pytest.fixture(scope="session")
def density_baseline(contract: Contract,
                     cutover_settings: RunSettings) -> Iterator[DensityBaselineFile]:
    baseline = DensityBaselineFile(contract.directory / contract.placeholders.density.baseline,
                                   update=cutover_settings.update_density_baseline)
    yield baseline
    baseline.save()


@pytest.fixture
def judge(request: pytest.FixtureRequest, cutover_run: CutoverRun) -> Judge:
    """The check named by the test's `@pytest.mark.check(name)`, ready to judge; what it judges
    is recorded on the test (harness.plugin.judgements)."""
    named = check_of(request.node)
    if named is None:  # collection refuses this; a direct fixture request still says why
        raise pytest.UsageError(f"{request.node.nodeid}: `judge` needs @pytest.mark.check")
    started = cutover_run.started
    return Judge(named.check, cutover_run.contract, CheckSettings(
        role=cutover_run.role.id, base_url=started.target.base_url if started else None),
        record=recorder(request.node))

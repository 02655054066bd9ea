"""Fixtures of the cutover plugin: the target, browser set-up on top of pytest-playwright, the
shared route snapshots, and page objects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from contracts import Contract
from harness.capture.cache import SnapshotCache
from harness.plugin.hooks import (
    A11Y,
    BROWSER,
    CONTRACT,
    COUNTER,
    GUARD,
    PROCESS,
    RESULTS,
    SETTINGS,
    _role,
)
from harness.plugin.settings import RunSettings
from harness.targets import browser as browser_choice
from harness.targets.base import ReferenceTarget, Target, TargetError, kind_target, url_target
from harness.targets.reference_process import ReferenceProcess, TargetStartError

# Per-test contexts are what pytest-playwright's artifacts need; otherwise one context per role
# serves every interactive test, which saves a context start (~0.2 s) per test.
_PER_TEST_OPTIONS = (("tracing", "off"), ("video", "off"))


def _build_target(config: pytest.Config, settings: RunSettings) -> tuple[Target, Any]:
    base_url = config.getoption("base_url", default=None)
    name = settings.target
    if name == "reference" and base_url and not settings.target_explicit:
        name = "url"  # a plain --base-url means "that app", as pytest-base-url users expect
    if name == "kind":
        return kind_target(base_url), None
    if name == "url":
        return url_target(base_url), None
    if base_url:
        return ReferenceTarget(name="reference", base_url=base_url.rstrip("/"),
                               disposable=True), None
    process = ReferenceProcess(
        log_path=settings.results_dir / "reference-target.log", faults=settings.faults,
        latency=settings.latency, scale=settings.scale,
    )
    url = process.start()
    return ReferenceTarget(name="reference", base_url=url, disposable=True), process


@pytest.fixture(scope="session")
def cutover_settings(pytestconfig: pytest.Config) -> RunSettings:
    return pytestconfig.stash[SETTINGS]


@pytest.fixture(scope="session")
def contract(pytestconfig: pytest.Config) -> Contract:
    return pytestconfig.stash[CONTRACT]


@pytest.fixture(scope="session")
def run_role(pytestconfig: pytest.Config) -> Any:
    return _role(pytestconfig)


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config, cutover_settings: RunSettings) -> Iterator[Target]:
    try:
        built, process = _build_target(pytestconfig, cutover_settings)
        built.check_reachable()
    except (TargetError, TargetStartError) as exc:
        pytest.exit(f"cutover: {exc}", returncode=3)
    if cutover_settings.allow_mutations and not built.disposable:
        if process is not None:
            process.stop()
        pytest.exit(f"cutover: --allow-mutations refused: target {built.name} at "
                    f"{built.base_url} is not marked disposable (for kind, set "
                    "CUTOVER_KIND_DISPOSABLE=1 only for a throw-away cluster)", returncode=4)
    pytestconfig.stash[PROCESS] = process
    pytestconfig.stash[RESULTS].secrets = built.secrets
    yield built
    if process is not None:
        process.stop()


@pytest.fixture(scope="session")
def base_url(target: Target) -> str:
    return target.base_url


@pytest.fixture(scope="session", autouse=True)
def _verify_url() -> None:
    """Replaces pytest-base-url's autouse check, which would start a target for every test,
    browser or not; the `target` fixture checks reachability when a test needs it."""


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], pytestconfig: pytest.Config
) -> dict[str, Any]:
    chosen = pytestconfig.stash[BROWSER]
    args = dict(browser_type_launch_args)
    if isinstance(chosen, str):
        pytest.exit(f"cutover: {chosen}", returncode=3)
    if chosen.launch_path and "executable_path" not in args and "channel" not in args:
        args["executable_path"] = chosen.launch_path
    args.setdefault("args", list(browser_choice.QUIET_ARGS))
    return args


def role_context_args(target: Target, role: str | None, base: dict[str, Any]) -> dict[str, Any]:
    """Context arguments that make the browser act as `role` on `target`."""
    args = {**base, **target.context_args(role)}
    cookies = target.role_cookies(role)
    if cookies and "storage_state" not in args:
        args["storage_state"] = {"cookies": [_cookie(c) for c in cookies], "origins": []}
    return args


def with_v3_flag(args: dict[str, Any], flag: Any, value: str, target: Target) -> dict[str, Any]:
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
    browser_context_args: dict[str, Any], target: Target, run_role: Any
) -> dict[str, Any]:
    return role_context_args(target, run_role.id, browser_context_args)


@pytest.fixture
def context(context: Any, cutover_settings: RunSettings, request: pytest.FixtureRequest) -> Any:
    """pytest-playwright's per-test context, with the run's bounds and counting."""
    context.set_default_timeout(cutover_settings.timeout_ms)
    context.set_default_navigation_timeout(cutover_settings.timeout_ms)
    request.config.stash[COUNTER].watch(context, "interactive")
    if request.node.get_closest_marker("lifecycle"):
        request.config.stash[GUARD].install(context)
    return context


@pytest.fixture(scope="session")
def role_contexts(
    pytestconfig: pytest.Config, browser: Any, target: Target, contract: Contract,
    cutover_settings: RunSettings, browser_context_args: dict[str, Any],
) -> Any:
    """`role_contexts(role_id, guarded=False)`: a new browser context acting as that role, with
    the run's timeouts; `guarded` ones refuse state-changing requests unless mutations are
    allowed (contexts that press operation buttons)."""
    base = {k: v for k, v in browser_context_args.items()
            if k not in ("storage_state", "extra_http_headers")}

    def new_context(role: str, guarded: bool = False, flag: str | None = None) -> Any:
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
    pytestconfig: pytest.Config, target: Target, contract: Contract, run_role: Any,
    cutover_settings: RunSettings, role_contexts: Any,
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
def _shared_pages(role_contexts: Any) -> Iterator[dict[Any, Any]]:
    # Depends on role_contexts (and so the browser) only to be torn down before it.
    pages: dict[Any, Any] = {}
    yield pages
    for page in pages.values():
        page.context.close()


def _per_test_artifacts(config: pytest.Config) -> bool:
    return any((config.getoption(name, default=off) or off) != off
               for name, off in _PER_TEST_OPTIONS)


@pytest.fixture
def interactive_page_for(request: pytest.FixtureRequest, role_contexts: Any,
                         _shared_pages: dict[Any, Any]) -> Any:
    """`interactive_page_for(role)`: the page interactive tests drive as `role`."""
    guarded = request.node.get_closest_marker("lifecycle") is not None
    counter = request.config.stash[COUNTER]

    def get(role: str) -> Any:
        if _per_test_artifacts(request.config) and role == _role(request.config).id:
            return request.getfixturevalue("page")  # pytest-playwright records its artifacts
        key = (role, guarded)
        if key not in _shared_pages or _shared_pages[key].is_closed():
            ctx = role_contexts(role, guarded=guarded)
            counter.watch(ctx, "interactive")
            _shared_pages[key] = ctx.new_page()
        return _shared_pages[key]

    return get


@pytest.fixture
def pages(interactive_page_for: Any, run_role: Any, contract: Contract,
          snapshots: SnapshotCache, cutover_settings: RunSettings) -> Any:
    """Page objects for the run's role."""
    from pages.factory import Pages

    page = interactive_page_for(run_role.id)
    return Pages(page, contract, cutover_settings.timeout_ms, snapshots.url_for)


@pytest.fixture
def pages_as(interactive_page_for: Any, contract: Contract, snapshots: SnapshotCache,
             cutover_settings: RunSettings) -> Any:
    """`pages_as(role_id)`: page objects acting as another role."""
    from pages.factory import Pages

    def build(role: str) -> Any:
        return Pages(interactive_page_for(role), contract, cutover_settings.timeout_ms,
                     snapshots.url_for)

    return build


@pytest.fixture(scope="session")
def a11y_baseline(contract: Contract, cutover_settings: RunSettings) -> Iterator[Any]:
    from harness.plugin.a11y_baseline import A11yBaseline

    baseline = A11yBaseline(contract.directory / contract.accessibility.baseline,
                            update=cutover_settings.update_a11y_baseline)
    yield baseline
    baseline.save()


@pytest.fixture(scope="session")
def mutation_guard(pytestconfig: pytest.Config) -> Any:
    return pytestconfig.stash[GUARD]



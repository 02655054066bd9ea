"""The cutover pytest plugin's hooks: options, the contract (checked before anything starts),
markers, parametrization from the contract, v1compat and shard selection, the report header,
results and the run summary. Its fixtures live in harness.plugin.fixtures; the root conftest.py
loads both for the suites."""

from __future__ import annotations

import hashlib
from collections.abc import Generator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from _pytest.terminal import TerminalReporter

from contracts import Contract, ContractError, Role, load_contract
from harness.capture.mutation_guard import MutationGuard
from harness.capture.navigation_counter import NavigationCounter
from harness.plugin.allure_labels import SUITES, label_marks
from harness.plugin.artifacts import failure_screenshot
from harness.plugin.check_marks import mark_problems
from harness.plugin.options import add_options
from harness.plugin.parametrize import parametrize
from harness.plugin.results_collector import ResultsCollector
from harness.plugin.settings import RunSettings
from harness.plugin.stash import (
    A11Y,
    BROWSER,
    CONTRACT,
    COUNTER,
    GUARD,
    READINESS_LINES,
    RESULTS,
    ROLE,
    SETTINGS,
    STARTED,
)
from harness.targets import browser as browser_choice
from harness.targets.registry import chosen_kind

SUITE_MARKERS = {
    "navigation": "navigation suite: shell, global and local nav, back links, roles, journeys",
    "cutover": "cutover suite: legacy V1 route map, retired mocks, V3 default flag, inventory",
    "lifecycle": "lifecycle suite: operation cards, typed confirmation, activity and evidence",
    "quality": "quality gates: placeholder/fallback text and accessibility",
    "accessibility": "accessibility gate (axe-core, wcag2a/wcag2aa) from route snapshots",
    "v1compat": "opt-in V1 compatibility tests; deselected unless -m selects v1compat",
    "mutating": "submits real operations; runs only with --allow-mutations on a disposable target",
    "check(name, gate=None)": "the one registry check a test runs (and the readiness gate it "
                              "feeds, when not the check's own)",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    settings = RunSettings.from_config(config)
    config.stash[SETTINGS] = settings
    config.stash[COUNTER] = NavigationCounter()
    config.stash[GUARD] = MutationGuard(allow=settings.allow_mutations)
    for name, text in SUITE_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    config.addinivalue_line("markers", "allure_label: Allure label (allure-pytest's own mark)")
    try:
        contract = load_contract(settings.contracts)
    except ContractError as exc:
        lines = "\n".join(str(issue) for issue in exc.errors)
        pytest.exit(f"the contract in {settings.contracts} is invalid:\n{lines}", returncode=2)
    config.stash[CONTRACT] = contract
    config.stash[ROLE] = _role(contract, settings)
    for family in contract.families:
        config.addinivalue_line("markers", f"{family.id}: tests of the {family.title} family")
    collector = ResultsCollector(config, settings.results_dir / "results",
                                 (f.id for f in contract.families), SUITES)
    config.stash[RESULTS] = collector
    config.pluginmanager.register(collector, "cutover-results")
    try:
        config.stash[BROWSER] = browser_choice.resolve()
    except browser_choice.NoBrowserError as exc:
        config.stash[BROWSER] = f"none ({exc})"
    for engine in config.getoption("browser", default=None) or []:
        if engine != "chromium" and not browser_choice.engine_installed(engine):
            raise pytest.UsageError(
                f"--browser {engine}: Playwright's {engine} is not installed here (run "
                f"`python -m playwright install {engine}`); Chromium is the provisioned browser")


def _role(contract: Contract, settings: RunSettings) -> Role:
    if settings.role:
        try:
            return contract.role(settings.role)
        except KeyError:
            known = ", ".join(r.id for r in contract.roles)
            raise pytest.UsageError(f"--role {settings.role}: not in the contract ({known})") \
                from None
    return contract.default_role


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS]
    base_url = config.getoption("base_url", default=None)
    shown_target = chosen_kind(settings.target, base_url, settings.target_explicit)
    if shown_target == "reference" and not base_url:
        where = "auto-started on a free loopback port"
        if settings.faults:
            where += f", faults: {', '.join(settings.faults)}"
    else:
        where = _without_userinfo(base_url) if base_url else "(from the target profile)"
    chosen = config.stash[BROWSER]
    shown = chosen if isinstance(chosen, str) else chosen.describe()
    return [
        f"cutover target: {shown_target}, base URL: {where}",
        f"cutover contract: {settings.contracts}, role: {config.stash[ROLE].id}",
        f"cutover browser: {shown}",
    ]


@pytest.hookimpl(wrapper=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> Generator[None, None, None]:
    config = metafunc.config
    if CONTRACT in config.stash:
        parametrize(metafunc, config.stash[CONTRACT], config.stash[ROLE])
    # With a single browser, keep ids equal to contract ids (no "chromium-" prefix):
    # pytest-playwright parametrizes browser_name only when it sees browser fixtures.
    browsers = config.getoption("browser", default=None) or []
    saved = list(metafunc.fixturenames)
    if len(browsers) <= 1:
        hidden = {"browser_name", "page", "context", "new_context", "browser", "browser_type"}
        metafunc.fixturenames[:] = [n for n in saved if n not in hidden]
    try:
        return (yield)
    finally:
        metafunc.fixturenames[:] = saved


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    problems = mark_problems(items)
    if problems:
        raise pytest.UsageError("tests that misname their check:\n" + "\n".join(problems))
    markexpr = config.getoption("markexpr", default="") or ""
    settings = config.stash[SETTINGS]
    keep, drop = [], []
    for item in items:
        if item.get_closest_marker("v1compat") and "v1compat" not in markexpr:
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    if settings.shard is not None:
        _keep_shard(config, items, settings.shard)
    families = {f.id for f in config.stash[CONTRACT].families}
    for item in items:
        for mark in label_marks(item, families):
            item.add_marker(mark)
    for item in items:
        if item.get_closest_marker("mutating") and not settings.allow_mutations:
            item.add_marker(pytest.mark.skip(reason="mutating: needs --allow-mutations"))


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    # Scan accessibility inside the route snapshots only when an a11y test will read it.
    session.config.stash[A11Y] = frozenset(
        item.callspec.id for item in session.items
        if item.get_closest_marker("accessibility") and hasattr(item, "callspec"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    """A run that will really execute tests replaces this shard's previous results; --help,
    --markers, --collect-only, an empty selection and xdist workers leave them alone."""
    config = session.config
    if config.getoption("collectonly") or not session.items or hasattr(config, "workerinput"):
        return
    config.stash[RESULTS].clear_previous(config.stash[SETTINGS].shard)


def pytest_terminal_summary(terminalreporter: TerminalReporter, config: pytest.Config) -> None:
    counter = config.stash.get(COUNTER, None)
    lines = [*(config.stash.get(READINESS_LINES, None) or [])]
    started = config.stash.get(STARTED, None)
    process = started.process if started else None
    if process is not None:
        lines.insert(0, f"reference target: {process.base_url}, ready in "
                        f"{process.started_in_s:.2f} s"
                        + (f", faults: {', '.join(process.faults)}" if process.faults else ""))
    if counter is not None and counter.counts.total():
        lines = counter.summary_lines() + lines
    if not lines:
        return
    terminalreporter.section("cutover")
    for line in lines:
        terminalreporter.write_line(line)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not (report.failed and call.when == "call"):
        return report
    started = item.config.stash.get(STARTED, None)
    tail = started.process.log_tail() if started and started.process else ""
    if tail:
        report.sections.append(("reference target log (tail)", tail))
    shot = failure_screenshot(item, item.config.stash[SETTINGS].results_dir / "artifacts")
    if shot is not None:
        report.user_properties.append(("artifact", str(shot)))
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    collector = config.stash.get(RESULTS, None)
    if collector is None or config.getoption("collectonly"):
        return
    settings = config.stash[SETTINGS]
    worker = getattr(config, "workerinput", {}).get("workerid")
    if collector.results:
        collector.collect_playwright_artifacts(Path(config.getoption("output", "test-results")))
        counter, guard = config.stash[COUNTER], config.stash[GUARD]
        collector.write(worker or "main", settings.shard, {
            "contracts": str(settings.contracts), "target": settings.target,
            "faults": list(settings.faults), "role": config.stash[ROLE].id,
            "navigations": dict(counter.counts),
            "routes_snapshotted": len(counter.routes_snapshotted),
            "blocked_mutations": guard.blocked,
            "markexpr": config.getoption("markexpr", default="") or "",
        })
    if settings.readiness and worker is None:
        _write_readiness(config, settings, collector)


def _write_readiness(config: pytest.Config, settings: RunSettings,
                     collector: ResultsCollector) -> None:
    from harness.reports.readiness.command import build, write_reports
    from harness.reports.readiness.render_text import summary_table

    files = collector.files_for(settings.shard)
    if not files:
        return
    readiness = build(config.stash[CONTRACT], files)
    written = write_reports(readiness, settings.results_dir, ["json", "md", "html"])
    config.stash[READINESS_LINES] = [*summary_table(readiness),
                                     *(f"wrote {p}" for p in written)]


def shard_of(item: pytest.Item, count: int) -> int:
    """Deterministic shard (0-based) of a test: every test of one contract entry lands in the
    same shard, so a route's static gates still share one snapshot."""
    callspec = getattr(item, "callspec", None)
    group = callspec.id if callspec is not None else item.nodeid
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % count


def _keep_shard(config: pytest.Config, items: list[pytest.Item], shard: tuple[int, int]) -> None:
    index, count = shard
    keep = [i for i in items if shard_of(i, count) == index - 1]
    drop = [i for i in items if shard_of(i, count) != index - 1]
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


def _without_userinfo(url: str) -> str:
    parts = urlsplit(url)
    if not (parts.username or parts.password):
        return url
    host = parts.hostname or ""
    return urlunsplit(parts._replace(netloc=f"{host}:{parts.port}" if parts.port else host))

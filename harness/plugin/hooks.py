"""The cutover pytest plugin's hooks: options, the contract (checked before anything starts),
markers, parametrization from the contract, v1compat and shard selection, the report header,
results and the run summary. Its fixtures live in harness.plugin.fixtures; the root conftest.py
loads both for the suites."""

from __future__ import annotations

import signal
import time
from collections.abc import Generator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from _pytest.terminal import TerminalReporter

from contracts import Contract, ContractError, Role, load_contract
from harness.capture.mutation_guard import MutationGuard
from harness.capture.navigation_counter import NavigationCounter
from harness.checks.findings import FindingsError, failure_text
from harness.plugin import ci_output, entry_groups, gate_cost, shards
from harness.plugin.allure_labels import SUITES, label_marks, show_contract_parameters
from harness.plugin.allure_speed import make_children_indexed
from harness.plugin.artifacts import (
    failure_screenshot,
    junit_attachments,
    snapshot_screenshot,
    trace_path,
)
from harness.plugin.check_marks import mark_problems
from harness.plugin.entry_groups import entry_group
from harness.plugin.options import add_options
from harness.plugin.outage import OutageBreaker
from harness.plugin.parametrize import parametrize
from harness.plugin.results_collector import ResultsCollector
from harness.plugin.role_auth import (
    EXPIRY_WATCH,
    ROLE_STATES,
    ExpiryWatch,
    SessionExpiredError,
    check_before_browsers,
    scrub_outputs,
)
from harness.plugin.run_folder import (
    RUN_FOLDER,
    finish_run_folder,
    open_run_folder,
    output_lines,
    readiness_runs,
)
from harness.plugin.settings import RunSettings
from harness.plugin.stash import (
    A11Y,
    BROWSER,
    CONTRACT,
    COUNTER,
    GUARD,
    LIVE_BROWSER,
    OUTAGE,
    PREVIOUS_SIGTERM,
    READINESS_LINES,
    RESULTS,
    ROLE,
    RUN_STARTED,
    SETTINGS,
    STARTED,
)
from harness.reports.run_meta import without_userinfo
from harness.targets import browser as browser_choice
from harness.targets.registry import chosen_kind

SUITE_MARKERS = {
    "navigation": "navigation suite: shell, global and local nav, back links, roles, journeys",
    "cutover": "cutover suite: legacy V1 route map, retired mocks, V3 default flag, inventory",
    "lifecycle": "lifecycle suite: operation cards, typed confirmation, activity and evidence",
    "quality": "quality gates: placeholder/fallback text and accessibility",
    "accessibility": "accessibility gate (axe-core, wcag2a/wcag2aa) from route snapshots",
    "degraded": "degraded-backend gate: one navigation per route and variant the contract's "
                "degraded section names (API calls answered 500, timeout, empty, null fields)",
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
    _check_base_url(config.getoption("base_url", default=None))
    if not hasattr(config, "workerinput"):
        # A CI timeout or cancel sends SIGTERM: end like Ctrl-C, so the session still finishes,
        # stops the target and keeps what it gathered (marked interrupted).
        _SIGNALLED.clear()
        config.stash[PREVIOUS_SIGTERM] = signal.signal(signal.SIGTERM, _interrupt)
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
    collector = ResultsCollector(config, settings.run_dir / "results",
                                 (f.id for f in contract.families), SUITES)
    config.stash[RESULTS] = collector
    config.pluginmanager.register(collector, "cutover-results")
    breaker = OutageBreaker(lambda: config.stash.get(STARTED, None))
    config.stash[OUTAGE] = breaker
    config.pluginmanager.register(breaker, "cutover-outage")
    ci_output.register(config)  # GitHub annotations, only under GITHUB_ACTIONS=true
    gate_cost.register(config)  # what the snapshot-reading guards cost, printed at the end
    config.pluginmanager.register(entry_groups, "cutover-entry-groups")  # xdist loadgroup
    try:
        config.stash[BROWSER] = browser_choice.resolve()
    except browser_choice.NoBrowserError as exc:
        config.stash[BROWSER] = f"none ({exc})"
    for engine in config.getoption("browser", default=None) or []:
        if engine != "chromium" and not browser_choice.engine_installed(engine):
            raise pytest.UsageError(
                f"--browser {engine}: Playwright's {engine} is not installed here (run "
                f"`python -m playwright install {engine}`); Chromium is the provisioned browser")
    # Last, once the run is known to be valid: its own folder, and JUnit, Allure and
    # Playwright's output placed there unless the user named them (allure-pytest and junitxml
    # read their options after this tryfirst hook).
    open_run_folder(config, settings)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: object) -> None:
    """xdist: every worker writes into the controller's run folder."""
    workerinput = getattr(node, "workerinput", None)
    config = getattr(node, "config", None)
    if isinstance(workerinput, dict) and config is not None and SETTINGS in config.stash:
        workerinput["cutover_run_id"] = config.stash[SETTINGS].run_id


def _role(contract: Contract, settings: RunSettings) -> Role:
    if settings.role:
        try:
            return contract.role(settings.role)
        except KeyError:
            known = ", ".join(r.id for r in contract.roles)
            raise pytest.UsageError(f"--role {settings.role}: not in the contract ({known})") \
                from None
    return contract.default_role


# The stop signals this process received. Raised inside a Playwright call, the KeyboardInterrupt
# can be swallowed (it surfaces as a closed-target error in that test), so the run also stops
# after the current test and is judged interrupted from this, not from the exit code.
_SIGNALLED: list[str] = []


def _interrupt(signum: int, frame: object) -> None:
    name = signal.Signals(signum).name
    _SIGNALLED.append(name)
    raise KeyboardInterrupt(f"signal {name}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if SETTINGS in config.stash and CONTRACT in config.stash:
        started = config.stash.get(STARTED, None)
        scrub_outputs(config, config.stash[SETTINGS], config.stash[CONTRACT],
                      started.target.secrets if started else [])
    previous = config.stash.get(PREVIOUS_SIGTERM, None)
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS]
    base_url = config.getoption("base_url", default=None)
    shown_target = chosen_kind(settings.target, base_url, settings.target_explicit)
    if shown_target == "reference" and not base_url:
        where = "auto-started on a free loopback port"
        if settings.faults:
            where += f", faults: {', '.join(settings.faults)}"
    else:
        where = without_userinfo(base_url) if base_url else "(from the target profile)"
    chosen = config.stash[BROWSER]
    shown = chosen if isinstance(chosen, str) else chosen.describe()
    return [
        f"cutover target: {shown_target}, base URL: {where}",
        f"cutover contract: {settings.contracts}, role: {config.stash[ROLE].id}",
        f"cutover browser: {shown}",
        *output_lines(config),
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
    if getattr(config.option, "allure_report_dir", None):  # labels only for a recording
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
    config = session.config
    check_before_browsers(session, config.stash[SETTINGS], config.stash[CONTRACT],
                          config.stash[ROLE])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """A test during which a role's session expired fails as that, never as findings about
    the login page; the role logs in again once for the tests that follow."""
    states = item.config.stash.get(ROLE_STATES, None)
    since = len(states.expiries) if states is not None else 0
    try:
        outcome = yield
    except (pytest.skip.Exception, pytest.exit.Exception):
        raise
    except BaseException as exc:
        _raise_if_session_expired(item, since, exc)
        raise
    _raise_if_session_expired(item, since, None)
    return outcome


def _raise_if_session_expired(item: pytest.Item, since: int, exc: BaseException | None) -> None:
    states = item.config.stash.get(ROLE_STATES, None)
    if states is None:
        return
    watch = item.config.stash.setdefault(EXPIRY_WATCH, ExpiryWatch())
    renewed = {}
    if len(states.expiries) > since:
        browser = item.config.stash.get(LIVE_BROWSER, None)
        for role in {e.role for e in states.expiries[since:]}:
            renewed[role] = (states.reauthenticate(role, browser) if browser is not None
                             else "no browser to log in again with")
    message = watch.verdict(item, states, since, renewed)
    if message is not None:
        raise SessionExpiredError(message) from exc


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    """When the run began executing tests: only such a run can complete (and become latest);
    --collect-only, an empty selection and xdist workers never set it. An xdist controller
    collects nothing itself: its workers' tests are the run's (an empty selection there ends
    with exit 5, which is not complete)."""
    config = session.config
    make_children_indexed(config)  # Allure's bookkeeping stays O(1) a test (xdist workers too)
    if config.getoption("collectonly") or hasattr(config, "workerinput"):
        return
    if not session.items and not config.pluginmanager.hasplugin("dsession"):
        return
    config.stash[RUN_STARTED] = time.time()


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
    elif config.pluginmanager.hasplugin("dsession"):  # xdist: the workers did the navigating
        collector = config.stash[RESULTS]
        merged = NavigationCounter.merged(collector.files())
        lines = merged.summary_lines() + lines if merged.counts.total() else lines
    lines += shards.summary_lines(config)
    lines += gate_cost.summary_lines(config)
    if not lines:
        return
    terminalreporter.section("cutover")
    for line in lines:
        terminalreporter.write_line(line)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if _SIGNALLED:
        item.session.shouldstop = f"signal {_SIGNALLED[0]}"
    if call.when == "setup":
        show_contract_parameters(item)
    if not (report.failed and call.when == "call"):
        return report
    started = item.config.stash.get(STARTED, None)
    tail = started.process.log_tail() if started and started.process else ""
    if tail:
        report.sections.append(("reference target log (tail)", tail))
    folder = item.config.stash[SETTINGS].run_dir / "artifacts"
    exc = call.excinfo.value if call.excinfo is not None else None
    findings = exc.findings if isinstance(exc, FindingsError) else []
    shot = failure_screenshot(item, folder) or snapshot_screenshot(item, folder, findings)
    trace = trace_path(item)
    named = [("screenshot", shot)] if shot is not None else []
    named += [("trace", trace)] if trace is not None else []
    for _, path in named:
        report.user_properties.append(("artifact", str(path)))
    if isinstance(exc, FindingsError):
        # The finding is the failure: no traceback through the check, no contract reprs.
        report.longrepr = failure_text(findings, exc.why,
                                       [(kind, str(path)) for kind, path in named])
    if named:
        report.sections.append(("Captured stdout artifacts",
                                junit_attachments([path for _, path in named])))
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
        outage = config.stash[OUTAGE].annotate(list(collector.results.values()))
        collector.write(worker or "main", settings.shard, {
            **({"outage": outage} if outage else {}),
            "contracts": str(settings.contracts), "target": settings.target,
            "faults": list(settings.faults), "role": config.stash[ROLE].id,
            "navigations": dict(counter.counts),
            "routes_snapshotted": len(counter.routes_snapshotted),
            "snapshotted_route_ids": sorted(counter.routes_snapshotted),  # merged summaries
            "blocked_mutations": guard.blocked,
            "markexpr": config.getoption("markexpr", default="") or "",
            "interrupted": exitstatus == pytest.ExitCode.INTERRUPTED or bool(_SIGNALLED),
            "run_id": settings.run_id,
            **shards.facts(config, collector.results.values()),
            **_run_facts(config, settings),
        })
    folder = config.stash.get(RUN_FOLDER, None)
    if worker is not None or folder is None:
        return
    # Complete: every selected test ran (pass or fail), or an outage stopped the run, which
    # readiness then reports as INCOMPLETE. Anything else (Ctrl-C, SIGTERM, a usage error, an
    # empty selection or a target that never came up) is partial: it stays in its own folder,
    # marked interrupted, and never becomes latest.
    complete = config.stash.get(RUN_STARTED, None) is not None and not _SIGNALLED and (
        exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)
        or config.stash[OUTAGE].since is not None)
    lines = _write_readiness(config, settings, collector) if complete and settings.readiness \
        else []
    lines += finish_run_folder(config, settings, folder, complete, int(exitstatus))
    if not complete:
        how = "interrupted" if exitstatus == pytest.ExitCode.INTERRUPTED or _SIGNALLED else \
            f"stopped early (exit {int(exitstatus)})"
        lines.insert(0, f"{how}: partial results kept in {folder}, marked interrupted; "
                        f"{settings.results_dir / 'latest'} still points at the previous "
                        "complete run")
    config.stash[READINESS_LINES] = lines


def _run_facts(config: pytest.Config, settings: RunSettings) -> dict[str, object]:
    """What the dashboard's run metadata shows: when, which commit, base URL (no userinfo),
    browser, and a digest of the contract the results were judged against."""
    from harness.reports.run_meta import contract_digest, git_commit, now_utc

    started = config.stash.get(STARTED, None)
    chosen = config.stash.get(BROWSER, None)
    roles = {r.subject for r in config.stash[RESULTS].results.values()
             if r.subject_kind == "role" and r.outcome != "skipped" and r.subject}
    return {
        "roles_run": sorted({config.stash[ROLE].id, *roles}),
        "finished": now_utc(), "commit": git_commit(config.rootpath),
        "contracts_digest": contract_digest(settings.contracts),
        "base_url": without_userinfo(started.target.base_url) if started else None,
        "browser": chosen if isinstance(chosen, str) or chosen is None else chosen.describe(),
    }


def _write_readiness(config: pytest.Config, settings: RunSettings,
                     collector: ResultsCollector) -> list[str]:
    """This run's readiness, into its folder: its own results, plus those of the latest
    complete v1compat run against the same target and contract when it ran none itself."""
    from harness.reports.readiness.command import build, write_reports
    from harness.reports.readiness.history import HistoryError
    from harness.reports.readiness.render_text import summary_table
    from harness.reports.results import MergeError

    if not collector.files():
        return []
    runs = readiness_runs(config, settings)
    files = [f for run in runs for f in run.result_files()]
    # A whole run (not one shard of it) is a point in the readiness history.
    history = settings.results_dir / "history" if settings.shard is None else None
    try:
        readiness = build(config.stash[CONTRACT], files, history, runs)
    except (HistoryError, MergeError) as exc:
        return [f"readiness not written: {exc}"]
    written = write_reports(readiness, settings.run_dir, ["json", "md", "html"])
    ci_output.append_step_summary(readiness)  # only under GITHUB_ACTIONS=true
    read = [f"readiness read runs: {readiness.meta['runs_read']}"] if len(runs) > 1 else []
    return [*summary_table(readiness), *read, *(f"wrote {p}" for p in written)]


def _keep_shard(config: pytest.Config, items: list[pytest.Item], shard: tuple[int, int]) -> None:
    index, count = shard
    source = config.stash[SETTINGS].shard_durations
    try:
        durations = shards.load_durations(source) if source else None
    except shards.DurationsError as exc:
        raise pytest.UsageError(str(exc)) from None
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(entry_group(item), []).append(item.nodeid)
    planned = shards.plan(groups, count, durations)
    config.stash[shards.PLAN] = planned
    keep = [i for i in items if planned.assignment[entry_group(i)] == index - 1]
    drop = [i for i in items if planned.assignment[entry_group(i)] != index - 1]
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


def _check_base_url(url: str | None) -> None:
    """A malformed base URL is a usage error up front, not one error per test."""
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise pytest.UsageError(f"--base-url {without_userinfo(url)!r}: not an http(s) URL with "
                                "a host (from --base-url, PYTEST_BASE_URL or base_url in ini)")


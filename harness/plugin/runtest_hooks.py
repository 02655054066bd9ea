"""Per test: when the run began executing, a session that expired during a test, and a failure's
report (the finding as the failure text, its screenshot and trace)."""

from __future__ import annotations

import time
from collections.abc import Generator

import pytest

from harness.checks.findings import FindingsError, failure_text
from harness.plugin.allure_labels import show_contract_parameters
from harness.plugin.allure_speed import make_children_indexed
from harness.plugin.artifacts import (
    failure_screenshot,
    junit_attachments,
    snapshot_screenshot,
    trace_path,
)
from harness.plugin.judgements import failed_on
from harness.plugin.role_auth import SessionExpiredError
from harness.plugin.stash import RUN


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """A test during which a role's session expired fails as that, never as findings about
    the login page; the role logs in again once for the tests that follow."""
    states = item.config.stash[RUN].role_states_if_built
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
    run = item.config.stash[RUN]
    states = run.role_states_if_built
    if states is None:
        return
    renewed = {role: run.log_in_again(role)
               for role in {e.role for e in states.expiries[since:]}}
    message = run.expiry_watch.verdict(item, states, since, renewed)
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
    config.stash[RUN].began = time.time()


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    run = item.config.stash[RUN]
    signalled = run.signalled
    if signalled:
        item.session.shouldstop = f"signal {signalled[0]}"
    if call.when == "setup":
        show_contract_parameters(item)
    if not (report.failed and call.when == "call"):
        return report
    started = run.started
    tail = started.process.log_tail() if started and started.process else ""
    if tail:
        report.sections.append(("reference target log (tail)", tail))
    folder = run.settings.run_dir / "artifacts"
    exc = call.excinfo.value if call.excinfo is not None else None
    findings = failed_on(item, exc)
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

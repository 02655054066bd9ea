"""Readiness on a client-rendered product, proven on one family (compute: a list whose cards are
its rows, the detail its ids come from, a launch page) of the reference target:

- `late-render`: the list's rows arrive from a same-origin fetch 0.6-1.5 s after load; the suite
  waits for them, so every test has the outcome it has against the healthy target.
- `never-renders`: the fetch never answers; exactly the gates that read the rows fail, with
  "not rendered within N ms", never passing on the empty list.
- `first-run-dialog`: a dialog over every page until dismissed; the contract's setup step
  dismisses it (proven in the same run as `late-render`), and without the step the clicks it
  covers fail."""

from __future__ import annotations

import shutil

import pytest

from contracts import BUNDLED_CONTRACT
from tests.integration.expectations import READINESS
from tests.integration.suite_runner import SuiteRun, run_suite

pytestmark = pytest.mark.long_run(90)

FAMILY = ["suites", "-m", "compute and not v1compat"]


def _outcomes(run: SuiteRun) -> dict[str, str]:
    return {test: row["outcome"] for test, row in run.results.items()}


def _fails_exactly(run: SuiteRun, expected: dict[str, str]) -> None:
    """Exactly the expected tests failed, each with its message fragment."""
    assert run.failed == set(expected), (
        f"unexpected: {sorted(run.failed - set(expected))}, "
        f"missed: {sorted(set(expected) - run.failed)}\n" + run.output[-3000:])
    for test, fragment in expected.items():
        message = "\n".join(run.results[test]["messages"])
        assert fragment in message, f"{test}: {fragment!r} not in {message!r}"


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    run = run_suite(tmp_path_factory.mktemp("healthy"), FAMILY)
    assert run.results and run.returncode == 0, run.output[-3000:]
    return run


def test_late_rows_under_a_first_run_dialog_change_no_outcome(healthy, tmp_path):
    # One run, both faults: the rows come late and a dialog covers every page until the
    # contract's setup step dismisses it; every test has its healthy outcome.
    late = run_suite(tmp_path, FAMILY, ("late-render", "first-run-dialog"))
    assert _outcomes(late) == _outcomes(healthy), late.output[-3000:]
    # the rows really came late: the list's snapshot is what the row-links gate judged
    assert late.results["test_row_links[compute.catalog]"]["outcome"] == "passed"


def test_rows_that_never_render_fail_exactly_the_gates_that_read_them(healthy, tmp_path):
    never = run_suite(tmp_path, FAMILY, ("never-renders",))
    _fails_exactly(never, READINESS["never-renders"])
    assert set(_outcomes(never)) == set(_outcomes(healthy))


def test_without_the_setup_step_the_dialog_fails_the_clicks(tmp_path):
    contract = tmp_path / "contract"
    shutil.copytree(BUNDLED_CONTRACT, contract)
    settings = contract / "settings.yaml"
    text = settings.read_text()
    settings.write_text(text[:text.index("\nsetup:")] + "\n")
    (tmp_path / "run").mkdir()
    covered = run_suite(tmp_path / "run", FAMILY, ("first-run-dialog",),
                        extra=(f"--contracts={contract}",))
    _fails_exactly(covered, READINESS["first-run-dialog"])

"""The soak: flakes are found by comparing runs, and a short real soak (one family, twice, with
latency jitter) finds none."""

from __future__ import annotations

import re

import pytest

from harness.reports.results import ResultRow
from harness.soak import Run, flakes, report, soak_command

pytestmark = pytest.mark.long_run(60)


def _run(index: int, **outcomes: str) -> Run:
    rows = {node: ResultRow(nodeid=node, test=node, subject=None, subject_kind=None, check=None,
                            gate=None, suite=None, family=None, outcome=outcome,
                            messages=[f"{node} {outcome}"])
            for node, outcome in outcomes.items()}
    return Run(index, 1.0, 0, rows)


def test_a_test_whose_outcome_differs_is_a_flake_with_messages_side_by_side():
    runs = [_run(1, a="passed", b="passed"), _run(2, a="failed", b="passed"), _run(3, b="passed")]
    found = flakes(runs)
    assert list(found) == ["a"]
    assert found["a"] == [(1, "passed", "a passed"), (2, "failed", "a failed"), (3, "not run", "")]
    lines = report(runs, found)
    assert "1 flaky test(s):" in lines and "    run 2: failed -- a failed" in lines


def test_identical_runs_have_no_flakes():
    runs = [_run(1, a="passed", b="skipped"), _run(2, a="passed", b="skipped")]
    assert flakes(runs) == {}
    assert report(runs, {})[-1].startswith("no flakes")


def test_short_soak_with_jitter_finds_no_flake(capsys):
    code = soak_command(["--runs", "2", "--latency", "0-150", "--",
                         "-m", "navigation and storage", "suites/navigation"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "no flakes" in out


def test_short_soak_through_the_kind_path_finds_no_flake(capsys):
    """`--target kind`: the login-mode stand-in with the jitter, `cutover auth --target kind`
    once, every run on the saved states."""
    code = soak_command(["--runs", "2", "--latency", "0-150", "--target", "kind", "--",
                         "suites/navigation/test_roles.py", "-k", "landing"])  # every role
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"run 2/2 done: [1-9]\d* tests, exit 0", out) and "no flakes" in out

"""The other half of the fault matrix: every test a fault must fail passes against the healthy
target, so a failure in test_fault_matrix.py is the fault's doing. A module of its own, so the
two suite runs go to two workers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.integration.expectations import EXPECTED
from tests.integration.suite_runner import ROOT, run_suite

pytestmark = pytest.mark.long_run(60)


def _nodeids(keys: set[str]) -> list[str]:
    """The suite's node ids of `keys` ("test_fn[subject]"), from a collection without a run."""
    done = subprocess.run([sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "suites",
                           "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    found = {line.rpartition("::")[2]: line for line in done.stdout.splitlines() if "::" in line}
    assert keys <= set(found), f"not collected: {sorted(keys - set(found))}"
    return sorted(found[k] for k in keys)


def test_expected_tests_pass_against_the_healthy_target(tmp_path):
    run = run_suite(tmp_path, _nodeids(set(EXPECTED)))
    assert run.returncode == 0, run.output[-3000:]
    assert set(run.outcomes("passed")) == set(EXPECTED)

"""The shipped GitHub job, executed by `cutover ci-local` in a fresh copy of this checkout: its
install, password, deploy, login, evidence, suite and gate steps run as written (kind, docker and
kubectl on the loopback stand-in). The short form `make test` can afford: one family's default
run (PYTEST_ADDOPTS, which the job's commands pass through untouched) against a deployment with
one named fault. A step that breaks fails here at that step. The whole workflow, healthy (READY,
then the promote job) and faulted, is `make ci-local` (timed in the README); here the e2e job
runs alone (`--job e2e`): the promote job's own install would double this test's time, and
tests/ci_local/test_workflow_units.py runs jobs after the jobs they need, with artifacts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.integration.suite_runner import ROOT

pytestmark = pytest.mark.long_run(100)

FAULT, FAMILY = "shell-missing", "notifications"  # the fault drops the shell from that family


@pytest.fixture(scope="module")
def faulted_job(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ci-local")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CUTOVER_", "PYTEST_"))}
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "ci-local", "--workspace", str(tmp / "workspace"),
         "--out", str(tmp / "out"), "--job", "e2e", "--fault", FAULT,
         "--env", f"PYTEST_ADDOPTS=-m {FAMILY}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    record = json.loads((tmp / "out" / "ci-local.json").read_text())
    return done, record, tmp


def test_every_step_runs_and_the_job_fails_at_the_gate(faulted_job):
    done, record, _ = faulted_job
    assert done.returncode == 1, done.stdout[-4000:] + done.stderr[-2000:]
    steps = {s["name"]: s for s in record["steps"]}
    ran = [s["name"] for s in record["steps"] if s["how"] == "run"]
    assert len(ran) >= 8, ran  # every run: step of the workflow, none replaced
    for name in ("Install the suite and its browser", "Deploy and wait for readiness",
                 "Log in once per role", "V1 compatibility evidence"):
        assert steps[name]["outcome"] == "success", (name, done.stdout[-4000:])
    suite = steps["Default E2E suite"]
    assert (suite["outcome"], suite["conclusion"]) == ("failure", "success")
    failed = [s["name"] for s in record["steps"] if s["conclusion"] == "failure"]
    assert failed == ["Gate on retirement readiness"], done.stdout[-4000:]
    assert steps["Fail when the suite failed"]["outcome"] == "skipped"


def test_annotations_name_the_contract_line_and_readiness_names_the_route(faulted_job):
    done, record, _ = faulted_job
    assert record["annotations"], done.stdout[-3000:]
    assert all(re.match(r"::error file=contracts/v3/\w+\.yaml,line=\d+,", a)
               for a in record["annotations"]), record["annotations"]
    assert any("notifications.inbox" in a for a in record["annotations"])
    gate = done.stdout[done.stdout.index("Gate on retirement readiness  (run)"):]
    assert "V1 retirement readiness: NOT READY" in gate
    assert "/inbox" in gate or "v1.inbox" in gate  # the legacy route the fault blocks


def test_the_reports_are_uploaded_and_no_password_leaks(faulted_job):
    done, _, tmp = faulted_job
    uploaded = tmp / "out" / "artifacts" / "cutover-reports"
    assert (uploaded / "latest" / "readiness.md").exists() or list(uploaded.glob(
        "runs/*/readiness.md"))
    # The job's passwords are random and masked; none may appear in what it printed.
    assert not re.search(r"PASSWORD[A-Z_]*=[0-9a-f]{32}", done.stdout + done.stderr)
    assert "::add-mask::" not in done.stdout

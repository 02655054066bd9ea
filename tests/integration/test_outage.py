"""An outage is an outage: when the target dies mid-run, the run stops within seconds with
"target unreachable since <time>", the tests that met it are not counted as product failures,
and readiness says INCOMPLETE instead of blaming routes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from harness.reports.readiness.command import readiness_command
from harness.targets.reference_process import ReferenceProcess
from tests.integration.suite_runner import ROOT, run_folder
from tests.integration.test_signals import _wait

STOP_WITHIN_S = 15.0


def test_a_dead_target_stops_the_run_and_readiness_is_incomplete(tmp_path: Path, capsys):
    target = ReferenceProcess(log_path=tmp_path / "target.log")
    url = target.start()
    out = tmp_path / "run.out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUTOVER_")}
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v", "-p", "no:randomly",
         "suites/navigation/test_static_gates.py", "suites/quality/test_gates.py",
         "--target", "reference", f"--base-url={url}", f"--results-dir={tmp_path}",
         "--route-timeout=3000"],
        cwd=ROOT, stdout=out.open("wb"), stderr=subprocess.STDOUT, env=env)
    try:
        _wait(lambda: b"PASSED" in out.read_bytes(), "a first passed test")
        target.stop()
        killed = time.monotonic()
        code = run.wait(timeout=60)
        took = time.monotonic() - killed
    finally:
        target.stop()
        if run.poll() is None:
            run.kill()
    text = out.read_text()
    assert code == 3, text[-3000:]
    assert took <= STOP_WITHIN_S, f"stopped {took:.1f} s after the target died"
    assert "target unreachable since" in text
    folder = run_folder(tmp_path)
    assert folder is not None, text[-3000:]
    [results] = (folder / "results").glob("results-*.json")
    payload = json.loads(results.read_text())
    assert payload["meta"]["outage"]["message"].startswith("target unreachable since")
    outcomes = {r["outcome"] for r in payload["results"]}
    assert "passed" in outcomes and "failed" not in outcomes, outcomes
    assert readiness_command([str(results)]) == 1
    assert "INCOMPLETE" in capsys.readouterr().out

"""A CI timeout or cancel must never leave the reference target running, and a partial run must
never replace a complete one: the suite is signalled mid-run and checked by PID and by file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.process_tree import children_by_parent
from tests.integration.suite_runner import ROOT

pytestmark = pytest.mark.long_run(45)

SELECTION = ["suites/navigation/test_static_gates.py", "-k", "test_route_live", "-p",
             "no:randomly", "-v"]
DEADLINE_S = 60.0


def _wait(condition: Callable[[], bool], what: str, timeout: float = DEADLINE_S) -> None:
    """Poll a condition on other processes, bounded; the suite itself never does this."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    """PIDs of the processes whose parent is `pid`."""
    return children_by_parent().get(pid, [])


def _reference_target_of(pid: int) -> int | None:
    for child in _children(pid):
        try:
            cmdline = (Path("/proc") / str(child) / "cmdline").read_bytes()
        except OSError:
            continue
        if b"reference_target" in cmdline:
            return child
    return None


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(results: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUTOVER_")}
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *SELECTION,
         f"--results-dir={results}", "--readiness"],
        cwd=ROOT, stdout=out.open("wb"), stderr=subprocess.STDOUT, env=env)


def _interrupt_mid_run(results: Path, out: Path, signum: int) -> tuple[int, int]:
    """Start a run, wait until a test has passed, send `signum`; the run's exit code and the
    PID its reference target had."""
    run = _start(results, out)
    try:
        _wait(lambda: _reference_target_of(run.pid) is not None, "the reference target")
        target = _reference_target_of(run.pid)
        assert target is not None
        _wait(lambda: b"PASSED" in out.read_bytes(), "a first passed test")
        run.send_signal(signum)
        code = run.wait(timeout=DEADLINE_S)
    finally:
        if run.poll() is None:
            run.kill()
    return code, target


@pytest.fixture(scope="module")
def complete_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    results = tmp_path_factory.mktemp("runs")
    out = results / "complete.out"
    done = _start(results, out).wait(timeout=300)
    assert done == 0, out.read_text()[-2000:]
    return results


def test_sigterm_stops_the_target_and_keeps_the_complete_report(complete_run: Path) -> None:
    latest = complete_run / "latest"
    complete = latest.resolve()
    before = (latest / "readiness.json").read_text()
    out = complete_run / "term.out"
    code, target = _interrupt_mid_run(complete_run, out, signal.SIGTERM)
    assert code == pytest.ExitCode.INTERRUPTED, out.read_text()[-2000:]
    _wait(lambda: not _alive(target), f"reference target {target} to stop", timeout=10)
    # latest still names the complete run, whose report is untouched; the partial run keeps
    # what it gathered in its own folder, marked interrupted.
    assert latest.resolve() == complete
    assert (latest / "readiness.json").read_text() == before
    [partial] = [p for p in (complete_run / "runs").iterdir() if p != complete]
    assert json.loads((partial / "run.json").read_text())["state"] == "interrupted"
    [results] = (partial / "results").glob("results-*.json")
    assert json.loads(results.read_text())["meta"]["interrupted"] is True
    assert not (partial / "readiness.json").exists()
    assert "Traceback" not in out.read_text()


def test_sigkill_of_the_suite_still_stops_the_target(tmp_path: Path) -> None:
    code, target = _interrupt_mid_run(tmp_path, tmp_path / "kill.out", signal.SIGKILL)
    assert code == -signal.SIGKILL
    _wait(lambda: not _alive(target), f"reference target {target} to stop", timeout=10)


def test_ctrl_c_ends_in_a_few_lines(tmp_path: Path) -> None:
    out = tmp_path / "int.out"
    code, target = _interrupt_mid_run(tmp_path, out, signal.SIGINT)
    assert code == pytest.ExitCode.INTERRUPTED
    _wait(lambda: not _alive(target), f"reference target {target} to stop", timeout=10)
    text = out.read_text()
    tail = text[text.index("KeyboardInterrupt"):] if "KeyboardInterrupt" in text else text
    assert "Traceback" not in text and len(tail.splitlines()) <= 12, tail

"""A real run with a static-gate fault: the failure is the finding (no traceback, no contract
reprs), its screenshot is taken, named in the terminal and attached in JUnit the way CI servers
read it, and linked from the dashboard."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.integration.suite_runner import SuiteRun, run_suite
from tests.reports.test_dashboard import unresolved_links

FAILING = "test_shell_containment[notifications.inbox]"


@pytest.fixture(scope="module")
def faulted(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    tmp = tmp_path_factory.mktemp("shell-missing")
    return run_suite(tmp, ["suites/navigation/test_static_gates.py", "-k", "notifications",
                           "--readiness", f"--junitxml={tmp / 'junit.xml'}"], ("shell-missing",))


def _screenshot(run: SuiteRun) -> Path:
    shots = [Path(a) for a in run.results[FAILING]["artifacts"] if a.endswith(".png")]
    assert len(shots) == 1, run.results[FAILING]
    return shots[0]


def test_the_failure_is_the_finding(faulted):
    assert faulted.returncode == 1 and faulted.failed == {
        FAILING, "test_shell_containment[notifications.settings]"}
    out = faulted.output
    block = out[out.index(f"_ {FAILING} _"):out.index("_ test_shell_containment[notifications"
                                                      ".settings] _")]
    assert "Traceback" not in out and "Route(" not in out and "Contract(" not in out
    assert re.search(r"contract: contracts/v3/routes\.yaml:\d+", block)
    for fact in ("url:      http://127.0.0.1:", "/notifications", "expected: the global shell",
                 "found:    no global shell", "why:      "):
        assert fact in block
    assert f"screenshot: {_screenshot(faulted)}" in block
    assert len(block.splitlines()) < 15


def test_static_gate_failure_has_a_screenshot_of_its_page(faulted):
    shot = _screenshot(faulted)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 1000
    passing = [r for r in faulted.results.values() if r["outcome"] == "passed"]
    assert passing and not any(r["artifacts"] for r in passing)  # pictures only of failures


def test_junit_attaches_the_screenshot(faulted):
    tree = ET.parse(faulted.results_dir / "junit.xml")
    case = next(c for c in tree.iter("testcase") if c.get("name") == FAILING)
    system_out = "".join(e.text or "" for e in case.iter("system-out"))
    assert f"[[ATTACHMENT|{_screenshot(faulted).resolve()}]]" in system_out
    passed = [c for c in tree.iter("testcase") if not list(c)]
    assert passed  # passing tests carry no system-out


def test_dashboard_links_the_screenshot(faulted):
    assert faulted.run_dir is not None, faulted.output[-2000:]
    html = faulted.run_dir / "readiness.html"
    assert unresolved_links(html) == []
    assert f'src="artifacts/{_screenshot(faulted).name}"' in html.read_text()

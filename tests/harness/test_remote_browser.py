"""--browser-endpoint: the suite drives a browser on a Playwright server (`playwright
run-server` on loopback here, launching the provisioned Chromium by its camelCase
`executablePath`); an unreachable endpoint is one line and exit code 3."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SELECTION = ["suites/navigation/test_static_gates.py", "-k", "route_live and shell"]


@pytest.fixture(scope="module")
def playwright_server() -> Iterator[str]:
    # --unsafe: the client may choose the executable (our provisioned Chromium) and its args.
    server = subprocess.Popen([sys.executable, "-m", "playwright", "run-server", "--port", "0",
                               "--host", "127.0.0.1", "--unsafe"], stdout=subprocess.PIPE,
                              text=True, start_new_session=True)
    assert server.stdout is not None
    line = server.stdout.readline()  # "Listening on ws://127.0.0.1:PORT/" once it listens
    found = re.search(r"ws://\S+", line)
    try:
        if found is None:
            pytest.fail(f"playwright run-server did not start: {line!r}")
        yield found.group(0)
    finally:
        # `python -m playwright` runs the Node driver as its child: stop the whole group.
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def _suite(tmp_path: Path, endpoint: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", *SELECTION, "-q",
         f"--browser-endpoint={endpoint}", f"--results-dir={tmp_path}", "--route-timeout=5000"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_suite_runs_on_a_playwright_server(playwright_server: str, tmp_path: Path) -> None:
    done = _suite(tmp_path, playwright_server)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout and "browser navigations: 3" in done.stdout


def test_unreachable_endpoint_is_one_line_and_exit_3(tmp_path: Path) -> None:
    done = _suite(tmp_path, "ws://127.0.0.1:9/")  # discard port: nothing listens
    assert done.returncode == 3, done.stdout[-2000:]
    out = done.stdout + done.stderr
    assert "--browser-endpoint ws://127.0.0.1:9/: could not connect" in out
    assert "Traceback" not in out

"""Start an example app (examples/<app>/start.sh) on a free loopback port and run the unchanged
default suite against it with the example's contract, in a child pytest."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from harness.reports.results import load_results

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# The first start installs the app into a cache dir (pip); later starts take seconds.
START_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RunningExample:
    url: str
    env: dict[str, str]  # the app's login variables, which the suite reads too


@contextmanager
def started(app: str, log: Path, faults: str = "",
            credentials: tuple[str, str] | None = None) -> Iterator[RunningExample]:
    """`examples/<app>/start.sh` with a fresh throwaway password in `credentials`' variables."""
    port = free_port()
    env = {"PORT": str(port), "EXAMPLE_FAULTS": faults}
    if credentials:
        env[credentials[0]] = "reader"
        env[credentials[1]] = secrets.token_urlsafe(12)
    with log.open("w") as out:
        proc = subprocess.Popen([str(EXAMPLES / app / "start.sh")], env={**os.environ, **env},
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log)
        yield RunningExample(url, env)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"example exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url + "/", timeout=2)  # loopback only
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer (403 before login) means it is serving
        except OSError:
            time.sleep(0.25)  # polling a port that is not open yet; bounded by the deadline
    raise RuntimeError(f"example did not answer within {START_TIMEOUT_S} s: "
                       f"{log.read_text()[-2000:]}")


@dataclass
class SuiteRun:
    returncode: int
    output: str
    rows: dict[str, dict[str, object]]  # "test[subject]" -> result row

    def failed(self) -> set[str]:
        return {k for k, r in self.rows.items() if r["outcome"] in ("failed", "error")}


def run_default_suite(app: str, running: RunningExample, results: Path,
                      *selection: str) -> SuiteRun:
    cmd = [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "suites",
           f"--contracts=examples/{app}/contract", "--target=url", f"--base-url={running.url}",
           f"--results-dir={results}", "--route-timeout=5000", "-q", "-p", "no:cacheprovider",
           *selection]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **running.env}, check=False)
    files = sorted(results.glob("runs/*/results/results-*.json"))  # this run's folder
    rows = [asdict(r) for r in load_results(files)[0]] if files else []
    keyed = {f"{r['test']}[{r['subject']}]" if r.get("subject") else r["test"]: r for r in rows}
    return SuiteRun(done.returncode, done.stdout + done.stderr, keyed)

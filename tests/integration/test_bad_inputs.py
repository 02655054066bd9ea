"""Every command, every bad input: one clear line, the usage exit code, never a traceback.
"Not ready" is only ever a verdict, never the answer to bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.suite_runner import ROOT

CUTOVER = [sys.executable, "-m", "harness.cli"]
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
          "suites/navigation/test_roles.py"]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    (d / "wrong-shape.json").write_text(json.dumps({"schema": "cutover-results/1",
                                                    "results": {"a": 1}}))
    (d / "not-results.json").write_text("[1, 2]")
    (d / "garbage.json").write_text("{not json")
    # A contract whose accessibility baseline a run would read: the run must not start.
    shutil.copytree(ROOT / "contracts" / "v3", d / "bad-baseline")
    (d / "bad-baseline" / "a11y-baseline.yaml").write_text("routes:\n  nope: [{rule: x}]\n")
    return d


CASES = [
    # (name, argv, expected exit code, text the one line must contain)
    ("readiness: wrong shape", [*CUTOVER, "readiness", "{d}/wrong-shape.json"], 2, "wrong shape"),
    ("readiness: not results", [*CUTOVER, "readiness", "{d}/not-results.json"], 2,
     "not a cutover-results/1 file"),
    ("readiness: garbage", [*CUTOVER, "readiness", "{d}/garbage.json"], 2, "not a results file"),
    ("readiness: missing file", [*CUTOVER, "readiness", "{d}/none.json"], 2, "none.json"),
    ("readiness: no runs yet", [*CUTOVER, "readiness", "--results-dir", "{d}/empty"], 2,
     "no complete run"),
    ("readiness: no such run", [*CUTOVER, "readiness", "--results-dir", "{d}", "--run", "nosuch"],
     2, "--run nosuch: no such run"),
    ("serve: port out of range", [*CUTOVER, "serve", "--port", "99999"], 2, "0 to 65535"),
    ("serve: unknown fault", [*CUTOVER, "serve", "--fault", "nosuch"], 2, "nosuch"),
    ("serve: latency backwards", [*CUTOVER, "serve", "--latency", "5-1"], 2, "MIN <= MAX"),
    ("lint: no such directory", [*CUTOVER, "lint", "{d}/nowhere"], 2, "not found"),
    ("cutover: unknown command", [*CUTOVER, "nosuch"], 2, "unknown command"),
    ("pytest: unknown role", [*PYTEST, "--role", "nosuch"], 4, "--role nosuch"),
    ("pytest: zero timeout", [*PYTEST, "--route-timeout", "0"], 4, "--route-timeout"),
    ("pytest: negative timeout", [*PYTEST, "--route-timeout", "-5"], 4, "--route-timeout"),
    ("pytest: latency backwards", [*PYTEST, "--latency", "5-1"], 4, "--latency"),
    ("pytest: base URL not a URL", [*PYTEST, "--base-url", "notaurl"], 4, "--base-url"),
    ("pytest: unknown fault", [*PYTEST, "--fault", "nosuch"], 4, "unknown fault(s): nosuch"),
    ("pytest: bad shard", [*PYTEST, "--shard", "5/2"], 4, "--shard"),
    ("pytest: keep no runs", [*PYTEST, "--keep-runs", "0"], 4, "--keep-runs"),
    ("pytest: unknown target", [*PYTEST, "--target", "nosuch"], 4, "--target"),
    ("pytest: broken a11y baseline", [*PYTEST, "--contracts", "{d}/bad-baseline"], 2,
     "a11y-baseline.yaml:2: routes.nope: unknown route 'nope'"),
]


@pytest.mark.parametrize(("argv", "code", "says"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_a_usage_error(files: Path, argv: list[str], code: int,
                                                   says: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUTOVER_")}
    env["CUTOVER_RESULTS_DIR"] = str(files / "reports")  # a stopped run's folder: not ours
    done = subprocess.run([a.format(d=files) for a in argv], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == code, output[-2000:]
    assert "Traceback" not in output and "INTERNALERROR" not in output, output[-2000:]
    assert says in output, output[-2000:]

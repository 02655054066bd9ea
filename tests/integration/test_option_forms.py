"""Every cutover option works in both of the forms users type (`--opt value` and `--opt=value`),
and hook calls that go through pytest's path-filtered hook proxy (a conftest that applies to some
collected paths only) do not crash. The shipped CI command once died with `INTERNALERROR ...
unhashable type: 'OutageBreaker'`: with `--target kind`, pytest's early parse took `kind` for a
path, loaded tests/conftest.py as an initial conftest, and pluggy then put every registered plugin
in a set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.plugin.options import OPTIONS
from harness.reports.results import SCHEMA
from tests.integration.suite_runner import ROOT

pytestmark = pytest.mark.long_run(20)

PROBE = ["-p", "tests.integration.plugin_probe"]


def _values(tmp: Path) -> dict[str, str]:
    """A harmless value for every cutover option that takes one."""
    durations = tmp / "previous-results.json"
    durations.write_text(json.dumps({"schema": SCHEMA, "meta": {}, "results": []}))
    return {
        "--target": "reference",
        "--contracts": "contracts/v3",
        "--role": "platform_admin",
        "--fault": "missing-back-link",
        "--latency": "0",
        "--scale": "12",
        "--route-timeout": "5000",
        "--results-dir": str(tmp / "reports"),
        "--keep-runs": "5",
        "--auth-dir": str(tmp / "auth"),
        "--shard": "1/1",
        "--shard-durations": str(durations),
        "--browser-endpoint": "ws://127.0.0.1:9/never-dialled-by-collect-only",
    }


def _run(tmp: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    out = tmp / "probe.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUTOVER_")}
    env["CUTOVER_PROBE_OUT"] = str(out)
    done = subprocess.run([sys.executable, "-m", "pytest", *PROBE, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert "INTERNALERROR" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert out.exists(), done.stdout + done.stderr
    return done, json.loads(out.read_text())


def test_every_value_option_is_known_to_pytests_early_parse(tmp_path):
    values = _values(tmp_path)
    takes_value = {o.flag for o in OPTIONS if not o.is_flag}
    assert set(values) == takes_value, "give the new option a value here"
    spaced = [part for flag, value in values.items() for part in (flag, value)]
    done, probe = _run(tmp_path, "--collect-only", "-q", *spaced)
    assert done.returncode == 0, done.stdout + done.stderr
    # Only the root conftest: no value was taken for a path (which makes pytest load the
    # invocation dir's test*/ conftests, tests/conftest.py among them).
    assert probe["conftests"] == [str(ROOT / "conftest.py")], probe
    assert probe["unhashable"] == [], probe


def test_a_run_through_the_path_filtered_hook_proxy(tmp_path):
    """A conftest that applies to some collected paths only: every hook call on the suites'
    items goes through pytest's FSHookProxy, whose pluggy subset puts every plugin in a set."""
    extra = tmp_path / "elsewhere"
    extra.mkdir()
    (extra / "conftest.py").write_text('"""applies to this folder only"""\n')
    (extra / "test_elsewhere.py").write_text("def test_elsewhere():\n    pass\n")
    done, probe = _run(
        tmp_path, "-c", "pyproject.toml", "--rootdir", ".", "suites/navigation", str(extra),
        "--target", "reference", "--route-timeout", "5000", "--results-dir",
        str(tmp_path / "reports"), "-m", "shell", "-k", "route_live or elsewhere", "-q")
    assert probe["hook_proxy"] == "FSHookProxy", probe  # the path this test is about was taken
    assert probe["unhashable"] == [], probe
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1], done.stdout[-2000:]

"""The command line: options, fault listing and a real start on a free port."""

import argparse
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from reference_target.cli import main, parse_latency
from reference_target.faults import FAULTS, UnknownFaultError, parse_faults

ROOT = Path(__file__).resolve().parents[2]


def test_list_faults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-faults"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = dict(line.split(" — ", 1) for line in lines)
    assert len(listed) == len(lines), "a fault is listed twice"
    assert listed == FAULTS


def test_unknown_fault_exits_2_listing_known_faults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--fault", "no-such-fault", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "no-such-fault" in err and "missing-back-link" in err


def test_faults_repeat_and_comma_separate() -> None:
    assert parse_faults(["legacy-404,detail-500", "slow-page"]) == {
        "legacy-404", "detail-500", "slow-page"}
    with pytest.raises(UnknownFaultError):
        parse_faults(["legacy-404,bogus"])


def test_latency_option() -> None:
    assert parse_latency("50") == (50, 50)
    assert parse_latency("20-80") == (20, 80)
    for bad in ("80-20", "x", "-5"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_latency(bad)


def test_port_0_prints_the_listening_line_and_serves() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "reference_target", "--port", "0", "--fault",
         "legacy-404,detail-500", "--scale", "3", "--latency", "1-2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        base = line.removeprefix("listening on ")
        assert int(base.rsplit(":", 1)[1]) > 0
        with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
            assert response.read() == b"ok"
        with urllib.request.urlopen(f"{base}/__faults", timeout=5) as response:
            assert b"legacy-404" in response.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0
    assert proc.stdout.read() == "", "exactly one line on stdout"

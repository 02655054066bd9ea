"""Every shell command README.md tells a user to run (its ```sh blocks) runs here as written.
It must exit 0, or with a code its comment documents (`[exit 0|1]`). Where the README shows a
command's first output line (a `#   ...` comment right under it; `...` matches anything, numbers
are free), the output starts with it. A new command in the README is run without a change here.
What cannot be afforded or reached is listed by name in NOT_HERE, with why and with the test that
runs it instead.

How a command runs here, without being rewritten:
- in the checkout, with documented settings in its environment: CUTOVER_RESULTS_DIR and
  CUTOVER_AUTH_DIR (a temporary folder: nothing lands in the checkout's reports/),
  PYTEST_ADDOPTS=SELECTION (a few tests of one family: the full runs are make e2e's and the
  fault matrix's), and the kind job's variables (CUTOVER_KIND_BASE_URL, per-role
  usernames and passwords) pointing at the reference target in login mode on loopback, the
  stand-in for a kind deployment, after `cutover auth --target kind` as the README's CI
  section says;
- the README's placeholders stand for real things: https://v3.example.test for a running app
  behind the V3 contract's login (the same login-mode stand-in), path/to/other/contract for
  another contract directory (a copy of the V3 one), my-contract for a new folder (a temporary
  one);
- a command ending in `&` starts in the background; the next command waits (bounded) until the
  loopback URL it names answers."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.targets.reference_process import ReferenceProcess

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
pytestmark = pytest.mark.long_run(60)

NOT_HERE = {
    "make test": "it is this very run (.ci/run runs it)",
    "make ci-local": "a fresh virtualenv and the whole job (~4 min); "
                     "tests/ci_local/test_shipped_job.py runs the same job, short form",
    "make ci-local FAULT=shell-missing": "as make ci-local; tests/ci_local/test_shipped_job.py "
                                         "runs the job with that fault",
    "make soak": "20 full runs (~1 h); tests/integration/test_soak.py runs a short soak",
    "make soak SOAK_RUNS=5 SOAK_LATENCY=0-800": "5 full runs at high latency (~40 min); "
                                                "tests/integration/test_soak.py runs a short one",
    "make soak SOAK_TARGET=kind": "20 full runs through the kind job's path (~1 h); "
                                  "tests/integration/test_soak.py runs a short one",
    "make bench": "~34 min; tests/bench/test_bench_smoke.py runs every stage at 8 routes",
    "make examples": "installs and runs two third-party apps (~5 min); "
                     "tests/examples/test_datasette_example.py runs one end to end",
    "make report": "Allure 3 through npx (Node.js, and npm on first use); "
                   "tests/reports/test_allure.py checks the results it reads",
}
# A suite run here proves the command runs as written (options, target, login, reports), not
# the suite's coverage (the fault matrix and make e2e's own runs are that): a few tests of one
# family, and the V1-mode test when a command selects -m v1compat itself.
SELECTION = '-m shell -k "route_live or v1_links or v1_mode"'
PLACEHOLDERS = ("https://v3.example.test", "path/to/other/contract", "my-contract")


@dataclass(frozen=True)
class Documented:
    line: int  # in README.md
    command: str
    promise: str | None  # the first output line the README shows
    block: int  # commands of one block run in order, in one place
    exits: tuple[int, ...] = (0,)  # `[exit 0|1]` in its comment: each is a documented ending


def documented() -> list[Documented]:
    found: list[Documented] = []
    lines = README.read_text().splitlines()
    block, inside = 0, False
    for number, raw in enumerate(lines, start=1):
        if raw.strip().startswith("```"):
            inside = not inside and raw.strip().strip("`").strip() in ("sh", "bash", "shell")
            block += inside
            continue
        text = raw.strip()
        if not inside or not text:
            continue
        if text.startswith("#"):
            last = found[-1] if found and found[-1].block == block else None
            if last and last.promise is None and raw.lstrip().startswith("#   ") and \
                    number == last.line + 1:
                found[-1] = Documented(last.line, last.command, text[1:].strip(), block,
                                       last.exits)
            continue
        command, _, comment = (part.strip() for part in re.split(r"\s{2,}(#)", text + "  #",
                                                                   maxsplit=1))
        codes = re.search(r"\[exit ([\d|]+)\]", comment)
        exits = tuple(int(c) for c in codes.group(1).split("|")) if codes else (0,)
        found.append(Documented(number, command, None, block, exits))
    return found


def _matches(promise: str, line: str, values: dict[str, str]) -> bool:
    for placeholder, value in values.items():
        promise = promise.replace(placeholder, value)
    pattern = re.escape(promise).replace(re.escape("..."), ".*")
    pattern = re.sub(r"\d[\d,]*", r"[\\d,]+", pattern.replace(r"\,", ","))
    return re.fullmatch(pattern, line.strip()) is not None


def test_the_readme_shows_commands_and_the_list_of_exceptions_is_current():
    commands = {d.command for d in documented()}
    assert {"make e2e", "make test"} <= commands
    stale = set(NOT_HERE) - commands
    assert not stale, f"NOT_HERE names commands the README no longer shows: {stale}"


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """(environment, placeholder values) for the README's commands; starts the two stand-ins."""
    tmp = tmp_path_factory.mktemp("readme")
    passwords = {role: secrets.token_hex(16) for role in ("USER", "PROJECT_ADMIN",
                                                          "PLATFORM_ADMIN")}
    login = ReferenceProcess(log_path=tmp / "kind.log",
                             login_passwords={r.lower(): p for r, p in passwords.items()})
    kind_url = login.start()
    other = tmp / "other-contract"
    shutil.copytree(ROOT / "contracts" / "v3", other)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CUTOVER_", "PYTEST_"))}
    env.update({"CUTOVER_RESULTS_DIR": str(tmp / "reports"), "CUTOVER_AUTH_DIR": str(tmp / "auth"),
                "PYTEST_ADDOPTS": SELECTION, "CUTOVER_KIND_BASE_URL": kind_url})
    for role, password in passwords.items():
        env[f"CUTOVER_{role}_USERNAME"] = role.lower()
        env[f"CUTOVER_{role}_PASSWORD"] = password
    values = {"https://v3.example.test": kind_url, "path/to/other/contract": str(other),
              "my-contract": str(tmp / "my-contract")}
    try:
        yield env, values
    finally:
        login.stop()


def _blocks() -> dict[int, list[Documented]]:
    out: dict[int, list[Documented]] = {}
    for entry in documented():
        out.setdefault(entry.block, []).append(entry)
    return out


@pytest.mark.parametrize("block", sorted(_blocks()), ids=lambda b: f"block{b}")
def test_documented_commands_run_as_written(block, places):
    env, values = places
    background: list[subprocess.Popen[str]] = []
    try:
        for entry in _blocks()[block]:
            if entry.command in NOT_HERE:
                continue
            command = entry.command
            for placeholder, value in values.items():
                command = command.replace(placeholder, value)
            if "--target kind" in command:
                _run(".venv/bin/cutover auth --target kind", env)
            if command.endswith("&"):
                background.append(subprocess.Popen(
                    ["bash", "-c", f"exec {command[:-1]}"], cwd=ROOT, env=env, text=True,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    start_new_session=True))
                continue
            _wait_for_urls(command)
            done = _run(command, env)
            where = f"README.md:{entry.line}: {entry.command}"
            output = (done.stdout + done.stderr).strip()
            assert done.returncode in entry.exits, (
                f"{where}: exit {done.returncode}\n{output[-3000:]}")
            if entry.promise is not None:
                first = next((ln for ln in done.stdout.splitlines() if ln.strip()), "")
                assert _matches(entry.promise, first, values), (
                    f"{where}: README shows {entry.promise!r} first, the command printed "
                    f"{first!r}")
    finally:
        for process in background:
            os.killpg(process.pid, 15)


def _run(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=400, check=False)


def _wait_for_urls(command: str) -> None:
    for url in re.findall(r"http://127\.0\.0\.1:\d+", command):
        deadline = time.monotonic() + 240  # a first start installs the app
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except (urllib.error.URLError, OSError):
                time.sleep(0.25)

"""`cutover soak`: run the default suite several times against the reference target with
latency jitter and report every test whose outcome differs between runs (a flake), with each
run's messages side by side. Exit 0 when every test behaved the same in every run. `--target
kind` takes the kind job's path instead: its login, saved per-role states and `--target kind`,
against the reference target in login mode on loopback."""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from harness.reports.results import MergeError, ResultRow, load_results
from harness.targets.reference_process import ReferenceProcess

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    index: int
    seconds: float
    exit_code: int
    rows: dict[str, ResultRow]  # node id -> result row


def _run(index: int, workdir: Path, target: list[str], pytest_args: list[str],
         env: dict[str, str] | None = None) -> Run:
    results = workdir / f"run-{index}"
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *target,
         f"--results-dir={results}", *pytest_args],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    # one run per --results-dir, so its one run folder (runs/<id>/), complete or not
    files = sorted(results.glob("runs/*/results/results-*.json"))
    try:
        rows, _meta = load_results(files)
    except MergeError as exc:
        raise SystemExit(f"cutover soak: run {index}: {exc}") from None
    if not rows:
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        raise SystemExit(f"cutover soak: run {index} produced no results: {' / '.join(tail)}")
    return Run(index, time.monotonic() - began, done.returncode,
               {r.nodeid: r for r in rows})


@contextlib.contextmanager
def _kind_standin(tmp: Path, latency: str) -> Iterator[dict[str, str]]:
    """The kind job's side of a run, on loopback: the reference target in login mode with random
    per-role passwords and the jitter, the job's variables, and `cutover auth --target kind`
    once (each run reuses the saved states, as the job's suite step does)."""
    roles = ("user", "project_admin", "platform_admin")
    passwords = {role: secrets.token_hex(16) for role in roles}
    target = ReferenceProcess(log_path=tmp / "kind-standin.log", latency=latency,
                              login_passwords=passwords)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUTOVER_")}
    env.update({"CUTOVER_KIND_BASE_URL": target.start(), "CUTOVER_AUTH_DIR": str(tmp / "auth")})
    try:
        for role in roles:
            env[f"CUTOVER_{role.upper()}_USERNAME"] = role
            env[f"CUTOVER_{role.upper()}_PASSWORD"] = passwords[role]
        auth = subprocess.run([sys.executable, "-m", "harness.cli", "auth", "--target", "kind"],
                              cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if auth.returncode != 0:
            raise SystemExit(f"cutover soak: cutover auth --target kind failed: "
                             f"{(auth.stdout + auth.stderr).strip()[-500:]}")
        yield env
    finally:
        target.stop()


def flakes(runs: list[Run]) -> dict[str, list[tuple[int, str, str]]]:
    """Node id -> (run, outcome, first message) for every test whose outcome differs between
    runs; a test missing from a run counts as "not run" there."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for nodeid in sorted({n for run in runs for n in run.rows}):
        seen: list[tuple[int, str, str]] = []
        for run in runs:
            row = run.rows.get(nodeid)
            outcome = row.outcome if row else "not run"
            message = (row.messages or [""])[0] if row else ""
            seen.append((run.index, outcome, message))
        if len({outcome for _, outcome, _ in seen}) > 1:
            found[nodeid] = seen
    return found


def report(runs: list[Run], found: dict[str, list[tuple[int, str, str]]]) -> list[str]:
    lines = [f"run {r.index}: {len(r.rows)} tests, exit {r.exit_code}, {r.seconds:.1f} s"
             for r in runs]
    if not found:
        lines.append(f"no flakes: every test had the same outcome in all {len(runs)} runs")
        return lines
    lines.append(f"{len(found)} flaky test(s):")
    for nodeid, seen in found.items():
        lines.append(f"  {nodeid}")
        lines += [f"    run {i}: {outcome}" + (f" -- {msg[:160]}" if msg else "")
                  for i, outcome, msg in seen]
    return lines


def soak_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="cutover soak",
        description="Run the suite N times with latency jitter and report flaky tests. "
                    "Arguments after -- go to pytest (e.g. -- -m 'navigation and storage').")
    parser.add_argument("--runs", type=int, default=3, help="how many runs (default 3)")
    parser.add_argument("--latency", default="0-300", metavar="MIN-MAX",
                        help="latency jitter per request in ms (default 0-300)")
    parser.add_argument("--target", choices=("reference", "kind"), default="reference",
                        help="reference: the embedded target, started by each run with the "
                             "jitter; kind: the kind job's path (--target kind, its login and "
                             "saved per-role states) against the reference target in login "
                             "mode on loopback, started once with the jitter")
    args, rest = parser.parse_known_args(argv)
    pytest_args = rest[1:] if rest[:1] == ["--"] else rest
    if args.runs < 2:
        parser.error("--runs must be at least 2 to compare runs")
    with tempfile.TemporaryDirectory(prefix="cutover-soak-") as tmp, \
            _kind_standin(Path(tmp), args.latency) if args.target == "kind" \
            else contextlib.nullcontext() as kind_env:
        target = ["--target=kind"] if kind_env else [f"--latency={args.latency}"]
        runs = []
        for i in range(1, args.runs + 1):  # a long soak says how it is going as it goes
            runs.append(_run(i, Path(tmp), target, pytest_args, kind_env))
            # Flakes so far, too: a soak stopped early still says what it found.
            print(f"run {i}/{args.runs} done: {len(runs[-1].rows)} tests, exit "
                  f"{runs[-1].exit_code}, {runs[-1].seconds:.1f} s; flaky so far: "
                  f"{len(flakes(runs))}", flush=True)
    found = flakes(runs)
    print("\n".join(report(runs, found)))
    return 1 if found else 0

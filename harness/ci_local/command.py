"""`cutover ci-local`: run the shipped CI job here, end to end.

    cutover ci-local [--workflow PATH] [--job ID] [--fault NAME ...] [--env NAME=VALUE ...]
                     [--workspace DIR] [--out DIR]

The job runs in a fresh copy of the work tree (the checkout), its reports are copied to
--out (default reports/ci-local/<UTC time>/) by the upload-artifact stand-in, and the summary
names every step, how it ran and its outcome. Exit 0 when the job succeeds, 1 when it fails (the
step is named), 2 on bad input. `--fault` deploys the reference target with that named fault;
`--env` adds to the job's environment (e.g. PYTEST_ADDOPTS for a short form)."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from harness.ci_local import standin
from harness.ci_local.runner import (
    JobRun,
    copy_tree,
    new_temp,
    python_for,
    run_job,
    runner_env,
    write_record,
)
from harness.ci_local.workflow import Job, Step, WorkflowError, load_job

DEFAULT_WORKFLOW = Path(".github/workflows/e2e-kind.yml")


# -- the stand-ins for `uses:` actions ---------------------------------------------------------

def _checkout(step: Step, run: JobRun) -> str:
    return f"the workspace {run.workspace} is a copy of the work tree (files git knows)"


def _setup_python(step: Step, run: JobRun) -> str:
    version = step.with_.get("python-version", "3")
    python = python_for(version)
    if python is None:
        raise standin.StandInError(f"no Python {version} on this machine")
    folder = Path(run.env["RUNNER_TEMP"]) / "python" / "bin"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("python", "python3"):
        link = folder / name
        link.unlink(missing_ok=True)
        link.symlink_to(python)
    run.env["PATH"] = f"{folder}{os.pathsep}{run.env['PATH']}"
    return f"python {version}: {python}"


def _kind_action(step: Step, run: JobRun) -> str:
    args = ["create", "cluster", "--name", step.with_.get("cluster_name", "chart-testing")]
    if "config" in step.with_:
        args += ["--config", str(run.workspace / step.with_["config"])]
    state_dir = Path(run.env[standin.STATE_ENV])
    state = standin.load_state(state_dir)
    note = standin.kind(args, state)
    standin.save_state(state_dir, state)
    return note


def _upload_artifact(step: Step, run: JobRun) -> str:
    name = step.with_.get("name", "artifact")
    source = run.workspace / step.with_.get("path", ".")
    if not source.exists():
        if step.with_.get("if-no-files-found", "warn") == "error":
            raise standin.StandInError(f"no files at {source}")
        return f"warning: no files at {source}"
    dest = run.out / "artifacts" / name
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(source, dest, symlinks=True)
    return f"{source} -> {dest}"


ACTIONS: dict[str, Callable[[Step, JobRun], str]] = {
    "actions/checkout": _checkout,
    "actions/setup-python": _setup_python,
    "helm/kind-action": _kind_action,
    "actions/upload-artifact": _upload_artifact,
}


# -- the command -------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cutover ci-local", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workflow", type=Path, default=DEFAULT_WORKFLOW)
    parser.add_argument("--job", default=None)
    parser.add_argument("--fault", action="append", default=[], metavar="NAME")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--workspace", type=Path, default=None,
                        help="run in this folder and keep it (default: a temporary copy)")
    parser.add_argument("--out", type=Path, default=None)
    return parser


def _shims(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for tool in standin.TOOLS:
        shim = folder / tool
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m harness.ci_local.standin '
                        f'{tool} "$@"\n')
        shim.chmod(shim.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def _bad(message: str) -> int:
    print(f"cutover ci-local: {message}", file=sys.stderr)
    return 2


def ci_local_command(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    extra = dict(item.split("=", 1) for item in args.env if "=" in item)
    if len(extra) != len(args.env):
        return _bad("--env takes NAME=VALUE")
    try:
        job = load_job(args.workflow, args.job)
    except (OSError, WorkflowError) as exc:
        return _bad(str(exc))
    unknown = sorted({s.action for s in job.steps if s.action and s.action not in ACTIONS})
    if unknown:
        return _bad(f"no stand-in for {', '.join(unknown)} (known: {', '.join(ACTIONS)})")
    source = Path.cwd()
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = (args.out or source / "reports" / "ci-local" / stamp).resolve()
    out.mkdir(parents=True, exist_ok=True)
    workspace = (args.workspace or new_temp("cutover-ci-local-")).resolve()
    workspace.mkdir(parents=True, exist_ok=True)
    scratch = new_temp("cutover-ci-local-runner-")
    copied = copy_tree(source, workspace)
    _shims(scratch / "tools")
    (scratch / "standin").mkdir()
    env = runner_env(workspace, scratch / "tools", scratch / "temp", out)
    (scratch / "temp").mkdir()
    env[standin.STATE_ENV] = str(scratch / "standin")
    state = standin.load_state(scratch / "standin")
    state["faults"] = list(args.fault)
    standin.save_state(scratch / "standin", state)
    run = JobRun(job.id, workspace, out, env)
    try:
        for name, value in {**job.env, **extra}.items():
            run.env[name] = value
    except WorkflowError as exc:
        return _bad(str(exc))
    print(f"ci-local: job {job.id!r} of {args.workflow}, {len(job.steps)} steps, workspace "
          f"{workspace} ({copied} files), stand-in for kind/docker/kubectl"
          + (f", fault {','.join(args.fault)}" if args.fault else ""), flush=True)
    previous = signal.signal(signal.SIGTERM, _as_interrupt)
    try:
        run_job(job, run, ACTIONS, deadline=time.monotonic() + 45 * 60)
    except WorkflowError as exc:
        return _bad(str(exc))
    except KeyboardInterrupt:
        print("ci-local: interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        stopped = standin.stop_all(scratch / "standin")
        shutil.rmtree(scratch, ignore_errors=True)
        if args.workspace is None:
            shutil.rmtree(workspace, ignore_errors=True)
        if stopped:
            print(f"ci-local: stand-in stopped ({', '.join(stopped)})", flush=True)
    record = write_record(run)
    _summary(job, run, record)
    return 1 if run.failed else 0


def _as_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _summary(job: Job, run: JobRun, record: Path) -> None:
    print(f"\nci-local: job {job.id!r}", flush=True)
    for s in run.steps:
        print(f"  [{s.index:>2}] {s.outcome:<8} {s.how:<9} {s.seconds:>6.1f} s  {s.name}")
    for line in run.annotations:
        print(f"  annotation: {line}")
    failed = next((s for s in run.steps if s.conclusion == "failure"), None)
    total = sum(s.seconds for s in run.steps)
    verdict = f"FAILED at step {failed.index} ({failed.name})" if failed else "succeeded"
    print(f"ci-local: the job {verdict} in {total:.0f} s; record {record}, artifacts "
          f"{run.out / 'artifacts'}", flush=True)

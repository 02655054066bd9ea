"""`cutover ci-local`: run the shipped CI workflow here, end to end.

    cutover ci-local [--workflow PATH] [--job ID] [--fault NAME ...] [--env NAME=VALUE ...]
                     [--workspace DIR] [--out DIR]

Its jobs run one after another, each after the jobs it `needs:` and only when its `if:` holds
(a push to main), each in a fresh copy of the work tree (the checkout; with --workspace DIR the
first job's is DIR, a later job's DIR-<job id>); `--job ID` runs that job alone. Artifacts go to
--out (default reports/ci-local/<UTC time>/) by the upload-artifact stand-in, and come back into
a later job by the download-artifact one. The summary names every step, how it ran and its
outcome. Exit 0 when every job that ran succeeded, 1 when one failed (the step is named), 2 on
bad input. `--fault` deploys the reference target with that named fault;
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
from harness.ci_local.workflow import Job, Step, WorkflowError, job_runs, load_jobs

DEFAULT_WORKFLOW = Path(".github/workflows/e2e-kind.yml")
# The runner's view of the event: a push to main (jobs gated on the branch run).
GITHUB = {"ref": "refs/heads/main", "event_name": "push"}


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


def _download_artifact(step: Step, run: JobRun) -> str:
    """What an earlier job of this workflow uploaded under the name, into the workspace."""
    name = step.with_.get("name", "artifact")
    source = run.out / "artifacts" / name
    if not source.is_dir():
        raise standin.StandInError(f"no artifact {name!r}: no earlier job uploaded one")
    dest = run.workspace / step.with_.get("path", ".")
    shutil.copytree(source, dest, symlinks=True, dirs_exist_ok=True)
    return f"{source} -> {dest}"


ACTIONS: dict[str, Callable[[Step, JobRun], str]] = {
    "actions/checkout": _checkout,
    "actions/setup-python": _setup_python,
    "helm/kind-action": _kind_action,
    "actions/upload-artifact": _upload_artifact,
    "actions/download-artifact": _download_artifact,
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
        jobs = load_jobs(args.workflow, args.job)
    except (OSError, WorkflowError) as exc:
        return _bad(str(exc))
    unknown = sorted({s.action for j in jobs for s in j.steps
                      if s.action and s.action not in ACTIONS})
    if unknown:
        return _bad(f"no stand-in for {', '.join(unknown)} (known: {', '.join(ACTIONS)})")
    source = Path.cwd()
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = (args.out or source / "reports" / "ci-local" / stamp).resolve()
    out.mkdir(parents=True, exist_ok=True)
    first = (args.workspace or new_temp("cutover-ci-local-")).resolve()
    scratch = new_temp("cutover-ci-local-runner-")
    _shims(scratch / "tools")
    (scratch / "standin").mkdir()
    state = standin.load_state(scratch / "standin")
    state["faults"] = list(args.fault)
    standin.save_state(scratch / "standin", state)
    print(f"ci-local: {len(jobs)} job(s) of {args.workflow} ({', '.join(j.id for j in jobs)}), "
          "stand-in for kind/docker/kubectl"
          + (f", fault {','.join(args.fault)}" if args.fault else ""), flush=True)
    runs: list[JobRun] = []
    skipped: dict[str, str] = {}
    results: dict[str, str] = {}
    workspaces: list[Path] = []
    previous = signal.signal(signal.SIGTERM, _as_interrupt)
    deadline = time.monotonic() + 45 * 60
    try:
        for job in jobs:
            if not job_runs(job, results, GITHUB):
                results[job.id] = "skipped"
                skipped[job.id] = (f"if: {job.condition}" if job.condition else
                                   "a job it needs did not succeed")
                why = skipped[job.id]
                print(f"\nci-local: job {job.id!r} skipped ({why})", flush=True)
                continue
            # each job on a fresh runner: its own copy of the work tree and runner files
            workspace = first if not workspaces else first.with_name(f"{first.name}-{job.id}")
            workspaces.append(workspace)
            run = _start(job, workspace, source, scratch, out, extra)
            runs.append(run)
            run_job(job, run, ACTIONS, deadline=deadline)
            results[job.id] = "failure" if run.failed else "success"
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
            for workspace in workspaces:
                shutil.rmtree(workspace, ignore_errors=True)
        if stopped:
            print(f"ci-local: stand-in stopped ({', '.join(stopped)})", flush=True)
    record = write_record(runs, out, skipped)
    _summary(runs, skipped, record, out)
    return 1 if any(r.failed for r in runs) else 0


def _start(job: Job, workspace: Path, source: Path, scratch: Path, out: Path,
           extra: dict[str, str]) -> JobRun:
    workspace.mkdir(parents=True, exist_ok=True)
    copied = copy_tree(source, workspace)
    temp = scratch / f"temp-{job.id}"
    temp.mkdir()
    env = runner_env(workspace, scratch / "tools", temp, out)
    env[standin.STATE_ENV] = str(scratch / "standin")
    run = JobRun(job.id, workspace, out, env)
    for name, value in {**job.env, **extra}.items():
        run.env[name] = value
    print(f"\nci-local: job {job.id!r}, {len(job.steps)} steps, workspace {workspace} "
          f"({copied} files)", flush=True)
    return run


def _as_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _summary(runs: list[JobRun], skipped: dict[str, str], record: Path, out: Path) -> None:
    for run in runs:
        print(f"\nci-local: job {run.job!r}", flush=True)
        for s in run.steps:
            print(f"  [{s.index:>2}] {s.outcome:<8} {s.how:<9} {s.seconds:>6.1f} s  {s.name}")
        for line in run.annotations:
            print(f"  annotation: {line}")
    for job, why in skipped.items():
        print(f"\nci-local: job {job!r} skipped ({why})")
    failed = [(r, s) for r in runs for s in r.steps if s.conclusion == "failure"]
    total = sum(s.seconds for r in runs for s in r.steps)
    verdict = (f"FAILED at job {failed[0][0].job!r} step {failed[0][1].index} "
               f"({failed[0][1].name})" if failed else "succeeded")
    what = "the job" if len(runs) + len(skipped) == 1 else "the workflow"
    print(f"ci-local: {what} {verdict} in {total:.0f} s; record {record}, artifacts "
          f"{out / 'artifacts'}", flush=True)

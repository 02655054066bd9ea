"""Runs one GitHub Actions job here, step by step, as the runner would: `run:` steps verbatim
in `bash --noprofile --norc -eo pipefail`, with the workflow's `env:`, `$GITHUB_ENV`,
`$GITHUB_PATH`, `$GITHUB_STEP_SUMMARY`, `::add-mask::`, `if:` and `continue-on-error`. The
`uses:` actions are stand-ins (below), and `kind`, `docker` and `kubectl` resolve to the
loopback stand-in (harness.ci_local.standin) -- nothing else is replaced."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harness.ci_local import standin
from harness.ci_local.workflow import Contexts, Job, Step, condition_holds, substitute

# Variables of the developer's shell that a fresh runner does not have.
_NOT_ON_A_RUNNER = ("CUTOVER_", "GITHUB_", "PYTEST_", "RUNNER_", "VIRTUAL_ENV", "CI")


@dataclass
class StepResult:
    index: int
    name: str
    how: str  # "run" | "stand-in" | "skipped"
    outcome: str  # success | failure | skipped
    conclusion: str
    seconds: float
    exit_code: int | None = None
    note: str = ""


@dataclass
class JobRun:
    job: str
    workspace: Path
    out: Path
    env: dict[str, str]
    masks: list[str] = field(default_factory=list)
    steps: list[StepResult] = field(default_factory=list)
    annotations: list[str] = field(default_factory=list)
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return any(s.conclusion == "failure" for s in self.steps)

    def mask(self, text: str) -> str:
        for secret in self.masks:
            text = text.replace(secret, "***")
        return text

    def contexts(self) -> Contexts:
        return Contexts(env=self.env, outcomes=self.outcomes, job_failed=self.failed,
                        github={"ref": "refs/heads/main", "event_name": "push",
                                "workspace": str(self.workspace)})


def runner_env(workspace: Path, tools: Path, runner_temp: Path, out: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_ON_A_RUNNER)}
    env.update({
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_REF": "refs/heads/main", "GITHUB_EVENT_NAME": "push", "RUNNER_OS": "Linux",
        "RUNNER_TEMP": str(runner_temp), "GITHUB_STEP_SUMMARY": str(out / "step-summary.md"),
        "PATH": f"{tools}{os.pathsep}{env.get('PATH', '')}",
    })
    return env


def run_job(job: Job, run: JobRun, actions: Mapping[str, Callable[[Step, JobRun], str]],
            deadline: float) -> None:
    for step in job.steps:
        started = time.monotonic()
        ctx = run.contexts()
        if not condition_holds(step.condition, ctx):
            result = StepResult(step.index, step.name, "skipped", "skipped", "skipped", 0.0,
                                note=f"if: {step.condition}" if step.condition else
                                "an earlier step failed")
        elif step.action is not None:
            result = _stand_in(step, run, actions[step.action], started)
        else:
            result = _run_step(step, run, deadline, started)
        if step.id:
            run.outcomes[step.id] = (result.outcome, result.conclusion)
        run.steps.append(result)
        _print_result(result)


def _stand_in(step: Step, run: JobRun, action: Callable[[Step, JobRun], str],
              started: float) -> StepResult:
    _print_header(step, f"stand-in for {step.uses}")
    try:
        note, outcome = action(step, run), "success"
    except standin.StandInError as exc:
        note, outcome = str(exc), "failure"
    print(f"  | {run.mask(note)}", flush=True)
    conclusion = "success" if step.continue_on_error else outcome
    return StepResult(step.index, step.name, "stand-in", outcome, conclusion,
                      time.monotonic() - started, note=note)


def _run_step(step: Step, run: JobRun, deadline: float, started: float) -> StepResult:
    assert step.run is not None
    _print_header(step, "run")
    temp = Path(run.env["RUNNER_TEMP"])
    script = temp / f"step-{step.index}.sh"
    ctx = run.contexts()
    script.write_text(substitute(step.run, ctx) + "\n")
    files = {name: temp / f"{name.lower()}-{step.index}" for name in ("GITHUB_ENV",
                                                                       "GITHUB_PATH",
                                                                       "GITHUB_OUTPUT")}
    for path in files.values():
        path.write_text("")
    env = {**run.env, **{k: substitute(v, ctx) for k, v in step.env.items()},
           **{k: str(v) for k, v in files.items()}}
    process = subprocess.Popen(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                               cwd=run.workspace, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace",
                               start_new_session=True)
    assert process.stdout is not None
    try:
        for line in process.stdout:
            _workflow_command(line.rstrip("\n"), run)
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGTERM)
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        code = process.wait()
    except BaseException:
        os.killpg(process.pid, signal.SIGTERM)  # Ctrl-C: the step's children go with it
        raise
    _apply_env_files(files, run)
    outcome = "success" if code == 0 else "failure"
    conclusion = "success" if step.continue_on_error else outcome
    return StepResult(step.index, step.name, "run", outcome, conclusion,
                      time.monotonic() - started, exit_code=code)


def _workflow_command(line: str, run: JobRun) -> None:
    """The runner's reading of a step's output: masks, annotations, plain lines."""
    if line.startswith("::add-mask::"):
        value = line[len("::add-mask::"):].strip()
        if value and value not in run.masks:
            run.masks.append(value)
        return
    if line.startswith(("::error", "::warning", "::notice")):
        run.annotations.append(run.mask(line))
    print(f"  | {run.mask(line)}", flush=True)


def _apply_env_files(files: Mapping[str, Path], run: JobRun) -> None:
    text = files["GITHUB_ENV"].read_text()
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block: list[str] = []
            for more in lines:
                if more == delimiter:
                    break
                block.append(more)
            run.env[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            run.env[name] = value
    for entry in reversed(files["GITHUB_PATH"].read_text().splitlines()):
        if entry.strip():
            run.env["PATH"] = f"{entry.strip()}{os.pathsep}{run.env['PATH']}"


def _print_header(step: Step, how: str) -> None:
    print(f"\n[{step.index}] {step.name}  ({how})", flush=True)


def _print_result(result: StepResult) -> None:
    code = f", exit {result.exit_code}" if result.exit_code is not None else ""
    extra = "" if result.outcome == result.conclusion else f" (conclusion {result.conclusion})"
    print(f"[{result.index}] {result.outcome}{extra}{code} in {result.seconds:.1f} s"
          + (f" -- {result.note}" if result.how == "skipped" and result.note else ""),
          flush=True)


def write_record(runs: list[JobRun], out: Path, skipped: Mapping[str, str]) -> Path:
    """ci-local.json: every job's steps (each naming its job) and annotations; the jobs it
    skipped, and why."""
    record = {
        "jobs": [{"job": r.job, "workspace": str(r.workspace), "failed": r.failed}
                 for r in runs] + [{"job": job, "skipped": why} for job, why in skipped.items()],
        "failed": any(r.failed for r in runs),
        "steps": [{"job": r.job, **asdict(s)} for r in runs for s in r.steps],
        "annotations": [a for r in runs for a in r.annotations],
    }
    text = json.dumps(record, indent=1)
    for run in runs:
        text = run.mask(text)
    path = out / "ci-local.json"
    path.write_text(text)
    return path


def copy_tree(source: Path, workspace: Path) -> int:
    """The checkout: the files git knows (tracked, and new ones not ignored), as they are in
    the work tree -- uncommitted edits of a step included."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"],
                                cwd=source, capture_output=True, check=True).stdout
        names = [n for n in listed.decode().split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [str(p.relative_to(source)) for p in source.rglob("*") if p.is_file()
                 and not {".venv", ".git", "reports", ".auth"} & set(p.relative_to(source).parts)]
    copied = 0
    for name in names:
        src = source / name
        if not src.is_file():
            continue  # deleted in the work tree
        dest = workspace / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        copied += 1
    return copied


def new_temp(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def python_for(version: str) -> str | None:
    """An interpreter of the version setup-python would install."""
    found = shutil.which(f"python{version}")
    if found:
        return found
    if ".".join(map(str, sys.version_info[:2])) == version:
        return str(getattr(sys, "_base_executable", sys.executable))
    return None

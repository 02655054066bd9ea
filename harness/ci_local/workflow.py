"""A GitHub Actions job as data: its environment and steps, and the subset of the `${{ }}`
expression language the shipped workflow uses (contexts env, secrets, steps, github; status
functions; ==, !=, &&, ||, !). Anything else is refused with a message, never guessed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class WorkflowError(ValueError):
    """The workflow uses something ci-local cannot run as GitHub would."""


@dataclass(frozen=True)
class Step:
    index: int
    name: str
    id: str | None
    run: str | None
    uses: str | None
    with_: Mapping[str, str] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    condition: str | None = None
    continue_on_error: bool = False
    shell: str = "bash"

    @property
    def action(self) -> str | None:
        """`helm/kind-action@v1` -> `helm/kind-action`."""
        return self.uses.split("@", 1)[0] if self.uses else None


@dataclass(frozen=True)
class Job:
    id: str
    env: Mapping[str, str]
    steps: tuple[Step, ...]
    needs: tuple[str, ...] = ()  # jobs that must end before this one starts
    condition: str | None = None  # the job's `if:`, read against the jobs it needs


def _read_jobs(path: Path) -> tuple[dict[str, object], dict[str, object]]:
    doc = yaml.safe_load(path.read_text())
    jobs = doc.get("jobs") if isinstance(doc, dict) else None
    if not isinstance(jobs, dict) or not jobs:
        raise WorkflowError(f"{path}: no jobs")
    return doc, jobs


def _job(path: Path, doc: dict[str, object], jobs: dict[str, object], job_id: str) -> Job:
    spec = jobs.get(job_id)
    if not isinstance(spec, dict):
        raise WorkflowError(f"{path}: no job {job_id!r} (jobs: {', '.join(jobs)})")
    env = {**_strings(doc.get("env")), **_strings(spec.get("env"))}
    steps = tuple(_step(i, raw) for i, raw in enumerate(spec.get("steps") or [], start=1))
    raw_needs = spec.get("needs") or ()
    needs = (raw_needs,) if isinstance(raw_needs, str) else tuple(str(n) for n in raw_needs)
    unknown = [n for n in needs if n not in jobs]
    if unknown:
        raise WorkflowError(f"{path}: job {job_id!r} needs {', '.join(unknown)}, which the "
                            "workflow does not define")
    condition = spec.get("if")
    return Job(job_id, env, steps, needs, None if condition is None else str(condition))


def load_job(path: Path, job_id: str | None = None) -> Job:
    doc, jobs = _read_jobs(path)
    if job_id is None:
        if len(jobs) != 1:
            raise WorkflowError(f"{path}: several jobs ({', '.join(jobs)}); name one with --job")
        job_id = next(iter(jobs))
    return _job(path, doc, jobs, job_id)


def load_jobs(path: Path, job_id: str | None = None) -> tuple[Job, ...]:
    """Every job of the workflow, each after the jobs it `needs:` (else in file order) as
    GitHub schedules them one at a time; with `job_id`, that job alone (its needs not run)."""
    if job_id is not None:
        return (load_job(path, job_id),)
    doc, jobs = _read_jobs(path)
    pending = [_job(path, doc, jobs, name) for name in jobs]
    ordered: list[Job] = []
    while pending:
        ready = next((j for j in pending if set(j.needs) <= {o.id for o in ordered}), None)
        if ready is None:
            raise WorkflowError(f"{path}: the needs of {', '.join(j.id for j in pending)} form "
                                "a circle")
        ordered.append(ready)
        pending.remove(ready)
    return tuple(ordered)


def _strings(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {str(k): "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in raw.items()}


def _step(index: int, raw: object) -> Step:
    if not isinstance(raw, dict):
        raise WorkflowError(f"step {index} is not a mapping")
    run, uses = raw.get("run"), raw.get("uses")
    if (run is None) == (uses is None):
        raise WorkflowError(f"step {index} needs exactly one of run: or uses:")
    name = raw.get("name") or (f"Run {str(run).splitlines()[0]}" if run else f"Run {uses}")
    shell = str(raw.get("shell", "bash"))
    if shell != "bash":
        raise WorkflowError(f"step {index} ({name}): shell {shell!r}; ci-local runs bash only")
    return Step(index=index, name=str(name), id=raw.get("id"),
                run=None if run is None else str(run), uses=None if uses is None else str(uses),
                with_=_strings(raw.get("with")), env=_strings(raw.get("env")),
                condition=None if raw.get("if") is None else str(raw.get("if")),
                continue_on_error=bool(raw.get("continue-on-error", False)))


# -- expressions -------------------------------------------------------------------------------

@dataclass
class Contexts:
    env: Mapping[str, str]
    outcomes: Mapping[str, tuple[str, str]]  # step id -> (outcome, conclusion)
    job_failed: bool
    github: Mapping[str, str]


_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)|"
                    r"(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<ident>[A-Za-z_][A-Za-z0-9_.\-]*\(?\)?))")
_STATUS = {"always()", "success()", "failure()", "cancelled()"}


def evaluate(expression: str, ctx: Contexts) -> str | bool:
    """The value of one expression (without its `${{ }}`)."""
    tokens = _tokens(expression)
    py: list[str] = []
    values: dict[str, object] = {}
    for kind, text in tokens:
        if kind == "str":
            py.append(repr(text[1:-1].replace("''", "'")))
        elif kind == "num":
            py.append(text)
        elif kind == "op":
            py.append({"&&": " and ", "||": " or ", "!": " not "}.get(text, text))
        else:
            name = f"_v{len(values)}"
            values[name] = _lookup(text, ctx)
            py.append(name)
    try:
        result = eval(" ".join(py), {"__builtins__": {}}, values)  # only the tokens read above
    except SyntaxError:
        raise WorkflowError(f"cannot evaluate ${{{{ {expression} }}}}") from None
    return result if isinstance(result, bool) else "" if result is None else str(result)


def job_runs(job: Job, results: Mapping[str, str], github: Mapping[str, str]) -> bool:
    """A job's `if:` as GitHub reads it: its status functions are about the jobs it needs
    (success(): every one succeeded), and without one it means `success() && (...)`, so a job
    whose needed job failed or was skipped is skipped."""
    ok = all(results.get(n) == "success" for n in job.needs)
    return condition_holds(job.condition, Contexts({}, {}, job_failed=not ok, github=github))


def condition_holds(condition: str | None, ctx: Contexts) -> bool:
    """GitHub's `if:`: without a status function it means `success() && (...)`."""
    if condition is None:
        return not ctx.job_failed
    text = condition.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    value = evaluate(text, ctx)
    holds = value is True or (isinstance(value, str) and value not in ("", "false", "0"))
    if not any(status in text.replace(" ", "") for status in _STATUS):
        holds = holds and not ctx.job_failed
    return holds


def substitute(text: str, ctx: Contexts) -> str:
    """`${{ expr }}` in a run script or an env value, as GitHub fills it in before running."""
    def one(match: re.Match[str]) -> str:
        value = evaluate(match.group(1), ctx)
        return str(value).lower() if isinstance(value, bool) else value

    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    while pos < len(expression.rstrip()):
        match = _TOKEN.match(expression, pos)
        if match is None or match.end() == pos:
            raise WorkflowError(f"cannot evaluate ${{{{ {expression} }}}} (at {pos})")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def _lookup(name: str, ctx: Contexts) -> object:
    if name in _STATUS:
        return {"always()": True, "success()": not ctx.job_failed,
                "failure()": ctx.job_failed, "cancelled()": False}[name]
    if name in ("true", "false"):
        return name == "true"
    head, _, rest = name.partition(".")
    if head in ("env", "secrets") and rest:
        return ctx.env.get(rest, "")  # ci-local: secrets are the job's environment
    if head == "github" and rest:
        return ctx.github.get(rest, "")
    if head == "steps":
        step_id, _, attr = rest.rpartition(".")
        if attr in ("outcome", "conclusion") and step_id in ctx.outcomes:
            outcome, conclusion = ctx.outcomes[step_id]
            return outcome if attr == "outcome" else conclusion
        if attr in ("outcome", "conclusion"):
            return ""  # a step that has not run (yet)
    raise WorkflowError(f"ci-local does not know the expression {name!r}")

"""The runs a promotion may rest on, and why a run is refused.

By default: the newest complete run on the environment the slice names (run.json `target`),
plus the latest complete v1compat run paired with it (the V1<->V3 parity evidence, as readiness
pairs them). Never the embedded reference target, an interrupted run, a run older than
--max-age, or a run judged against another contract: each such run is refused with a sentence
saying why, and no route is judged on it."""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from contracts import Slice
from harness.reports.run_folders import RunRecord, list_runs, runs_dir, select, v1compat_partner

REFERENCE = "reference"
_AGE = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_age(text: str) -> float:
    """`24h`, `90m`, `2d`, `3600s` or plain seconds, in seconds; ValueError otherwise."""
    found = _AGE.match(text.strip().lower())
    if found is None:
        raise ValueError(f"not an age: {text!r} (e.g. 24h, 90m, 2d)")
    return float(found.group(1)) * _UNIT_S[found.group(2)]


def describe_age(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


def finished_at(run: RunRecord) -> float | None:
    try:
        return float(calendar.timegm(time.strptime(run.finished, "%Y-%m-%dT%H:%M:%SZ")))
    except ValueError:
        return None


@dataclass
class Evidence:
    runs: list[RunRecord]  # the runs read: the primary first, then its v1compat partner
    refusals: list[str] = field(default_factory=list)  # one sentence per refused run
    notes: list[str] = field(default_factory=list)  # what was passed over, and why


def _reference_refusal(run: RunRecord, slice_: Slice) -> str:
    return (f"run {run.run_id} ran against the embedded reference target, which never counts "
            "as evidence for promotion: it is the suite's own stand-in product, not the "
            f"{slice_.environment} deployment slice {slice_.id} must be validated on.")


def gather(root: Path, slice_: Slice, chosen: list[str]) -> Evidence:
    """The runs to judge the slice on: the chosen ones (--run; RunFolderError for an unknown or
    running one), else the newest complete run on the slice's environment and its v1compat
    partner. Finding none is a refusal naming what there is instead."""
    if chosen:
        return Evidence(select(root, chosen))
    runs = list_runs(root)
    env = slice_.environment
    complete = sorted((r for r in runs if r.state == "complete"), key=lambda r: r.finished)
    # a v1compat run holds only the opt-in compatibility tests: it pairs with a default run
    on_env = [r for r in complete if r.data.get("target") == env and not r.v1compat_tests]
    if not on_env:
        refusal = f"no complete run on {env} in {runs_dir(root)}: run the suite there first " \
                  f"(pytest --target {env} --readiness)."
        newest = complete[-1] if complete else None
        if newest is not None and newest.data.get("target") == REFERENCE:
            return Evidence([], [_reference_refusal(newest, slice_), refusal])
        if newest is not None:
            refusal += (f" The newest complete run, {newest.run_id}, ran against "
                        f"{newest.data.get('target') or 'an unrecorded target'}.")
        return Evidence([], [refusal])
    primary = on_env[-1]
    notes = [f"run {r.run_id} on {env}, newer than {primary.run_id}, was {r.state}: not used"
             for r in runs if r.data.get("target") == env and r.state != "complete"
             and r.run_id > primary.run_id]
    partner = v1compat_partner(primary, runs)
    return Evidence([primary, *([partner] if partner else [])], notes=notes)


def refusals(runs: list[RunRecord], slice_: Slice, digest: str, max_age_s: float,
             max_age: str, now: float) -> list[str]:
    """Why a run cannot be evidence for the slice, one sentence per problem."""
    found = []
    for run in runs:
        target = run.data.get("target")
        if target == REFERENCE:
            found.append(_reference_refusal(run, slice_))
        elif target != slice_.environment:
            found.append(f"run {run.run_id} ran against {target or 'an unrecorded target'}, "
                         f"not {slice_.environment}: slice {slice_.id} must be validated on "
                         f"{slice_.environment}.")
        if run.state != "complete":
            found.append(f"run {run.run_id} was {run.state}: its results are partial and prove "
                         "nothing about the slice.")
        ended = finished_at(run)
        if ended is None:
            found.append(f"run {run.run_id} records no finish time, so its age is unknown.")
        elif now - ended > max_age_s:
            found.append(f"run {run.run_id} finished at {run.finished}, "
                         f"{describe_age(now - ended)} ago, older than --max-age {max_age}: "
                         f"run the suite on {slice_.environment} again.")
        recorded = run.data.get("contracts_digest")
        if recorded != digest:
            found.append(f"run {run.run_id} was judged against another contract (digest "
                         f"{recorded or 'unrecorded'}; this contract's is {digest}): its "
                         "verdicts may not be this plan's; run the suite again.")
    return found

"""The promotion decision for one slice, and its record.

PROMOTE only when the evidence runs are accepted (harness.reports.promote.evidence), the plan
has the slice validating, every legacy route of the slice is ready in them -- each of its gates
ran and passed, none kept on V1 -- and the V1-dependency guard read every V3 page, so no V3
page still depends on the slice's V1 routes. Otherwise HOLD, with one sentence per reason.

The record (JSON and Markdown) names the slice, the verdict, every route's gate results, the
evidence runs, their commit and contract digest, and the time; it is written into the evidence
run's folder and into the history folder beside the readiness records."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from contracts import Contract, Slice
from harness.reports.readiness.verdicts import Readiness
from harness.reports.run_folders import RunRecord

SCHEMA = "cutover-promotion/1"
Verdict = Literal["PROMOTE", "HOLD"]


@dataclass(frozen=True)
class Decision:
    slice: dict[str, Any]
    verdict: Verdict
    reasons: tuple[str, ...]
    routes: tuple[dict[str, Any], ...]  # per legacy route: verdict and every gate's result
    evidence: tuple[dict[str, Any], ...]  # the runs read: id, target, state, finished, commit
    commit: str | None
    contracts: str
    contracts_digest: str
    decided: str
    max_age: str
    notes: tuple[str, ...] = field(default=())
    # commands that would check exactly what the slice needs, when a run left some of it out
    selection: tuple[str, ...] = field(default=())

    @property
    def exit_code(self) -> int:
        return 0 if self.verdict == "PROMOTE" else 1

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **asdict(self)}


def describe_run(run: RunRecord) -> dict[str, Any]:
    keys = ("target", "base_url", "finished", "commit", "contracts_digest", "markexpr",
            "keyword", "faults")
    return {"run_id": run.run_id, "state": run.state, **{k: run.data.get(k) for k in keys}}


def selection(contract: Contract, slice_: Slice) -> tuple[str, ...]:
    """pytest commands whose runs are complete for the slice: the tests of its legacy routes,
    of their V3 targets and lifecycle resources, and the V1-dependency guard on every page
    (`-k` matches contract ids); then the v1compat run of the parity rows that compare facts
    on its routes."""
    legacy = contract.slice_routes(slice_)
    targets = {t for r in legacy for t in (r.redirect.to if r.redirect else None,
                                           r.passthrough.replaced_by if r.passthrough else None)
               if t}
    resources = [res.id for res in contract.lifecycle.resources if res.route in targets]
    ids = ["test_no_inbound_v1_links", *(r.id for r in legacy), *sorted(targets), *resources]
    env = slice_.environment
    commands = [f"pytest --target {env} --readiness -k '{' or '.join(ids)}'"]
    legacy_ids = {r.id for r in legacy}
    rows = [p.id for p in contract.parity if p.compare is not None
            and (legacy_ids & set(p.legacy) or p.route in targets)]
    if rows:
        commands.insert(0, f"pytest -m v1compat --target {env} -k '{' or '.join(rows)}'")
    return tuple(commands)


def guard_reasons(contract: Contract, slice_: Slice, guarded: set[str],
                  runs: list[RunRecord]) -> list[str]:
    """The V1-dependency guard must have read every V3 page: one it did not read may still link
    the slice's V1 routes. (None ran at all: each route's v1-links gate says "not run".)"""
    unread = [r.id for r in contract.routes if r.id not in guarded]
    if not guarded or not unread:
        return []
    shown = ", ".join(unread[:6]) + (f" and {len(unread) - 6} more" if len(unread) > 6 else "")
    return [f"the V1-dependency guard read {len(contract.routes) - len(unread)} of "
            f"{len(contract.routes)} V3 pages in run {', '.join(r.run_id for r in runs)}: a page "
            f"it did not read ({shown}) may still link slice {slice_.id}'s V1 routes (run "
            "test_no_inbound_v1_links on every route: -m cutover)."]


def slice_reasons(slice_: Slice, readiness: Readiness) -> list[str]:
    """Why the slice's routes do not let it retire, in the legacy map's order."""
    reasons = []
    if readiness.verdict == "INCOMPLETE":
        outage = (readiness.meta.get("outage") or {}).get("message", "target unreachable")
        reasons.append(f"the run stopped on an outage ({outage}): nothing about the slice "
                       "can be concluded from it.")
    judged = next(s for s in readiness.slices if s.id == slice_.id)
    return [*reasons, *judged.blocking]


def route_records(contract: Contract, slice_: Slice,
                  readiness: Readiness | None) -> tuple[dict[str, Any], ...]:
    by_id = {r.legacy_id: r for r in readiness.routes} if readiness else {}
    records: list[dict[str, Any]] = []
    for legacy in contract.slice_routes(slice_):
        found = by_id.get(legacy.id)
        if found is None:
            records.append({"legacy_id": legacy.id, "path": legacy.path,
                            "verdict": "not judged", "gates": []})
            continue
        gates: list[dict[str, Any]] = []
        for g in found.gates:
            failed = [m for ev in g.evidence if ev.outcome in ("failed", "error")
                      for m in ev.messages[:1]]
            gates.append({"gate": g.gate, "status": g.status, "note": g.note,
                          "tests": [ev.test for ev in g.evidence], "failures": failed})
        records.append({"legacy_id": found.legacy_id, "path": found.path,
                        "mapping": found.mapping, "target": found.target,
                        "verdict": found.verdict, "gates": gates})
    return tuple(records)


def to_markdown(d: Decision) -> str:
    s = d.slice
    lines = [f"# Promotion of slice {s['id']}: {d.verdict}", "",
             f"Slice {s['order']} of the cutover plan, \"{s['title']}\" (declared at "
             f"{s['source']}; plan status {s['status']}), validated on {s['environment']}.",
             "", f"Decided {d.decided}; contract {d.contracts} (digest {d.contracts_digest}); "
             f"evidence no older than {d.max_age}.", "", "## Evidence", ""]
    lines += [f"- run `{e['run_id']}`: {e['state']}, target {e['target']}, finished "
              f"{e['finished']}, commit {e['commit'] or 'not recorded'}, contract digest "
              f"{e['contracts_digest']}"
              + (f", selection `-m {e['markexpr']}`" if e.get("markexpr") else "")
              + (f" `-k {e['keyword']}`" if e.get("keyword") else "")
              for e in d.evidence] or ["- none"]
    lines += ["", "## Why it holds" if d.reasons else "## Why it is promoted", ""]
    lines += [f"- {r}" for r in d.reasons] or [
        "- every legacy route of the slice is ready on this evidence: each gate ran and "
        "passed, and no V3 page links any of them"]
    lines += [*(f"- note: {n}" for n in d.notes), "", "## Routes", ""]
    for route in d.routes:
        lines.append(f"- `{route['path']}` ({route['legacy_id']}): **{route['verdict']}**")
        lines += [f"  - {g['gate']}: {g['status']}" + (f" — {g['note']}" if g["note"] else "")
                  + (f" — {g['failures'][0]}" if g["failures"] else "")
                  for g in route["gates"]]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)
    return path


def write_records(d: Decision, run_folder: Path | None, history: Path) -> list[Path]:
    """`promote-<slice>.json|md` in the run's folder (the latest decision on that run), and a
    file pair per decision in the history folder (every decision kept)."""
    text, md = json.dumps(d.to_dict(), indent=1), to_markdown(d)
    name = f"promote-{d.slice['id']}"
    written = []
    if run_folder is not None:
        written += [_write(run_folder / f"{name}.json", text), _write(run_folder / f"{name}.md",
                                                                      md)]
    stamp = re.sub(r"[^0-9A-Za-z]", "", d.decided)[:15]
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    stem = f"{name}-{stamp}-{digest}"
    written += [_write(history / f"{stem}.json", text), _write(history / f"{stem}.md", md)]
    return written

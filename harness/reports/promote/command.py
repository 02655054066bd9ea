"""`cutover promote [SLICE] [--run ID ...] [--results-dir DIR] [--contracts DIR] [--max-age AGE]
[--history DIR]`: PROMOTE or HOLD one slice of the cutover plan (default: the slice the plan
marks validating) from the newest complete run(s) on the environment the slice names -- never
the embedded reference target, an interrupted run, a selection that left the slice's routes out,
a run older than --max-age, or while a V3 page still links one of its V1 routes. Prints one
sentence per reason it holds, writes the decision record (JSON and Markdown) into the evidence
run's folder and the history folder. Exit 0 PROMOTE, 1 HOLD, 2 bad input."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from contracts import BUNDLED_CONTRACT, Contract, ContractError, Slice, load_contract
from contracts.issues import did_you_mean
from harness.reports.promote.decision import (
    Decision,
    describe_run,
    guard_reasons,
    route_records,
    selection,
    slice_reasons,
    to_markdown,
    write_records,
)
from harness.reports.promote.evidence import gather, parse_age, refusals
from harness.reports.readiness.command import build, run_files
from harness.reports.readiness.verdicts import Readiness
from harness.reports.results import MergeError, load_results
from harness.reports.run_folders import RunRecord
from harness.reports.run_meta import contract_digest, now_utc

EXIT_BAD_INPUT = 2


class BadInput(ValueError):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cutover promote", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("slice", nargs="?", default=None,
                        help="a slice id of the contract's plan (default: the one it marks "
                             "validating)")
    parser.add_argument("--run", action="append", default=[], metavar="ID",
                        help="judge exactly these run folders (repeatable; `latest` allowed) "
                             "instead of the newest complete run on the slice's environment")
    parser.add_argument("--results-dir", type=Path, metavar="DIR",
                        default=Path(os.environ.get("CUTOVER_RESULTS_DIR") or "reports"),
                        help="where the run folders are (default: $CUTOVER_RESULTS_DIR, else "
                             "reports)")
    parser.add_argument("--contracts", type=Path, metavar="DIR",
                        default=Path(os.environ.get("CUTOVER_CONTRACTS") or BUNDLED_CONTRACT),
                        help="the contract with the plan (default: $CUTOVER_CONTRACTS, else the "
                             "bundled contracts/v3)")
    parser.add_argument("--max-age", default="24h", metavar="AGE",
                        help="the oldest evidence accepted, e.g. 24h, 90m, 2d (default 24h)")
    parser.add_argument("--history", type=Path, default=None, metavar="DIR",
                        help="where every decision is kept (default: DIR/history)")
    return parser


def _slice(contract: Contract, wanted: str | None) -> Slice:
    if not contract.slices:
        raise BadInput(f"{contract.directory} has no cutover plan (no slices section)")
    if wanted is None:
        validating = [s for s in contract.plan if s.status == "validating"]
        if len(validating) != 1:
            named = ", ".join(s.id for s in validating) or "none"
            raise BadInput(f"name the slice: the plan marks {len(validating)} slices "
                           f"validating ({named})")
        return validating[0]
    known = [s.id for s in contract.plan]
    if wanted not in known:
        raise BadInput(f"no slice {wanted!r} in the plan{did_you_mean(wanted, known)} "
                       f"(slices: {', '.join(known)})")
    found = contract.slice(wanted)
    if found.status == "retired":
        raise BadInput(f"slice {found.id} is already retired ({found.source}); `cutover "
                       "readiness` says whether its V1 routes still answer as retired")
    return found


def _judge(contract: Contract, slice_: Slice, runs: list[RunRecord]) -> tuple[
        list[str], Readiness | None]:
    """The route-level reasons on accepted evidence, and the readiness they come from."""
    try:
        files = run_files(runs)
        readiness = build(contract, files, None, runs)
        rows, _ = load_results(files)
    except MergeError as exc:
        return [f"the evidence cannot be read: {exc}."], None
    guarded = {str(r.subject) for r in rows
               if r.gate == "v1-links" and r.outcome in ("passed", "failed")}
    return [*slice_reasons(slice_, readiness),
            *guard_reasons(contract, slice_, guarded, runs)], readiness


def decide(contract: Contract, slice_: Slice, root: Path, chosen: list[str],
           max_age: str) -> tuple[Decision, Path | None]:
    """The decision, and the folder of the run it rests on (None: no run to rest on)."""
    age_s = parse_age(max_age)
    digest = contract_digest(contract.directory)
    evidence = gather(root, slice_, chosen)
    refused = [*evidence.refusals,
               *refusals(evidence.runs, slice_, digest, age_s, max_age, time.time())]
    reasons = list(refused)
    if slice_.status == "planned":
        reasons.append(f"the plan has slice {slice_.id} planned, not validating "
                       f"({slice_.source}): mark it validating when its turn comes, then "
                       "validate it.")
    readiness = None
    if evidence.runs and not refused:  # no route is judged on a refused run
        route_level, readiness = _judge(contract, slice_, evidence.runs)
        reasons += route_level
    primary = evidence.runs[0] if evidence.runs else None
    records = route_records(contract, slice_, readiness)
    decision = Decision(
        slice={"id": slice_.id, "title": slice_.title, "order": slice_.order,
               "status": slice_.status, "environment": slice_.environment,
               "source": str(slice_.source),
               "routes": [r.id for r in contract.slice_routes(slice_)]},
        verdict="HOLD" if reasons else "PROMOTE", reasons=tuple(reasons),
        routes=records,
        evidence=tuple(describe_run(r) for r in evidence.runs),
        commit=primary.data.get("commit") if primary else None,
        contracts=str(contract.directory), contracts_digest=digest, decided=now_utc(),
        max_age=max_age, notes=tuple(evidence.notes),
        selection=selection(contract, slice_) if any(
            r["verdict"] in ("not run", "not judged") for r in records) else ())
    return decision, primary.folder if primary else None


def _print(d: Decision) -> None:
    s = d.slice
    print(f"cutover promote {s['id']}: {d.verdict}")
    print(f"  slice {s['order']} \"{s['title']}\": {len(s['routes'])} legacy routes, validated "
          f"on {s['environment']}, plan status {s['status']}")
    for e in d.evidence:
        print(f"  evidence: run {e['run_id']} ({e['target']}, {e['state']}, finished "
              f"{e['finished']}, commit {e['commit'] or 'not recorded'})")
    if not d.evidence:
        print("  evidence: none")
    for reason in d.reasons:
        print(f"  - {reason}")
    for note in d.notes:
        print(f"  note: {note}")
    if d.selection:
        print(f"  to check just what slice {s['id']} needs on {s['environment']}:")
        for command in d.selection:
            print(f"    {command}")
    if d.verdict == "PROMOTE":
        print(f"  every route of the slice is ready and no V3 page links it: deploy, then map "
              f"its {len(s['routes'])} routes `retired` in the legacy map and mark the slice "
              "retired")


def _step_summary(d: Decision) -> None:
    """Under GitHub Actions, the decision on the workflow run's page too."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") == "true" and target:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(to_markdown(d).split("\n## Routes", 1)[0] + "\n")


def promote_command(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        contract = load_contract(args.contracts)
        slice_ = _slice(contract, args.slice)
        decision, run_folder = decide(contract, slice_, args.results_dir, args.run,
                                      args.max_age)
    except ContractError as exc:
        print("\n".join(str(i) for i in exc.errors), file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as exc:  # an unknown slice or run, a bad --max-age
        print(f"cutover promote: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    _print(decision)
    _step_summary(decision)
    for path in write_records(decision, run_folder, args.history or args.results_dir / "history"):
        print(f"wrote {path}")
    return decision.exit_code

"""`cutover readiness [RESULTS...] [--run ID ...] [--results-dir DIR] [--format md,html,json]
[--out DIR] [--contracts DIR] [--history DIR] [--fail-on-regression]`: exit 0 when every V1 route
is retire-ready, 1 when not, 2 on bad input. With --fail-on-regression the exit code asks only
whether any route regressed (was ready in the previous run, is blocked or kept on V1 now) or a
retired slice of the cutover plan has a V1 route served again: 1 if so, else 0.

Without RESULTS it reads run folders (DIR/runs/<run id>/): the named --run(s), or by default the
latest complete run plus, when that run has no v1compat tests, the latest complete run that does
against the same target and contract."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from contracts import BUNDLED_CONTRACT, Contract, ContractError, load_contract
from harness.reports.readiness.history import HistoryError, with_history
from harness.reports.readiness.model import compute
from harness.reports.readiness.render_html import to_html
from harness.reports.readiness.render_text import summary_table, to_json, to_markdown
from harness.reports.readiness.slices import with_slice_history, with_slices
from harness.reports.readiness.verdicts import Readiness
from harness.reports.results import MergeError, load_results
from harness.reports.run_folders import RunFolderError, RunRecord, select
from harness.reports.run_meta import now_utc

FORMATS = ("md", "html", "json")


def write_reports(readiness: Readiness, out: Path, formats: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out / f"readiness.{fmt}"
        text = (to_html(readiness, out) if fmt == "html" else
                to_markdown(readiness) if fmt == "md" else to_json(readiness))
        path.write_text(text)
        written.append(path)
    return written


def build(contract: Contract, result_files: list[Path], history: Path | None = None,
          runs: list[RunRecord] | None = None) -> Readiness:
    """Readiness of these results; with `history`, this run is recorded there and the report
    carries the trend and what changed since the previous run. `runs` are the run folders the
    files come from (the first is the run the report is of): the report names them."""
    results, meta = load_results(result_files)
    if runs:
        meta = {**meta, **runs_meta(runs)}
    readiness = with_slices(compute(contract, results, meta), contract)
    if history is not None:
        readiness = with_slice_history(with_history(readiness, results, history, now_utc()))
    return readiness


def runs_meta(runs: list[RunRecord]) -> dict[str, str]:
    """Which runs a report read, and their selections together: the v1compat tests of a paired
    run were selected with -m v1compat there, not in the first run."""
    exprs = [str(r.data.get("markexpr") or "") for r in runs]
    return {"run_id": runs[0].run_id, "runs_read": "; ".join(r.describe() for r in runs),
            "markexpr": " + ".join(f"({e})" if e else "(default)" for e in exprs)
            if len(runs) > 1 else exprs[0]}


def run_files(runs: list[RunRecord]) -> list[Path]:
    files = [f for run in runs for f in run.result_files()]
    empty = [r.run_id for r in runs if not r.result_files()]
    if empty:
        raise MergeError(f"run {', '.join(empty)} has no results files (no test ran)")
    return files


def recorded_contract(result_files: list[Path]) -> Path:
    """The contract directory the results were produced with (their meta says), else V3's."""
    _, meta = load_results(result_files)
    recorded = meta.get("contracts")
    if not recorded:
        return BUNDLED_CONTRACT
    path = Path(recorded)
    if not path.is_dir():
        raise MergeError(f"the results were produced with the contract in {recorded}, which is "
                         "not there; name it with --contracts DIR")
    return path


def readiness_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cutover readiness", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="*", type=Path,
                        help="results JSON files (default: the runs --run selects)")
    parser.add_argument("--run", action="append", default=[], metavar="ID",
                        help="a run folder's id under DIR/runs/, or `latest`; repeatable "
                             "(default: the latest complete run, plus the latest complete "
                             "v1compat run against the same target and contract when the "
                             "latest has no v1compat tests)")
    parser.add_argument("--results-dir", type=Path, metavar="DIR",
                        default=Path(os.environ.get("CUTOVER_RESULTS_DIR") or "reports"),
                        help="where the run folders are, as pytest's --results-dir "
                             "(default: $CUTOVER_RESULTS_DIR, else reports)")
    parser.add_argument("--format", default="md,html,json",
                        help="comma-separated: md, html, json (default: all)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output directory (default: the folder of the first run read; "
                             "with RESULTS files, reports)")
    parser.add_argument("--contracts", type=Path, default=None,
                        help="contract directory (default: the one the results were produced "
                             "with, as their meta records)")
    parser.add_argument("--history", type=Path, default=None,
                        help="history folder: record this run there and report the trend and "
                             "the changes since the previous run (pytest --readiness uses "
                             "reports/history)")
    parser.add_argument("--fail-on-regression", action="store_true",
                        help="exit 1 when a route that was ready in the previous run is blocked "
                             "or kept on V1 now, else 0, whatever the verdict (needs --history)")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        print(f"cutover readiness: unknown format(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    if args.fail_on_regression and args.history is None:
        print("cutover readiness: --fail-on-regression needs --history DIR", file=sys.stderr)
        return 2
    if args.results and args.run:
        print("cutover readiness: give RESULTS files or --run, not both", file=sys.stderr)
        return 2
    runs: list[RunRecord] = []
    try:
        if args.results:
            files = list(args.results)
        else:
            runs = select(args.results_dir, args.run)
            files = run_files(runs)
        out = args.out or (runs[0].folder if runs else Path("reports"))
        contract = load_contract(args.contracts or recorded_contract(files))
        readiness = build(contract, files, args.history, runs)
    except ContractError as exc:
        print("\n".join(str(i) for i in exc.errors), file=sys.stderr)
        return 2
    except (MergeError, HistoryError, RunFolderError) as exc:
        print(f"cutover readiness: {exc}", file=sys.stderr)
        return 2
    for run in runs:
        partial = " -- partial: the run was interrupted" if run.state != "complete" else ""
        print(f"read run {run.describe()}{partial}")
    for path in write_reports(readiness, out, formats):
        print(f"wrote {path}")
    print("\n".join(summary_table(readiness)))
    if args.fail_on_regression:  # a ratchet: the gate is "no route went backwards"
        # a retired slice whose V1 route is served again went backwards too, history or not
        regressed = any(s.regressed for s in readiness.slices)
        return 1 if regressed or (readiness.since_last and readiness.since_last.regressions) \
            else 0
    return readiness.exit_code

"""`cutover readiness [RESULTS...] [--format md,html,json] [--out DIR] [--contracts DIR]`:
exit 0 when every V1 route is retire-ready, 1 when not, 2 on bad input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from contracts import BUNDLED_CONTRACT, Contract, ContractError, load_contract
from harness.reports.readiness.model import Readiness, compute
from harness.reports.readiness.render_html import to_html
from harness.reports.readiness.render_text import summary_table, to_json, to_markdown
from harness.reports.results import MergeError, load_results

RENDERERS = {"md": to_markdown, "html": to_html, "json": to_json}


def write_reports(readiness: Readiness, out: Path, formats: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out / f"readiness.{fmt}"
        path.write_text(RENDERERS[fmt](readiness))
        written.append(path)
    return written


def build(contract: Contract, result_files: list[Path]) -> Readiness:
    results, meta = load_results(result_files)
    return compute(contract, results, meta)


def readiness_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cutover readiness", description=__doc__)
    parser.add_argument("results", nargs="*", type=Path,
                        help="results JSON files (default: reports/results/*.json)")
    parser.add_argument("--format", default="md,html,json",
                        help="comma-separated: md, html, json (default: all)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="output directory")
    parser.add_argument("--contracts", type=Path, default=BUNDLED_CONTRACT)
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        print(f"cutover readiness: unknown format(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    files = args.results or sorted(Path("reports/results").glob("results-*.json"))
    if not files:
        print("cutover readiness: no results files (run the suite first)", file=sys.stderr)
        return 2
    try:
        contract = load_contract(args.contracts)
        readiness = build(contract, files)
    except ContractError as exc:
        print("\n".join(str(i) for i in exc.errors), file=sys.stderr)
        return 2
    except MergeError as exc:
        print(f"cutover readiness: {exc}", file=sys.stderr)
        return 2
    for path in write_reports(readiness, args.out, formats):
        print(f"wrote {path}")
    print("\n".join(summary_table(readiness)))
    return readiness.exit_code

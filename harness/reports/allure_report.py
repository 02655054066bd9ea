"""`cutover allure-report [--history FILE]`: the single-file Allure HTML report from
reports/latest/allure-results (the latest complete run's), built offline with Allure 3 from npm
(configured by allurerc.mjs). It is named after the product whose contract the run used, and
carries history over from FILE (default reports/allure-history.jsonl: give the previous report's
file to keep the trend)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from harness.reports.results import MergeError, load_results

ROOT = Path(__file__).resolve().parents[2]
ALLURE = "allure@3"


def report_name(results_dir: Path) -> str:
    """"<product> V1 -> V3 cutover", the product being the contract directory's name that the
    results record (the bundled contract: "v3")."""
    files = sorted(results_dir.glob("results-*.json"))
    try:
        _, meta = load_results(files) if files else ([], {})
    except MergeError:
        meta = {}
    product = Path(str(meta.get("contracts") or "")).resolve().name if meta.get("contracts") \
        else ""
    return f"{product}: V1 -> V3 cutover" if product else "V1 -> V3 cutover"


def allure_report_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cutover allure-report", description=__doc__)
    parser.add_argument("--history", type=Path, default=ROOT / "reports" / "allure-history.jsonl",
                        help="Allure history file to read and extend (default: %(default)s)")
    args = parser.parse_args(argv)
    results = ROOT / "reports" / "latest" / "allure-results"
    if not results.is_dir() or not any(results.iterdir()):
        print(f"cutover allure-report: no Allure results in {results}; run `make e2e` first",
              file=sys.stderr)
        return 2
    npx = shutil.which("npx")
    if npx is None:
        print("cutover allure-report: Node.js is not installed (no `npx` on PATH). The Allure "
              "HTML report needs Allure 3 from npm: install Node.js 20+ (e.g. `apt-get install "
              f"nodejs npm`) and run `make report` again. The raw results are in {results}; "
              "JUnit XML is in reports/latest/junit.xml.", file=sys.stderr)
        return 2
    latest = ROOT / "reports" / "latest"
    env = {**os.environ, "CUTOVER_REPORT_NAME": report_name(latest / "results"),
           "CUTOVER_ALLURE_HISTORY": str(args.history.resolve())}
    args.history.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([npx, "--yes", ALLURE, "generate", str(results)], cwd=ROOT,
                          check=False, timeout=900, env=env)
    if done.returncode != 0:
        print(f"cutover allure-report: `npx {ALLURE} generate` failed ({done.returncode})",
              file=sys.stderr)
        return 1
    report = ROOT / "reports" / "allure-report" / "index.html"
    print(f"wrote {report}" if report.exists() else f"wrote {report.parent}")
    print(f"history: {args.history}")
    return 0

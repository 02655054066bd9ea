"""`cutover allure-report`: the single-file Allure HTML report from reports/allure-results,
built offline with Allure 3 from npm (configured by allurerc.mjs)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLURE = "allure@3"


def allure_report_command(argv: list[str]) -> int:
    results = ROOT / "reports" / "allure-results"
    if argv:
        print("usage: cutover allure-report", file=sys.stderr)
        return 2
    if not results.is_dir() or not any(results.iterdir()):
        print(f"cutover allure-report: no Allure results in {results}; run `make e2e` first",
              file=sys.stderr)
        return 2
    npx = shutil.which("npx")
    if npx is None:
        print("cutover allure-report: Node.js is not installed (no `npx` on PATH). The Allure "
              "HTML report needs Allure 3 from npm: install Node.js 20+ (e.g. `apt-get install "
              f"nodejs npm`) and run `make report` again. The raw results are in {results}; "
              "JUnit XML is in reports/junit.xml.", file=sys.stderr)
        return 2
    done = subprocess.run([npx, "--yes", ALLURE, "generate", str(results)], cwd=ROOT,
                          check=False, timeout=900)
    if done.returncode != 0:
        print(f"cutover allure-report: `npx {ALLURE} generate` failed ({done.returncode})",
              file=sys.stderr)
        return 1
    report = ROOT / "reports" / "allure-report" / "index.html"
    print(f"wrote {report}" if report.exists() else f"wrote {report.parent}")
    return 0

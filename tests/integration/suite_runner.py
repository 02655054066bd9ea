"""Run the cutover suite in a child pytest against a reference target this process controls,
so a test can read the results files and the target's audit log afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from harness.reports.results import load_results
from harness.targets.reference_process import ReferenceProcess

ROOT = Path(__file__).resolve().parents[2]
ROUTE_TIMEOUT_MS = "2500"  # faulted pages fail fast; healthy pages load in ~0.2 s


@dataclass
class SuiteRun:
    returncode: int
    output: str
    results: dict[str, dict[str, Any]]  # "test_fn[subject]" -> result row
    audit: list[dict[str, Any]] = field(default_factory=list)
    results_dir: Path | None = None  # --results-dir: runs/<run id>/ and latest are in it
    run_dir: Path | None = None  # this run's folder


    def outcomes(self, outcome: str) -> set[str]:
        return {k for k, r in self.results.items() if r["outcome"] == outcome}

    @property
    def failed(self) -> set[str]:
        return self.outcomes("failed") | self.outcomes("error")


def run_folder(results_dir: Path) -> Path | None:
    """The run folder of the one run made with this --results-dir (None: the run made none)."""
    folders = sorted(p.parent for p in results_dir.glob("runs/*/run.json"))
    assert len(folders) <= 1, f"{results_dir} holds several runs: {folders}"
    return folders[0] if folders else None


def key(row: dict[str, Any]) -> str:
    return f"{row['test']}[{row['subject']}]" if row.get("subject") else row["test"]


def run_suite(tmp: Path, args: list[str], faults: tuple[str, ...] = (),
              extra: tuple[str, ...] = (), scale: str | None = None) -> SuiteRun:
    target = ReferenceProcess(log_path=tmp / "target.log", faults=faults, scale=scale)
    url = target.start()
    try:
        # `--opt=value` forms: a bare path argument would move pytest's rootdir
        cmd = [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", *args, "--target=reference",
               f"--base-url={url}", f"--results-dir={tmp}", f"--route-timeout={ROUTE_TIMEOUT_MS}",
               "-q", "-p", "no:cacheprovider", *extra]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900,
                              check=False)
        with urllib.request.urlopen(f"{url}/__audit", timeout=10) as resp:
            audit = json.load(resp)
    finally:
        target.stop()
    folder = run_folder(tmp)
    files = sorted((folder / "results").glob("results-*.json")) if folder else []
    rows = [asdict(r) for r in load_results(files)[0]] if files else []
    return SuiteRun(done.returncode, done.stdout + done.stderr, {key(r): r for r in rows},
                    audit if isinstance(audit, list) else audit.get("requests", []), tmp, folder)

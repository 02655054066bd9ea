"""Two runs started at once in one checkout, both with --readiness and --clean-alluredir, each
keep every file they wrote in their own folder; `latest` names a complete run; old runs are
pruned to --keep-runs while a running run is spared; `cutover readiness --run` reads the run it
is given. Each run is a two-test selection against its own embedded reference target."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.reports import run_folders
from harness.reports.readiness.command import readiness_command
from harness.reports.readiness.history import load_history
from tests.integration.suite_runner import ROOT

STATIC = "suites/navigation/test_static_gates.py::test_route_live"
SELECTIONS = {"storage": [f"{STATIC}[storage.buckets]", f"{STATIC}[storage.grants]"],
              "compute": [f"{STATIC}[compute.catalog]", f"{STATIC}[compute.launch]"]}
OLD = ["20200101T000000Z-1", "20200101T000100Z-2", "20200101T000200Z-3", "20200101T000300Z-4"]


def _seed_old_runs(root: Path) -> None:
    """Four finished runs from long ago; the oldest still "running" (this test's process)."""
    for n, run_id in enumerate(OLD):
        running = n == 0
        run_folders.write_record(root / "runs" / run_id, {
            "run_id": run_id, "state": "running" if running else "complete",
            "pid": os.getpid() if running else 0, "finished": f"2020-01-01T00:0{n}:00Z"})


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("checkout") / "reports"
    _seed_old_runs(root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUTOVER_")}
    procs = {name: subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly", "-q",
         *nodeids, f"--results-dir={root}", "--readiness", "--allure", "--clean-alluredir",
         "--keep-runs=3", "--route-timeout=5000"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        for name, nodeids in SELECTIONS.items()}
    folders = {}
    for name, proc in procs.items():
        out, _ = proc.communicate(timeout=300)
        text = out.decode()
        assert proc.returncode == 0, text[-3000:]
        folder = next((Path(line.split("run folder: ", 1)[1].split(" (")[0])
                       for line in text.splitlines() if line.startswith("run folder: ")), None)
        assert folder is not None, text[-3000:]
        folders[name] = folder
    return root, folders


def test_concurrent_runs_each_keep_all_their_files(two_runs):
    root, folders = two_runs
    assert folders["storage"] != folders["compute"]
    for name, folder in folders.items():
        record = json.loads((folder / "run.json").read_text())
        assert record["state"] == "complete" and record["run_id"] == folder.name
        wanted = {f"test_route_live[{n.split('[')[1]}" for n in SELECTIONS[name]}
        junit = {case.get("name") for case in ET.parse(folder / "junit.xml").iter("testcase")}
        assert junit == wanted, (name, junit)
        [results] = (folder / "results").glob("results-*.json")
        rows = json.loads(results.read_text())["results"]
        assert {r["nodeid"] for r in rows} == set(SELECTIONS[name])
        allure = [json.loads(p.read_text()) for p in (folder / "allure-results").glob(
            "*-result.json")]
        assert {a["name"] for a in allure} == wanted, (name, allure)  # not cleaned by the other
        assert json.loads((folder / "readiness.json").read_text())["meta"]["run_id"] == \
            folder.name
        assert (folder / "reference-target.log").exists()
    # no file written by both: beside the run folders only the latest link, the lock and the
    # history, where each run added a file of its own
    assert {p.name for p in root.iterdir()} == {"runs", "latest", "history", ".runs.lock"}
    points = load_history(root / "history")
    assert sorted(p.run for p in points) == sorted(f.name for f in folders.values())


def test_latest_points_at_a_complete_run(two_runs):
    root, folders = two_runs
    link = root / "latest"
    assert link.is_symlink() and link.resolve() in {f.resolve() for f in folders.values()}
    record = run_folders.latest(root)
    assert record is not None and record.state == "complete"


def test_old_runs_are_pruned_to_keep_runs_but_never_a_running_one(two_runs):
    root, folders = two_runs
    left = sorted(p.name for p in (root / "runs").iterdir())
    # newest three (the last old one and the two new runs) plus the old one still running
    assert left == sorted([OLD[0], OLD[3], *(f.name for f in folders.values())])


def test_readiness_run_reads_the_chosen_run(two_runs, tmp_path, capsys):
    root, folders = two_runs
    chosen = folders["storage"]
    code = readiness_command(["--results-dir", str(root), "--run", chosen.name,
                              "--format", "json", "--out", str(tmp_path)])
    assert code in (0, 1)
    assert f"read run {chosen.name} (finished" in capsys.readouterr().out
    report = json.loads((tmp_path / "readiness.json").read_text())
    assert report["meta"]["run_id"] == chosen.name
    assert report["meta"]["runs_read"].startswith(chosen.name)
    # only the chosen run's results: its route is live, the other run's was not run here
    live = {r["target"]: g["status"] for r in report["routes"] for g in r["gates"]
            if g["gate"] == "v3-live"}
    assert (live["storage.buckets"], live["compute.catalog"]) == ("pass", "not run"), live

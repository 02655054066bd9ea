"""Readiness from real runs: one broken legacy target blocks exactly its route at the right
gate; results of two shards merge into the same verdicts as one run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.integration.suite_runner import ROOT, run_suite

pytestmark = pytest.mark.long_run(55)


def readiness(tmp, *files) -> tuple[int, dict]:
    out = tmp / "report"
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "readiness", *map(str, files), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done.returncode, json.loads((out / "readiness.json").read_text())


def verdicts(report: dict) -> dict[str, str]:
    return {r["legacy_id"]: r["verdict"] for r in report["routes"]}


def test_broken_target_blocks_its_legacy_route_at_v3_live(tmp_path):
    run = run_suite(tmp_path, ["suites", "-m", "compute and not accessibility", "--readiness"],
                    ("detail-500",))
    assert run.run_dir is not None, run.output[-2000:]
    assert (run.run_dir / "readiness.html").exists() and (run.run_dir / "readiness.md").exists()
    assert "V1 retirement readiness: NOT READY" in run.output
    code, report = readiness(tmp_path, *sorted((run.run_dir / "results").glob("*.json")))
    assert code == 1
    blocked = {r["legacy_id"]: r for r in report["routes"] if r["verdict"] == "blocked"}
    # the SKU page itself, and the catalog list whose rows link SKU pages that answer 500
    assert set(blocked) == {"v1.catalog.sku", "v1.catalog"}
    catalog = next(g for g in blocked["v1.catalog"]["gates"] if g["gate"] == "v3-live")
    assert catalog["status"] == "fail"
    assert any("row-links" in m and "500" in m
               for ev in catalog["evidence"] for m in ev["messages"]), catalog
    gates = {g["gate"]: g["status"] for g in blocked["v1.catalog.sku"]["gates"]}
    assert gates["v3-live"] == "fail"
    live = next(g for g in blocked["v1.catalog.sku"]["gates"] if g["gate"] == "v3-live")
    assert any("HTTP 500" in m for ev in live["evidence"] for m in ev["messages"])


def test_shards_merge_to_the_verdicts_of_one_run(tmp_path):
    subset = ["suites/cutover/test_legacy_routes.py", "suites/navigation/test_static_gates.py",
              "-k", "storage or volume or billing"]
    whole = run_suite(tmp_path / "whole", subset, ("legacy-404",))
    shards = [run_suite(tmp_path / f"s{i}", [*subset, "--shard", f"{i}/2"], ("legacy-404",))
              for i in (1, 2)]
    assert all(s.results for s in shards)
    assert set(whole.results) == set(shards[0].results) | set(shards[1].results)
    assert not set(shards[0].results) & set(shards[1].results)
    assert whole.run_dir and shards[0].run_dir and shards[1].run_dir
    _, one = readiness(tmp_path / "whole", *(whole.run_dir / "results").glob("*.json"))
    _, merged = readiness(tmp_path, *(shards[0].run_dir / "results").glob("*.json"),
                          *(shards[1].run_dir / "results").glob("*.json"))
    assert verdicts(merged) == verdicts(one)
    assert verdicts(one)["v1.volumes"] == "blocked"

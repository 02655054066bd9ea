"""The navigation summary survives xdist and shards: workers' and shards' results files merge
into one summary (routes, navigations by kind, per route), interactive ones included."""

from __future__ import annotations

import json
from pathlib import Path

from harness.capture.navigation_counter import NavigationCounter, main


def _results(path: Path, navigations: dict[str, int], routes: int) -> Path:
    path.write_text(json.dumps({"meta": {"navigations": navigations,
                                         "routes_snapshotted": routes}, "results": []}))
    return path


def test_workers_and_shards_add_up(tmp_path, capsys):
    files = [
        _results(tmp_path / "results-shard1of2-gw0.json", {"static": 30, "interactive": 12}, 30),
        _results(tmp_path / "results-shard1of2-gw1.json", {"static": 20, "roles": 3}, 20),
        _results(tmp_path / "results-shard2of2-main.json", {"static": 50, "interactive": 38}, 50),
    ]
    merged = NavigationCounter.merged(files)
    lines = merged.summary_lines()
    assert lines[0] == "routes checked: 100"
    assert lines[1] == "browser navigations: 153 (interactive 50, roles 3, static 100)"
    assert "navigations per route (static gates): 1.0" in lines
    assert "interactive navigations per route (clicks, journeys): 0.5" in lines
    assert main([str(tmp_path)]) == 0
    assert "routes checked: 100" in capsys.readouterr().out


def test_a_route_two_workers_snapshotted_counts_once(tmp_path):
    files = []
    for worker in ("gw0", "gw1"):
        path = tmp_path / f"results-all-{worker}.json"
        path.write_text(json.dumps({"meta": {"navigations": {"static": 3},
                                             "routes_snapshotted": 3,
                                             "snapshotted_route_ids": ["a", "b", "c"]}}))
        files.append(path)
    lines = NavigationCounter.merged(files).summary_lines()
    assert lines[0] == "routes checked: 3"
    assert "navigations per route (static gates): 2.0" in lines  # the cost xdist added


def test_no_results_is_a_usage_error(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "results" in capsys.readouterr().err

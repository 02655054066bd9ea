"""Run folders without a browser: which runs readiness reads (the latest complete run, paired
with the latest comparable v1compat run), `--run`, pruning to N that spares running and latest
runs, the atomic latest link, and one history record per run even when two finish together."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from harness.reports import run_folders
from harness.reports.readiness import command
from harness.reports.readiness.command import readiness_command
from harness.reports.readiness.history import load_history
from harness.reports.run_folders import RunFolderError, prune, select
from tests.reports.conftest import healthy_run, row, write_results

SAME = {"target": "reference", "base_url_given": None, "faults": [], "contracts_digest": "abc"}


def make_run(root: Path, run_id: str, state: str = "complete", v1compat: int = 0,
             rows: list[dict[str, Any]] | None = None, **data: Any) -> Path:
    folder = root / "runs" / run_id
    # a finished run's process is gone: pid 0 is never alive
    pid = os.getpid() if state == "running" else 0
    run_folders.write_record(folder, {"run_id": run_id, "state": state, "pid": pid,
                                      "finished": f"finished-{run_id}",
                                      "v1compat_tests": v1compat, **SAME, **data})
    write_results(folder / "results" / "results-all-main.json", rows or [],
                  contracts="contracts/v3", markexpr="v1compat" if v1compat else "",
                  run_id=run_id, finished="2026-11-30T10:00:00Z", commit="c1")
    return folder


def ids(runs: list[run_folders.RunRecord]) -> list[str]:
    return [r.run_id for r in runs]


def test_run_ids_sort_by_start_and_differ_by_process():
    first = run_folders.new_run_id(now=1_800_000_000, pid=4242)
    assert first == "20270115T080000Z-4242"
    assert run_folders.new_run_id(now=1_800_000_001, pid=1) > first
    assert run_folders.new_run_id(now=1_800_000_000, pid=4243) != first


def test_default_reads_latest_plus_the_latest_comparable_v1compat_run(tmp_path):
    make_run(tmp_path, "20261130T090000Z-1", v1compat=3)
    make_run(tmp_path, "20261130T091000Z-2", v1compat=3)
    make_run(tmp_path, "20261130T092000Z-3", v1compat=3, contracts_digest="other")
    make_run(tmp_path, "20261130T093000Z-4", state="interrupted", v1compat=3)
    make_run(tmp_path, "20261130T100000Z-5")
    run_folders.point_latest(tmp_path, "20261130T100000Z-5")
    assert ids(select(tmp_path, [])) == ["20261130T100000Z-5", "20261130T091000Z-2"]
    # a latest run with its own v1compat tests is read alone
    make_run(tmp_path, "20261130T110000Z-6", v1compat=1)
    run_folders.point_latest(tmp_path, "20261130T110000Z-6")
    assert ids(select(tmp_path, [])) == ["20261130T110000Z-6"]


def test_run_names_exactly_the_runs_read(tmp_path):
    make_run(tmp_path, "20261130T090000Z-1", v1compat=3)
    make_run(tmp_path, "20261130T100000Z-2")
    make_run(tmp_path, "20261130T110000Z-3", state="running")
    run_folders.point_latest(tmp_path, "20261130T100000Z-2")
    assert ids(select(tmp_path, ["latest"])) == ["20261130T100000Z-2"]
    assert ids(select(tmp_path, ["20261130T090000Z-1", "latest"])) == [
        "20261130T090000Z-1", "20261130T100000Z-2"]
    with pytest.raises(RunFolderError, match="--run nosuch: no such run"):
        select(tmp_path, ["nosuch"])
    with pytest.raises(RunFolderError, match="still running"):
        select(tmp_path, ["20261130T110000Z-3"])
    with pytest.raises(RunFolderError, match="no complete run"):
        select(tmp_path / "elsewhere", [])


def test_a_running_run_whose_process_is_gone_reads_as_interrupted(tmp_path):
    folder = make_run(tmp_path, "20261130T090000Z-1")
    run_folders.write_record(folder, {"state": "running", "pid": 0})
    assert run_folders.read_record(folder).state == "interrupted"  # type: ignore[union-attr]


def test_prune_keeps_the_newest_n_and_never_a_running_or_the_latest_run(tmp_path):
    make_run(tmp_path, "20261130T080000Z-1", state="running")  # alive: this process
    make_run(tmp_path, "20261130T081000Z-2", v1compat=2)  # latest's v1compat partner
    make_run(tmp_path, "20261130T082000Z-3")  # latest, though not among the newest
    for i in range(4, 9):
        make_run(tmp_path, f"20261130T0{80 + i}000Z-{i}", state="interrupted")
    run_folders.point_latest(tmp_path, "20261130T082000Z-3")
    pruned = prune(tmp_path, keep=2)
    left = sorted(p.name for p in (tmp_path / "runs").iterdir())
    assert left == ["20261130T080000Z-1", "20261130T081000Z-2", "20261130T082000Z-3",
                    "20261130T087000Z-7", "20261130T088000Z-8"]
    assert sorted(pruned) == ["20261130T084000Z-4", "20261130T085000Z-5", "20261130T086000Z-6"]


def test_latest_is_replaced_atomically_and_only_by_a_complete_run(tmp_path):
    first = make_run(tmp_path, "20261130T090000Z-1", state="running")
    run_folders.finish(first, {"finished": "t1"}, complete=True)
    assert (tmp_path / "latest").resolve() == first.resolve()
    assert os.readlink(tmp_path / "latest") == "runs/20261130T090000Z-1"  # relative: movable
    second = make_run(tmp_path, "20261130T091000Z-2", state="running")
    run_folders.finish(second, {"finished": "t2"}, complete=False)
    assert (tmp_path / "latest").resolve() == first.resolve()
    assert json.loads((second / "run.json").read_text())["state"] == "interrupted"
    third = make_run(tmp_path, "20261130T092000Z-3", state="running")
    run_folders.finish(third, {"finished": "t3"}, complete=True)
    assert (tmp_path / "latest").resolve() == third.resolve()
    assert not list(tmp_path.glob(".latest*"))  # no temporary link left behind


def test_readiness_run_reads_the_chosen_run_and_names_it(contract, tmp_path, monkeypatch,
                                                       capsys):
    monkeypatch.setattr(command, "load_contract", lambda path: contract)
    healthy = healthy_run(contract)
    compat = row("test_v1_deep_link", "v1.volumes", kind="legacy_redirect",
                 check="v1-deep-link", gate="mapped", suite="cutover")
    make_run(tmp_path, "20261130T090000Z-1", v1compat=1, rows=[compat], markexpr="v1compat")
    make_run(tmp_path, "20261130T100000Z-2", rows=healthy)
    run_folders.point_latest(tmp_path, "20261130T100000Z-2")
    assert readiness_command(["--results-dir", str(tmp_path), "--format", "json"]) in (0, 1)
    out = capsys.readouterr().out
    assert "read run 20261130T100000Z-2 (finished finished-20261130T100000Z-2)" in out
    assert "read run 20261130T090000Z-1" in out
    report = json.loads((tmp_path / "latest" / "readiness.json").read_text())
    assert report["meta"]["runs_read"].startswith("20261130T100000Z-2 (finished")
    assert "v1compat" in report["meta"]["markexpr"]
    chosen = tmp_path / "chosen"
    assert readiness_command(["--results-dir", str(tmp_path), "--run", "20261130T090000Z-1",
                              "--format", "json", "--out", str(chosen)]) in (0, 1)
    report = json.loads((chosen / "readiness.json").read_text())
    assert report["meta"]["runs_read"] == "20261130T090000Z-1 (finished " \
                                          "finished-20261130T090000Z-1)"


def test_two_runs_finishing_together_each_get_a_history_record(contract, tmp_path,
                                                              monkeypatch):
    """Same second, same commit, two at once: one record each, none lost or mixed."""
    monkeypatch.setattr(command, "load_contract", lambda path: contract)
    results = [write_results(tmp_path / f"r{n}" / "results-all-main.json",
                             healthy_run(contract), finished="2026-11-30T10:00:00Z",
                             commit="c1", contracts="contracts/v3",
                             run_id=f"20261130T095900Z-{n}") for n in (1, 2)]
    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(lambda res: readiness_command(
            [str(res), "--format", "json", "--out", str(res.parent / "out"),
             "--history", str(tmp_path / "history")]), results))
    assert set(codes) <= {0, 1}  # a verdict each, not an error
    points = load_history(tmp_path / "history")
    assert sorted(p.run for p in points) == ["20261130T095900Z-1", "20261130T095900Z-2"]

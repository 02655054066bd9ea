"""Readiness over runs: each run is recorded once in the history folder; the next report
lists what changed since, regressions first, in HTML, Markdown and JSON alike; and
--fail-on-regression fails the command on any regression."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.reports.readiness import command
from harness.reports.readiness.command import readiness_command
from harness.reports.readiness.history import load_history
from tests.reports.conftest import fail, healthy_run, write_results


@pytest.fixture(autouse=True)
def _contract_loaded_once(contract, monkeypatch):
    # the results name the bundled contract; reading it again per command costs ~1 s
    monkeypatch.setattr(command, "load_contract", lambda path: contract)


def _run(tmp: Path, name: str, rows, *extra: str) -> tuple[int, Path]:
    results = write_results(tmp / name / "results.json", rows, finished=f"2026-11-30T0{name}Z",
                            commit=f"c{name}", contracts="contracts/v3")
    out = tmp / name / "report"
    code = readiness_command([str(results), "--out", str(out), "--history", str(tmp / "history"),
                              *extra])
    return code, out


def test_a_fault_in_the_second_run_is_a_regression_listed_first(contract, tmp_path, capsys):
    healthy = healthy_run(contract)
    assert _run(tmp_path, "1", healthy)[0] == 0
    broken = fail(healthy, "test_shell_containment", "storage.buckets", contract)
    code, out = _run(tmp_path, "2", broken, "--fail-on-regression")
    assert code == 1
    report = json.loads((out / "readiness.json").read_text())
    regressions = report["since_last"]["regressions"]
    assert [(c["legacy_id"], c["before"], c["after"]) for c in regressions] == [
        ("v1.volumes", "ready", "blocked")]
    md = (out / "readiness.md").read_text()
    assert md.index("## Since last run") < md.index("## Done Criteria")
    assert "REGRESSION: /volumes (v1.volumes): ready -> blocked" in md
    html = (out / "readiness.html").read_text()
    assert html.index('data-testid="regressions"') < html.index('data-testid="criteria"')
    assert len(report["trend"]) == 2
    printed = capsys.readouterr().out
    assert "since the last run: REGRESSION: /volumes (v1.volumes): ready -> blocked" in printed


def test_fixing_it_makes_the_route_newly_ready(contract, tmp_path):
    healthy = healthy_run(contract)
    _run(tmp_path, "1", fail(healthy, "test_shell_containment", "storage.buckets", contract))
    code, out = _run(tmp_path, "2", healthy, "--fail-on-regression")
    assert code == 0
    since = json.loads((out / "readiness.json").read_text())["since_last"]
    assert since["regressions"] == []
    assert [c["legacy_id"] for c in since["newly_ready"]] == ["v1.volumes"]
    assert "newly ready: /volumes" in (out / "readiness.md").read_text()


def test_with_the_flag_only_regressions_fail(contract, tmp_path):
    broken = fail(healthy_run(contract), "test_shell_containment", "storage.buckets", contract)
    assert _run(tmp_path, "1", broken)[0] == 1  # NOT READY
    assert _run(tmp_path, "2", broken, "--fail-on-regression")[0] == 0  # but no worse
    since = json.loads((tmp_path / "2" / "report" / "readiness.json").read_text())["since_last"]
    assert since["regressions"] == [] and since["newly_ready"] == []


def test_rebuilding_a_report_records_its_run_once(contract, tmp_path):
    rows = healthy_run(contract)
    for _ in range(3):
        _run(tmp_path, "1", rows)
    assert len(load_history(tmp_path / "history")) == 1
    _run(tmp_path, "2", rows)
    points = load_history(tmp_path / "history")
    assert [p.commit for p in points] == ["c1", "c2"]
    assert points[-1].routes["v1.volumes"] == "ready"


def test_bad_history_and_flag_misuse_are_one_line_exit_2(contract, tmp_path, capsys):
    results = write_results(tmp_path / "r.json", healthy_run(contract))
    assert readiness_command([str(results), "--fail-on-regression"]) == 2
    (tmp_path / "history").mkdir()
    (tmp_path / "history" / "run-1.json").write_text("{not json")
    assert readiness_command([str(results), "--out", str(tmp_path / "o"), "--history",
                              str(tmp_path / "history")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "needs --history" in err[0] and "run-1.json" in err[1]


def _old_form(rows):
    """Rows as results files held them before a row carried its check's evidence: among the
    test's properties, as text (the linked V1 routes space-separated, the rest JSON)."""
    old = []
    for r in rows:
        properties = dict(r["properties"])
        for key, value in r["evidence"].items():
            properties[key] = " ".join(value) if key == "v1_links" else json.dumps(value)
        old.append({k: v for k, v in r.items() if k != "evidence"} | {"properties": properties})
    return old


def test_results_of_the_old_form_read_as_they_did(contract, tmp_path):
    """Earlier runs' results (a paired v1compat run, an older report rebuilt) still read: the
    same verdicts, inbound V1 links, densities and parity facts as their new form."""
    def evidence(r):
        if r["test"] == "test_no_inbound_v1_links" and r["subject"] == "shell.home":
            return dict(r, outcome="failed", evidence={"v1_links": ["v1.volumes", "v1.team"]})
        if r["test"] == "test_data_density":
            return dict(r, evidence={"density": {"table_columns": 4, "kv_rows": 2,
                                                 "raw_blocks": 0, "words_per_screen": 80}})
        return r

    rows = [evidence(r) for r in healthy_run(contract)]
    assert any(r["evidence"].get("parity") for r in rows)
    old_code, old = _run(tmp_path, "1", _old_form(rows))
    new_code, new = _run(tmp_path, "2", rows)
    assert old_code == new_code == 1  # the V1 links block /volumes and /team
    before, after = (json.loads((out / "readiness.json").read_text()) for out in (old, new))
    for key in ("verdict", "counts", "routes", "criteria", "densest"):
        assert before[key] == after[key], key
    since = after["since_last"]
    assert since["regressions"] == since["newly_ready"] == since["other"] == []
    volumes = next(r for r in after["routes"] if r["legacy_id"] == "v1.volumes")
    assert next(g for g in volumes["gates"] if g["gate"] == "v1-links")["note"] == (
        "inbound V1 links: shell.home")

"""Readiness per slice of the cutover plan: each slice's routes and verdicts, where the run puts
it (planned -> validating -> ready -> retired; regressed when a retired slice's V1 route is
served again), what blocks it, and its stage over the recorded runs -- in JSON, Markdown, the
terminal summary and the dashboard's timeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contracts import Contract, load_contract
from harness.reports.readiness import command
from harness.reports.readiness.command import build, readiness_command, write_reports
from harness.reports.readiness.history import RunPoint, load_history
from harness.reports.readiness.slices import stage_of
from harness.reports.readiness.verdicts import Readiness
from tests.reports.conftest import fail, healthy_run, write_results
from tests.slice_plans import billing_retired_contract


def _report(contract: Contract, tmp: Path, rows, history: Path | None = None,
            name: str = "run") -> Readiness:
    results = write_results(tmp / name / "results.json", rows, finished=f"2026-11-30T0{name}Z",
                            contracts=str(contract.directory))
    readiness = build(contract, [results], history)
    write_reports(readiness, tmp / name, ["md", "html", "json"])
    return readiness


def _stages(readiness: Readiness) -> dict[str, str]:
    return {s.id: s.stage for s in readiness.slices}


def test_a_healthy_run_puts_each_slice_where_its_routes_are(contract, tmp_path):
    readiness = _report(contract, tmp_path, healthy_run(contract))
    assert _stages(readiness) == {"retired-v1": "retired", "guides": "ready",
                                  "user-workflows": "ready", "admin-and-account": "planned"}
    admin = next(s for s in readiness.slices if s.id == "admin-and-account")
    assert admin.ready_count == len(admin.routes) - 3  # the pages kept on V1 hold it
    assert [b.split(" is kept on V1 ")[0] for b in admin.blocking] == [
        "/billing (v1.billing)", "/billing/invoices (v1.billing.invoices)",
        "/admin/audit-export (v1.admin.audit_export)"]
    saved = json.loads((tmp_path / "run" / "readiness.json").read_text())
    assert [s["id"] for s in saved["slices"]] == [s.id for s in contract.plan]
    assert saved["slices"][1]["routes"] == {"v1.api_docs": "ready", "v1.downloads": "ready",
                                            "v1.pilot.slurm": "ready",
                                            "v1.pilot.kubernetes": "ready",
                                            "v1.pilot.tenant": "ready"}


def test_a_failing_gate_names_the_route_and_the_gate_that_block_its_slice(contract, tmp_path,
                                                                          capsys):
    rows = fail(healthy_run(contract), "test_shell_containment", "docs.downloads", contract)
    readiness = _report(contract, tmp_path, rows)
    guides = next(s for s in readiness.slices if s.id == "guides")
    assert (guides.stage, guides.ready_count) == ("validating", 4)
    assert guides.blocking == (
        "/downloads (v1.downloads) fails the shell gate on docs.downloads: [shell-containment] "
        f"docs.downloads ({contract.route('docs.downloads').source}) at "
        "http://127.0.0.1:9//docs/downloads: expected the global shell, found no global shell",)
    md = (tmp_path / "run" / "readiness.md").read_text()
    assert md.index("## Cutover plan") < md.index("## Done Criteria")
    assert "| 2 | guides: Developer docs and scheduler guides | validating | validating | " \
           "4 of 5 | kind |" in md
    assert "- blocked (1): `v1.downloads`" in md
    html = (tmp_path / "run" / "readiness.html").read_text()
    assert html.index('data-testid="plan"') < html.index('data-testid="criteria"')
    assert 'data-testid="slice-guides" data-stage="validating"' in html
    assert 'href="#route-v1.downloads"' in html  # a slice's route links its row of the table


def test_a_partial_run_leaves_a_slice_where_the_plan_has_it(contract, tmp_path):
    rows = [r for r in healthy_run(contract) if r["subject"] != "v1.pilot.slurm"]
    guides = next(s for s in _report(contract, tmp_path, rows).slices if s.id == "guides")
    assert guides.stage == "validating"
    assert guides.blocking == ("/pilot/slurm (v1.pilot.slurm) was not fully checked: mapped did "
                               "not run.",)


@pytest.fixture
def billing_retired(tmp_path: Path) -> Contract:
    return load_contract(billing_retired_contract(tmp_path / "contract"))


def _served_again(rows, legacy_id: str) -> list[dict]:
    message = (f"[legacy-retired] {legacy_id}: expected 404 or 410 (or a canonical route), "
               "found HTTP 200")
    return [dict(r, outcome="failed", messages=[message])
            if r["subject"] == legacy_id and r["gate"] == "mapped" else r for r in rows]


def test_a_retired_slice_whose_v1_route_is_served_again_regressed(billing_retired, tmp_path,
                                                                  monkeypatch, capsys):
    healthy = healthy_run(billing_retired)
    assert _stages(_report(billing_retired, tmp_path, healthy))["retired-v1"] == "retired"
    broken = _served_again(healthy, "v1.billing")
    readiness = _report(billing_retired, tmp_path, broken, name="2")
    retired = readiness.slices[0]
    assert (retired.id, retired.stage, retired.regressed) == ("retired-v1", "regressed", True)
    assert retired.blocking == (
        "/billing (v1.billing) is served again, though its slice is retired (mapped gate): "
        "[legacy-retired] v1.billing: expected 404 or 410 (or a canonical route), found HTTP "
        "200",)
    md = (tmp_path / "2" / "readiness.md").read_text()
    plan = md[md.index("## Cutover plan"):]
    assert plan.splitlines()[2].startswith("- **REGRESSION**: slice retired-v1 is retired, but: "
                                           "/billing (v1.billing) is served again")
    assert "| 1 | retired-v1: V1 pages retired before the plan | retired | **REGRESSED** |" in md
    html = (tmp_path / "2" / "readiness.html").read_text()
    assert 'class="slice regressed" id="slice-retired-v1"' in html
    # --fail-on-regression fails on it even with no earlier run to compare with
    monkeypatch.setattr(command, "load_contract", lambda path: billing_retired)
    results = tmp_path / "2" / "results.json"
    code = readiness_command([str(results), "--out", str(tmp_path / "out"), "--history",
                              str(tmp_path / "fresh-history"), "--fail-on-regression"])
    assert code == 1
    assert "slice 1 retired-v1 (retired): REGRESSION, 3 of 4 routes hold as retired" in \
        capsys.readouterr().out


def test_each_slice_has_its_stage_in_every_recorded_run(contract, tmp_path):
    history = tmp_path / "history"
    healthy = healthy_run(contract)
    _report(contract, tmp_path, healthy, history, name="1")
    # a record written before slices were recorded: its stages come from its route verdicts
    old = next(history.glob("run-*.json"))
    data = json.loads(old.read_text())
    del data["slices"]
    old.write_text(json.dumps(data))
    assert load_history(history)[0].slices == {}
    broken = fail(healthy, "test_shell_containment", "schedulers.guide", contract)
    readiness = _report(contract, tmp_path, broken, history, name="2")
    guides = next(s for s in readiness.slices if s.id == "guides")
    assert [p.stage for p in guides.history] == ["ready", "validating"]
    assert guides.previous == "ready"
    assert load_history(history)[-1].slices["guides"] == "validating"
    md = (tmp_path / "2" / "readiness.md").read_text()
    assert "| 2 | guides: Developer docs and scheduler guides | validating | validating | " \
           "2 of 5 | kind | ready -> validating |" in md  # the guide serves three pilot URLs
    html = (tmp_path / "2" / "readiness.html").read_text()
    assert html.count('class="dot st-validating"') >= 1 and 'title="2026-11-30T01Z: ready"' \
        in html


def test_stage_rules():
    assert stage_of("retired", ["ready", "not run"]) == "retired"
    assert stage_of("retired", ["ready", "blocked"]) == "regressed"
    assert stage_of("planned", ["ready", "ready"]) == "ready"
    assert stage_of("validating", ["ready", "kept on V1"]) == "validating"
    assert stage_of("validating", []) == "validating"
    point = RunPoint("r", "t", None, "READY", {}, {"a": "ready"})
    assert point.slices == {}  # records from before the plan load as they were

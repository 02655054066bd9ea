"""`cutover promote SLICE` on hand-made run folders: PROMOTE only from the newest complete run
on the slice's environment (with its v1compat pair) when every route of the slice is ready and
the V1-dependency guard read every V3 page; otherwise HOLD with one sentence per reason -- the
embedded reference target, an interrupted, stale or partial run, another contract, a V3 page that
still links a V1 route of the slice, a slice the plan has not started. Exit 0 / 1 / 2, and a
decision record in the run's folder and in the history folder."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from contracts import BUNDLED_CONTRACT
from harness.reports.promote import command
from harness.reports.promote.command import promote_command
from harness.reports.run_folders import write_record
from harness.reports.run_meta import contract_digest
from tests.reports.conftest import healthy_run, write_results

GUIDES = {"v1.api_docs", "v1.downloads", "v1.pilot.slurm", "v1.pilot.kubernetes",
          "v1.pilot.tenant", "docs.api.swagger", "docs.downloads", "schedulers.guide"}


@pytest.fixture(autouse=True)
def _contract_loaded_once(contract, monkeypatch):
    monkeypatch.setattr(command, "load_contract", lambda path: contract)


def _stamp(seconds_ago: float = 60) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - seconds_ago))


def make_run(root: Path, run_id: str, rows: list[dict[str, Any]], *, target: str = "kind",
             state: str = "complete", age_s: float = 60, digest: str | None = None,
             v1compat: int = 0, markexpr: str = "") -> Path:
    folder = root / "runs" / run_id
    write_results(folder / "results" / "results-all-main.json", rows,
                  contracts=str(BUNDLED_CONTRACT), finished=_stamp(age_s), commit="abc123def456",
                  markexpr=markexpr)
    write_record(folder, {"run_id": run_id, "state": state, "pid": None, "target": target,
                          "faults": [], "base_url_given": None, "markexpr": markexpr,
                          "contracts_digest": digest or contract_digest(BUNDLED_CONTRACT),
                          "finished": _stamp(age_s), "commit": "abc123def456",
                          "v1compat_tests": v1compat})
    return folder


def promote(root: Path, capsys, *args: str) -> tuple[int, str, dict[str, Any] | None]:
    code = promote_command([*args, "--results-dir", str(root)])
    out, err = capsys.readouterr()
    records = sorted((root / "history").glob("promote-*.json"))
    return code, out + err, json.loads(records[-1].read_text()) if records else None


def test_a_healthy_complete_run_on_kind_promotes_with_a_record(contract, tmp_path, capsys,
                                                              monkeypatch):
    folder = make_run(tmp_path, "20261130T100000Z-1", healthy_run(contract))
    summary = tmp_path / "step-summary.md"  # under GitHub Actions, the run's page shows it
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, record = promote(tmp_path, capsys, "guides")
    assert summary.read_text().startswith("# Promotion of slice guides: PROMOTE")
    assert code == 0, out
    assert out.splitlines()[0] == "cutover promote guides: PROMOTE"
    assert "evidence: run 20261130T100000Z-1 (kind, complete" in out
    assert record is not None and record["verdict"] == "PROMOTE" and record["reasons"] == []
    assert record["slice"]["id"] == "guides" and record["commit"] == "abc123def456"
    assert record["contracts_digest"] == contract_digest(BUNDLED_CONTRACT)
    assert [e["run_id"] for e in record["evidence"]] == ["20261130T100000Z-1"]
    assert [r["legacy_id"] for r in record["routes"]] == [
        "v1.api_docs", "v1.downloads", "v1.pilot.slurm", "v1.pilot.kubernetes",
        "v1.pilot.tenant"]
    gates = {g["gate"]: g["status"] for g in record["routes"][0]["gates"]}
    assert gates["shell"] == "pass" and gates["v1-links"] == "pass" and gates["lifecycle"] == "n/a"
    md = (folder / "promote-guides.md").read_text()
    assert md.startswith("# Promotion of slice guides: PROMOTE")
    assert json.loads((folder / "promote-guides.json").read_text()) == record
    # without a slice named, the one the plan marks validating
    assert promote(tmp_path, capsys)[0] == 0


def test_the_reference_target_is_never_evidence(contract, tmp_path, capsys):
    make_run(tmp_path, "20261130T100000Z-1", healthy_run(contract), target="reference")
    code, out, record = promote(tmp_path, capsys, "guides")
    assert code == 1
    assert ("- run 20261130T100000Z-1 ran against the embedded reference target, which never "
            "counts as evidence for promotion: it is the suite's own stand-in product, not the "
            "kind deployment slice guides must be validated on.") in out
    assert f"- no complete run on kind in {tmp_path / 'runs'}" in out
    assert record is not None and record["evidence"] == []
    assert {r["verdict"] for r in record["routes"]} == {"not judged"}
    # named explicitly, it is refused all the same, and no route is judged on it
    code, out, record = promote(tmp_path, capsys, "guides", "--run", "20261130T100000Z-1")
    assert code == 1 and "ran against the embedded reference target" in out
    assert "was not fully checked" not in out and record is not None
    assert {r["verdict"] for r in record["routes"]} == {"not judged"}


def test_the_newest_complete_run_on_kind_is_read(contract, tmp_path, capsys):
    make_run(tmp_path, "20261130T100000Z-1", healthy_run(contract), age_s=600)
    make_run(tmp_path, "20261130T110000Z-2", healthy_run(contract), target="reference")
    make_run(tmp_path, "20261130T120000Z-3", healthy_run(contract)[:5], state="interrupted",
             age_s=30)
    code, out, _ = promote(tmp_path, capsys, "guides")
    assert code == 0, out
    assert "evidence: run 20261130T100000Z-1" in out
    assert ("note: run 20261130T120000Z-3 on kind, newer than 20261130T100000Z-1, was "
            "interrupted: not used") in out
    code, out, _ = promote(tmp_path, capsys, "guides", "--run", "20261130T120000Z-3")
    assert code == 1
    assert ("- run 20261130T120000Z-3 was interrupted: its results are partial and prove "
            "nothing about the slice.") in out


def test_stale_evidence_and_another_contract_hold(contract, tmp_path, capsys):
    make_run(tmp_path, "20261130T100000Z-1", healthy_run(contract), age_s=30 * 3600,
             digest="0123456789ab")
    code, out, _ = promote(tmp_path, capsys, "guides")
    assert code == 1
    reasons = [line for line in out.splitlines() if line.startswith("  - ")]
    assert len(reasons) == 2, out
    assert "ago, older than --max-age 24h: run the suite on kind again." in reasons[0]
    assert reasons[1].startswith("  - run 20261130T100000Z-1 was judged against another "
                                 "contract (digest 0123456789ab; this contract's is ")
    code, out, _ = promote(tmp_path, capsys, "guides", "--max-age", "2d")
    assert code == 1 and "older than --max-age" not in out


def test_a_selection_that_left_the_slice_out_holds_and_says_what_to_run(contract, tmp_path,
                                                                        capsys):
    rows = [r for r in healthy_run(contract)
            if r["subject"] not in ("docs.downloads", "v1.pilot.tenant")]
    make_run(tmp_path, "20261130T100000Z-1", rows, markexpr="navigation")
    code, out, _ = promote(tmp_path, capsys, "guides")
    assert code == 1
    assert ("- /downloads (v1.downloads) was not fully checked: v3-live, shell, local-nav, "
            "placeholder, accessibility did not run.") in out
    assert ("- /pilot/{tenant}/scheduler (v1.pilot.tenant) was not fully checked: mapped did not "
            "run.") in out
    assert "- the V1-dependency guard read 77 of 78 V3 pages" in out  # docs.downloads unread
    assert "to check just what slice guides needs on kind:" in out
    assert ("pytest --target kind --readiness -k 'test_no_inbound_v1_links or v1.api_docs or "
            "v1.downloads or v1.pilot.slurm or v1.pilot.kubernetes or v1.pilot.tenant or "
            "docs.api.swagger or docs.downloads or schedulers.guide'") in out


def test_a_v3_page_that_still_links_a_v1_route_of_the_slice_holds_it(contract, tmp_path,
                                                                      capsys):
    rows = healthy_run(contract)
    for r in rows:
        if r["check"] == "v1-links" and r["subject"] == "shell.home":
            r.update(outcome="failed", evidence={"v1_links": ["v1.api_docs"]},
                     messages=["[v1-links] shell.home links the V1 /api-docs"])
    make_run(tmp_path, "20261130T100000Z-1", rows)
    code, out, record = promote(tmp_path, capsys, "guides")
    assert code == 1
    assert ("- /api-docs (v1.api_docs) is still linked from V3 pages: shell.home (v1-links "
            "gate): a V3 page depends on this V1 route.") in out
    assert record is not None
    api_docs = next(r for r in record["routes"] if r["legacy_id"] == "v1.api_docs")
    assert api_docs["verdict"] == "blocked"
    assert {g["gate"]: g["status"] for g in api_docs["gates"]}["v1-links"] == "fail"


def test_a_planned_slice_holds_and_its_parity_evidence_comes_from_the_v1compat_pair(
        contract, tmp_path, capsys):
    rows = healthy_run(contract)
    parity = [r for r in rows if r["check"] == "v1-parity"]
    make_run(tmp_path, "20261130T090000Z-1", parity, v1compat=len(parity), markexpr="v1compat")
    make_run(tmp_path, "20261130T100000Z-2", [r for r in rows if r not in parity])
    code, out, record = promote(tmp_path, capsys, "user-workflows")
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("  - ")] == [
        f"  - the plan has slice user-workflows planned, not validating "
        f"({contract.slice('user-workflows').source}): mark it validating when its turn "
        "comes, then validate it."]  # its routes are all ready: parity came from the pair
    assert record is not None
    assert [e["run_id"] for e in record["evidence"]] == ["20261130T100000Z-2",
                                                        "20261130T090000Z-1"]


@pytest.mark.parametrize(("args", "message"), [
    (["retired-v1"], "slice retired-v1 is already retired"),
    (["guide"], "no slice 'guide' in the plan (did you mean 'guides'?)"),
    (["guides", "--max-age", "soon"], "not an age: 'soon'"),
    (["guides", "--run", "nope"], "--run nope: no such run"),
])
def test_bad_input_exits_2(contract, tmp_path, capsys, args, message):
    make_run(tmp_path, "20261130T100000Z-1", healthy_run(contract))
    code, out, record = promote(tmp_path, capsys, *args)
    assert code == 2 and message in out and record is None
    assert "Traceback" not in out


def test_a_contract_without_a_plan_or_with_two_validating_slices_needs_telling(
        contract, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(command, "load_contract",
                        lambda path: contract.model_copy(update={"slices": ()}))
    code, out, _ = promote(tmp_path, capsys)
    assert code == 2 and "has no cutover plan (no slices section)" in out
    both = tuple(s.model_copy(update={"status": "validating"}) if s.status == "planned" else s
                 for s in contract.slices)
    monkeypatch.setattr(command, "load_contract",
                        lambda path: contract.model_copy(update={"slices": both}))
    code, out, _ = promote(tmp_path, capsys)
    assert code == 2
    assert ("name the slice: the plan marks 3 slices validating (guides, user-workflows, "
            "admin-and-account)") in out

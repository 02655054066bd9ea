"""The readiness model and its text renderers, on hand-made results (dashboard: tests/reports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.checks.roles import role_limits
from harness.reports.readiness.command import readiness_command
from harness.reports.readiness.model import compute
from harness.reports.readiness.render_text import summary_table, to_markdown
from harness.reports.results import SCHEMA, MergeError, load_results, read_rows

GATE_OF = {"test_route_live": ("route-live", "v3-live"), "test_shell_containment":
           ("shell-containment", "shell"), "test_local_nav": ("local-nav", "local-nav"),
           "test_back_link": ("back-link", "back-link"), "test_no_placeholder":
           ("placeholder", "placeholder"), "test_accessibility": ("accessibility",
                                                                  "accessibility"),
           "test_data_density": ("data-density", "density")}


def row(test: str, subject: str, outcome: str = "passed", kind: str = "route", check=None,
        gate=None, suite="navigation", messages=()):
    if test in GATE_OF:
        check, gate = GATE_OF[test]
    return {"nodeid": f"suites/x.py::{test}[{subject}]", "test": test, "subject": subject,
            "subject_kind": kind, "check": check, "gate": gate, "suite": suite, "family": None,
            "outcome": outcome, "messages": list(messages), "artifacts": [], "properties": {}}


# A complete run: the default run's results merged with the opt-in v1compat run's.
COMPLETE = {"markexpr": "(default) + v1compat"}


def parity_results(contract, missing: dict[str, str] | None = None):
    """What the v1compat run's v1-parity tests record: every executable row compared, `missing`
    (row id -> fact) failing with that fact missing on V3."""
    rows = []
    for p in contract.parity:
        if p.compare is None:
            continue
        gap = (missing or {}).get(p.id)
        evidence = {"compared": ["field 'Region'"] + ([gap] if gap else []),
                    "missing": [gap] if gap else [], "differing": [], "unreadable": [],
                    "error": None}
        rows.append(row("test_v1_v3_parity", p.id, "failed" if gap else "passed",
                        kind="parity_row", check="v1-parity", gate="parity", suite="cutover",
                        messages=[f"expected {gap}, which V1 shows"] if gap else ())
                    | {"evidence": {"parity": evidence}})
    return rows


def full_results(contract, fail: tuple[str, str] | None = None, skip_route: str | None = None,
                 v1compat: bool = True):
    """Results of a complete, healthy run (optionally with one failing test); with `v1compat`
    (the default) the v1compat run's parity comparisons are merged in."""
    rows = []
    for route in contract.routes:
        for test in GATE_OF:
            if test == "test_back_link" and not route.back:
                continue
            outcome = "skipped" if route.id == skip_route else "passed"
            if fail == (test, route.id):
                outcome = "failed"
            rows.append(row(test, route.id, outcome, messages=["boom"] if outcome == "failed"
                            else ()))
    for legacy in contract.legacy:
        kind = ("legacy_redirect" if legacy.redirect else "legacy_passthrough"
                if legacy.passthrough else "legacy_retired")
        test = {"legacy_redirect": "test_legacy_redirect", "legacy_passthrough":
                "test_legacy_passthrough", "legacy_retired": "test_legacy_retired"}[kind]
        rows.append(row(test, legacy.id, kind=kind, check=test.removeprefix("test_")
                        .replace("_", "-"), gate="mapped", suite="cutover"))
    for res in contract.lifecycle.resources:
        rows.append(row("test_operation_cards", res.id, kind="lifecycle_resource",
                        check="lifecycle-cards", gate="lifecycle", suite="lifecycle"))
    rows.append(row("test_route_inventory", None, check="route-inventory", gate="mapped",
                    suite="cutover") | {"subject": None})
    rows += [row("test_no_inbound_v1_links", route.id, check="v1-links", gate="v1-links",
                 suite="cutover") for route in contract.routes]
    rows += [row("test_degraded_backend", f"{d.route}-{v}", kind="degraded_case",
                 check="degraded-backend", gate="degraded", suite="quality")
             for d in contract.degraded.routes for v in d.variants]
    rows += [row("test_role_limits", limit.id, "failed" if fail == ("test_role_limits", limit.id)
                 else "passed", kind="role_limit", check="role-limits", gate="role-limits")
             for r in contract.roles for limit in role_limits(contract, r)]
    if v1compat:
        rows += parity_results(contract)
    return rows


def test_complete_healthy_results_are_ready(contract):
    r = compute(contract, read_rows(full_results(contract)), COMPLETE)
    assert r.verdict == "READY", [c for c in r.criteria if c.status != "pass"]
    assert r.exit_code == 0
    assert {x.verdict for x in r.routes} == {"ready", "kept on V1"}
    kept = [x for x in r.routes if x.verdict == "kept on V1"]
    assert kept and all(x.task for x in kept)


def test_one_broken_target_blocks_exactly_its_routes_at_that_gate(contract):
    r = compute(contract, read_rows(full_results(contract, fail=("test_back_link",
                                                                 "storage.bucket.detail"))))
    blocked = [x for x in r.routes if x.verdict == "blocked"]
    assert [x.legacy_id for x in blocked] == ["v1.volume.detail"]
    assert blocked[0].gate("back-link").status == "fail"
    assert blocked[0].gate("back-link").evidence[0].messages == ("boom",)
    assert {g.gate for g in blocked[0].gates if g.status == "fail"} == {"back-link"}
    assert r.verdict == "NOT READY" and r.exit_code == 1


def test_gates_that_did_not_run_are_not_run_never_pass(contract):
    results = [x for x in full_results(contract) if x["test"] != "test_accessibility"]
    r = compute(contract, read_rows(results))
    assert all(x.gate("accessibility").status == "not run" for x in r.routes if x.target)
    assert r.verdict == "NOT READY"
    skipped = compute(contract, read_rows(full_results(contract, skip_route="workloads.detail")))
    route = next(x for x in skipped.routes if x.legacy_id == "v1.allocation.detail")
    assert route.gate("shell").status == "not run" and route.verdict == "not run"


def test_a_family_that_leaks_to_a_role_blocks_the_v1_routes_it_replaces(contract):
    r = compute(contract, read_rows(full_results(contract,
                                                 fail=("test_role_limits", "user.platform"))))
    blocked = {x.legacy_id for x in r.routes if x.verdict == "blocked"}
    platform = {x.legacy_id for x in r.routes if x.family == "platform"}
    assert platform and blocked == platform  # the V3 route's family is the link
    nodes = next(x for x in r.routes if x.legacy_id == "v1.admin.nodes")
    assert nodes.gate("role-limits").status == "fail"
    assert {e.test for e in nodes.gate("role-limits").evidence} == {
        "suites/x.py::test_role_limits[user.platform]",
        "suites/x.py::test_role_limits[project_admin.platform]"}
    volumes = next(x for x in r.routes if x.legacy_id == "v1.volumes")
    assert volumes.gate("role-limits").status == "n/a"  # every role may see storage
    assert "every role may see family storage" in volumes.gate("role-limits").note
    team = next(x for x in r.routes if x.legacy_id == "v1.team")
    assert team.gate("role-limits").status == "pass"  # access: tried as user, refused
    untried = [x for x in full_results(contract) if x["test"] != "test_role_limits"]
    team = next(x for x in compute(contract, read_rows(untried)).routes
                if x.legacy_id == "v1.team")
    assert team.gate("role-limits").status == "not run" and team.verdict == "not run"


def test_not_applicable_gates(contract):
    r = compute(contract, read_rows(full_results(contract)))
    volumes = next(x for x in r.routes if x.legacy_id == "v1.volumes")
    assert volumes.gate("back-link").status == "n/a"  # a list is no drill-down
    retired = next(x for x in r.routes if x.mapping == "retired")
    assert retired.gate("v3-live").status == "n/a"


def _write(path: Path, rows, shard=None) -> Path:
    path.write_text(json.dumps({"schema": SCHEMA, "worker": "main", "shard": shard,
                                "meta": COMPLETE,
                                "results": rows}))
    return path


def test_merge_of_shards_equals_one_run(contract, tmp_path):
    rows = full_results(contract, fail=("test_route_live", "compute.sku.detail"))
    one = compute(contract, load_results([_write(tmp_path / "all.json", rows)])[0])
    a = _write(tmp_path / "a.json", rows[::2], [1, 2])
    b = _write(tmp_path / "b.json", rows[1::2], [2, 2])
    merged = compute(contract, load_results([a, b])[0])
    assert [(x.legacy_id, x.verdict) for x in merged.routes] == [
        (x.legacy_id, x.verdict) for x in one.routes]
    assert len(load_results([a, b, a])[0]) == len(rows)  # the same file twice counts once


def test_merge_refuses_contradictions_and_garbage(contract, tmp_path):
    rows = full_results(contract)
    a = _write(tmp_path / "a.json", rows[:3])
    b = _write(tmp_path / "b.json", [dict(rows[0], outcome="failed")])
    with pytest.raises(MergeError, match="appears twice with different outcomes"):
        load_results([a, b])
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(MergeError, match="not a results file"):
        load_results([bad])
    # rows are read typed: a value of the wrong type is named where it is
    odd = _write(tmp_path / "odd.json", [rows[0], dict(rows[1], evidence={"density": {"x": "y"}})])
    with pytest.raises(MergeError, match=r"wrong shape: results\[1\]\.evidence\.density\.x"):
        load_results([odd])
    old = _write(tmp_path / "old.json", [dict(rows[0], properties={"density": "{not json"})])
    with pytest.raises(MergeError, match="wrong shape"):
        load_results([old])


def test_command_exit_codes(contract, tmp_path, capsys):
    good = _write(tmp_path / "good.json", full_results(contract))
    assert readiness_command([str(good), "--out", str(tmp_path / "out")]) == 0
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "readiness.md", "readiness.html", "readiness.json"}
    broken = _write(tmp_path / "broken.json", full_results(
        contract, fail=("test_shell_containment", "storage.buckets")))
    assert readiness_command([str(broken), "--out", str(tmp_path / "o2"), "--format", "json"]) == 1
    assert readiness_command([str(tmp_path / "missing.json")]) == 2
    assert readiness_command([str(good), "--format", "pdf"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_markdown_and_table(contract):
    r = compute(contract, read_rows(full_results(contract,
                                                 fail=("test_local_nav", "storage.buckets"))))
    md = to_markdown(r)
    assert "# V1 retirement readiness: NOT READY" in md
    assert "- [x] V3 production route exists" in md and "## Why blocked" in md
    assert "`/volumes` — local-nav" in md and "boom" in md
    table = summary_table(r)
    assert table[0].split()[:3] == ["family", "ready", "blocked"]
    assert table[-1] == "V1 retirement readiness: NOT READY"

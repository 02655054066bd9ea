"""The readiness parity gate on evidence (hand-made results, no browser): a default run alone
leaves executable rows not run; default + v1compat results are READY; a fact V1 shows and V3
lacks blocks its V1 route with the fact named, in every renderer; merged files keep both
selections; rows without facts pass as declared."""

from __future__ import annotations

import json
from html import escape

from harness.reports.readiness.model import compute
from harness.reports.readiness.render_html import to_html
from harness.reports.readiness.render_text import to_json, to_markdown
from harness.reports.results import SCHEMA, load_results, read_rows
from tests.harness.test_readiness import COMPLETE, full_results, parity_results

EXECUTABLE_LEGACY = ("v1.allocation.detail", "v1.allocation.metrics", "v1.job.detail",
                     "v1.catalog.sku", "v1.marketplace.app", "v1.volume.detail",
                     "v1.admin.node", "v1.admin.user")
MISSING = "timeline entry 'Quota checked' (2026-05-17 04:00 UTC)"


def _route(readiness, legacy_id):
    return next(x for x in readiness.routes if x.legacy_id == legacy_id)


def test_every_v1_route_redirecting_to_a_detail_page_has_an_executable_row(contract):
    detail = {leg.id for leg in contract.legacy if leg.redirect is not None
              and contract.route(leg.redirect.to).kind == "detail"}
    executable = {p.compare.v1 for p in contract.parity if p.compare is not None}
    assert detail == set(EXECUTABLE_LEGACY) and detail <= executable


def test_a_default_run_alone_leaves_executable_parity_not_run(contract):
    r = compute(contract, read_rows(full_results(contract, v1compat=False)), {"markexpr": ""})
    for legacy_id in EXECUTABLE_LEGACY:
        gate = _route(r, legacy_id).gate("parity")
        assert gate.status == "not run", (legacy_id, gate)
        assert "only by the v1compat run" in gate.note
    assert _route(r, "v1.volumes").gate("parity").status == "pass"  # declared rows only
    assert "(covered, declared)" in _route(r, "v1.volumes").gate("parity").note
    assert r.verdict == "NOT READY"


def test_default_and_v1compat_results_on_a_healthy_target_are_ready(contract):
    r = compute(contract, read_rows(full_results(contract)), COMPLETE)
    assert r.verdict == "READY"
    gate = _route(r, "v1.allocation.detail").gate("parity")
    assert gate.status == "pass" and "1 facts compared, none missing" in gate.note
    assert {f["row"] for f in gate.facts} == {"workloads.allocation-detail",
                                              "workloads.allocation-events"}


def test_a_fact_v1_shows_and_v3_lacks_blocks_its_route_named_in_every_report(contract):
    rows = [*full_results(contract, v1compat=False),
            *parity_results(contract, {"workloads.allocation-events": MISSING})]
    r = compute(contract, read_rows(rows), COMPLETE)
    route = _route(r, "v1.allocation.detail")
    assert route.verdict == "blocked" and route.gate("parity").status == "fail"
    assert MISSING in route.gate("parity").note
    assert [x.legacy_id for x in r.routes if x.verdict == "blocked"] == ["v1.allocation.detail"]
    assert f"missing: {MISSING}" in to_markdown(r)
    assert escape(MISSING).replace("&#x27;", "&#39;") in to_html(r, None)
    facts = json.loads(to_json(r))["routes"]
    [events] = [f for x in facts if x["legacy_id"] == "v1.allocation.detail"
                for g in x["gates"] if g["gate"] == "parity" for f in g["facts"]
                if f["row"] == "workloads.allocation-events"]
    assert events["missing"] == [MISSING] and events["result"] == "fail"


def test_merged_default_and_v1compat_files_keep_both_selections(contract, tmp_path):
    def write(name, rows, markexpr):
        path = tmp_path / name
        path.write_text(json.dumps({"schema": SCHEMA, "meta": {"markexpr": markexpr},
                                    "results": rows}))
        return path

    default = write("default.json", full_results(contract, v1compat=False), "")
    compat = write("compat.json", parity_results(contract), "v1compat")
    results, meta = load_results([default, compat])
    assert meta["markexpr"] == "(default) + v1compat"
    assert compute(contract, results, meta).verdict == "READY"

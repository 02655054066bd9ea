"""The data-dump density gate: the check on hand-built snapshots, its contract data and lint, its
baseline file, what readiness makes of it, and (one browser test) what the collector measures."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from contracts import BUNDLED_CONTRACT, ContractError, lint_contract
from contracts.baseline import (
    DensityBaselineFile,
    load_density_baseline,
    write_density_baseline,
)
from harness.capture.collector import _density, collector_js, collector_spec
from harness.capture.snapshot import PageDensity
from harness.checks.density import budget_for
from harness.checks.observations import DensityPage
from harness.checks.registry import run
from harness.reports.readiness.model import compute
from harness.reports.results import read_rows
from tests.harness.builders import healthy
from tests.harness.test_readiness import full_results

CALM = PageDensity(table_columns=4, kv_rows=12, raw_blocks=0, words_per_screen=140)
DUMP = PageDensity(table_columns=20, kv_rows=18, raw_blocks=1, words_per_screen=260)


def judged(contract, route_id, density, accepted=None):
    snap = healthy(contract, route_id, density=density)
    return run("data-density", contract.route(route_id), DensityPage(snap, accepted or {}),
               contract)


def test_a_calm_admin_detail_page_passes(contract):
    assert judged(contract, "platform.config.detail", CALM) == []


def test_a_dump_fails_with_its_measurements_and_budget(contract):
    [f] = judged(contract, "platform.config.detail", DUMP)
    assert f.check == "data-density" and f.subject == "platform.config.detail"
    assert "at most 8 table columns" in f.expected and "of access, platform" in f.expected
    assert f.found.startswith("20 table columns (measured: 20 table columns, 18 key/value rows")
    assert "not in the density baseline" in f.found and f.url
    assert f.source.startswith("contracts/v3/routes.yaml:")


def test_each_measurement_is_judged(contract):
    for name, value in (("kv_rows", 41), ("raw_blocks", 2), ("words_per_screen", 301)):
        [f] = judged(contract, "access.quota.detail", replace(CALM, **{name: value}))
        assert f"{value} " in f.found, (name, f.found)


def test_first_matching_budget_applies_and_unbudgeted_kinds_are_not_judged(contract):
    assert budget_for(contract, contract.route("platform.node.detail")).table_columns == 8
    assert budget_for(contract, contract.route("workloads.detail")).table_columns == 10
    assert budget_for(contract, contract.route("docs.portal")) is None
    assert judged(contract, "docs.portal", DUMP) == []
    assert judged(contract, "workloads.detail", replace(DUMP, table_columns=10)) == []


def test_the_baseline_accepts_a_page_until_it_gets_denser(contract):
    accepted = DUMP.as_dict()
    assert judged(contract, "platform.config.detail", DUMP, accepted) == []
    [f] = judged(contract, "platform.config.detail", replace(DUMP, table_columns=21), accepted)
    assert f.found.startswith("21 table columns")


def test_baseline_file_round_trip_and_update(tmp_path):
    path = tmp_path / "density-baseline.json"
    assert load_density_baseline(path) == {}
    write_density_baseline(path, {"b.route": {"raw_blocks": 1}, "a.route": {"kv_rows": 50}})
    text = path.read_text()
    assert text.index("a.route") < text.index("b.route")
    baseline = DensityBaselineFile(path, update=True)
    baseline.record("a.route", None)  # back within budget: leaves the baseline
    baseline.record("c.route", {"table_columns": 20})
    baseline.save()
    assert load_density_baseline(path) == {"b.route": {"raw_blocks": 1},
                                           "c.route": {"table_columns": 20}}
    untouched = DensityBaselineFile(path)  # without --update-density-baseline nothing is written
    untouched.record("b.route", None)
    untouched.save()
    assert "b.route" in load_density_baseline(path)


@pytest.mark.parametrize("body", ["{not json", '{"routes": {"x": {"kv_rows": "many"}}}', "[]"])
def test_a_broken_baseline_is_one_clear_contract_error(tmp_path, body):
    path = tmp_path / "density-baseline.json"
    path.write_text(body)
    with pytest.raises(ContractError) as exc:
        load_density_baseline(path)
    assert "density-baseline.json" in str(exc.value)


def test_lint_names_bad_budgets(tmp_path):
    shutil.copytree(BUNDLED_CONTRACT, tmp_path / "v3")
    settings = tmp_path / "v3" / "settings.yaml"
    text = settings.read_text()
    text = text.replace("      - kinds: [detail]\n        families: [access, platform]\n",
                        "      - kinds: [details]\n        families: [access, platfrom]\n", 1)
    limits = ("        table_columns: 10\n        kv_rows: 50\n        raw_blocks: 2\n"
              "        words_per_screen: 400\n")
    text = text.replace("      - kinds: [detail, list]\n" + limits,
                        "      - kinds: [detail, list]\n", 1)
    settings.write_text(text.replace("baseline: density-baseline.json",
                                     "baseline: density-baseline.yaml", 1))
    reported = "\n".join(str(i) for i in lint_contract(tmp_path / "v3").errors)
    assert "placeholders.density.budgets[0].kinds[0]: unknown route kind 'details'" in reported
    assert "platfrom" in reported
    assert "placeholders.density.budgets[1]: sets no limit" in reported
    assert "placeholders.density.baseline: must not be a .yaml/.yml file" in reported


def _with_density(rows, route_id, measured, outcome="passed"):
    for r in rows:
        if r["check"] == "data-density":
            r["evidence"] = {"density": CALM.as_dict()}
            if r["subject"] == route_id:
                r["outcome"] = outcome
                r["evidence"] = {"density": measured.as_dict()}
    return rows


def test_readiness_shows_density_per_route_and_the_densest_pages(contract):
    rows = _with_density(full_results(contract), "platform.iam.user", DUMP, "failed")
    r = compute(contract, read_rows(rows))
    legacy = next(x for x in r.routes if x.target == "platform.iam.user")
    gate = legacy.gate("density")
    assert gate.status == "fail" and "20 table columns" in gate.note
    assert legacy.density == DUMP.as_dict() and legacy.verdict == "blocked"
    assert r.densest[0] == {"route": "platform.iam.user", **DUMP.as_dict()}
    assert len(r.densest) == 10


def test_readiness_density_is_na_without_a_budget_and_not_run_without_results(contract):
    rows = full_results(contract)
    r = compute(contract, read_rows(x for x in rows if x["check"] != "data-density"))
    statuses = {x.target: x.gate("density").status for x in r.routes if x.target}
    assert statuses["platform.iam.user"] == "not run"
    assert all(s == "n/a" for t, s in statuses.items()
               if budget_for(contract, contract.route(t)) is None)
    assert any(s == "n/a" for s in statuses.values())


def test_collector_measures_a_dump(contract, page):
    columns = "".join(f"<th>c{i}</th>" for i in range(20))
    page.set_content(f"""<main><table><tr>{columns}</tr></table>
      <table><tr><th>Name</th><td>x</td></tr><tr><th>Kind</th><td>y</td></tr></table>
      <dl><dt>A</dt><dd>1</dd><dt>B</dt><dd>2</dd><dt hidden>C</dt></dl>
      <pre>id: cfg-1</pre><code>{{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}}</code>
      <p>one two three</p></main>""")
    measured = _density(page.evaluate(collector_js(), collector_spec(contract, None))["density"])
    assert measured is not None
    assert (measured.table_columns, measured.kv_rows, measured.raw_blocks) == (20, 4, 2)
    assert measured.words_per_screen > 20

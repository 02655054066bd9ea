"""Readiness fits any product: gates a contract does not use are n/a, the Done Criteria are
judged from what the contract declares, and `cutover readiness FILE` judges with the contract
the results were produced with."""

from __future__ import annotations

from pathlib import Path

from harness.reports.readiness.command import readiness_command
from harness.reports.readiness.model import compute
from harness.reports.results import read_rows
from tests.reports.conftest import fail, healthy_run, write_results


def test_a_product_without_lifecycle_flag_tests_or_local_nav_everywhere_can_be_ready(
        small_product):
    r = compute(small_product, read_rows(healthy_run(small_product)))
    assert r.verdict == "READY", [(c.text, c.status, c.evidence) for c in r.criteria
                                  if c.status != "pass"]
    faq = next(x for x in r.routes if x.legacy_id == "old.faq")
    assert faq.gate("local-nav").status == "n/a"  # family help has no local nav
    assert "no local nav" in faq.gate("local-nav").note
    assert faq.gate("lifecycle").status == "n/a"
    e2e = next(c for c in r.criteria if "Default frontend E2E" in c.text)
    assert "lifecycle: n/a" in e2e.evidence


def test_the_same_product_is_not_ready_when_a_gate_fails_or_did_not_run(small_product):
    rows = healthy_run(small_product)
    failed = compute(small_product, read_rows(fail(rows, "test_shell_containment", "help.home",
                                                    small_product)))
    assert failed.verdict == "NOT READY"
    assert [x.legacy_id for x in failed.routes if x.verdict == "blocked"] == ["old.faq"]
    no_a11y = [x for x in rows if x["test"] != "test_accessibility"]
    assert compute(small_product, read_rows(no_a11y)).verdict == "NOT READY"


def test_criteria_count_passed_of_run_and_name_what_was_skipped(small_product):
    rows = [dict(x, outcome="skipped", messages=["mutating: needs --allow-mutations"])
            if x["test"] == "test_accessibility" and x["subject"] == "shop.cart" else x
            for x in healthy_run(small_product)]
    rows += [dict(rows[0], nodeid="suites/x.py::test_extra", test="test_extra")]
    r = compute(small_product, read_rows(rows))
    e2e = next(c for c in r.criteria if "Default frontend E2E" in c.text)
    passed = sum(x["outcome"] == "passed" and x["suite"] == "navigation" for x in rows)
    assert f"navigation: {passed} passed of {passed} run" in e2e.evidence
    assert "skipped: 1 (mutating: needs --allow-mutations)" in e2e.evidence


def test_command_judges_with_the_contract_recorded_in_the_results(small_product, tmp_path,
                                                                   capsys):
    results = write_results(tmp_path / "results.json", healthy_run(small_product),
                            contracts=str(small_product.directory))
    assert readiness_command([str(results), "--out", str(tmp_path / "out"),
                              "--format", "json"]) == 0
    gone = write_results(tmp_path / "gone.json", healthy_run(small_product),
                         contracts=str(tmp_path / "nowhere"))
    assert readiness_command([str(gone), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "--contracts" in err and "Traceback" not in err


def test_contracts_option_is_in_the_usage(capsys):
    try:
        readiness_command(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    usage = capsys.readouterr().out
    assert "--contracts" in usage and "--history" in usage and "--fail-on-regression" in usage


def test_bundled_contract_rejects_results_of_another_product(small_product, contract,
                                                               tmp_path: Path):
    # judged against V3, the small product's results prove none of V3's routes
    assert compute(contract, read_rows(healthy_run(small_product))).verdict == "NOT READY"

"""The judge on hand-built observations (no browser): a check's findings and its evidence travel
together as one judgement, recorded before the test fails."""

from __future__ import annotations

import pytest

from harness.capture.snapshot import LinkTarget, PageDensity, PageError
from harness.checks import registry
from harness.checks.context import CheckSettings
from harness.checks.findings import Finding, FindingsError, Subject
from harness.checks.judge import Judge, Judgement
from harness.checks.observations import ClickOutcome, DensityPage
from tests.harness.builders import BASE, healthy


def judge_of(name: str, contract, recorded: list[Judgement]) -> Judge:
    return Judge(registry.get(name), contract, CheckSettings(), record=recorded.append)


def legacy_link(raw: str = "/volumes") -> LinkTarget:
    return LinkTarget(kind="link", element="a", raw=raw, url=BASE + raw, text="Volumes")


def test_findings_and_evidence_are_recorded_before_the_test_fails(contract):
    recorded: list[Judgement] = []
    judge = judge_of("v1-links", contract, recorded)
    snap = healthy(contract, "shell.home", targets=(legacy_link(),))
    with pytest.raises(FindingsError) as failed:
        judge(contract.route("shell.home"), snap)
    [judged] = recorded
    assert judged.evidence == {"v1_links": ["v1.volumes"]}
    assert judged.errors == failed.value.findings and judged.errors[0].check == "v1-links"


def test_a_passing_test_records_its_evidence_too(contract):
    recorded: list[Judgement] = []
    assert judge_of("v1-links", contract, recorded)(
        contract.route("shell.home"), healthy(contract, "shell.home")) == []
    assert recorded == [Judgement((), {"v1_links": []})]


def test_a_check_without_evidence_records_only_findings(contract):
    recorded: list[Judgement] = []
    judge_of("shell-containment", contract, recorded)(
        contract.route("shell.home"), healthy(contract, "shell.home"))
    assert recorded == [Judgement()]


def test_evidence_alone_is_recorded_for_a_test_that_then_skips(contract):
    recorded: list[Judgement] = []
    measured = PageDensity(table_columns=3, kv_rows=4, raw_blocks=0, words_per_screen=90)
    snap = healthy(contract, "shell.home", density=measured)
    judge_of("data-density", contract, recorded).evidence(contract.route("shell.home"),
                                                          DensityPage(snap))
    assert recorded == [Judgement((), {"density": measured.as_dict()})]


def test_errors_raised_during_an_interaction_fail_the_judged_test(contract):
    recorded: list[Judgement] = []
    outcome = ClickOutcome("the back link", "storage.buckets", BASE + "/storage/buckets",
                           page_errors=(PageError("click on the back link", "TypeError: x"),))
    with pytest.raises(FindingsError):
        judge_of("nav-click", contract, recorded)(Subject("storage.back", "x:1"), outcome)
    assert [f.check for f in recorded[0].findings] == ["interaction-errors"]


def test_judgements_of_one_test_add_up():
    first = Finding("a", "x:1", "e", "f", check="c")
    second = Finding("b", "x:2", "e", "f", severity="warning", check="c")
    total = (Judgement((first,), {"v1_links": ["v1.team"]})
             + Judgement((second,), {"density": {"kv_rows": 1}}))
    assert total.findings == (first, second) and total.errors == [first]
    assert total.evidence == {"v1_links": ["v1.team"], "density": {"kv_rows": 1}}

"""The v1-parity check on hand-built views of both pages (no browser): missing and differing
facts are named with the row's file:line; a page that could not be read, or a V1 selector that
finds nothing, is never a silent pass; a deferred row's gaps are warnings its task owns."""

from __future__ import annotations

import pytest

from contracts import ParityRow
from contracts.parity_facts import ParityCompare
from harness.checks import registry
from harness.checks.context import CheckContext
from harness.checks.observations import PageFacts, ParityEntry, ParityView
from harness.checks.parity import compare

SPEC = ParityCompare.model_validate({
    "v1": "v1.allocation.detail", "v3": "workloads.detail.events",
    "fields": [{"label": "Region", "v1": "dd.region", "v3": "dd.region"}],
    "entries": [{"name": "timeline", "v1": {"item": "tr", "type": {"selector": "td"}},
                 "v3": {"item": "li", "type": {"selector": "strong"}}}],
})
EVENTS = (ParityEntry("Submitted", "08:00"), ParityEntry("Started", "08:20"))


def row(status: str = "covered") -> ParityRow:
    return ParityRow(id="workloads.allocation-events", workflow="Read the timeline",
                     status=status, route="workloads.detail.events",
                     legacy=("v1.allocation.detail",), task="T-1", compare=SPEC)


def view(v1_events=EVENTS, v3_events=EVENTS, v3_region: str | None = "eu-fra-1",
         v1_error: str | None = None) -> ParityView:
    return ParityView(
        v1=PageFacts("http://t/allocations/alloc-1001", error=v1_error,
                     fields={"Region": "eu-fra-1"}, entries={"timeline": v1_events}),
        v3=PageFacts("http://t/workloads/wl-1/events", fields={"Region": v3_region},
                     entries={"timeline": v3_events}))


def judge(seen: ParityView, contract, status: str = "covered"):
    return registry.run("v1-parity", row(status), seen, contract)


def test_same_facts_on_both_pages_pass_with_every_fact_compared(contract):
    assert judge(view(), contract) == []
    assert compare(SPEC, view()).evidence() == {
        "compared": ["field 'Region'", "timeline entry 'Submitted' (08:00)",
                     "timeline entry 'Started' (08:20)"],
        "missing": [], "differing": [], "unreadable": [], "error": None}


def test_an_event_only_v1_shows_is_missing_and_named(contract):
    richer = (*EVENTS, ParityEntry("Quota checked", "08:30"))
    [finding] = judge(view(v1_events=richer), contract)
    assert finding.check == "v1-parity" and finding.subject == "workloads.allocation-events"
    assert "timeline entry 'Quota checked' (08:30), which V1 shows" in finding.expected
    assert finding.url == "http://t/workloads/wl-1/events"
    assert compare(SPEC, view(v1_events=richer)).evidence()["missing"] == [
        "timeline entry 'Quota checked' (08:30)"]


def test_the_comparison_is_the_checks_evidence(contract):
    richer = (*EVENTS, ParityEntry("Quota checked", "08:30"))
    recorded = registry.get("v1-parity").evidence_of(
        CheckContext(row(), view(v1_events=richer), contract))
    assert recorded == {"parity": compare(SPEC, view(v1_events=richer)).evidence()}


def test_a_field_v3_shows_otherwise_differs_and_one_it_lacks_is_missing(contract):
    [differs] = judge(view(v3_region="us-east-1"), contract)
    assert differs.expected == "field 'Region' = 'eu-fra-1' as V1 shows it"
    assert differs.found == "V3 shows 'us-east-1'"
    [missing] = judge(view(v3_region=None), contract)
    assert "field 'Region' (V1 shows 'eu-fra-1') on the V3 page (dd.region)" in missing.expected


@pytest.mark.parametrize("seen", [view(v1_error="HTTP 404"), view(v1_events=())],
                         ids=["v1-page-unreadable", "v1-shows-no-entries"])
def test_nothing_to_compare_is_never_a_pass(seen, contract):
    findings = judge(seen, contract)
    assert findings and all(f.severity == "error" for f in findings)


def test_a_deferred_rows_gaps_are_warnings_its_task_owns(contract):
    richer = (*EVENTS, ParityEntry("Quota checked", "08:30"))
    [finding] = judge(view(v1_events=richer), contract, status="deferred")
    assert finding.severity == "warning"


def test_findings_cite_the_rows_file_and_line(contract):
    real = next(p for p in contract.parity if p.id == "workloads.allocation-events")
    richer = (*EVENTS, ParityEntry("Quota checked", "08:30"))
    seen = ParityView(PageFacts("http://t/a", entries={"timeline": richer}),
                      PageFacts("http://t/b", entries={"timeline": EVENTS}))
    [finding] = registry.run("v1-parity", real, seen, contract)
    assert finding.source.startswith("contracts/v3/parity.yaml:")

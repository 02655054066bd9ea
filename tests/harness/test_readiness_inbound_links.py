"""Readiness: a V1 route that a V3 page still links is not retire-ready, and the report names
the pages that link it (its inbound V1 links). Hand-made results, no browser."""

from __future__ import annotations

from harness.reports.readiness.model import compute
from harness.reports.results import read_rows


def guard_row(subject: str, linked: str = "", outcome: str = "passed") -> dict[str, object]:
    return {"nodeid": f"suites/cutover/test_v1_links.py::test_no_inbound_v1_links[{subject}]",
            "test": "test_no_inbound_v1_links", "subject": subject, "subject_kind": "route",
            "check": "v1-links", "gate": "v1-links", "suite": "cutover", "family": None,
            "outcome": outcome, "messages": ["[v1-links] boom"] if outcome == "failed" else [],
            "artifacts": [], "evidence": {"v1_links": linked.split()}}


def gate_of(contract, results, legacy_id):
    route = next(r for r in compute(contract, read_rows(results)).routes
                 if r.legacy_id == legacy_id)
    return route, route.gate("v1-links")


def test_inbound_links_block_the_linked_route_and_name_the_pages(contract):
    results = [guard_row("shell.home", "v1.volumes", "failed"),
               guard_row("storage.launch", "v1.volumes v1.team", "failed"),
               guard_row("workloads.list")]
    route, gate = gate_of(contract, results, "v1.volumes")
    assert gate.status == "fail" and route.verdict == "blocked"
    assert gate.note == "inbound V1 links: shell.home, storage.launch"
    assert {e.test for e in gate.evidence} == {
        "suites/cutover/test_v1_links.py::test_no_inbound_v1_links[shell.home]",
        "suites/cutover/test_v1_links.py::test_no_inbound_v1_links[storage.launch]"}


def test_a_route_no_page_links_passes_and_without_the_guard_it_is_not_run(contract):
    _, gate = gate_of(contract, [guard_row("shell.home", "v1.volumes", "failed"),
                                 guard_row("workloads.list")], "v1.allocations")
    assert gate.status == "pass" and "2 V3 pages" in gate.note
    _, gate = gate_of(contract, [], "v1.allocations")
    assert gate.status == "not run"


def test_links_to_a_passed_through_route_are_listed_but_keep_it_on_v1(contract):
    route, gate = gate_of(contract, [guard_row("account.billing", "v1.billing")], "v1.billing")
    assert gate.status == "n/a" and "account.billing" in gate.note
    assert route.verdict == "kept on V1"

"""Readiness without a browser: what a route's read waits for, taken from the contract, and how
the judge fails the gates that read an element the page had not rendered when the wait ran out
(never passing them on an empty page), while gates that read only what was there judge as
usual."""

from __future__ import annotations

import shutil

import pytest

from contracts import load_contract
from harness.capture.collector import network_tracker_js, readiness_spec
from harness.checks import registry
from harness.checks.context import CheckSettings
from harness.checks.findings import FindingsError
from harness.checks.judge import Judge, Judgement
from harness.checks.observations import RowLinks
from tests.harness.builders import healthy

ROWS = '[data-testid="resource-row-link"]'


def judge_of(name: str, contract) -> tuple[Judge, list[Judgement]]:
    recorded: list[Judgement] = []
    return Judge(registry.get(name), contract, CheckSettings(), record=recorded.append), recorded


def test_a_routes_read_waits_for_what_its_gates_read(contract):
    s = contract.selectors
    names = lambda route_id: dict(readiness_spec(contract, contract.route(route_id),  # noqa: E731
                                                 "platform_admin")["required"])
    assert names("compute.catalog") == {
        "shell": s.global_shell, "page_title": s.page_title, "global_nav": s.global_nav,
        "local_nav": contract.local_nav_container("compute"), "rows": s.row_link}
    detail = names(next(r.id for r in contract.routes
                        if contract.lifecycle_resource_for(r.id) and r.back))
    assert detail["back_link"] == s.back_link and contract.lifecycle_card in detail["op_cards"]
    assert "rows" not in detail
    elsewhere = readiness_spec(contract, None, any_of="h1, .v1")
    assert (elsewhere["required"], elsewhere["anyOf"]) == ([], "h1, .v1")
    assert elsewhere["busy"] == contract.readiness.busy and elsewhere["quietMs"] == 250


def test_a_routes_and_its_familys_ready_are_both_required(contract, tmp_path):
    shutil.copytree(contract.directory, tmp_path / "v3")
    for file, old, new in (("routes.yaml", "    family: compute\n",
                            "    family: compute\n    ready: '#grid'\n"),
                           ("families.yaml", "  - id: compute\n",
                            "  - id: compute\n    ready: '#app[data-ready]'\n")):
        path = tmp_path / "v3" / file
        path.write_text(path.read_text().replace(old, new, 1))
    changed = load_contract(tmp_path / "v3")
    required = dict(readiness_spec(changed, changed.route("compute.catalog"),
                                   "platform_admin")["required"])
    assert (required["ready"], required["ready (family)"]) == ("#grid", "#app[data-ready]")


def test_the_tracker_is_told_which_requests_to_ignore():
    script = network_tracker_js(["/api/stream", r"\?poll=1"])
    assert script.endswith('(["/api/stream", "\\\\?poll=1"]);') and "XMLHttpRequest" in script


@pytest.mark.parametrize("name", ["placeholder", "rendering-leaks", "v1-links"])
def test_a_page_whose_rows_never_rendered_fails_every_gate_reading_the_page(contract, name):
    judge, recorded = judge_of(name, contract)
    snap = healthy(contract, "compute.catalog", unrendered={"rows": ROWS},
                   ready_timeout_ms=2500)
    with pytest.raises(FindingsError) as failed:
        judge(contract.route("compute.catalog"), snap)
    [finding] = failed.value.findings
    assert finding.check == name and finding.subject == "compute.catalog"
    assert finding.found == "the list's rows not rendered within 2500 ms"
    assert finding.expected == f"the list's rows ({ROWS}) rendered on compute.catalog"
    assert finding.url == snap.final_url and recorded[0].errors == [finding]


def test_the_row_links_gate_fails_on_unrendered_rows_instead_of_passing_none(contract):
    judge, _ = judge_of("row-links", contract)
    snap = healthy(contract, "compute.catalog", unrendered={"rows": ROWS},
                   ready_timeout_ms=2500)
    with pytest.raises(FindingsError, match="not rendered within 2500 ms"):
        judge(contract.route("compute.catalog"), RowLinks(snap))


def test_gates_reading_only_what_rendered_judge_as_usual(contract):
    snap = healthy(contract, "compute.catalog", unrendered={"rows": ROWS},
                   ready_timeout_ms=2500)
    for name in ("shell-containment", "global-nav-current", "route-live", "page-title"):
        judge, _ = judge_of(name, contract)
        assert judge(contract.route("compute.catalog"), snap) == [], name


def test_a_loading_indicator_still_shown_fails_every_gate_that_reads_the_page(contract):
    judge, _ = judge_of("shell-containment", contract)
    snap = healthy(contract, "compute.catalog", unrendered={"busy": '[aria-busy="true"]'},
                   ready_timeout_ms=2500)
    with pytest.raises(FindingsError, match="the content behind the loading indicator not "
                                            "rendered within 2500 ms"):
        judge(contract.route("compute.catalog"), snap)


def test_a_setup_dialog_that_stayed_is_reported(contract):
    judge, _ = judge_of("placeholder", contract)
    why = '[data-testid="first-run-dialog"] still shown 2500 ms after clicking [x]'
    snap = healthy(contract, "compute.catalog", setup_failed={"first-run-dialog": why})
    with pytest.raises(FindingsError) as failed:
        judge(contract.route("compute.catalog"), snap)
    [finding] = failed.value.findings
    assert finding.expected == "setup step first-run-dialog to clear the page on compute.catalog"
    assert finding.found == why

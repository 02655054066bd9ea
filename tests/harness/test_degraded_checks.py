"""The degraded-backend gate on hand-built degraded pages (no browser), its contract data and
its readiness column."""

from __future__ import annotations

import shutil

import pytest

from contracts import BUNDLED_CONTRACT, lint_contract
from harness.capture.snapshot import TextNode
from harness.checks.observations import DegradedPage
from harness.checks.registry import run
from harness.reports.readiness.model import compute
from harness.reports.results import read_rows
from tests.harness.builders import healthy

ERROR = "The task list could not be loaded: the server answered 500. Reload the page to try again."
EMPTY = "No tasks have run for llama3-finetune yet."


def page(contract, route_id, variant, **changes):
    """What a well-behaved page shows for `variant`: the state the contract asks for."""
    states = {"500": {"error_texts": (ERROR,)}, "timeout": {"error_texts": (ERROR,)},
              "empty": {"empty_texts": (EMPTY,)}, "null-fields": {}}[variant]
    snap = healthy(contract, route_id, **changes.pop("snapshot", {}))
    return DegradedPage(snap, variant, **{"answered": (snap.final_url + "/api",), **states,
                                          **changes})


def judged(contract, route_id, seen):
    return run("degraded-backend", contract.degraded.route(route_id), seen, contract)


@pytest.mark.parametrize("variant", ["500", "timeout", "empty", "null-fields"])
def test_a_page_that_degrades_well_passes(contract, variant):
    assert judged(contract, "workloads.detail.tasks",
                  page(contract, "workloads.detail.tasks", variant)) == []


def test_a_blanked_page_names_shell_nav_back_link_and_state(contract):
    seen = page(contract, "workloads.detail.tasks", "500", error_texts=(),
                snapshot={"shell": False, "local_nav_found": False, "local_nav": {},
                          "back_link": None})
    found = judged(contract, "workloads.detail.tasks", seen)
    text = "\n".join(f.message for f in found)
    assert {f.check for f in found} == {"degraded-backend"}
    assert "answering HTTP 500, the global shell" in text and "no global shell" in text
    assert "no local nav" in text and "no back link" in text
    assert 'no visible [data-testid="api-error"]' in text
    # the finding names the degraded entry's file:line and the page's URL
    assert all(f.source.startswith("contracts/v3/degraded.yaml:") for f in found)
    assert all(f.url == seen.snapshot.final_url for f in found)


def test_a_null_field_rendered_as_nan_is_a_leak(contract):
    seen = page(contract, "workloads.detail", "null-fields",
                snapshot={"texts": (TextNode("dl > div > dd", "NaN%"),)})
    [f] = judged(contract, "workloads.detail", seen)
    assert "answering null optional fields, no nan" in f.expected and "'NaN%'" in f.found


@pytest.mark.parametrize(("variant", "changes", "fragment"), [
    ("timeout", {"error_texts": ("Tasks",)}, "text 'Tasks'"),
    ("empty", {"empty_texts": ()}, 'no visible [data-testid="api-empty"]'),
    ("null-fields", {"error_texts": (ERROR,)}, "error state"),
])
def test_the_state_must_say_what_happened(contract, variant, changes, fragment):
    [f] = judged(contract, "workloads.detail.tasks",
                 page(contract, "workloads.detail.tasks", variant, **changes))
    assert fragment in f.found


def test_no_call_made_and_still_loading_are_findings(contract):
    [f] = judged(contract, "workloads.detail.tasks",
                 page(contract, "workloads.detail.tasks", "500", answered=()))
    assert "/api/workloads/{workload_id}/tasks" in f.expected and "no such call" in f.found
    [f] = judged(contract, "workloads.detail.tasks",
                 page(contract, "workloads.detail.tasks", "empty", settled=False))
    assert "still loading" in f.found


def test_lint_names_unknown_routes_bad_patterns_and_missing_bodies(tmp_path):
    shutil.copytree(BUNDLED_CONTRACT, tmp_path / "v3")
    degraded = tmp_path / "v3" / "degraded.yaml"
    text = degraded.read_text().replace("route: workloads.detail.storage", "route: workloads.nope")
    text = text.replace("url: /api/workloads/{workload_id}/tasks", "url: api/{x}{y}/tasks")
    text = text.replace("          empty: {items: []}\n", "", 1)
    degraded.write_text(text)
    reported = [str(issue) for issue in lint_contract(tmp_path / "v3").errors]
    assert any("degraded.yaml:" in r and "unknown route 'workloads.nope'" in r
               for r in reported), reported
    assert any("calls[0].url: bad URL pattern 'api/{x}{y}/tasks': must start with '/'" in r
               for r in reported), reported
    assert any("variant 'empty' needs a 'empty' body" in r for r in reported), reported


def test_readiness_shows_the_gate_per_route_and_na_elsewhere(contract):
    from tests.harness.test_readiness import full_results

    results = full_results(contract)
    ready = compute(contract, read_rows(results))
    by_target = {r.target: r.gate("degraded") for r in ready.routes}
    marked = {d.route for d in contract.degraded.routes}
    assert any(t in marked for t in by_target), "no V1 route redirects to a degraded route"
    for target, gate in by_target.items():
        assert gate.status == ("pass" if target in marked else "n/a"), (target, gate)
    failing = [dict(r, outcome="failed") if r["subject"] == "workloads.detail.tasks-500" else r
               for r in results]
    blocked = compute(contract, read_rows(failing))
    assert {r.target: r.gate("degraded").status for r in blocked.routes}[
        "workloads.detail.tasks"] == "fail"

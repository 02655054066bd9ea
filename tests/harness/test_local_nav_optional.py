"""A route may say its page has no local nav (`local_nav: false`) although its family has one:
the local-nav gate then generates no test there and readiness shows it n/a, never a pass. The
reference target's full-width workload terminal is such a page. No browser."""

from __future__ import annotations

from harness.checks.gates import not_applicable
from harness.checks.registry import run
from harness.plugin.parametrize import ENTRY_SETS
from tests.harness.builders import healthy
from tests.reference_target.support import first_row_href, make_client, page

TERMINAL = "workloads.detail.terminal"


def test_the_terminal_says_it_has_no_local_nav_and_its_siblings_do_not(contract):
    terminal, tasks = contract.route(TERMINAL), contract.route("workloads.detail.tasks")
    assert not terminal.local_nav and not contract.has_local_nav(terminal)
    assert tasks.local_nav and contract.has_local_nav(tasks)


def test_no_local_nav_test_is_generated_there(contract):
    role = next(r for r in contract.roles if r.default)
    routes = {r.id for r in ENTRY_SETS["nav_route"].entries(contract, role)}
    assert TERMINAL not in routes and "workloads.detail.tasks" in routes


def test_readiness_shows_the_gate_not_applicable_saying_why(contract):
    assert not_applicable("local-nav", contract, contract.route(TERMINAL)) == (
        f"{TERMINAL} shows no local nav (local_nav: false)")
    assert not_applicable("local-nav", contract, contract.route("workloads.detail.tasks")) is None


def test_without_the_field_the_gate_fails_on_the_page_that_shows_none(contract):
    terminal = contract.route(TERMINAL)
    bare = healthy(contract, TERMINAL, local_nav_found=False, local_nav={}, local_nav_items=())
    assert run("local-nav", terminal, bare, contract) == []
    claimed = terminal.model_copy(update={"local_nav": True})
    [f] = run("local-nav", claimed, bare, contract)
    assert f.subject == TERMINAL and f.found == "no local nav"
    assert "the local nav [data-testid=\"local-nav\"]" in f.expected


def test_the_reference_terminal_shows_no_local_nav_and_its_siblings_do():
    client = make_client()
    vm = first_row_href(client, "/workloads?kind=vm")
    assert not page(client, f"{vm}/terminal").all("local-nav")
    assert page(client, f"{vm}/tasks").all("local-nav")

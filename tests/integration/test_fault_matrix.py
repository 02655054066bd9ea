"""Every check proves it can fail: the default suite runs once against the reference target with
every fault on (their effects touch disjoint pages and checks), and must fail exactly the tests
the table names, each with its message; the same tests pass against the healthy target.

One run for all faults, rather than one per fault, keeps `make test` inside its time budget; the
reference target's own tests prove that each fault changes only what it says, and the exact
equality below would show any fault masking or leaking into another's tests. The healthy half is
test_fault_matrix_healthy.py: a module of its own, so it runs beside this one on two workers."""

from __future__ import annotations

import re

import pytest

from harness.checks.registry import REGISTRY, cost_reported
from reference_target import FAULTS
from tests.integration.expectations import (
    DEFAULT_RUN,
    EXPECTED,
    MUTATING_FAULT,
    READINESS,
    V1COMPAT,
)
from tests.integration.suite_runner import SuiteRun, run_suite

pytestmark = pytest.mark.long_run(190)


@pytest.fixture(scope="module")
def faulted(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    return run_suite(tmp_path_factory.mktemp("faulted"), ["suites"], tuple(DEFAULT_RUN))



def test_every_fault_is_in_the_matrix():
    covered = set(DEFAULT_RUN) | set(V1COMPAT) | {MUTATING_FAULT} | set(READINESS)
    assert covered == set(FAULTS), f"faults without a test: {set(FAULTS) - covered}"


def test_no_expectation_is_shared_between_faults():
    seen: dict[str, str] = {}
    for fault, tests in DEFAULT_RUN.items():
        for test in tests:
            assert test not in seen, f"{test} is claimed by {seen[test]} and {fault}"
            seen[test] = fault


def test_faulted_run_fails_exactly_the_expected_tests(faulted):
    assert faulted.results, faulted.output[-3000:]
    unexpected = sorted(faulted.failed - set(EXPECTED))
    missed = sorted(set(EXPECTED) - faulted.failed)
    assert not unexpected and not missed, (
        f"failed but not expected: {unexpected}\nexpected but not failed: {missed}\n"
        + faulted.output[-3000:])


@pytest.mark.parametrize("fault", sorted(DEFAULT_RUN))
def test_fault_is_caught_by_its_tests_with_a_clear_message(faulted, fault):
    for test, fragment in DEFAULT_RUN[fault].items():
        row = faulted.results.get(test)
        assert row is not None, f"{test} did not run"
        assert row["outcome"] == "failed", f"{fault}: {test} {row['outcome']}"
        message = "\n".join(row["messages"])
        assert fragment in message, f"{fault}: {test}: {fragment!r} not in {message!r}"
        if row.get("check") and row["check"] not in ("nav-click", "journey"):
            # a finding names the contract entry, its file:line, the URL and what was expected
            entry = r"\(contracts/v3/\w+\.yaml:\d+\)|\(/.*contracts/v3\)"
            assert re.search(entry, message), message
            assert "expected" in message


def test_every_check_has_a_fault_that_trips_it(faulted):
    tripped = {faulted.results[t]["check"] for t in EXPECTED}
    # a guard judged inside another check's test (interaction-errors) stamps its findings
    tripped |= {m.group(1) for t in EXPECTED for message in faulted.results[t]["messages"]
                if (m := re.match(r"\[([\w-]+)\]", message))}
    outside_default = {"v1-mode", "v1-passthrough-layout", "v1-deep-link", "v1-parity",
                       "operation-recorded"}
    assert set(REGISTRY) - outside_default <= tripped, set(REGISTRY) - outside_default - tripped


def test_default_run_sends_no_mutation(faulted):
    writes = [r for r in faulted.audit if r.get("method") not in ("GET", "HEAD")]
    assert writes == [], writes


def test_static_gates_share_one_navigation_per_route(faulted):
    assert "navigations per route (static gates): 1.0" in faulted.output, faulted.output[-2000:]


def test_snapshot_reading_guards_add_no_navigation(faulted):
    cost = next((line for line in faulted.output.splitlines()
                 if line.startswith("new gates (cost):")), None)
    assert cost is not None, faulted.output[-2000:]
    spent = {gate: (tests, navigations) for gate, tests, navigations in re.findall(
        r"([\w-]+) (\d+) tests [\d.]+ s (\d+) extra navigations", cost)}
    assert set(spent) == set(cost_reported()), cost
    # the degraded-backend gate loads its page once per route and variant, the role-limits gate
    # one page per role and family it may not see; nothing more
    own = ("degraded-backend", "role-limits")
    assert all(n == (t if g in own else "0") for g, (t, n) in spent.items()), cost


def test_run_writes_results_keyed_by_contract_ids(faulted):
    assert faulted.run_dir is not None, faulted.output[-2000:]
    files = list((faulted.run_dir / "results").glob("results-*.json"))
    assert files
    row = faulted.results["test_back_link[storage.bucket.detail]"]
    assert (row["subject"], row["subject_kind"], row["gate"], row["family"], row["suite"]) == (
        "storage.bucket.detail", "drilldown", "back-link", "storage", "navigation")


def test_results_carry_each_checks_findings_and_evidence(faulted):
    """What the judge recorded: a failing test's findings, and its check's evidence whatever
    the outcome (a page without a density budget skips, its density still recorded)."""
    linking = faulted.results["test_no_inbound_v1_links[shell.home]"]
    assert linking["outcome"] == "failed" and "v1.volumes" in linking["evidence"]["v1_links"]
    assert [f["check"] for f in linking["findings"]] == ["v1-links"] * len(linking["findings"])
    density = [r for r in faulted.results.values() if r["test"] == "test_data_density"]
    unbudgeted = [r for r in density if "no density budget" in " ".join(r["messages"])]
    assert unbudgeted and all("density" in r["evidence"] for r in unbudgeted)
    assert all("density" in r["evidence"] for r in density if r["outcome"] == "passed")

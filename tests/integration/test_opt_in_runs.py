"""The opt-in runs: the V1 compatibility suite and real operations with --allow-mutations,
each against the healthy target and against the fault that must break it."""

from __future__ import annotations

import pytest

from harness.reports.readiness.model import compute
from harness.reports.results import read_rows
from tests.integration.expectations import MUTATING_FAULT, V1COMPAT
from tests.integration.suite_runner import run_suite

pytestmark = pytest.mark.long_run(170)

V1COMPAT_EXPECTED = {t: f for tests in V1COMPAT.values() for t, f in tests.items()}
MUTATIONS = ["suites/lifecycle/test_mutations.py", "--allow-mutations"]


@pytest.mark.parametrize("faults", [(), tuple(V1COMPAT)], ids=["healthy", "faulted"])
def test_v1compat_suite(tmp_path, faults, contract):
    run = run_suite(tmp_path, ["-m", "v1compat"], faults)
    assert run.results, run.output[-2000:]
    assert all(r["check"] in ("v1-mode", "v1-passthrough-layout", "v1-deep-link", "v1-parity")
               for r in run.results.values())
    parity = compute(contract, read_rows(run.results.values()), {"markexpr": "v1compat"})
    allocation = next(r for r in parity.routes if r.legacy_id == "v1.allocation.detail")
    if not faults:
        assert run.returncode == 0, run.output[-3000:]
        assert run.outcomes("passed") == set(run.results)
        # every executable parity row compared on the healthy target: its gate passes on it
        assert allocation.gate("parity").status == "pass", allocation.gate("parity")
        return
    assert run.failed == set(V1COMPAT_EXPECTED), run.output[-3000:]
    for test, fragment in V1COMPAT_EXPECTED.items():
        assert fragment in "\n".join(run.results[test]["messages"]), run.results[test]
    # readiness: the V1 allocation route is blocked at parity, the missing event named
    gate = allocation.gate("parity")
    assert gate.status == "fail" and "missing: timeline entry 'Quota checked'" in gate.note, gate


def test_mutations_perform_real_operations_and_record_them(tmp_path):
    run = run_suite(tmp_path, MUTATIONS)
    assert run.returncode == 0, run.output[-3000:]
    ops = [r for r in run.audit if r.get("method") == "POST"]
    performed = [k for k, r in run.results.items() if r["outcome"] == "passed"]
    assert len(performed) >= 11 and len(ops) >= len(performed), (len(performed), len(ops))
    assert all("/operations/" in r["path"] for r in ops)


def test_operations_that_leave_no_activity_fail(tmp_path):
    run = run_suite(tmp_path, [*MUTATIONS, "-k", "node or storage_bucket"], (MUTATING_FAULT,))
    assert run.results and run.failed == set(run.results), run.output[-3000:]
    for row in run.results.values():
        assert "a new activity entry" in "\n".join(row["messages"])


def test_accessibility_baseline_accepts_known_violations(tmp_path):
    import shutil

    from tests.integration.suite_runner import ROOT

    contract = tmp_path / "contract"
    shutil.copytree(ROOT / "contracts" / "v3", contract)
    args = ["suites/quality/test_gates.py", "-k", "test_accessibility and apps.catalog",
            f"--contracts={contract}"]
    # (that the fault fails this test without a baseline is the fault matrix's proof)
    update = run_suite(tmp_path / "update", [*args, "--update-a11y-baseline"], ("img-no-alt",))
    assert update.returncode == 0, update.output[-2000:]
    baseline = (contract / "a11y-baseline.yaml").read_text()
    assert "apps.catalog" in baseline and "image-alt" in baseline
    again = run_suite(tmp_path / "again", args, ("img-no-alt",))
    assert again.returncode == 0, again.output[-2000:]
    row = again.results["test_accessibility[apps.catalog]"]
    assert "baselined" in row["properties"].get("a11y_warning", ""), row


def test_inventory_guard_cost_does_not_grow_with_scale(tmp_path, contract):
    """2,000 resources per collection: the crawl still visits one page per route template."""
    import re

    run = run_suite(tmp_path, ["suites/cutover/test_route_inventory.py"], scale="2000")
    assert run.returncode == 0, run.output[-2000:]
    total = int(re.search(r"browser navigations: (\d+)", run.output).group(1))
    bound = len(contract.routes) + len(contract.legacy) + len(contract.roles) + 5
    assert total <= bound, run.output[-1500:]

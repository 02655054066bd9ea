"""Under `pytest -n N --dist loadgroup` a contract entry's tests share one worker, so a route is
still snapshotted once (with `--dist load` each worker snapshots the routes it is dealt)."""

from __future__ import annotations

import re
from types import SimpleNamespace

from harness.plugin.entry_groups import entry_of_nodeid, pytest_xdist_make_scheduler
from tests.integration.suite_runner import run_suite


def test_a_test_is_grouped_by_its_contract_entry():
    assert entry_of_nodeid("suites/x.py::test_back_link[storage.bucket.detail]") == \
        "storage.bucket.detail"
    assert entry_of_nodeid("suites/x.py::test_degraded_backend[workloads.detail-500]") == \
        "workloads.detail-500"
    assert entry_of_nodeid("suites/x.py::test_v3_is_default") == "suites/x.py::test_v3_is_default"


def test_other_distributions_keep_xdist_scheduler():
    config = SimpleNamespace(getoption=lambda name, default=None: "load")
    assert pytest_xdist_make_scheduler(config, None) is None  # type: ignore[arg-type]


def test_two_workers_snapshot_each_route_about_once(tmp_path):
    run = run_suite(tmp_path, ["suites/navigation/test_static_gates.py",
                               "suites/quality/test_gates.py", "-m",
                               "storage and not accessibility", "-n", "2",
                               "--dist", "loadgroup"])
    assert run.returncode == 0, run.output[-2000:]
    per_route = float(re.search(r"navigations per route \(static gates\): ([\d.]+)",
                                run.output).group(1))
    # a detail route's worker may also need its list's snapshot, to find a real id
    assert per_route <= 1.5, run.output[-2000:]

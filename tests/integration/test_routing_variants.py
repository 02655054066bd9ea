"""The routing facts a third-party app needs, end to end on the reference target: one small run
of the cutover suite with a copy of the V3 contract that says what such an app does (a
catch-all not-found, a route selected by its query, a resolved id proved by the landing page's
identity) against the target with the faults each must catch or accept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from contracts import BUNDLED_CONTRACT
from tests.integration.suite_runner import SuiteRun, run_suite

pytestmark = pytest.mark.long_run(40)

EDITS = {
    # a catch-all app: unserved paths land on /home client-side
    "settings.yaml": [("  redirects_to: null", "  redirects_to: shell.home")],
    # the VM view of the workloads list is a route of its own, chosen by its query
    "routes.yaml": [("  - id: workloads.activity\n",
                     "  - id: workloads.vms\n    path: /workloads?kind=vm\n"
                     "    family: workloads\n    kind: list\n    title: Workloads\n"
                     "  - id: workloads.activity\n")],
    "legacy.yaml": [
        ("redirect: {to: workloads.list, query: {kind: vm}}", "redirect: {to: workloads.vms}"),
        # the product resolves a job id; its tasks page proves which workload it landed on
        ("redirect: {to: workloads.detail.tasks, params: {workload_id: job_id}}",
         "redirect: {to: workloads.detail.tasks, params: {workload_id: {resolved_from: job_id}}}"
         "\n    resolved_by: identity"),
    ],
    # (parity lint asks a compared V3 id that is not copied for a sample; this run compares none)
    "parity.yaml": [("      v1: v1.job.detail\n      v3: workloads.detail.tasks\n",
                     "      v1: v1.job.detail\n      v3: workloads.detail.tasks\n"
                     "      samples: {reference: {workload_id: wl-6c79e2}}\n")],
}
FAULTS = ("catch-all-not-found", "redirect-drops-query", "legacy-wrong-resource")


def _variant(tmp: Path) -> Path:
    copy = tmp / "contract"
    shutil.copytree(BUNDLED_CONTRACT, copy)
    for name, edits in EDITS.items():
        text = (copy / name).read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"test setup: {old!r} not in {name}"
            text = text.replace(old, new, 1)
        (copy / name).write_text(text, encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def variant_run(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    tmp = tmp_path_factory.mktemp("routing")
    selection = "not_found or legacy_retired or v1.job.detail or v1.instances"
    return run_suite(tmp, ["suites/cutover/test_legacy_routes.py", "-k", selection], FAULTS,
                     extra=(f"--contracts={_variant(tmp)}",))


def test_a_catch_all_landing_is_not_found_when_the_contract_says_so(variant_run):
    assert variant_run.results, variant_run.output[-3000:]
    assert variant_run.results["test_not_found"]["outcome"] == "passed", variant_run.output[-3000:]
    retired = {k: r["outcome"] for k, r in variant_run.results.items()
               if k.startswith("test_legacy_retired[")}
    assert retired and set(retired.values()) == {"passed"}, retired


def test_a_query_route_landing_without_its_query_is_another_route(variant_run):
    message = "\n".join(variant_run.results["test_legacy_redirect[v1.instances]"]["messages"])
    assert ("expected /instances to land on workloads.vms (/workloads?kind=vm), found it "
            "landed on /workloads (workloads.list, HTTP 200)") in message


def test_identity_catches_a_landing_on_the_wrong_resource(variant_run):
    row = variant_run.results["test_legacy_redirect[v1.job.detail]"]
    message = "\n".join(row["messages"])
    assert row["outcome"] == "failed" and "legacy.yaml:" in message, message
    assert "that job_id 'wl-" in message and "(its URL's workload_id, or its name" in message
    assert "aliases" not in message

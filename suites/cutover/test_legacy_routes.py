"""The cutover route map: every legacy V1 route is redirected, passed through or retired."""

from __future__ import annotations

import pytest

from harness.capture.id_resolver import DiscoveryError
from harness.capture.snapshot_store import SnapshotKey
from harness.checks.findings import Subject
from harness.checks.observations import LegacyVisit, RetiredVisit
from harness.flows.legacy_urls import legacy_params, legacy_path, visit

pytestmark = pytest.mark.cutover


def _params(entry, snapshots):
    try:
        return legacy_params(entry, snapshots)
    except DiscoveryError as exc:
        pytest.skip(str(exc))


@pytest.mark.check("legacy-redirect")
def test_legacy_redirect(legacy_redirect, snapshots, contract, judge):
    params = _params(legacy_redirect, snapshots)
    judge(legacy_redirect, LegacyVisit(visit(snapshots, legacy_redirect, params), params))


@pytest.mark.check("legacy-passthrough")
def test_legacy_passthrough(legacy_passthrough, snapshots, judge, record_property):
    record_property("v3_task", legacy_passthrough.passthrough.task)
    params = _params(legacy_passthrough, snapshots)
    judge(legacy_passthrough, LegacyVisit(visit(snapshots, legacy_passthrough, params), params))


@pytest.mark.check("legacy-retired")
def test_legacy_retired(legacy_retired, snapshots, judge):
    samples = legacy_retired.retired.samples or (
        legacy_path(legacy_retired, _params(legacy_retired, snapshots)),)
    findings = []
    for sample in samples:
        snap = snapshots.at(SnapshotKey(legacy_retired.id, sample, category="legacy"))
        findings += judge.findings(legacy_retired, RetiredVisit(sample, snap))
    judge.require(findings)


@pytest.mark.check("v3-default")
def test_v3_is_default(snapshots, contract, run_role, judge):
    snap = snapshots.at(SnapshotKey("v3-default", "/", category="roles", role=run_role.id))
    flag = contract.v3_flag  # without one, V3 is the only UI: `/` must still render it
    judge(Subject("v3_flag", str(flag.source) if flag else str(contract.directory)), snap)

"""The cutover route map: every legacy V1 route is redirected, passed through or retired; every
section redirect lands on its route; an unknown path is not found."""

from __future__ import annotations

import pytest

from harness.capture.id_resolver import DiscoveryError
from harness.capture.snapshot_store import SnapshotKey
from harness.checks.findings import Subject
from harness.checks.observations import LegacyVisit, RetiredVisit
from harness.flows.legacy_urls import (
    legacy_params,
    legacy_path,
    legacy_visit,
    not_found_landing,
    redirect_params,
    visit,
    visit_redirect,
)

pytestmark = pytest.mark.cutover


def _params(entry, snapshots):
    try:
        return legacy_params(entry, snapshots)
    except DiscoveryError as exc:
        pytest.skip(str(exc))


@pytest.mark.check("legacy-redirect")
def test_legacy_redirect(legacy_redirect, snapshots, contract, judge):
    params = _params(legacy_redirect, snapshots)
    judge(legacy_redirect, legacy_visit(snapshots, legacy_redirect, params))


@pytest.mark.check("section-redirect")
def test_section_redirect(section_redirect, snapshots, judge):
    try:
        params = redirect_params(section_redirect, snapshots)
    except DiscoveryError as exc:
        pytest.skip(str(exc))
    judge(section_redirect, LegacyVisit(visit_redirect(snapshots, section_redirect, params),
                                        params))


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
        snap = snapshots.at(SnapshotKey(legacy_retired.id, sample, category="legacy"),
                            settle_on=not_found_landing(snapshots.contract))
        findings += judge.findings(legacy_retired, RetiredVisit(sample, snap))
    judge.require(findings)


@pytest.mark.check("not-found")
def test_not_found(snapshots, contract, judge):
    probe = contract.not_found.probe
    snap = snapshots.at(SnapshotKey("not-found", probe, category="legacy"),
                        settle_on=not_found_landing(contract))
    source = contract.not_found.source
    judge(Subject("not_found", str(source) if source.line else str(contract.directory)),
          RetiredVisit(probe, snap))


@pytest.mark.check("v3-default")
def test_v3_is_default(snapshots, contract, run_role, judge):
    snap = snapshots.at(SnapshotKey("v3-default", "/", category="roles", role=run_role.id))
    flag = contract.v3_flag  # without one, V3 is the only UI: `/` must still render it
    judge(Subject("v3_flag", str(flag.source) if flag else str(contract.directory)), snap)

"""Opt-in V1 compatibility: V1 fallback pages and deep links keep working while V1 remains an
internal fallback. Never part of a default run: `pytest -m v1compat`."""

from __future__ import annotations

import pytest

from harness.capture.id_resolver import DiscoveryError
from harness.capture.snapshot_store import SnapshotKey
from harness.checks.findings import Subject
from harness.checks.observations import LegacyVisit
from harness.flows.legacy_urls import legacy_params, legacy_visit, visit

pytestmark = [pytest.mark.v1compat, pytest.mark.cutover]


@pytest.mark.check("v1-passthrough-layout")
def test_v1_passthrough_layout(legacy_passthrough, snapshots, judge):
    params = legacy_params(legacy_passthrough, snapshots)
    judge(legacy_passthrough, LegacyVisit(visit(snapshots, legacy_passthrough, params), params))


@pytest.mark.check("v1-deep-link")
def test_v1_deep_link(legacy_deep_link, snapshots, judge):
    try:
        params = legacy_params(legacy_deep_link, snapshots)
    except DiscoveryError as exc:
        pytest.skip(str(exc))
    judge(legacy_deep_link, legacy_visit(snapshots, legacy_deep_link, params))


@pytest.mark.check("v1-mode")
def test_v1_mode_serves_v1_dashboard(snapshots, contract, run_role, judge):
    if contract.v3_flag is None:
        pytest.skip(f"the contract ({contract.directory}) declares no v3_flag: the product has "
                    "no V1 mode to select")
    snap = snapshots.at(SnapshotKey("v1-mode", "/", category="roles", role=run_role.id,
                                    flag=contract.v3_flag.v1))
    judge(Subject("v3_flag", str(contract.v3_flag.source)), snap)

"""Opt-in V1 compatibility: V1 fallback pages and deep links keep working while V1 remains an
internal fallback. Never part of a default run: `pytest -m v1compat`."""

from __future__ import annotations

import pytest

from harness.capture.cache import DiscoveryError
from harness.checks.findings import Subject
from harness.checks.observations import LegacyVisit
from harness.flows.legacy_urls import legacy_params, legacy_path

pytestmark = [pytest.mark.v1compat, pytest.mark.cutover]


@pytest.mark.check("v1-passthrough-layout")
def test_v1_passthrough_layout(legacy_passthrough, snapshots, judge):
    params = legacy_params(legacy_passthrough, snapshots)
    snap = snapshots.at(legacy_passthrough.id, legacy_path(legacy_passthrough, params),
                        category="legacy")
    judge(legacy_passthrough, LegacyVisit(snap, params))


@pytest.mark.check("v1-deep-link")
def test_v1_deep_link(legacy_deep_link, snapshots, contract, judge):
    try:
        params = legacy_params(legacy_deep_link, snapshots)
    except DiscoveryError as exc:
        pytest.skip(str(exc))
    target = contract.route(legacy_deep_link.redirect.to)
    snap = snapshots.at(legacy_deep_link.id, legacy_path(legacy_deep_link, params),
                        family=target.family, category="legacy",
                        settle_on=target.path if legacy_deep_link.redirect.client_side else None)
    judge(legacy_deep_link, LegacyVisit(snap, params))


@pytest.mark.check("v1-mode")
def test_v1_mode_serves_v1_dashboard(snapshots, contract, run_role, judge):
    if contract.v3_flag is None:
        pytest.skip(f"the contract ({contract.directory}) declares no v3_flag: the product has "
                    "no V1 mode to select")
    snap = snapshots.at("v1-mode", "/", role=run_role.id, flag=contract.v3_flag.v1)
    judge(Subject("v3_flag", str(contract.v3_flag.source)), snap)

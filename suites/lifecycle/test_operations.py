"""Lifecycle operation framing on one real instance of every mutable resource, read-only."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from contracts.paths import match_template, path_and_query, path_of
from harness.capture.snapshot_store import SnapshotKey
from harness.checks.observations import ConfirmationTrial, EvidenceVisit
from harness.flows.lifecycle_trials import confirmation_trial
from harness.plugin.suite_support import instance_snapshot, loaded

pytestmark = pytest.mark.lifecycle


def _detail(resource, snapshots, contract):
    route = contract.route(resource.route)
    return loaded(instance_snapshot(snapshots, route, resource.ids or route.ids))


@pytest.mark.check("lifecycle-cards")
def test_operation_cards(lifecycle_resource, snapshots, contract, judge):
    snap = _detail(lifecycle_resource, snapshots, contract)
    judge(lifecycle_resource, snap)


@pytest.mark.check("lifecycle-fields")
def test_operation_fields(lifecycle_resource, snapshots, contract, judge):
    snap = _detail(lifecycle_resource, snapshots, contract)
    judge(lifecycle_resource, snap)


@pytest.mark.check("posture-activity")
def test_posture_and_activity(lifecycle_resource, snapshots, contract, judge):
    snap = _detail(lifecycle_resource, snapshots, contract)
    judge(lifecycle_resource, snap)


@pytest.mark.check("capability-gating")
def test_capability_gating(lifecycle_resource, snapshots, contract, judge):
    snap = _detail(lifecycle_resource, snapshots, contract)
    judge(lifecycle_resource, snap)


@pytest.mark.check("evidence-pivot")
def test_evidence_pivot(lifecycle_resource, snapshots, contract, judge):
    snap = _detail(lifecycle_resource, snapshots, contract)
    route = contract.route(lifecycle_resource.route)
    ids = tuple((match_template(route.path, snap.final_path) or {}).values())
    field = contract.lifecycle.evidence_field
    if field is None:
        pytest.skip(f"the contract's lifecycle names no evidence field ({contract.directory})")
    findings = []
    checked = 0
    for card in snap.cards:
        href = card.fields.get(field).href if card.fields.get(field) else None
        if not href:
            continue  # a missing pivot is lifecycle-fields' finding
        path = path_and_query(href)
        evidence = snapshots.at(SnapshotKey("evidence", path, category="evidence"))
        findings += judge.findings(lifecycle_resource, EvidenceVisit(card.op or "", ids, evidence))
        checked += 1
    if not checked:
        pytest.skip(f"{lifecycle_resource.id}: no evidence pivot to follow at "
                    f"{path_of(snap.final_url)}")
    judge.require(findings)


@pytest.mark.check("typed-confirmation")
def test_typed_confirmation(destructive_op, pages, contract, judge):
    resource, op = destructive_op
    route = contract.route(resource.route)
    detail = pages.for_route(route.id)
    detail.open(route.id, resource.ids or route.ids)
    card = detail.page.locator(contract.op_card_selector(op)).first
    try:  # a missing card is a finding naming it, never a bare Playwright timeout
        card.wait_for(state="attached", timeout=detail.timeout_ms)
    except PlaywrightTimeout:
        judge(resource, ConfirmationTrial(op.key, detail.page.url, "", dialog_opened=False,
                                          card_found=False))
    trial = confirmation_trial(detail, op)
    judge(resource, trial)

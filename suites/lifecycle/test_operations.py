"""Lifecycle operation framing on one real instance of every mutable resource, read-only."""

from __future__ import annotations

import pytest

from harness.capture.snapshot import path_and_query, path_of
from harness.checks.registry import expect_clean, run
from harness.flows.lifecycle_trials import confirmation_trial
from harness.paths import match_template
from harness.plugin.suite_support import expect_no_errors, instance_snapshot, loaded

pytestmark = pytest.mark.lifecycle


def _detail(resource, snapshots, contract):
    route = contract.route(resource.route)
    return loaded(instance_snapshot(snapshots, route, resource.ids or route.ids))


@pytest.mark.check("lifecycle-cards")
def test_operation_cards(lifecycle_resource, snapshots, contract):
    snap = _detail(lifecycle_resource, snapshots, contract)
    expect_clean("lifecycle-cards", lifecycle_resource, snap, contract)


@pytest.mark.check("lifecycle-fields")
def test_operation_fields(lifecycle_resource, snapshots, contract):
    snap = _detail(lifecycle_resource, snapshots, contract)
    expect_clean("lifecycle-fields", lifecycle_resource, snap, contract)


@pytest.mark.check("posture-activity")
def test_posture_and_activity(lifecycle_resource, snapshots, contract):
    snap = _detail(lifecycle_resource, snapshots, contract)
    expect_clean("posture-activity", lifecycle_resource, snap, contract)


@pytest.mark.check("capability-gating")
def test_capability_gating(lifecycle_resource, snapshots, contract):
    snap = _detail(lifecycle_resource, snapshots, contract)
    expect_clean("capability-gating", lifecycle_resource, snap, contract)


@pytest.mark.check("evidence-pivot")
def test_evidence_pivot(lifecycle_resource, snapshots, contract):
    snap = _detail(lifecycle_resource, snapshots, contract)
    route = contract.route(lifecycle_resource.route)
    ids = tuple((match_template(route.path, snap.final_path) or {}).values())
    field = contract.lifecycle.evidence_field
    findings = []
    checked = 0
    for card in snap.cards:
        href = card.fields.get(field).href if card.fields.get(field) else None
        if not href:
            continue  # a missing pivot is lifecycle-fields' finding
        path = path_and_query(href)
        evidence = snapshots.at(f"evidence:{path}", path, category="evidence")
        findings += run("evidence-pivot", lifecycle_resource, card.op, ids, evidence, contract)
        checked += 1
    if not checked:
        pytest.skip(f"{lifecycle_resource.id}: no evidence pivot to follow at "
                    f"{path_of(snap.final_url)}")
    expect_no_errors("evidence-pivot", findings)


@pytest.mark.check("typed-confirmation")
def test_typed_confirmation(destructive_op, pages, contract):
    resource, op = destructive_op
    route = contract.route(resource.route)
    detail = pages.for_route(route.id)
    detail.open(route.id, resource.ids or route.ids)
    trial = confirmation_trial(detail, op.key)
    expect_clean("typed-confirmation", resource, op, trial, contract)

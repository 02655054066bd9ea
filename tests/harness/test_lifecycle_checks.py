"""Lifecycle checks on hand-built snapshots and trials: no browser."""

from __future__ import annotations

from dataclasses import replace

from harness.capture.snapshot import CardState, FieldState, RouteSnapshot
from harness.checks.observations import ConfirmationTrial, EvidenceVisit, OperationRun
from harness.checks.registry import run
from tests.harness.builders import BASE, healthy_detail


def resource(contract, rid):
    return next(r for r in contract.lifecycle.resources if r.id == rid)


def test_healthy_detail_passes_every_lifecycle_check(contract):
    for res in contract.lifecycle.resources:
        snap = healthy_detail(contract, res.id)
        for name in ("lifecycle-cards", "lifecycle-fields", "posture-activity",
                     "capability-gating"):
            assert run(name, res, snap, contract) == [], (res.id, name)


def test_missing_card_and_unknown_intent(contract):
    quota = resource(contract, "quota")
    snap = healthy_detail(contract, "quota")
    cards = tuple(c for c in snap.cards if c.op != "reset-usage")
    [f] = run("lifecycle-cards", quota, replace(snap, cards=cards), contract)
    assert "'reset-usage'" in f.expected and f.source.startswith("contracts/v3/lifecycle.yaml")
    bucket = resource(contract, "storage_bucket")
    snap = healthy_detail(contract, "storage_bucket")
    cards = tuple(replace(c, intent="cleanup") if c.op == "lifecycle-policy" else c
                  for c in snap.cards)
    [f] = run("lifecycle-cards", bucket, replace(snap, cards=cards), contract)
    assert "intent 'cleanup' (not a known intent)" in f.found


def test_card_without_evidence_pivot(contract):
    node = resource(contract, "node")
    snap = healthy_detail(contract, "node")
    cards = tuple(replace(c, fields={**c.fields, "evidence": FieldState(False)})
                  if c.op == "drain" else c for c in snap.cards)
    [f] = run("lifecycle-fields", node, replace(snap, cards=cards), contract)
    assert "'drain' card field evidence" in f.expected and f.found == "none"


def test_posture_and_timeline(contract):
    finance = resource(contract, "finance")
    snap = healthy_detail(contract, "finance", timeline_entries=None)
    [f] = run("posture-activity", finance, snap, contract)
    assert "activity timeline" in f.expected


def test_s3_card_without_s3(contract):
    bucket = resource(contract, "storage_bucket")
    snap = healthy_detail(contract, "storage_bucket")
    s3 = CardState(op="s3-credential", intent="update", fields=snap.cards[0].fields)
    [f] = run("capability-gating", bucket, replace(snap, cards=(*snap.cards, s3)), contract)
    assert "without capability 's3'" in f.expected
    with_s3 = replace(snap, cards=(*snap.cards, s3), capabilities=("nfs", "s3"))
    assert run("capability-gating", bucket, with_s3, contract) == []
    assert run("lifecycle-cards", bucket, with_s3, contract) == []


def test_evidence_pivot_must_be_about_the_resource(contract):
    site = resource(contract, "maas_site")
    ok = RouteSnapshot(key="e", requested_url=BASE + "/platform/evidence?resource=site-1",
                       final_url=BASE + "/platform/evidence", status=200,
                       evidence_subjects=("site-1",))
    assert run("evidence-pivot", site, EvidenceVisit("connect", ("site-1",), ok), contract) == []
    [f] = run("evidence-pivot", site,
              EvidenceVisit("connect", ("site-1",), replace(ok, evidence_subjects=("site-2",))),
              contract)
    assert "a page about site-2" in f.found


def test_typed_confirmation_trials(contract):
    node = resource(contract, "node")
    op = next(o for o in node.operations if o.key == "decommission")
    good = ConfirmationTrial(op_key=op.key, url=BASE, resource_name="gpu-node-01",
                             dialog_opened=True, disabled_when_empty=True,
                             disabled_on_near_miss=True, enabled_on_exact=True,
                             closed_on_cancel=True,
                             posture_before="Ready", posture_after="Ready")
    assert run("typed-confirmation", node, good, contract) == []
    confirm = ConfirmationTrial(op_key=op.key, url=BASE, resource_name="gpu-node-01",
                                dialog_opened=False, browser_dialogs=("confirm('Really?')",))
    found = run("typed-confirmation", node, confirm, contract)
    assert any("window dialog" in f.found for f in found)
    any_text = replace(good, disabled_on_near_miss=False, disabled_when_empty=True)
    [f] = run("typed-confirmation", node, any_text, contract)
    assert "near miss of 'gpu-node-01'" in f.expected


def test_operation_recorded(contract):
    node = resource(contract, "node")
    drain = next(o for o in node.operations if o.key == "drain")
    ok = OperationRun(op_key=drain.key, url=BASE, entries_before=2, entries_after=3,
                      evidence_url="/e", evidence_mentions_op=True)
    assert run("operation-recorded", node, ok, contract) == []
    silent = replace(ok, entries_after=2, evidence_mentions_op=False)
    found = run("operation-recorded", node, silent, contract)
    assert {f.expected for f in found} == {"'drain': a new activity entry",
                                           "'drain': its evidence page (/e) to record the "
                                           "operation"}
    broken = OperationRun(op_key=drain.key, url=BASE, entries_before=None, entries_after=None,
                          error="boom")
    [f] = run("operation-recorded", node, broken, contract)
    assert f.found == "boom"

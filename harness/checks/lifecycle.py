"""Lifecycle checks: operation cards by intent, their fields, evidence, posture and activity,
capability gating, and typed confirmation for destructive operations."""

from __future__ import annotations

from contracts import LifecycleResource, Operation
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.findings import Finding
from harness.checks.observations import ConfirmationTrial, EvidenceVisit, OperationRun
from harness.checks.registry import PAGE, check

Detail = CheckContext[LifecycleResource, RouteSnapshot]


def _applies(op: Operation, snap: RouteSnapshot) -> bool:
    """An operation that needs a capability exists only where the resource advertises it."""
    return op.requires_capability is None or op.requires_capability in (snap.capabilities or ())


def _at(ctx: Detail, expected: str, found: str) -> Finding:
    """A finding on the detail page the snapshot shows."""
    return ctx.finding(expected, found, url=ctx.seen.final_url or None)


@check("lifecycle-cards", gate="lifecycle", title="Every operation has a card with its intent",
       reads=("op_cards",))
def lifecycle_cards(ctx: Detail) -> list[Finding]:
    """Mutable resources expose operations by intent, not as bare button clusters."""
    resource, snap, lc = ctx.entry, ctx.seen, ctx.contract.lifecycle
    out = []
    for op in resource.operations:
        if not _applies(op, snap):
            continue
        card = snap.card(op.key)
        if card is None:
            where = op.selector or f'{lc.op_attribute}="{op.key}"'
            out.append(_at(ctx, f"a card for '{op.key}' ({where})", "none"))
        elif why := snap.hidden.get(f"op_card:{op.key}"):
            where = op.selector or ctx.contract.op_card_selector(op.key)
            out.append(_at(ctx, f"the '{op.key}' card ({where}) visible",
                           f"it is on the page but hidden ({why})"))
        elif op.selector is None and card.intent != op.intent:  # else the contract's intent
            unknown = "" if card.intent in lc.intents else " (not a known intent)"
            out.append(_at(ctx, f"'{op.key}' with intent '{op.intent}'",
                          f"intent {card.intent!r}{unknown}"))
    for card in snap.cards:
        if card.intent not in lc.intents and not any(o.key == card.op for o in resource.operations):
            out.append(_at(ctx, f"intents among {', '.join(lc.intents)}",
                          f"card {card.op!r} with intent {card.intent!r}"))
    return out


@check("lifecycle-fields", gate="lifecycle", title="Cards state every required field",
       reads=("op_cards",))
def lifecycle_fields(ctx: Detail) -> list[Finding]:
    """Each operation must say its preconditions, result, progress, failure path and evidence."""
    resource, snap, lc = ctx.entry, ctx.seen, ctx.contract.lifecycle
    out = []
    for op in resource.operations:
        card = snap.card(op.key)
        if card is None or not _applies(op, snap):
            continue  # a missing card is lifecycle-cards' finding
        for name, selector in lc.fields.items():
            if op.fields is not None and name not in op.fields:
                continue  # this card does not state it, by the contract
            state = card.fields.get(name)
            if state is None or not state.present:
                out.append(_at(ctx, f"'{op.key}' card field {name} ({selector})", "none"))
            elif not state.text.strip():
                out.append(_at(ctx, f"'{op.key}' card field {name} to say something",
                               "it is empty"))
            elif name == lc.evidence_field and not state.href:
                out.append(_at(ctx, f"'{op.key}' evidence pivot to be a link", "no link"))
    return out


@check("posture-activity", gate="lifecycle", title="Detail shows posture and activity",
       reads=("op_cards",))
def posture_activity(ctx: Detail) -> list[Finding]:
    """Resource details expose current posture and a lifecycle activity timeline."""
    snap, s = ctx.seen, ctx.contract.selectors
    out = []
    for name, selector in (("resource_posture", s.resource_posture),
                           ("activity_timeline", s.activity_timeline)):
        if why := snap.hidden.get(name):
            out.append(_at(ctx, f"{selector} visible", f"it is on the page but hidden ({why})"))
    if not (snap.posture or "").strip():
        out.append(_at(ctx, f"the current posture ({s.resource_posture})", "none"))
    if snap.timeline_entries is None:
        out.append(_at(ctx, f"an activity timeline ({s.activity_timeline})", "none"))
    elif snap.timeline_entries == 0:
        out.append(_at(ctx, "at least one activity entry", "an empty timeline"))
    return out


@check("capability-gating", gate="lifecycle", title="Capability-only operations stay hidden",
       reads=("op_cards",))
def capability_gating(ctx: Detail) -> list[Finding]:
    """S3 actions must stay hidden unless the storage provider advertises S3."""
    resource, snap = ctx.entry, ctx.seen
    out = []
    for op in resource.operations:
        if op.requires_capability and not _applies(op, snap) and snap.card(op.key) is not None:
            caps = " ".join(snap.capabilities or ()) or "none"
            out.append(_at(ctx, f"no '{op.key}' card without capability '{op.requires_capability}'",
                          f"the card, with capabilities: {caps}"))
    return out


@check("evidence-pivot", gate="lifecycle", title="Evidence pivots reach this resource's evidence",
       reads=(PAGE,))
def evidence_pivot(ctx: CheckContext[LifecycleResource, EvidenceVisit]) -> list[Finding]:
    """An evidence pivot must open a live page about the same resource."""
    op_key, resource_ids, evidence = ctx.seen.op_key, ctx.seen.resource_ids, ctx.seen.snapshot
    contract = ctx.contract
    expected = (f"'{op_key}' evidence at {evidence.requested_url} to load and be about "
                f"{' / '.join(resource_ids)} ({contract.selectors.evidence_subject})")
    if not evidence.loaded:
        return [ctx.finding(expected, evidence.error or f"HTTP {evidence.status}",
                            url=evidence.requested_url)]
    if not set(resource_ids) & set(evidence.evidence_subjects):
        shown = ", ".join(evidence.evidence_subjects) or "no subject"
        return [ctx.finding(expected, f"a page about {shown}", url=evidence.requested_url)]
    return []


@check("typed-confirmation", gate="lifecycle", title="Destructive ops use typed confirmation")
def typed_confirmation(ctx: CheckContext[LifecycleResource, ConfirmationTrial]
                       ) -> list[Finding]:
    """Destructive actions need the resource's name typed exactly, never a browser confirm."""
    trial, contract = ctx.seen, ctx.contract

    def f(expected: str, found: str) -> Finding:
        return ctx.finding(f"'{trial.op_key}': {expected}", found, url=trial.url)

    if not trial.card_found:
        return [f(f"its operation card ({contract.op_card_selector(trial.op_key)})",
                  "no such card on the page")]
    out = []
    if trial.browser_dialogs:
        out.append(f("no browser dialog", f"window dialog(s): {', '.join(trial.browser_dialogs)}"))
    if not trial.dialog_opened:
        out.append(f(f"the typed confirmation ({contract.selectors.typed_confirm_dialog})",
                     "it did not open"))
        return out
    if trial.disabled_when_empty is False:
        out.append(f("submit disabled before anything is typed", "it was enabled"))
    if trial.disabled_on_near_miss is False:
        out.append(f(f"submit disabled for a near miss of {trial.resource_name!r}",
                     "it was enabled"))
    if trial.enabled_on_exact is False:
        out.append(f(f"submit enabled once {trial.resource_name!r} is typed",
                     "it stayed disabled"))
    if trial.closed_on_cancel is False:
        out.append(f("cancel to close the dialog", "it stayed open"))
    if trial.posture_before != trial.posture_after:
        out.append(f("the resource unchanged after cancel",
                     f"posture {trial.posture_before!r} -> {trial.posture_after!r}"))
    if trial.mutations_sent:
        out.append(f("no request that changes state", ", ".join(trial.mutations_sent)))
    return out


@check("operation-recorded", gate="lifecycle", title="Operations leave activity and evidence")
def operation_recorded(ctx: CheckContext[LifecycleResource, OperationRun]) -> list[Finding]:
    """A lifecycle operation that leaves no activity or evidence cannot be audited."""
    run, contract = ctx.seen, ctx.contract

    def f(expected: str, found: str) -> Finding:
        return ctx.finding(f"'{run.op_key}': {expected}", found, url=run.url)

    if run.error:
        return [f("to complete", run.error)]
    out = []
    if run.entries_before is None or run.entries_after is None:
        out.append(f(f"an activity timeline ({contract.selectors.activity_timeline})", "none"))
    elif run.entries_after <= run.entries_before:
        out.append(f("a new activity entry",
                     f"{run.entries_before} entries before, {run.entries_after} after"))
    if run.evidence_mentions_op is False:
        out.append(f(f"its evidence page ({run.evidence_url}) to record the operation",
                     "no mention of it"))
    return out

"""Lifecycle checks: operation cards by intent, their fields, evidence, posture and activity,
capability gating, and typed confirmation for destructive operations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from harness.capture.snapshot import RouteSnapshot
from harness.checks.findings import Finding
from harness.checks.registry import check


def _f(name: str, resource: Any, url: str | None, expected: str, found: str) -> Finding:
    return Finding(check=name, subject=resource.id, source=str(resource.source), url=url,
                   expected=expected, found=found)


def _applies(op: Any, snap: RouteSnapshot) -> bool:
    """An operation that needs a capability exists only where the resource advertises it."""
    return op.requires_capability is None or op.requires_capability in (snap.capabilities or ())


@check("lifecycle-cards", gate="lifecycle", title="Every operation has a card with its intent")
def lifecycle_cards(resource: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Mutable resources expose operations by intent, not as bare button clusters."""
    lc = contract.lifecycle
    url = snap.final_url or None
    out = []
    for op in resource.operations:
        if not _applies(op, snap):
            continue
        card = snap.card(op.key)
        if card is None:
            out.append(_f("lifecycle-cards", resource, url,
                          f"a card for '{op.key}' ({lc.op_attribute}=\"{op.key}\")", "none"))
        elif card.intent != op.intent:
            unknown = "" if card.intent in lc.intents else " (not a known intent)"
            out.append(_f("lifecycle-cards", resource, url,
                          f"'{op.key}' with intent '{op.intent}'",
                          f"intent {card.intent!r}{unknown}"))
    for card in snap.cards:
        if card.intent not in lc.intents and not any(o.key == card.op for o in resource.operations):
            out.append(_f("lifecycle-cards", resource, url,
                          f"intents among {', '.join(lc.intents)}",
                          f"card {card.op!r} with intent {card.intent!r}"))
    return out


@check("lifecycle-fields", gate="lifecycle", title="Cards state every required field")
def lifecycle_fields(resource: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Each operation must say its preconditions, result, progress, failure path and evidence."""
    lc = contract.lifecycle
    out = []
    for op in resource.operations:
        card = snap.card(op.key)
        if card is None or not _applies(op, snap):
            continue  # a missing card is lifecycle-cards' finding
        for name, selector in lc.fields.items():
            state = card.fields.get(name)
            if state is None or not state.present:
                out.append(_f("lifecycle-fields", resource, snap.final_url or None,
                              f"'{op.key}' card field {name} ({selector})", "none"))
            elif not state.text.strip():
                out.append(_f("lifecycle-fields", resource, snap.final_url or None,
                              f"'{op.key}' card field {name} to say something", "it is empty"))
            elif name == lc.evidence_field and not state.href:
                out.append(_f("lifecycle-fields", resource, snap.final_url or None,
                              f"'{op.key}' evidence pivot to be a link", "no link"))
    return out


@check("posture-activity", gate="lifecycle", title="Detail shows posture and activity")
def posture_activity(resource: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Resource details expose current posture and a lifecycle activity timeline."""
    s = contract.selectors
    out = []
    if not (snap.posture or "").strip():
        out.append(_f("posture-activity", resource, snap.final_url or None,
                      f"the current posture ({s.resource_posture})", "none"))
    if snap.timeline_entries is None:
        out.append(_f("posture-activity", resource, snap.final_url or None,
                      f"an activity timeline ({s.activity_timeline})", "none"))
    elif snap.timeline_entries == 0:
        out.append(_f("posture-activity", resource, snap.final_url or None,
                      "at least one activity entry", "an empty timeline"))
    return out


@check("capability-gating", gate="lifecycle", title="Capability-only operations stay hidden")
def capability_gating(resource: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """S3 actions must stay hidden unless the storage provider advertises S3."""
    out = []
    for op in resource.operations:
        if op.requires_capability and not _applies(op, snap) and snap.card(op.key) is not None:
            caps = " ".join(snap.capabilities or ()) or "none"
            out.append(_f("capability-gating", resource, snap.final_url or None,
                          f"no '{op.key}' card without capability '{op.requires_capability}'",
                          f"the card, with capabilities: {caps}"))
    return out


@check("evidence-pivot", gate="lifecycle", title="Evidence pivots reach this resource's evidence")
def evidence_pivot(resource: Any, op_key: str, resource_ids: tuple[str, ...],
                   evidence: RouteSnapshot, contract: Any) -> list[Finding]:
    """An evidence pivot must open a live page about the same resource."""
    expected = (f"'{op_key}' evidence at {evidence.requested_url} to load and be about "
                f"{' / '.join(resource_ids)} ({contract.selectors.evidence_subject})")
    if not evidence.loaded:
        return [_f("evidence-pivot", resource, evidence.requested_url, expected,
                   evidence.error or f"HTTP {evidence.status}")]
    if not set(resource_ids) & set(evidence.evidence_subjects):
        shown = ", ".join(evidence.evidence_subjects) or "no subject"
        return [_f("evidence-pivot", resource, evidence.requested_url, expected,
                   f"a page about {shown}")]
    return []


@dataclass(frozen=True)
class ConfirmationTrial:
    """What happened when a destructive operation was started and then cancelled."""

    url: str
    resource_name: str
    dialog_opened: bool
    disabled_when_empty: bool | None = None
    disabled_on_near_miss: bool | None = None
    enabled_on_exact: bool | None = None
    closed_on_cancel: bool | None = None
    posture_before: str | None = None
    posture_after: str | None = None
    browser_dialogs: tuple[str, ...] = ()
    mutations_sent: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())


@check("typed-confirmation", gate="lifecycle", title="Destructive ops use typed confirmation")
def typed_confirmation(resource: Any, op: Any, trial: ConfirmationTrial,
                       contract: Any) -> list[Finding]:
    """Destructive actions need the resource's name typed exactly, never a browser confirm."""
    def f(expected: str, found: str) -> Finding:
        return _f("typed-confirmation", resource, trial.url, f"'{op.key}': {expected}", found)

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


@dataclass(frozen=True)
class OperationRun:
    """What a real operation left behind (mutating runs only)."""

    url: str
    entries_before: int | None
    entries_after: int | None
    evidence_url: str | None = None
    evidence_mentions_op: bool | None = None
    error: str | None = None


@check("operation-recorded", gate="lifecycle", title="Operations leave activity and evidence")
def operation_recorded(resource: Any, op: Any, run: OperationRun, contract: Any) -> list[Finding]:
    """A lifecycle operation that leaves no activity or evidence cannot be audited."""
    def f(expected: str, found: str) -> Finding:
        return _f("operation-recorded", resource, run.url, f"'{op.key}': {expected}", found)

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

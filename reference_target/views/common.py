"""Building blocks shared by detail pages: resource header, tabs and lifecycle framing."""

from reference_target.context import Ctx
from reference_target.lifecycle import LIFECYCLES
from reference_target.page_model import Dialog, Link, OpCard, OpCards, ResourceHeader, Row, Tabs
from reference_target.seed import Resource


def header(ctx: Ctx, kind_label: str, resource: Resource, back_href: str, back_label: str,
           **extra: str | None) -> ResourceHeader:
    return ResourceHeader(kind_label, resource.name, Link(f"Back to {back_label}", back_href),
                          ctx.posture(resource), **extra)


def tabs(base: str, items: list[tuple[str, str]], current: str, *, history: str = "push") -> Tabs:
    """Tabs of a detail page; the first tab is the detail route itself (no path suffix)."""
    links = tuple(
        Link(label, base if i == 0 else f"{base}/{key}", f"tab-{key}", current=key == current)
        for i, (key, label) in enumerate(items)
    )
    return Tabs(links, history)


def row(resource: Resource, href: str | None, *cells: str) -> Row:
    return Row((resource.name, *cells), href)


def evidence_href(kind: str, subject_id: str, events_href: str | None) -> str:
    target = LIFECYCLES[kind].evidence
    if target == "platform":
        return f"/platform/evidence?resource={subject_id}"
    if target == "access":
        return f"/access/audit?resource={subject_id}"
    assert events_href is not None, "events-tab evidence needs the events tab address"
    return events_href


def _evidence_subject(ctx: Ctx, kind: str, resource: Resource) -> str:
    if kind == "maas_site" and ctx.fault("evidence-wrong-resource"):
        sites = ctx.seed.items("maas-sites")
        others = [s for s in sites if s.id != resource.id]
        return others[0].id if others else "site-9999"
    return resource.id


def lifecycle(ctx: Ctx, kind: str, resource: Resource,
              events_href: str | None = None) -> tuple[OpCards, Dialog | None]:
    """One card per operation of the resource kind, plus the typed-confirm dialog if needed."""
    spec = LIFECYCLES[kind]
    subject = _evidence_subject(ctx, kind, resource)
    capabilities = resource.meta.get("capabilities", "").split()
    cards: list[OpCard] = []
    dialog: Dialog | None = None
    for op in spec.operations:
        api = f"/api/{spec.collection}/{resource.id}/operations/{op.key}"
        if op.requires_capability and op.requires_capability not in capabilities and not (
                ctx.fault("s3-without-s3")):
            continue
        if kind == "quota" and op.key == "reset-usage" and ctx.fault("card-missing-op"):
            continue
        intent = op.intent
        if kind == "storage_bucket" and op.key == "lifecycle-policy" and ctx.fault(
                "card-unknown-intent"):
            intent = "cleanup"
        evidence: Link | None = Link(f"Evidence for {resource.name}",
                                     evidence_href(kind, subject, events_href))
        if kind == "node" and op.key == "drain" and ctx.fault("card-no-evidence"):
            evidence = None
        confirm = "none"
        if op.typed:
            confirm = "typed"
            if kind == "node" and ctx.fault("destructive-window-confirm"):
                confirm = "window"
            else:
                match = "nonempty" if kind == "app_runtime" and ctx.fault(
                    "typed-confirm-any-text") else "exact"
                dialog = Dialog(op.key, op.label, resource.name, api, match)
        hidden = kind == "node" and op.key == "drain" and ctx.fault("card-hidden")
        cards.append(OpCard(op.key, op.label, intent, op.preconditions, op.result, op.progress,
                            op.failure, evidence, api, op.label, confirm, hidden))
    return OpCards("Operations", tuple(cards)), dialog

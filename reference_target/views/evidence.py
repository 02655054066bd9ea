"""Evidence listings shared by /access/audit and /platform/evidence (?resource=<id> filter)."""

from reference_target.context import Ctx
from reference_target.lifecycle import BY_COLLECTION
from reference_target.page_model import EvidenceList
from reference_target.state import Entry

RECENT = 50


def evidence_block(ctx: Ctx, heading: str, path: str) -> EvidenceList:
    subject = ctx.query.get("resource")
    if subject:
        resource = ctx.seed.find(subject)
        entries = ctx.state.events_for(resource) if resource else []
        return EvidenceList(heading, subject, resource.name if resource else None,
                            tuple(entries), len(entries), path)
    # Unfiltered: recorded operations first, then the seeded creation records of mutable
    # resources, capped so a large inventory does not produce a huge page.
    recorded = list(reversed(ctx.state.events))
    seeded: list[Entry] = []
    for collection in BY_COLLECTION:
        for resource in ctx.seed.items(collection)[:3]:
            seeded.extend(ctx.state.events_for(resource)[-1:])
    total = len(recorded) + len(BY_COLLECTION) * ctx.seed.scale
    return EvidenceList(heading, None, None, tuple((recorded + seeded)[:RECENT]), total, path)

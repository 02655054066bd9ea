"""Mutable in-memory state: posture changes, activity and audit events, and the request audit log.

Seeded history is derived on demand from the resource, so only what requests changed is stored;
`reset()` returns the app to its seeded state.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from reference_target.seed import Resource, stamp

SEED_ACTIVITY: dict[str, tuple[tuple[str, str], ...]] = {
    "nodes": (("Commissioned", "MAAS commissioned the machine and recorded its hardware."),
              ("Health check passed", "DCGM level 2 diagnostics passed on every GPU.")),
    "workloads": (("Submitted", "The workload was submitted by its owner."),
                  ("Scheduled", "Capacity was reserved and the workload was placed."),
                  ("Started", "All members reported ready.")),
    "buckets": (("Created", "The bucket was provisioned on the storage cluster."),
                ("Grant added", "Read access was granted to the project."),
                ("Mounted", "The bucket was mounted into a running workload.")),
    "artifacts": (("Uploaded", "Upload finished and the digest was recorded."),
                  ("Scanned", "Vulnerability scan found no critical issues.")),
    "finance-accounts": (("Payment settled", "Monthly invoice payment settled."),
                         ("Ledger posted", "Usage charges were posted to the ledger.")),
    "maas-sites": (("Linked", "The MAAS endpoint was linked with a scoped API key."),
                   ("Resynced", "Machine inventory was refreshed from MAAS.")),
}
DEFAULT_ACTIVITY = (("Created", "The resource was created."),
                    ("Reviewed", "Settings were reviewed by an administrator."))


@dataclass(frozen=True)
class Entry:
    time: str
    actor: str
    action: str
    detail: str
    resource_id: str
    resource_name: str


def seeded_activity(resource: Resource) -> list[Entry]:
    """Deterministic history (newest first) so every detail page has a non-empty timeline."""
    steps = SEED_ACTIVITY.get(resource.collection, DEFAULT_ACTIVITY)
    base = 240 + 60 * resource.index
    entries = [
        Entry(stamp(base + 20 * (len(steps) - k)), "system", action, detail, resource.id,
              resource.name)
        for k, (action, detail) in enumerate(steps)
    ]
    return list(reversed(entries))


def seeded_events(resource: Resource) -> list[Entry]:
    """Seeded audit/evidence records for a resource: its creation record."""
    return [Entry(stamp(300 + 60 * resource.index), "system", f"{resource.collection}.create",
                  f"{resource.name} was created.", resource.id, resource.name)]


class TargetState:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.posture: dict[str, str] = {}
        self.activity: dict[str, list[Entry]] = {}
        self.events: list[Entry] = []
        self.requests: list[dict[str, str]] = []

    def record_request(self, method: str, path: str) -> None:
        self.requests.append({"method": method, "path": path, "time": _now()})

    def posture_of(self, resource: Resource) -> str:
        return self.posture.get(resource.id, resource.posture)

    def activity_for(self, resource: Resource) -> list[Entry]:
        return list(reversed(self.activity.get(resource.id, []))) + seeded_activity(resource)

    def events_for(self, resource: Resource) -> list[Entry]:
        recorded = [e for e in reversed(self.events) if e.resource_id == resource.id]
        return recorded + seeded_events(resource)

    def record_operation(self, resource: Resource, action: str, detail: str, actor: str,
                         posture: str | None, *, with_activity: bool) -> Entry:
        entry = Entry(_now(), actor, action, detail, resource.id, resource.name)
        if posture is not None:
            self.posture[resource.id] = posture
        if with_activity:
            self.activity.setdefault(resource.id, []).append(entry)
        self.events.append(entry)
        return entry


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

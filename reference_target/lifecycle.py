"""Lifecycle operations of every mutable resource kind, framed by intent.

Each operation carries the four texts a lifecycle card must show (preconditions, result, progress
surface, failure/compensation path) and the posture it leaves the resource in.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Operation:
    key: str
    label: str
    intent: str
    preconditions: str
    result: str
    progress: str
    failure: str
    # Posture after success; None keeps the current posture (e.g. evidence collection).
    posture_after: str | None = None
    typed: bool = False
    # Only offered when the resource advertises this capability (storage S3 credentials).
    requires_capability: str | None = None


@dataclass(frozen=True)
class Lifecycle:
    kind: str
    collection: str
    # Where a card's evidence pivot points: an audit page, the evidence page or own events tab.
    evidence: str
    operations: tuple[Operation, ...]

    def operation(self, key: str) -> Operation | None:
        return next((op for op in self.operations if op.key == key), None)


def _op(key: str, intent: str, pre: str, result: str, progress: str, failure: str,
        after: str | None = None, *, typed: bool = False, capability: str | None = None,
        label: str | None = None) -> Operation:
    label = label or key.replace("-", " ").capitalize()
    return Operation(key, label, intent, pre, result, progress, failure, after, typed, capability)


TIMELINE = "Progress appears in the activity timeline as each step completes."

LIFECYCLES: dict[str, Lifecycle] = {
    "node": Lifecycle("node", "nodes", "platform", (
        _op("cordon", "maintenance", "Node is ready and reachable by the scheduler.",
            "No new workloads are placed on the node; running ones continue.", TIMELINE,
            "If the scheduler rejects the cordon, the node stays schedulable; retry or uncordon.",
            "cordoned"),
        _op("drain", "maintenance", "Node is cordoned or ready; running workloads can migrate.",
            "Running workloads are rescheduled elsewhere and the node is empty.", TIMELINE,
            "Workloads that cannot move keep running; the drain stops and lists them.",
            "drained"),
        _op("reimage", "recovery", "Node is drained; a MAAS profile is assigned.",
            "The node is redeployed from its MAAS profile and rejoins the pool.",
            "MAAS deployment steps stream into the node's Activity tab.",
            "A failed deployment leaves the node in rescue mode with install output attached.",
            "reimaging"),
        _op("decommission", "destructive", "Node is drained and holds no attached storage.",
            "The node is released back to MAAS and removed from the inventory.", TIMELINE,
            "If release fails the node stays drained; the MAAS event explains why.",
            "decommissioned", typed=True),
        _op("evidence", "evidence", "None; collection is read-only.",
            "A signed evidence bundle of health checks and recent events is stored.", TIMELINE,
            "If collection times out, partial evidence is kept and marked incomplete.",
            label="Collect evidence"),
    )),
    "app_runtime": Lifecycle("app_runtime", "workloads", "events", (
        _op("pause", "maintenance", "Runtime is running.",
            "Members stop and GPUs are released; storage and settings are kept.", TIMELINE,
            "If a member does not stop, it is force-stopped after 5 minutes.", "paused"),
        _op("resume", "recovery", "Runtime is paused and capacity is available.",
            "Members start again with the same version and storage.", TIMELINE,
            "If capacity is short, the runtime waits in the queue and stays paused.", "running"),
        _op("restart", "recovery", "Runtime is running or degraded.",
            "Every member restarts in turn; the app URL stays the same.", TIMELINE,
            "Members that fail to restart are reported and the previous ones keep serving.",
            "running"),
        _op("scale-members", "update", "Runtime is running; quota allows the new member count.",
            "Members are added or removed to reach the requested count.", TIMELINE,
            "If quota is exceeded, the member count is left unchanged.", label="Scale members"),
        _op("change-version", "update", "A newer published version of the app exists.",
            "Members roll to the selected version one at a time.", TIMELINE,
            "A failed rollout rolls members back to the previous version.",
            label="Change version"),
        _op("decommission", "destructive", "Runtime is paused or running; data is backed up.",
            "Members are deleted and GPUs released; attached buckets are kept.", TIMELINE,
            "If deletion fails the runtime stays paused and the error is listed.",
            "decommissioned", typed=True),
    )),
    "maas_site": Lifecycle("maas_site", "maas-sites", "platform", (
        _op("connect", "setup", "MAAS endpoint is reachable and an API key is stored.",
            "The site is linked and its machines are imported.", TIMELINE,
            "If the API key is rejected, the site stays disconnected.", "connected"),
        _op("update-settings", "update", "Site is connected.",
            "Zones, DNS and default profile are updated.", TIMELINE,
            "Invalid settings are rejected and the previous ones stay active.",
            label="Update settings"),
        _op("resync", "maintenance", "Site is connected.",
            "Machine inventory and power states are refreshed from MAAS.", TIMELINE,
            "Machines that cannot be read are flagged; the rest are updated.", "connected"),
        _op("remove", "destructive", "No nodes of the site are in service.",
            "The site link is deleted; MAAS itself is not changed.", TIMELINE,
            "If nodes are still in service, removal is refused.", "removed", typed=True),
    )),
    "maas_profile": Lifecycle("maas_profile", "maas-profiles", "platform", (
        _op("create-profile", "setup", "The OS image is synced in MAAS.",
            "A deployment profile is available for onboarding.", TIMELINE,
            "If the image is missing, the profile is not created.", "active",
            label="Create profile"),
        _op("update-profile", "update", "Profile exists.",
            "New deployments use the updated image and layout.", TIMELINE,
            "Invalid layouts are rejected; running nodes are unaffected.",
            label="Update profile"),
        _op("delete-profile", "destructive", "No node or onboarding job uses the profile.",
            "The profile is deleted.", TIMELINE, "If the profile is in use, deletion is refused.",
            "deleted", typed=True, label="Delete profile"),
    )),
    "platform_config": Lifecycle("platform_config", "configs", "platform", (
        _op("setup", "setup", "The configuration has a validated draft.",
            "The draft becomes the applied revision.", TIMELINE,
            "If validation fails, the applied revision is unchanged.", "applied"),
        _op("update", "update", "Configuration is applied.",
            "A new revision is applied to every affected region.", TIMELINE,
            "Regions that reject the revision keep the previous one.", "applied"),
        _op("rollback", "recovery", "A previous revision exists.",
            "The previous revision is applied again.", TIMELINE,
            "If rollback fails, the current revision stays and an alert is raised.",
            "rolled back"),
    )),
    "storage_bucket": Lifecycle("storage_bucket", "buckets", "events", (
        _op("attach", "setup", "A running workload in the same project exists.",
            "The bucket is mounted into the workload over NFS/POSIX.",
            "Mount progress appears on the bucket's Events tab.",
            "If the mount fails, the workload keeps running without it.", "attached"),
        _op("issue-credential", "update", "You may manage the bucket's project.",
            "A scoped direct-access credential is issued.", TIMELINE,
            "If issuance fails, no credential is created.", label="Issue credential"),
        _op("lifecycle-policy", "update", "Bucket is available.",
            "Objects older than the retention period move to cold tier.", TIMELINE,
            "An invalid policy is rejected and the previous one stays.",
            label="Lifecycle policy"),
        _op("s3-credential", "update", "The provider advertises the S3 protocol.",
            "An S3 access key scoped to this bucket is issued.", TIMELINE,
            "If the S3 gateway is unavailable, no key is issued.", capability="s3",
            label="S3 credential"),
        _op("delete", "destructive", "Bucket is detached from every workload.",
            "The bucket and its data are deleted after the retention window.", TIMELINE,
            "If mounts remain, deletion is refused.", "deleting", typed=True),
    )),
    "app_artifact": Lifecycle("app_artifact", "artifacts", "access", (
        _op("publish", "setup", "Artifact upload finished and its digest is recorded.",
            "The artifact is visible to the project.", TIMELINE,
            "If the digest does not match, the artifact stays private.", "published"),
        _op("verify", "maintenance", "Artifact is published.",
            "Signature and vulnerability scan are recorded.", TIMELINE,
            "A failed scan marks the artifact unverified and lists findings.", "verified"),
        _op("promote", "update", "Artifact is verified.",
            "The artifact becomes the default for new launches.", TIMELINE,
            "If promotion fails, the previous default stays.", "promoted"),
        _op("deprecate", "update", "Artifact is promoted or verified.",
            "New launches warn that a newer artifact exists.", TIMELINE,
            "If deprecation fails, the artifact stays as it was.", "deprecated"),
        _op("revoke", "recovery", "The artifact is found unsafe.",
            "New launches are blocked; running workloads are flagged.", TIMELINE,
            "If revocation fails, launches are blocked at the gateway instead.", "revoked"),
        _op("retire", "destructive", "No workload runs the artifact.",
            "The artifact is removed from the registry.", TIMELINE,
            "If a workload still runs it, retirement is refused.", "retired", typed=True),
    )),
    "finance": Lifecycle("finance", "finance-accounts", "platform", (
        _op("credit", "update", "A support case references the account.",
            "A credit is posted to the ledger.", TIMELINE,
            "If posting fails, the ledger is unchanged and the case reopens."),
        _op("refund", "recovery", "A settled payment exists.",
            "A refund request is sent to the payment provider.", TIMELINE,
            "If the provider rejects it, the refund is marked failed for follow-up."),
        _op("ledger-evidence", "evidence", "None; export is read-only.",
            "A ledger extract for the last 90 days is stored as evidence.", TIMELINE,
            "If export fails, no partial extract is kept.", label="Ledger evidence"),
    )),
    "iam": Lifecycle("iam", "users", "platform", (
        _op("update-role", "update", "The user is active.",
            "The user's platform role changes on next sign-in.", TIMELINE,
            "If the change is rejected, the previous role stays.", label="Update role"),
        _op("update-membership", "update", "The target project exists.",
            "Project memberships are updated.", TIMELINE,
            "Memberships that fail are listed; the others are applied.",
            label="Update membership"),
        _op("suspend", "destructive", "The user is not the last platform admin.",
            "Sign-in is blocked and sessions are revoked.", TIMELINE,
            "If revocation fails, sign-in is still blocked.", "suspended", typed=True),
    )),
    "quota": Lifecycle("quota", "quotas", "access", (
        _op("update-policy", "update", "You administer the quota's project.",
            "The new limit applies to future allocations.", TIMELINE,
            "A limit below current usage is rejected.", label="Update policy"),
        _op("reset-usage", "maintenance", "The billing period closed.",
            "Usage counters restart at zero.", TIMELINE,
            "If reset fails, counters keep their values.", "within limit",
            label="Reset usage"),
    )),
    "maas_fabric": Lifecycle("maas_fabric", "maas-fabrics", "platform", (
        _op("assign", "setup", "The fabric is unassigned and its site is connected.",
            "The fabric is assigned to the site's node pool.", TIMELINE,
            "If VLAN ids overlap, assignment is refused.", "assigned"),
        _op("reassign", "update", "The fabric is assigned.",
            "The fabric moves to another node pool.", TIMELINE,
            "If the move fails, the previous assignment stays.", "assigned"),
        _op("unassign", "destructive", "No node uses the fabric.",
            "The fabric is detached from its pool.", TIMELINE,
            "If nodes still use it, unassignment is refused.", "unassigned", typed=True),
    )),
}

# Which lifecycle governs each API collection (workloads only for kind=app).
BY_COLLECTION: dict[str, Lifecycle] = {lc.collection: lc for lc in LIFECYCLES.values()}

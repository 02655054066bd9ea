"""Access family: memberships, service accounts, credentials, entitlements, quotas,
connectivity, identity and the audit log (which doubles as an evidence pivot)."""

from dataclasses import replace

from reference_target.context import Ctx
from reference_target.page_model import (
    EvidenceList,
    Facts,
    Notice,
    Page,
    Prose,
    Row,
    Table,
    Timeline,
)
from reference_target.routing import Registry
from reference_target.views.common import header, lifecycle, row
from reference_target.views.evidence import evidence_block

page = Registry("access")


def _facts_rows(ctx: Ctx, collection: str, *labels: str) -> tuple[Row, ...]:
    return tuple(Row((r.name, *(dict(r.facts)[label] for label in labels)))
                 for r in ctx.seed.items(collection))


@page("/access/memberships", "access.memberships")
def memberships(ctx: Ctx) -> Page:
    return Page("access", "Memberships", "memberships", [Table(
        "Project members", ("Member", "Email", "Project", "Role"),
        _facts_rows(ctx, "memberships", "Email", "Project", "Role"))])


@page("/access/service-accounts", "access.service_accounts")
def service_accounts(ctx: Ctx) -> Page:
    rows = tuple(row(sa, f"/access/service-accounts/{sa.id}", dict(sa.facts)["Project"],
                     dict(sa.facts)["Keys"], dict(sa.facts)["Last used"])
                 for sa in ctx.seed.items("service-accounts"))
    return Page("access", "Service accounts", "service-accounts", [Table(
        "Service accounts", ("Name", "Project", "Keys", "Last used"), rows)])


@page("/access/service-accounts/{sa_id}", "access.service_account.detail")
def service_account(ctx: Ctx) -> Page:
    sa = ctx.resource("service-accounts", "sa_id")
    if ctx.fault("detail-wrong-resource"):  # the page shows the next account's name
        accounts = ctx.seed.items("service-accounts")
        sa = replace(sa, name=accounts[(sa.index + 1) % len(accounts)].name)
    keys = tuple(Row((f"key-{sa.index + 1}-{i + 1}", "active", dict(sa.facts)["Created"]))
                 for i in range(int(dict(sa.facts)["Keys"])))
    return Page("access", sa.name, None, [
        Facts("Details", sa.facts), Table("Keys", ("Key", "State", "Created"), keys),
        Timeline("Activity", tuple(ctx.state.activity_for(sa))),
    ], header=header(ctx, "Service account", sa, "/access/service-accounts", "Service accounts"))


@page("/access/credentials", "access.credentials")
def credentials(ctx: Ctx) -> Page:
    return Page("access", "Credentials", "credentials", [Table(
        "Credentials", ("Name", "Type", "Owner", "Fingerprint", "Expires"),
        _facts_rows(ctx, "credentials", "Type", "Owner", "Fingerprint", "Expires"))],
        lead="SSH keys, API tokens and S3 keys. Secret material is never shown again.")


@page("/access/entitlements", "access.entitlements")
def entitlements(ctx: Ctx) -> Page:
    return Page("access", "Entitlements", "entitlements", [Table(
        "Entitlements", ("Entitlement", "Scope", "Granted to", "Granted"),
        _facts_rows(ctx, "entitlements", "Scope", "Granted to", "Granted"))])


@page("/access/quotas", "access.quotas")
def quotas(ctx: Ctx) -> Page:
    rows = tuple(row(q, f"/access/quotas/{q.id}", dict(q.facts)["Limit"], dict(q.facts)["Used"],
                     ctx.posture(q)) for q in ctx.seed.items("quotas"))
    if ctx.fault("row-first-elsewhere"):
        # a summary row first, linking another page: the first row is not a quota
        rows = (Row(("All entitlements", "—", "—", "—"), "/access/entitlements"), *rows)
    return Page("access", "Quotas", "quotas", [Table(
        "Quotas", ("Quota", "Limit", "Used", "Posture"), rows)])


@page("/access/quotas/{quota_id}", "access.quota.detail")
def quota(ctx: Ctx) -> Page:
    q = ctx.resource("quotas", "quota_id")
    ops, dialog = lifecycle(ctx, "quota", q)
    return Page("access", q.name, None, [
        Facts("Details", q.facts), ops, Timeline("Activity", tuple(ctx.state.activity_for(q))),
    ], header=header(ctx, "Quota", q, "/access/quotas", "Quotas"), dialog=dialog)


@page("/access/connectivity", "access.connectivity")
def connectivity(ctx: Ctx) -> Page:
    blocks = [
        Facts("Endpoints", (("SSH bastion", "bastion.eu-fra-1.gpucloud.example:22"),
                            ("WireGuard gateway", "vpn.gpucloud.example:51820"),
                            ("Allowed source ranges", "203.0.113.0/24, 198.51.100.0/24"))),
        Prose("How to connect", ("Add your SSH key under Credentials, then connect through the "
                                 "bastion with ssh -J bastion.eu-fra-1.gpucloud.example.",)),
    ]
    if ctx.fault("placeholder-text"):
        blocks.append(Notice("Private network peering: Coming soon"))
    return Page("access", "Connectivity", "connectivity", blocks)


@page("/access/identity", "access.identity")
def identity(ctx: Ctx) -> Page:
    return Page("access", "Identity", "identity", [
        Facts("Single sign-on", (("Provider", "Okta (OIDC)"), ("Domain", "northwind.example"),
                                 ("Group sync", "every 15 minutes"),
                                 ("Enforced MFA", "yes"))),
    ])


@page("/access/audit", "access.audit")
def audit(ctx: Ctx) -> Page:
    block: EvidenceList = evidence_block(ctx, "Audit events", "/access/audit")
    return Page("access", "Audit", "audit", [block],
                lead="Who changed what in your projects, newest first.")

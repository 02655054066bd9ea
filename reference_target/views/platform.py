"""Platform family workbenches: ops, lifecycle, config, evidence, finance and IAM."""

from dataclasses import replace

from reference_target.context import Ctx
from reference_target.page_model import (
    Block,
    Card,
    Cards,
    Facts,
    Page,
    Pre,
    Row,
    Table,
    Timeline,
)
from reference_target.routing import Registry
from reference_target.seed import Resource
from reference_target.views.common import header, lifecycle, row
from reference_target.views.evidence import evidence_block

page = Registry("platform")


@page("/platform/ops", "platform.ops")
def ops(ctx: Ctx) -> Page:
    nodes = ctx.seed.items("nodes")
    ready = sum(1 for n in nodes if ctx.posture(n) == "ready")
    return Page("platform", "Operations", "ops", [
        Cards("Fleet", (
            Card("Nodes ready", (f"{ready} of {len(nodes)}",), "/platform/nodes"),
            Card("MAAS sites", (f"{len(ctx.seed.items('maas-sites'))} connected",),
                 "/platform/maas/sites"),
            Card("Onboarding", ("1 job running",), "/platform/onboarding"),
            Card("Evidence", ("Audit-backed records",), "/platform/evidence"),
        )),
        Table("Open alerts", ("Alert", "Severity", "Since"), (
            Row(("gpu-node-07 ECC errors above threshold", "warning", "2026-05-17 07:12 UTC")),
            Row(("fra-1 MAAS region controller slow", "info", "2026-05-17 06:40 UTC")),
        )),
    ])


@page("/platform/lifecycle", "platform.lifecycle")
def lifecycle_overview(ctx: Ctx) -> Page:
    counts: dict[str, int] = {}
    for n in ctx.seed.items("nodes"):
        counts[ctx.posture(n)] = counts.get(ctx.posture(n), 0) + 1
    return Page("platform", "Lifecycle", "lifecycle", [
        Facts("Nodes by posture", tuple(sorted((k, str(v)) for k, v in counts.items()))),
        Timeline("Recent operations", tuple(reversed(ctx.state.events[-20:]))
                 or tuple(e for n in ctx.seed.items("nodes")[:2]
                          for e in ctx.state.activity_for(n))),
    ], lead="Setup, maintenance, recovery and decommission work across the fleet.")


@page("/platform/config", "platform.config")
def config(ctx: Ctx) -> Page:
    rows = tuple(row(c, f"/platform/config/{c.id}", dict(c.facts)["Type"],
                     dict(c.facts)["Revision"], ctx.posture(c)) for c in ctx.seed.items("configs"))
    return Page("platform", "Configuration", "config", [
        Table("Configuration", ("Name", "Type", "Revision", "State"), rows)])


@page("/platform/config/{config_id}", "platform.config.detail")
def config_detail(ctx: Ctx) -> Page:
    c = ctx.resource("configs", "config_id")
    ops, dialog = lifecycle(ctx, "platform_config", c)
    return Page("platform", c.name, None, [
        Facts("Details", c.facts), ops, Timeline("Activity", tuple(ctx.state.activity_for(c))),
    ], header=replace(header(ctx, "Configuration", c, "/platform/config", "Configuration"),
                      repeat_back=ctx.fault("back-link-duplicated")), dialog=dialog)


@page("/platform/evidence", "platform.evidence")
def evidence(ctx: Ctx) -> Page:
    return Page("platform", "Evidence", "evidence", [
        evidence_block(ctx, "Evidence records", "/platform/evidence")])


@page("/platform/finance", "platform.finance")
def finance(ctx: Ctx) -> Page:
    rows = tuple(row(f, f"/platform/finance/{f.id}", dict(f.facts)["Plan"],
                     dict(f.facts)["Balance"], ctx.posture(f))
                 for f in ctx.seed.items("finance-accounts"))
    return Page("platform", "Finance", "finance", [
        Table("Finance accounts", ("Account", "Plan", "Balance", "Standing"), rows)])


@page("/platform/finance/{account_id}", "platform.finance.detail")
def finance_detail(ctx: Ctx) -> Page:
    f = ctx.resource("finance-accounts", "account_id")
    ops, dialog = lifecycle(ctx, "finance", f)
    blocks = [Facts("Details", f.facts), ops]
    if not ctx.fault("timeline-missing"):
        blocks.append(Timeline("Activity", tuple(ctx.state.activity_for(f))))
    return Page("platform", f.name, None, blocks,
                header=header(ctx, "Finance account", f, "/platform/finance", "Finance"),
                dialog=dialog)


@page("/platform/iam", "platform.iam")
def iam(ctx: Ctx) -> Page:
    rows = tuple(row(u, f"/platform/iam/users/{u.id}", dict(u.facts)["Email"], u.meta["role"],
                     ctx.posture(u)) for u in ctx.seed.items("users"))
    return Page("platform", "IAM", "iam", [
        Table("Users", ("User", "Email", "Role", "State"), rows)])


@page("/platform/iam/users/{user_id}", "platform.iam.user")
def iam_user(ctx: Ctx) -> Page:
    u = ctx.resource("users", "user_id")
    ops, dialog = lifecycle(ctx, "iam", u)
    blocks: list[Block] = [Facts("Details", u.facts), ops,
                           Timeline("Activity", tuple(ctx.state.activity_for(u)))]
    if ctx.fault("detail-data-dump"):  # the V1 admin habit: every stored field, twice
        blocks[1:1] = _record_dump(u)
    return Page("platform", u.name, None, blocks,
                header=header(ctx, "User", u, "/platform/iam", "IAM"), dialog=dialog)


def _record_dump(r: Resource) -> list[Block]:
    record = [("id", r.id), ("name", r.name), ("collection", r.collection),
              ("posture", r.posture), *((k.lower(), v) for k, v in r.facts)]
    record += [(f"field_{i:02d}", f"value {i}") for i in range(len(record) + 1, 21)]
    return [Table("All fields", tuple(k for k, _ in record), (Row(tuple(v for _, v in record)),)),
            Pre("Raw record", "\n".join(f"{k}: {v}" for k, v in record), "Raw record")]

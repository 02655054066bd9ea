"""Account family: profile, security, the read-only V3 billing summary and sessions."""

from reference_target.context import Ctx
from reference_target.page_model import Facts, Page, Prose, Row, Table
from reference_target.routing import Registry

page = Registry("account")


@page("/account/profile", "account.profile")
def profile(ctx: Ctx) -> Page:
    handle = ctx.role.person.lower().replace(" ", ".")
    return Page("account", "Profile", "profile", [
        Facts("You", (("Name", ctx.role.person), ("Email", f"{handle}@northwind.example"),
                      ("Role", ctx.role.id.replace("_", " ")), ("Time zone", "Europe/Berlin"))),
    ])


@page("/account/security", "account.security")
def security(ctx: Ctx) -> Page:
    return Page("account", "Security", "security", [
        Facts("Sign-in", (("Multi-factor authentication", "Enabled (authenticator app)"),
                          ("Password", "Managed by your identity provider"))),
        Table("SSH keys", ("Key", "Fingerprint", "Added"), (
            Row(("laptop-ed25519", "SHA256:q3V…7Kc", "2026-02-03")),
            Row(("workstation-rsa", "SHA256:Zp1…x9A", "2025-11-18")),
        )),
    ])


@page("/account/billing", "account.billing")
def billing(ctx: Ctx) -> Page:
    return Page("account", "Billing summary", "billing", [
        Facts("This month", (("Spend so far", "$12,480.16"), ("Forecast", "$19,900.00"),
                             ("Plan", "Research"), ("Payment method", "Invoice (net 30)"))),
        Prose("About this summary", ("Figures update hourly from metered usage. Contact your "
                                     "finance administrator to change the plan.",)),
    ])


@page("/account/sessions", "account.sessions")
def sessions(ctx: Ctx) -> Page:
    rows = tuple(Row((s.name, dict(s.facts)["Address"], dict(s.facts)["Last seen"],
                      ctx.posture(s))) for s in ctx.seed.items("sessions"))
    return Page("account", "Sessions", "sessions", [
        Table("Active sessions", ("Device", "Address", "Last seen", "State"), rows)])

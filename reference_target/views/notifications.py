"""Notifications family: the inbox and delivery settings."""

from reference_target.context import Ctx
from reference_target.page_model import Field, Form, Page, Row, Table
from reference_target.routing import Registry

page = Registry("notifications")


@page("/notifications", "notifications.inbox")
def inbox(ctx: Ctx) -> Page:
    rows = tuple(Row((n.name, dict(n.facts)["Severity"], dict(n.facts)["Received"],
                      ctx.posture(n))) for n in ctx.seed.items("notifications"))
    return Page("notifications", "Notifications", "inbox", [
        Table("Inbox", ("Notification", "Severity", "Received", "State"), rows,
              row_testid="notification-row")])


@page("/notifications/settings", "notifications.settings")
def settings(ctx: Ctx) -> Page:
    return Page("notifications", "Notification settings", "settings", [Form("Deliver to", (
        Field("Email me about workload failures", "email_failures", "checkbox", value="on"),
        Field("Email me about quota warnings", "email_quota", "checkbox", value="on"),
        Field("Weekly usage digest", "digest", "checkbox"),
        Field("Webhook URL", "webhook", "url", value="https://hooks.northwind.example/gpu"),
    ), "Save preferences", "/api/notification-settings")])

"""Product-wide settings sections: selectors, V3 flag, placeholders, crawl, accessibility."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from contracts.base import Entity, Ident, NonEmpty

Impact = Literal["minor", "moderate", "serious", "critical"]


def testid(name: str) -> str:
    return f'[data-testid="{name}"]'


class Selectors(Entity):
    """CSS selectors of the product's stable data-testids; `{family}`/`{key}`/`{op}` are filled."""

    global_shell: str = testid("global-shell")
    global_nav: str = testid("global-nav")
    global_nav_item: str = testid("global-nav-item-{family}")
    local_nav: str = testid("local-nav")
    local_nav_item: str = testid("local-nav-item-{key}")
    resource_header: str = testid("resource-header")
    back_link: str = testid("resource-back-link")
    resource_name: str = testid("resource-name")
    resource_aliases: str = testid("resource-aliases")
    resource_posture: str = testid("resource-posture")
    resource_capabilities: str = testid("resource-capabilities")
    row: str = testid("resource-row")
    row_link: str = testid("resource-row-link")
    tab: str = testid("tab-{key}")
    op_card: str = testid("lifecycle-op-card")
    op_card_for: str = testid("lifecycle-op-card") + '[data-op="{op}"]'
    op_title: str = testid("op-title")
    op_trigger: str = testid("op-trigger")
    typed_confirm_dialog: str = testid("typed-confirm-dialog")
    typed_confirm_input: str = testid("typed-confirm-input")
    typed_confirm_submit: str = testid("typed-confirm-submit")
    typed_confirm_cancel: str = testid("typed-confirm-cancel")
    activity_timeline: str = testid("activity-timeline")
    activity_entry: str = testid("activity-entry")
    evidence_subject: str = testid("evidence-subject")
    page_title: str = testid("page-title")
    app_open: str = testid("app-open")
    v1_layout: str = testid("v1-layout")


class V3Flag(Entity):
    mechanism: Literal["cookie", "header", "query"]
    name: NonEmpty
    v3: NonEmpty
    v1: NonEmpty


class PlaceholderPattern(Entity):
    id: Ident
    regex: NonEmpty
    description: str = ""


class Placeholders(Entity):
    patterns: tuple[PlaceholderPattern, ...] = ()
    selectors: tuple[NonEmpty, ...] = ()


class CrawlSettings(Entity):
    max_pages: int = Field(default=500, ge=1)
    max_seconds: float = Field(default=60, gt=0)
    ignore: tuple[NonEmpty, ...] = ()


class AccessibilitySettings(Entity):
    tags: tuple[NonEmpty, ...] = ("wcag2a", "wcag2aa")
    fail_impacts: tuple[Impact, ...] = ("serious", "critical")
    baseline: NonEmpty = "a11y-baseline.yaml"

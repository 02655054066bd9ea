"""Perform one real operation on a disposable target and record what it left behind; the
`operation-recorded` check judges the record. Only mutating runs get here."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from contracts import Operation
from harness.checks.observations import OperationRun
from pages.family_page import FamilyPage


def perform(detail: FamilyPage, op: Operation) -> OperationRun:
    page = detail.page
    url = page.url
    try:
        before = _entries(detail)
        card = detail.card(op)
        field = detail.contract.lifecycle.evidence_field  # None: the cards have no pivot
        evidence = card.field(field) if field else None
        evidence_href = evidence.get_attribute("href", timeout=detail.timeout_ms) \
            if evidence is not None and evidence.count() else None
        evidence_before = _text_at(page, evidence_href, url) if evidence_href else ""
        with page.expect_response(lambda r: r.request.method not in ("GET", "HEAD"),
                                  timeout=detail.timeout_ms):
            card.start()
        page.reload(wait_until="load")
        after = _entries(detail)
        mentions = None
        if evidence_href:
            # the evidence page must now say more than it did: the operation's record
            evidence_after = _text_at(page, evidence_href, url)
            mentions = len(evidence_after.splitlines()) > len(evidence_before.splitlines())
        return OperationRun(op_key=op.key, url=url, entries_before=before, entries_after=after,
                            evidence_url=evidence_href, evidence_mentions_op=mentions)
    except PlaywrightError as exc:
        return OperationRun(op_key=op.key, url=url, entries_before=None, entries_after=None,
                            error=str(exc).splitlines()[0])


def _text_at(page: Page, href: str, back_to: str) -> str:
    page.goto(href, wait_until="load")
    text = page.locator("body").inner_text()
    page.goto(back_to, wait_until="load")
    return text


def _entries(detail: FamilyPage) -> int | None:
    timeline = detail.timeline
    if not timeline.root.count():
        return None
    return timeline.entries.count()

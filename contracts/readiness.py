"""When a page counts as rendered (`readiness`), and what the product shows over pages until a
user dismisses it (`setup`): both in settings.yaml.

A client-rendered page has its title long before its rows: the suite reads a page once the
elements its gates read are there, the page's same-origin fetch/XHR calls have settled and no
loading indicator is visible, or once network and DOM have been quiet for `quiet_ms` (then what
is missing is really missing)."""

from __future__ import annotations

from pydantic import Field, model_validator

from contracts.base import Entity, Ident, NonEmpty
from contracts.selectors import CssSelector, PlaywrightSelector

QUIET_MS = 250


class Readiness(Entity):
    # Loading indicators (spinners, skeletons): a page is not ready while one is visible.
    busy: CssSelector | None = None
    # Network (same-origin fetch/XHR) and DOM quiet this long after load: the page has settled.
    quiet_ms: int = Field(default=QUIET_MS, ge=0)
    # Regular expressions searched in request URLs: long polls and streams never waited for.
    ignore_requests: tuple[NonEmpty, ...] = ()


class SetupStep(Entity):
    """Something the product puts over every page until it is dismissed (a first-run dialog, a
    consent banner): while `when` is visible, click `dismiss` or press `press`."""

    id: Ident
    when: CssSelector  # read by the collector (plain CSS)
    # clicked with page.locator(): Playwright's syntax, `button:has-text("Skip")`, is fine
    dismiss: PlaywrightSelector | None = None
    press: NonEmpty | None = None  # a key, as Playwright names it: `Escape`
    reason: NonEmpty

    @model_validator(mode="after")
    def _one_action(self) -> SetupStep:
        if (self.dismiss is None) == (self.press is None):
            raise ValueError("exactly one of dismiss, press is required")
        return self

"""Errors during interaction: a page that throws when it is clicked is broken for everyone who
clicks it, even when every page loads cleanly. The flows record console errors and uncaught
exceptions raised while they click, type and confirm (`PageError`, labelled with the action that
preceded it); this check judges them, in the test whose action caused them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.capture.snapshot import PageError
from harness.checks.context import CheckContext, CheckSettings, Judged
from harness.checks.findings import Finding
from harness.checks.registry import check


def unallowed(settings: CheckSettings, errors: Sequence[PageError]) -> list[PageError]:
    """The errors no allow-list pattern accepts; the load-time gate's allow-list applies."""
    patterns = [re.compile(p) for p in settings.allowed_console]
    return [e for e in errors if not any(p.search(e.message) for p in patterns)]


@check("interaction-errors", gate="navigation", title="No script errors while interacting")
def interaction_errors(ctx: CheckContext[Judged, Sequence[PageError]]) -> list[Finding]:
    """A page that throws on a click, a journey step or a confirmation dialog is broken."""
    return [ctx.finding(f"no console or page error after {e.action}",
                        f"{e.message[:300]} (after {e.action})")
            for e in unallowed(ctx.settings, ctx.seen)]

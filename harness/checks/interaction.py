"""Errors during interaction: a page that throws when it is clicked is broken for everyone who
clicks it, even when every page loads cleanly. The flows record console errors and uncaught
exceptions raised while they click, type and confirm (`PageError`, labelled with the action that
preceded it); this check judges them, in the test whose action caused them."""

from __future__ import annotations

from collections.abc import Sequence

from harness.capture.snapshot import PageError
from harness.checks.context import CheckContext, Judged
from harness.checks.evidence import CheckEvidence
from harness.checks.findings import Finding
from harness.checks.quality import sort_console
from harness.checks.registry import check

Interacted = CheckContext[Judged, Sequence[PageError]]


def _accepted(ctx: Interacted) -> CheckEvidence:
    """The load-time gate's allow-list applies, and what it accepts is recorded the same way."""
    return sort_console(ctx.contract.console, (e.message for e in ctx.seen)).evidence()


@check("interaction-errors", gate="navigation", title="No script errors while interacting",
       evidence=_accepted)
def interaction_errors(ctx: Interacted) -> list[Finding]:
    """A page that throws on a click, a journey step or a confirmation dialog is broken."""
    console = ctx.contract.console
    return [ctx.finding(f"no console or page error after {e.action}",
                        f"{e.message[:300]} (after {e.action})")
            for e in ctx.seen if console.accepting(e.message) is None]

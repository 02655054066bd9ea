"""Lint of the readiness section: the request patterns it ignores compile (its selectors, and
the routes' and families' `ready`, are compiled with every other selector)."""

from __future__ import annotations

import re

from contracts.draft import Draft
from contracts.readiness import Readiness


def lint_readiness(draft: Draft) -> None:
    section = draft.models.get("readiness")
    if not isinstance(section, Readiness):
        return
    for i, pattern in enumerate(section.ignore_requests):
        try:
            re.compile(pattern)
        except re.error as exc:
            draft.add(("readiness", "ignore_requests", i), f"invalid regular expression: {exc}")

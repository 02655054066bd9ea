"""Lint of the known defects (contracts.known_defects): each names a subject the contract has (a
route, legacy route, family, role, journey, lifecycle resource, or a pair `family.key` /
`resource.operation`) and is listed once."""

from __future__ import annotations

from contracts.draft import Draft
from contracts.issues import did_you_mean
from contracts.known_defects import KnownDefect
from contracts.sources import Loc


def lint_known_defects(draft: Draft) -> None:
    items: list[tuple[int, KnownDefect]] = draft.valid("known_defects")
    if not items:
        return
    subjects = _subjects(draft)
    seen: dict[tuple[str, str | None], int] = {}
    for i, defect in items:
        loc: Loc = ("known_defects", i)
        if defect.subject is not None and subjects is not None and defect.subject not in subjects:
            draft.add((*loc, "subject"), f"unknown subject '{defect.subject}': not an id "
                                         f"or pair a test of the suite runs on"
                                         f"{did_you_mean(defect.subject, subjects)}")
        if defect.key in seen:
            draft.add(loc, f"check '{defect.check}' on '{defect.subject}' is already listed "
                           f"(at {draft.locator.ref(('known_defects', seen[defect.key]))})")
        seen.setdefault(defect.key, i)


def _subjects(draft: Draft) -> set[str] | None:
    """Every id a test can run on; None when a section did not validate (then a miss is a
    guess, and the real problem is reported where it is)."""
    sections = ("routes", "legacy", "families", "roles", "journeys", "lifecycle_resources")
    if any(len(draft.valid(s)) != len(draft.raw_items(s) or []) for s in sections):
        return None
    ids = {model.id for s in sections for _, model in draft.valid(s)}
    for _, family in draft.valid("families"):
        if family.local_nav is not None:
            ids |= {f"{family.id}.{item.key}" for item in family.local_nav.items}
    for _, resource in draft.valid("lifecycle_resources"):
        ids |= {f"{resource.id}.{op.key}" for op in resource.operations}
    return ids

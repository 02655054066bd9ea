"""Known defects: failures of the product under test that a team has seen, judged real and
accepted until fixed (`known-defects.yaml`, section `known_defects`).

An entry names one test by the check it runs and the contract entry it runs on (the subject its
results row shows: a route, legacy route, family or local-nav item id; none for a test that runs
once per run, such as the route inventory), and says in one line why the failure is the
product's. The test still runs: it must fail as recorded (an expected failure that the report
keeps as a failure, so readiness still counts it), and one that passes fails the run, so a
fixed defect cannot stay listed (unless the entry says `strict: false`: a defect that shows
only under a condition its reason names)."""

from __future__ import annotations

from contracts.base import Entity, Ident, NonEmpty


class KnownDefect(Entity):
    check: Ident  # a check's name, as results rows and findings show it (`[route-live]`)
    subject: Ident | None = None
    reason: NonEmpty
    # False: the defect shows only under a condition the reason names (a browser cache state,
    # a run order), so a pass is reported, not held against the entry.
    strict: bool = True

    @property
    def key(self) -> tuple[str, str | None]:
        return self.check, self.subject

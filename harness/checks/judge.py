"""`Judge`: the check a test names in its `check` mark, bound to the run's contract and settings.
Judging an observation gives a `Judgement`, the check's findings and its evidence together; the
judge hands each judgement to the test's recorder (the results row is written from it) and only
then fails the test on its errors. No pytest here: the plugin supplies the recorder."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from contracts import Contract
from harness.capture.snapshot import PageError, RouteSnapshot
from harness.checks.context import CheckContext, CheckSettings, Judged
from harness.checks.evidence import CheckEvidence
from harness.checks.findings import Finding, FindingsError, errors
from harness.checks.interaction import interaction_errors
from harness.checks.registry import PAGE, Check


@dataclass(frozen=True)
class Judgement:
    """What one test's check found (errors and warnings) and the evidence it recorded."""

    findings: tuple[Finding, ...] = ()
    evidence: CheckEvidence = field(default_factory=lambda: CheckEvidence())

    @property
    def errors(self) -> list[Finding]:
        return errors(self.findings)

    def __add__(self, later: Judgement) -> Judgement:
        """A test that judges several observations: all their findings; where two record the
        same kind of evidence, the later's."""
        evidence = self.evidence.copy()
        evidence.update(later.evidence)
        return Judgement((*self.findings, *later.findings), evidence)


Recorder = Callable[[Judgement], None]


def _unrecorded(judgement: Judgement) -> None:
    """A judge outside a test run (a unit test of its own) keeps nothing."""


# How findings name readiness' elements (collector.readiness_spec's names).
ELEMENTS = {
    "shell": "the global shell", "page_title": "the page title", "global_nav": "the global nav",
    "local_nav": "the local nav", "back_link": "the back link", "rows": "the list's rows",
    "op_cards": "the operation cards", "ready": "the route's ready element",
    "ready (family)": "the family's ready element",
    "busy": "the content behind the loading indicator",
}
# Not one element but the page itself not being ready: every check that reads the page fails.
_WHOLE_PAGE = frozenset({"ready", "ready (family)", "busy"})


def _snapshot(seen: object) -> RouteSnapshot | None:
    """The route snapshot a check judges: `seen` itself, or the one its observation holds."""
    if isinstance(seen, RouteSnapshot):
        return seen
    held = getattr(seen, "snapshot", None)
    return held if isinstance(held, RouteSnapshot) else None


def not_rendered(check: Check[Any, Any], ctx: CheckContext[Judged, object]) -> list[Finding]:
    """Findings instead of the check's own when its snapshot was read before what it judges
    had rendered (or with a setup dialog still over it): judging it would pass an empty page
    or fail it for a row that was only late. Empty: judge as usual."""
    snap = _snapshot(ctx.seen)
    if snap is None or not check.reads or not (snap.unrendered or snap.setup_failed):
        return []
    within = f"{snap.ready_timeout_ms:.0f} ms" if snap.ready_timeout_ms else "the route timeout"
    url = snap.reported_url
    out = [ctx.finding(f"{ELEMENTS.get(name, name)} ({selector}) rendered on {ctx.entry.id}",
                       f"{ELEMENTS.get(name, name)} not rendered within {within}", url=url)
           for name, selector in snap.unrendered.items()
           if PAGE in check.reads or name in check.reads or name in _WHOLE_PAGE]
    out += [ctx.finding(f"setup step {step} to clear the page on {ctx.entry.id}", why, url=url)
            for step, why in snap.setup_failed.items()]
    return [dataclasses.replace(f, check=check.name) for f in out]


@runtime_checkable
class Interactive(Protocol):
    """An observation of an interaction (a click, a journey, a trial), with the script errors the
    page raised meanwhile."""

    @property
    def page_errors(self) -> Sequence[PageError]: ...


@dataclass(frozen=True)
class Judge:
    """`judge(entry, seen)` records the judgement and fails the test with every error finding
    at once."""

    # Heterogeneous, as the registry is: the test's mark picks the check at run time.
    check: Check[Any, Any]
    contract: Contract
    settings: CheckSettings
    record: Recorder = field(default=_unrecorded, repr=False, compare=False)

    def _context(self, entry: Judged, seen: object) -> CheckContext[Judged, object]:
        return CheckContext(entry, seen, self.contract, self.settings)

    def findings(self, entry: Judged, seen: object) -> list[Finding]:
        """Judge and record without failing: for a test that judges several observations.
        Errors a page raised during the observed interaction fail the same test
        (interaction-errors)."""
        ctx = self._context(entry, seen)
        found = not_rendered(self.check, ctx) or self.check(ctx)
        evidence = CheckEvidence()
        if isinstance(seen, Interactive) and seen.page_errors:
            during = CheckContext(entry, seen.page_errors, self.contract, self.settings)
            found += interaction_errors(during)
            evidence.update(interaction_errors.evidence_of(during))
        evidence.update(self.check.evidence_of(ctx))
        self.record(Judgement(tuple(found), evidence))
        return found

    def evidence(self, entry: Judged, seen: object) -> None:
        """Record the check's evidence without judging: for a test that measured something and
        then skips (a page with no density budget still has its density shown)."""
        self.record(Judgement(evidence=self.check.evidence_of(self._context(entry, seen))))

    def require(self, findings: list[Finding]) -> list[Finding]:
        bad = errors(findings)
        if bad:
            raise FindingsError(bad, self.check.why)
        return findings

    def __call__(self, entry: Judged, seen: object) -> list[Finding]:
        return self.require(self.findings(entry, seen))

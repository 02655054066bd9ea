"""One registry of named checks. A check is a small pure function of one signature,
`check(ctx: CheckContext[Entry, Seen]) -> findings`; it never drives the browser, so every check
is testable on hand-built observations. The registry stamps the check's name on its findings.

What else a check is to the rest of the suite is declared here too, with it, so that nothing
else names checks: the evidence it records beside its findings, the Done Criterion its results
decide, and whether the run reports what its tests cost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, overload

from contracts import Contract
from contracts.models import CRITERION_JUDGES, CriterionJudge
from harness.checks.context import (
    CheckContext,
    CheckFunction,
    CheckSettings,
    EntryT,
    EvidenceFunction,
    Judged,
    SeenT,
)
from harness.checks.evidence import CheckEvidence
from harness.checks.findings import Finding
from harness.checks.gates import GATE_IDS


@dataclass(frozen=True)
class Check(Generic[EntryT, SeenT]):
    name: str
    gate: str
    title: str
    why: str  # the first line of the function's docstring: why the check exists
    func: CheckFunction[EntryT, SeenT]
    evidence: EvidenceFunction[EntryT, SeenT] | None = None
    # The Done Criterion (contracts.models.CriterionJudge) whose judge reads this check's results.
    criterion: CriterionJudge | None = None
    # The run summary's `new gates (cost)` line measures this check's tests: the guards added to
    # the default run on the promise that they read the route snapshots and navigate no more.
    report_cost: bool = False
    # The page elements the check judges (readiness names: shell, page_title, global_nav,
    # local_nav, back_link, rows, op_cards; PAGE: the whole page's content). A snapshot taken
    # before one of them rendered fails the check instead of passing it (harness.checks.judge).
    reads: frozenset[str] = frozenset()

    def __call__(self, ctx: CheckContext[EntryT, SeenT]) -> list[Finding]:
        return [replace(f, check=self.name) for f in self.func(ctx)]

    def evidence_of(self, ctx: CheckContext[EntryT, SeenT]) -> CheckEvidence:
        return self.evidence(ctx) if self.evidence is not None else {}


# Heterogeneous by design: each entry is precisely typed where it is defined. Filled when the
# check modules are imported, which harness/checks/__init__.py (the catalog) does.
REGISTRY: dict[str, Check[Any, Any]] = {}

PAGE = "page"  # `reads`: everything the page shows (placeholder, leak, density, links, a11y)


class _Register(Protocol):
    def __call__(self, func: CheckFunction[EntryT, SeenT], /) -> Check[EntryT, SeenT]: ...


@overload
def check(name: str, *, gate: str, title: str, evidence: None = None,
          criterion: CriterionJudge | None = None, report_cost: bool = False,
          reads: tuple[str, ...] = ()) -> _Register: ...


@overload
def check(name: str, *, gate: str, title: str, evidence: EvidenceFunction[EntryT, SeenT],
          criterion: CriterionJudge | None = None, report_cost: bool = False,
          reads: tuple[str, ...] = (),
          ) -> Callable[[CheckFunction[EntryT, SeenT]], Check[EntryT, SeenT]]: ...


def check(name: str, *, gate: str, title: str,
          evidence: EvidenceFunction[Any, Any] | None = None,
          criterion: CriterionJudge | None = None, report_cost: bool = False,
          reads: tuple[str, ...] = (),
          ) -> Callable[[CheckFunction[Any, Any]], Check[Any, Any]]:
    """Register the decorated function under `name`, feeding readiness gate `gate`; `evidence`
    reads what the check records beside its findings from the same context."""
    if gate not in GATE_IDS:
        raise ValueError(f"check {name!r}: unknown gate {gate!r}")
    if criterion is not None and criterion not in CRITERION_JUDGES:
        raise ValueError(f"check {name!r}: unknown criterion {criterion!r}")

    def register(func: CheckFunction[Any, Any]) -> Check[Any, Any]:
        if name in REGISTRY:
            raise ValueError(f"check {name!r} registered twice")
        doc = (func.__doc__ or "").strip()
        registered = Check(name=name, gate=gate, title=title,
                           why=doc.splitlines()[0] if doc else "", func=func, evidence=evidence,
                           criterion=criterion, report_cost=report_cost,
                           reads=frozenset(reads))
        REGISTRY[name] = registered
        return registered

    return register


def get(name: str) -> Check[Any, Any]:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no check named {name!r}; known: {', '.join(sorted(REGISTRY))}") from None


def deciding(criterion: CriterionJudge) -> frozenset[str]:
    """The names of the checks whose results the Done Criterion `criterion` is judged on."""
    return frozenset(c.name for c in REGISTRY.values() if c.criterion == criterion)


def cost_reported() -> tuple[str, ...]:
    """The checks whose cost the run summary reports, in registration order."""
    return tuple(c.name for c in REGISTRY.values() if c.report_cost)


def run(name: str, entry: Judged, seen: object, contract: Contract,
        settings: CheckSettings | None = None) -> list[Finding]:
    """Run a check by name on one entry and what was seen for it."""
    return get(name)(CheckContext(entry, seen, contract, settings or CheckSettings()))

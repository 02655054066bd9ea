"""What readiness says, as data: per legacy V1 route and gate a status with its evidence, the
route's verdict, the Done Criteria, and the whole report (harness.reports.readiness.model
computes it; the renderers and the history read it); and the index of result rows it is
computed from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NotRequired, TypedDict

from harness.checks.evidence import ParityComparison
from harness.reports.readiness.history import RunPoint, SinceLast
from harness.reports.readiness.slices import SliceReadiness
from harness.reports.results import ResultRow

GateStatus = Literal["pass", "fail", "not run", "n/a"]
Verdict = Literal["ready", "blocked", "not run", "kept on V1"]

LEGACY_KINDS = {"legacy_redirect", "legacy_passthrough", "legacy_retired"}


@dataclass(frozen=True)
class Evidence:
    test: str  # node id
    outcome: str
    messages: tuple[str, ...] = ()
    artifacts: tuple[str, ...] = ()
    findings: tuple[dict[str, str | None], ...] = ()  # Finding.to_dict() of each failure


class ParityFacts(TypedDict):
    """An executable parity row on the parity gate: its status, the gate's result for it, and
    what the v1compat run compared (absent when it did not run)."""

    row: str
    status: str
    result: GateStatus
    compared: NotRequired[list[str]]
    missing: NotRequired[list[str]]
    differing: NotRequired[list[str]]
    unreadable: NotRequired[list[str]]
    error: NotRequired[str | None]


@dataclass(frozen=True)
class GateResult:
    gate: str
    status: GateStatus
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    facts: tuple[ParityFacts, ...] = ()  # parity gate: per executable parity row


@dataclass(frozen=True)
class RouteReadiness:
    legacy_id: str
    path: str
    mapping: str  # "redirect -> workloads.detail", "passthrough: TASK", "retired"
    target: str | None
    family: str | None
    gates: tuple[GateResult, ...]
    verdict: Verdict
    task: str | None = None
    density: dict[str, int] | None = None  # the V3 target's measurements (density gate)

    def gate(self, name: str) -> GateResult:
        return next(g for g in self.gates if g.gate == name)


@dataclass(frozen=True)
class Criterion:
    text: str
    status: GateStatus
    evidence: str


@dataclass(frozen=True)
class Readiness:
    routes: tuple[RouteReadiness, ...]
    families: dict[str, dict[str, int]]
    criteria: tuple[Criterion, ...]
    # INCOMPLETE: the run stopped because the target became unreachable (results meta
    # "outage"); nothing about the routes can be concluded from it.
    verdict: Literal["READY", "NOT READY", "INCOMPLETE"]
    counts: dict[str, int] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    trend: tuple[RunPoint, ...] = ()  # earlier runs, oldest first, then this one
    since_last: SinceLast | None = None  # what changed since the previous recorded run
    # The densest pages of the run (every measured canonical route, not only V1 targets),
    # densest first: {"route": id, "table_columns": n, "kv_rows": n, ...}.
    densest: tuple[dict[str, str | int], ...] = ()
    # the contract's cutover plan, slice by slice (harness.reports.readiness.slices)
    slices: tuple[SliceReadiness, ...] = ()
    # Per console.allow entry, the console errors it accepted over the run: {"allow": ...,
    # "reason": ..., "count": n, "pages": n, "example": ...}; count 0 is a stale entry.
    console_accepted: tuple[dict[str, str | int], ...] = ()

    @property
    def exit_code(self) -> int:
        return 0 if self.verdict == "READY" else 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def aggregate(rows: Sequence[ResultRow]) -> tuple[GateStatus, tuple[Evidence, ...]]:
    evidence = tuple(Evidence(r.nodeid, r.outcome, tuple(r.messages), tuple(r.artifacts),
                              tuple(r.findings)) for r in rows)
    outcomes = {r.outcome for r in rows}
    if outcomes & {"failed", "error"}:
        return "fail", evidence
    if "passed" in outcomes and outcomes <= {"passed", "skipped"}:
        # a skip beside passes (e.g. an evidence pivot with nothing to follow) is not a gap
        # only when something did run and pass for this gate
        return "pass", evidence
    return "not run", evidence


class ResultIndex:
    def __init__(self, results: Sequence[ResultRow]) -> None:
        self.results = tuple(results)
        self.by_subject: dict[tuple[str, str], list[ResultRow]] = {}
        self.by_gate: dict[str, list[ResultRow]] = {}
        for r in self.results:
            if r.gate:
                self.by_gate.setdefault(r.gate, []).append(r)
                if r.subject:
                    self.by_subject.setdefault((r.subject, r.gate), []).append(r)

    def rows(self, subject: str, gate: str, kinds: set[str] | None = None) -> list[ResultRow]:
        rows = self.by_subject.get((subject, gate), [])
        return [r for r in rows if kinds is None or r.subject_kind in kinds]

    def of_gate(self, gate: str) -> list[ResultRow]:
        """Every result feeding `gate`, whatever its subject."""
        return self.by_gate.get(gate, [])

    def of_checks(self, names: frozenset[str]) -> list[ResultRow]:
        return [r for r in self.results if r.check in names]

    def density(self, subject: str) -> dict[str, int] | None:
        """The measurements the density test recorded for a route (budget or not)."""
        for r in self.by_subject.get((subject, "density"), []):
            if "density" in r.evidence:
                return dict(r.evidence["density"])
        return None

    def parity(self, row_id: str) -> ParityComparison | None:
        """The comparison the v1-parity test recorded for an executable parity row."""
        for r in self.by_subject.get((row_id, "parity"), []):
            if "parity" in r.evidence:
                return r.evidence["parity"]
        return None

    def console_accepted(self, allow: Sequence[tuple[str, str]]
                         ) -> tuple[dict[str, str | int], ...]:
        """Per allow entry (as reports name it, with its reason), what it accepted over every
        test that judged console errors; none when no such test ran (nothing says it is
        stale)."""
        if not any(r.check == "console-errors" and r.outcome in ("passed", "failed")
                   for r in self.results):
            return ()
        totals: dict[str, list[int]] = {}
        examples: dict[str, str] = {}
        for r in self.results:
            for accepted in r.evidence.get("console_accepted", ()):
                seen = totals.setdefault(accepted["allow"], [0, 0])
                seen[0] += accepted["count"]
                seen[1] += 1
                examples.setdefault(accepted["allow"], accepted["example"])
        return tuple({"allow": shown, "reason": reason,
                      "count": totals.get(shown, [0, 0])[0],
                      "pages": totals.get(shown, [0, 0])[1], "example": examples.get(shown, "")}
                     for shown, reason in allow)

    def densest(self, limit: int = 10) -> tuple[dict[str, str | int], ...]:
        """Ranked by words per screen, then table width: what reads most like a dump."""
        measured = sorted(((subject, m) for subject, gate in self.by_subject
                           if gate == "density" and (m := self.density(subject))),
                          key=lambda p: (-p[1].get("words_per_screen", 0),
                                         -p[1].get("table_columns", 0), p[0]))
        return tuple({"route": subject, **m} for subject, m in measured[:limit])

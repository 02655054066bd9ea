"""Readiness, computed only from test results and the contract: per legacy V1 route and gate,
pass / fail / not run (a gate whose tests did not run is never a pass) / n/a (a gate the contract
does not use for that route), a per-family roll-up, the contract's Done Criteria
(contracts/v3/criteria.yaml for V3), and an overall verdict. The trend over earlier runs is
attached by harness.reports.readiness.history."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from contracts import Contract, LegacyRoute, Route
from contracts.settings import describe_density
from harness.checks.gates import (
    DENSITY_PROPERTY,
    INBOUND_V1_PROPERTY,
    PARITY_PROPERTY,
    ROUTE_GATES,
    not_applicable,
)
from harness.reports.readiness.history import RunPoint, SinceLast

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


@dataclass(frozen=True)
class GateResult:
    gate: str
    status: GateStatus
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    # parity gate: per executable parity row, what the v1compat run compared ({"row", "status",
    # "result", "compared", "missing", "differing", "unreadable", "error"})
    facts: tuple[dict[str, Any], ...] = ()


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
    densest: tuple[dict[str, Any], ...] = ()

    @property
    def exit_code(self) -> int:
        return 0 if self.verdict == "READY" else 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _aggregate(rows: list[dict[str, Any]]) -> tuple[GateStatus, tuple[Evidence, ...]]:
    evidence = tuple(Evidence(r["nodeid"], r["outcome"], tuple(r.get("messages", ())),
                              tuple(r.get("artifacts", ())), tuple(r.get("findings", ())))
                     for r in rows)
    outcomes = {r["outcome"] for r in rows}
    if outcomes & {"failed", "error"}:
        return "fail", evidence
    if "passed" in outcomes and outcomes <= {"passed", "skipped"}:
        # a skip beside passes (e.g. an evidence pivot with nothing to follow) is not a gap
        # only when something did run and pass for this gate
        return "pass", evidence
    return "not run", evidence


class _Index:
    def __init__(self, results: list[dict[str, Any]]) -> None:
        self.by_subject: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.results = results
        for r in results:
            if r.get("subject") and r.get("gate"):
                self.by_subject.setdefault((r["subject"], r["gate"]), []).append(r)

    def rows(self, subject: str, gate: str, kinds: set[str] | None = None) -> list[dict[str, Any]]:
        rows = self.by_subject.get((subject, gate), [])
        return [r for r in rows if kinds is None or r.get("subject_kind") in kinds]

    def density(self, subject: str) -> dict[str, int] | None:
        """The measurements the density test recorded for a route (budget or not)."""
        for r in self.by_subject.get((subject, "density"), []):
            raw = r.get("properties", {}).get(DENSITY_PROPERTY)
            if raw:
                found = json.loads(raw)
                return {str(k): int(v) for k, v in found.items()}
        return None

    def parity(self, row_id: str) -> dict[str, Any] | None:
        """The comparison the v1-parity test recorded for an executable parity row."""
        for r in self.by_subject.get((row_id, "parity"), []):
            raw = r.get("properties", {}).get(PARITY_PROPERTY)
            if raw:
                found = json.loads(raw)
                return found if isinstance(found, dict) else None
        return None

    def densest(self, limit: int = 10) -> tuple[dict[str, Any], ...]:
        """Ranked by words per screen, then table width: what reads most like a dump."""
        measured = sorted(((subject, m) for subject, gate in self.by_subject
                           if gate == "density" and (m := self.density(subject))),
                          key=lambda p: (-p[1].get("words_per_screen", 0),
                                         -p[1].get("table_columns", 0), p[0]))
        return tuple({"route": subject, **m} for subject, m in measured[:limit])


def compute(contract: Contract, results: list[dict[str, Any]], meta: dict[str, Any] | None = None,
            ) -> Readiness:
    index = _Index(results)
    routes = tuple(_route_readiness(contract, index, legacy) for legacy in contract.legacy)
    families: dict[str, Counter[str]] = {}
    for r in routes:
        families.setdefault(r.family or "(no V3 target)", Counter())[r.verdict] += 1
    criteria = _criteria(contract, index, routes, meta or {})
    ok_routes = all(r.verdict in ("ready", "kept on V1") for r in routes)
    ok_criteria = all(c.status in ("pass", "n/a") for c in criteria)
    counts = Counter(r.verdict for r in routes)
    return Readiness(
        routes=routes, families={k: dict(v) for k, v in sorted(families.items())},
        criteria=criteria,
        verdict=("INCOMPLETE" if (meta or {}).get("outage") else
                 "READY" if ok_routes and ok_criteria else "NOT READY"),
        counts={str(k): v for k, v in counts.items()}, meta=meta or {},
        densest=index.densest())


def _route_readiness(contract: Contract, index: _Index, legacy: LegacyRoute) -> RouteReadiness:
    target = None
    task = None
    if legacy.redirect is not None:
        target, mapping = legacy.redirect.to, f"redirect -> {legacy.redirect.to}"
    elif legacy.passthrough is not None:
        task = legacy.passthrough.task
        target, mapping = legacy.passthrough.replaced_by, f"passthrough: {task}"
    else:
        mapping = "retired"
    status, ev = _aggregate(index.rows(legacy.id, "mapped", LEGACY_KINDS))
    gates = [GateResult("mapped", status, ev)]
    route = contract.route(target) if target else None
    for gate in ROUTE_GATES[1:]:
        gates.append(_target_gate(contract, index, legacy, route, gate.id))
    family = route.family if route else None
    verdict: Verdict
    statuses = {g.status for g in gates}
    if "fail" in statuses:
        verdict = "blocked"
    elif legacy.passthrough is not None:
        verdict = "kept on V1"
    elif "not run" in statuses:
        verdict = "not run"
    else:
        verdict = "ready"
    return RouteReadiness(legacy.id, legacy.path, mapping, target, family, tuple(gates),
                          verdict, task, index.density(route.id) if route else None)


def _target_gate(contract: Contract, index: _Index, legacy: LegacyRoute, route: Route | None,
                 gate: str) -> GateResult:
    if gate == "parity":
        return _parity_gate(contract, index, legacy, route)
    if gate == "v1-links":
        return _inbound_gate(index, legacy)
    if route is None:
        return GateResult(gate, "n/a", note="no V3 target route")
    reason = not_applicable(gate, contract, route)
    if gate == "density":
        measured = index.density(route.id)
        shown = describe_density(measured) if measured else "not measured"
        if reason is not None:
            return GateResult(gate, "n/a", note=f"{reason} ({shown})")
        status, ev = _aggregate(index.rows(route.id, gate))
        return GateResult(gate, status, ev, note=shown)
    if reason is not None:
        return GateResult(gate, "n/a", note=reason)
    if gate == "degraded":
        degraded = contract.degraded.route(route.id)
        assert degraded is not None  # not_applicable says so otherwise
        # one test per variant, each its own subject: `workloads.detail-500`
        rows = [row for v in degraded.variants for row in index.rows(f"{route.id}-{v}", gate)]
    elif gate == "lifecycle":
        rows = [row for r in contract.lifecycle.resources if r.route == route.id
                for row in index.rows(r.id, gate)]
    else:
        rows = index.rows(route.id, gate)
    status, ev = _aggregate(rows)
    return GateResult(gate, status, ev)


def _parity_gate(contract: Contract, index: _Index, legacy: LegacyRoute,
                 route: Route | None) -> GateResult:
    """Closed parity rows, on evidence where the row declares facts: covered (the v1compat run
    compared them and V3 misses none), deferred or replaced (the named task owns the gap), or
    blocked (the missing facts listed). An executable row without v1compat results is not run.
    A row without facts is the team's declaration and passes as "declared"."""
    rows = [p for p in contract.parity if legacy.id in p.legacy
            or (route is not None and (p.route == route.id or p.family == route.family))]
    if not contract.parity:  # a product that tracks no V1 workflow parity
        return GateResult("parity", "n/a", note="the contract has no parity rows")
    if not rows:
        return GateResult("parity", "not run", note="no parity row covers this route")
    open_rows = [p.id for p in rows if p.status == "open"]
    if open_rows:
        return GateResult("parity", "fail", note=f"open: {', '.join(open_rows)}")
    notes: list[str] = []
    statuses: list[GateStatus] = []
    evidence: list[Evidence] = []
    facts: list[dict[str, Any]] = []
    for p in rows:
        if p.compare is None:
            notes.append(f"{p.id} ({p.status}, declared)")
            continue
        results = index.rows(p.id, "parity", {"parity_row"})
        status, ev = _aggregate(results)
        compared = index.parity(p.id)
        facts.append({"row": p.id, "status": p.status, "result": status, **(compared or {})})
        evidence += ev
        if p.status in ("deferred", "replaced"):
            # the named task owns any gap; the comparison, when run, shows its size
            notes.append(f"{p.id} ({p.status}: {p.task}"
                         + (f"; {_describe_parity(status, compared)}" if compared else "") + ")")
            continue
        statuses.append(status)
        notes.append(f"{p.id} ({p.status}, {_describe_parity(status, compared)})")
    gate_status: GateStatus = ("fail" if "fail" in statuses else
                               "not run" if "not run" in statuses else "pass")
    return GateResult("parity", gate_status, tuple(evidence), note="; ".join(notes),
                      facts=tuple(facts))


def _describe_parity(status: GateStatus, compared: dict[str, Any] | None) -> str:
    if compared is None:
        return ("compared, but the comparison was not recorded" if status in ("pass", "fail")
                else "not run: its facts are compared only by the v1compat run (-m v1compat)")
    if compared.get("error"):
        return f"not compared: {compared['error']}"
    text = f"{len(compared.get('compared', []))} facts compared"
    gaps = [(k, compared.get(k) or []) for k in ("missing", "differing", "unreadable")]
    gaps = [(k, v) for k, v in gaps if v]
    if not gaps:
        return text + ", none missing"
    return text + "; " + "; ".join(f"{k}: {', '.join(v)}" for k, v in gaps)


def _inbound_gate(index: _Index, legacy: LegacyRoute) -> GateResult:
    """A V1 route that a V3 page still links cannot be retired, whatever its other gates say:
    the V3 pages that link it are its inbound V1 links."""
    rows = [r for r in index.results if r.get("check") == "v1-links"
            and r["outcome"] in ("passed", "failed")]
    if not rows:
        return GateResult("v1-links", "not run", note="the V1-dependency guard did not run")
    linking = [r for r in rows
               if legacy.id in str(r.get("properties", {}).get(INBOUND_V1_PROPERTY, "")).split()]
    pages = ", ".join(sorted({str(r["subject"]) for r in linking}))
    ev = tuple(Evidence(r["nodeid"], r["outcome"], tuple(r.get("messages", ())),
                        tuple(r.get("artifacts", ()))) for r in linking)
    if legacy.passthrough is not None:
        # Still the product's way to do its task until the named V3 task lands.
        return GateResult("v1-links", "n/a", ev,
                          note=f"kept on V1; inbound V1 links: {pages}" if pages else "kept on V1")
    if linking:
        return GateResult("v1-links", "fail", ev, note=f"inbound V1 links: {pages}")
    return GateResult("v1-links", "pass", note=f"no inbound V1 links from {len(rows)} V3 pages")


def _suite_status(index: _Index, suite: str, declared: bool = True) -> tuple[GateStatus, str]:
    """A suite's outcome as "passed of run"; skipped tests are named by reason, never counted
    as run. A suite the contract gives nothing to test (`declared` False) is n/a."""
    rows = [r for r in index.results if r.get("suite") == suite]
    if not rows and not declared:
        return "n/a", f"{suite}: n/a (the contract declares nothing it tests)"
    status, _ = _aggregate(rows)
    failed = sum(r["outcome"] in ("failed", "error") for r in rows)
    passed = sum(r["outcome"] == "passed" for r in rows)
    text = f"{suite}: {passed} passed of {passed + failed} run"
    if failed:
        text += f" ({failed} failed)"
    reasons = Counter((r.get("messages") or ["no reason given"])[0]
                      for r in rows if r["outcome"] == "skipped")
    if reasons:
        text += "; skipped: " + ", ".join(f"{n} ({why})" for why, n in reasons.most_common())
    return status, text


@dataclass(frozen=True)
class _Facts:
    """What the criteria judges read: the contract, the results and the per-route verdicts."""

    contract: Contract
    index: _Index
    routes: tuple[RouteReadiness, ...]
    meta: dict[str, Any]


Judgement = tuple[GateStatus, str]


def _routes_live(facts: _Facts) -> Judgement:
    contract, index = facts.contract, facts.index
    rows = [r for route in contract.routes for r in index.rows(route.id, "v3-live")
            if r.get("check") == "route-live"]
    live, _ = _aggregate(rows)
    missing = len(contract.routes) - len({r["subject"] for r in rows})
    if missing and live == "pass":
        live = "not run"
    return live, (f"route-live on {len(contract.routes) - missing} of "
                  f"{len(contract.routes)} canonical routes")


def _route_map(facts: _Facts) -> Judgement:
    inventory = [r for r in facts.index.results if r.get("check") == "route-inventory"]
    inv, _ = _aggregate(inventory)
    routes = facts.routes
    proven = sum(r.gate("mapped").status == "pass" for r in routes)
    covers: GateStatus = "pass" if inv == "pass" and proven == len(routes) else (
        "fail" if inv == "fail" or any(r.gate("mapped").status == "fail" for r in routes)
        else "not run")
    return covers, (f"route-inventory: {inv}; {proven} of {len(routes)} legacy routes proven "
                    "mapped")


def _default_e2e(facts: _Facts) -> Judgement:
    contract = facts.contract
    declared = {"navigation": True, "cutover": bool(contract.legacy),
                "lifecycle": bool(contract.lifecycle.resources)}
    suites = [_suite_status(facts.index, s, declared[s]) for s in declared]
    e2e: GateStatus = ("fail" if any(s == "fail" for s, _ in suites) else
                       "not run" if any(s == "not run" for s, _ in suites) else "pass")
    return e2e, "; ".join(text for _, text in suites)


COMPAT_CHECKS = ("v1-passthrough-layout", "v1-mode", "v1-deep-link", "v1-parity")


def _v1_compat_opt_in(facts: _Facts) -> Judgement:
    rows = [r for r in facts.index.results if r.get("check") in COMPAT_CHECKS]
    markexpr = str(facts.meta.get("markexpr") or "")
    status: GateStatus = "fail" if rows and "v1compat" not in markexpr else "pass"
    return status, (f"{len(rows)} compatibility tests in these results"
                    + (" (selected with -m v1compat)" if "v1compat" in markexpr else ""))


def _mocks_retired(facts: _Facts) -> Judgement:
    contract, index = facts.contract, facts.index
    mocks = [r for leg in contract.legacy if leg.is_wildcard for r in index.rows(leg.id, "mapped")]
    placeholder = [r for route in contract.routes for r in index.rows(route.id, "placeholder")]
    status, _ = _aggregate(mocks + placeholder)
    return status, f"{len(mocks)} retired-mock checks, {len(placeholder)} placeholder gates"


def _operator_needs_tracked(facts: _Facts) -> Judgement:
    contract = facts.contract
    open_rows = [p.id for p in contract.parity if p.status == "open"]
    tasks_ok = all(leg.passthrough.task for leg in contract.legacy if leg.passthrough)
    return ("pass" if tasks_ok and not open_rows else "fail",
            f"open parity rows: {', '.join(open_rows) or 'none'}; every passthrough names its "
            f"task: {'yes' if tasks_ok else 'no'}")


JUDGES: dict[str, Callable[[_Facts], Judgement]] = {
    "routes-live": _routes_live,
    "route-map": _route_map,
    "default-e2e": _default_e2e,
    "v1-compat-opt-in": _v1_compat_opt_in,
    "mocks-retired": _mocks_retired,
    "operator-needs-tracked": _operator_needs_tracked,
}


def _criteria(contract: Contract, index: _Index, routes: tuple[RouteReadiness, ...],
              meta: dict[str, Any]) -> tuple[Criterion, ...]:
    """The contract's own Done Criteria, each judged as it says."""
    facts = _Facts(contract, index, routes, meta)
    return tuple(Criterion(c.text, *JUDGES[c.judged_by](facts)) for c in contract.criteria)

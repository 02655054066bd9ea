"""Readiness, computed only from test results and the contract: per legacy V1 route and gate,
pass / fail / not run (a gate whose tests did not run is never a pass), a per-family roll-up,
the contract's Done Criteria (contracts/v3/criteria.yaml for V3), and an overall verdict."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from collections.abc import Callable
from typing import Any, Literal

from contracts import Contract

from harness.checks.gates import ROUTE_GATES

GateStatus = Literal["pass", "fail", "not run", "n/a"]
Verdict = Literal["ready", "blocked", "not run", "kept on V1"]

LEGACY_KINDS = {"legacy_redirect", "legacy_passthrough", "legacy_retired"}


@dataclass(frozen=True)
class Evidence:
    test: str  # node id
    outcome: str
    messages: tuple[str, ...] = ()
    artifacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class GateResult:
    gate: str
    status: GateStatus
    evidence: tuple[Evidence, ...] = ()
    note: str = ""


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
    verdict: Literal["READY", "NOT READY"]
    counts: dict[str, int] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 0 if self.verdict == "READY" else 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _aggregate(rows: list[dict[str, Any]]) -> tuple[GateStatus, tuple[Evidence, ...]]:
    evidence = tuple(Evidence(r["nodeid"], r["outcome"], tuple(r.get("messages", ())),
                              tuple(r.get("artifacts", ()))) for r in rows)
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


def compute(contract: Contract, results: list[dict[str, Any]], meta: dict[str, Any] | None = None,
            ) -> Readiness:
    index = _Index(results)
    routes = tuple(_route_readiness(contract, index, legacy) for legacy in contract.legacy)
    families: dict[str, Counter[str]] = {}
    for r in routes:
        families.setdefault(r.family or "(no V3 target)", Counter())[r.verdict] += 1
    criteria = _criteria(contract, index, routes, meta or {})
    ok_routes = all(r.verdict in ("ready", "kept on V1") for r in routes)
    ok_criteria = all(c.status == "pass" for c in criteria)
    counts = Counter(r.verdict for r in routes)
    return Readiness(
        routes=routes, families={k: dict(v) for k, v in sorted(families.items())},
        criteria=criteria, verdict="READY" if ok_routes and ok_criteria else "NOT READY",
        counts={str(k): v for k, v in counts.items()}, meta=meta or {})


def _route_readiness(contract: Any, index: _Index, legacy: Any) -> RouteReadiness:
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
                          verdict, task)


def _target_gate(contract: Any, index: _Index, legacy: Any, route: Any, gate: str) -> GateResult:
    if gate == "parity":
        return _parity_gate(contract, legacy, route)
    if route is None:
        return GateResult(gate, "n/a", note="no V3 target route")
    if gate == "back-link" and not route.back:
        return GateResult(gate, "n/a", note=f"{route.id} is not a drill-down")
    if gate == "lifecycle":
        resources = [r for r in contract.lifecycle.resources if r.route == route.id]
        if not route.mutable or not resources:
            return GateResult(gate, "n/a", note=f"{route.id} is not mutable")
        rows = [row for r in resources for row in index.rows(r.id, gate)]
    else:
        rows = index.rows(route.id, gate)
    status, ev = _aggregate(rows)
    return GateResult(gate, status, ev)


def _parity_gate(contract: Any, legacy: Any, route: Any) -> GateResult:
    rows = [p for p in contract.parity if legacy.id in p.legacy
            or (route is not None and (p.route == route.id or p.family == route.family))]
    if not rows:
        return GateResult("parity", "not run", note="no parity row covers this route")
    open_rows = [p.id for p in rows if p.status == "open"]
    if open_rows:
        return GateResult("parity", "fail", note=f"open: {', '.join(open_rows)}")
    return GateResult("parity", "pass",
                      note=", ".join(f"{p.id} ({p.status})" for p in rows))


def _suite_status(index: _Index, suite: str) -> tuple[GateStatus, str]:
    rows = [r for r in index.results if r.get("suite") == suite]
    status, _ = _aggregate(rows)
    failed = sum(r["outcome"] in ("failed", "error") for r in rows)
    passed = sum(r["outcome"] == "passed" for r in rows)
    return status, f"{suite}: {passed} passed, {failed} failed of {len(rows)}"


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
    suites = [_suite_status(facts.index, s) for s in ("navigation", "cutover", "lifecycle")]
    e2e: GateStatus = ("fail" if any(s == "fail" for s, _ in suites) else
                       "not run" if any(s == "not run" for s, _ in suites) else "pass")
    return e2e, "; ".join(text for _, text in suites)


COMPAT_CHECKS = ("v1-passthrough-layout", "v1-mode", "v1-deep-link")


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

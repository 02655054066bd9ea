"""Readiness, computed only from test results and the contract: per legacy V1 route and gate,
pass / fail / not run (a gate whose tests did not run is never a pass) / n/a (a gate the contract
does not use for that route, as harness.checks.gates says), a per-family roll-up, the Done
Criteria (harness.reports.readiness.criteria), and an overall verdict. What it says is the data
of harness.reports.readiness.verdicts; the trend over earlier runs is attached by
harness.reports.readiness.history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from contracts import Contract, LegacyRoute, Route
from contracts.settings import describe_density
from harness.checks.evidence import ParityComparison
from harness.checks.gates import ROUTE_GATES, not_applicable, role_limit_id
from harness.reports.readiness.criteria import judge_criteria
from harness.reports.readiness.verdicts import (
    LEGACY_KINDS,
    Evidence,
    GateResult,
    GateStatus,
    ParityFacts,
    Readiness,
    ResultIndex,
    RouteReadiness,
    Verdict,
    aggregate,
)
from harness.reports.results import ResultRow


def compute(contract: Contract, results: Sequence[ResultRow],
            meta: dict[str, Any] | None = None) -> Readiness:
    index = ResultIndex(results)
    routes = tuple(_route_readiness(contract, index, legacy) for legacy in contract.legacy)
    families: dict[str, Counter[str]] = {}
    for r in routes:
        families.setdefault(r.family or "(no V3 target)", Counter())[r.verdict] += 1
    criteria = judge_criteria(contract, index, routes, meta or {})
    ok_routes = all(r.verdict in ("ready", "kept on V1") for r in routes)
    ok_criteria = all(c.status in ("pass", "n/a") for c in criteria)
    counts = Counter(r.verdict for r in routes)
    return Readiness(
        routes=routes, families={k: dict(v) for k, v in sorted(families.items())},
        criteria=criteria,
        verdict=("INCOMPLETE" if (meta or {}).get("outage") else
                 "READY" if ok_routes and ok_criteria else "NOT READY"),
        counts={str(k): v for k, v in counts.items()}, meta=meta or {},
        densest=index.densest(),
        console_accepted=index.console_accepted(
            [(a.shown, a.reason) for a in contract.console.allow]))


def _route_readiness(contract: Contract, index: ResultIndex, legacy: LegacyRoute) -> RouteReadiness:
    target = None
    task = None
    if legacy.redirect is not None:
        target, mapping = legacy.redirect.to, f"redirect -> {legacy.redirect.to}"
    elif legacy.passthrough is not None:
        task = legacy.passthrough.task
        target, mapping = legacy.passthrough.replaced_by, f"passthrough: {task}"
    else:
        mapping = "retired"
    status, ev = aggregate(index.rows(legacy.id, "mapped", LEGACY_KINDS))
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


def _target_gate(contract: Contract, index: ResultIndex, legacy: LegacyRoute, route: Route | None,
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
        status, ev = aggregate(index.rows(route.id, gate))
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
    elif gate == "role-limits":  # the V3 route's family, tried as each role that may not see it
        rows = [row for role in contract.roles if route.family not in role.families
                for row in index.rows(role_limit_id(role.id, route.family), gate)]
    else:
        rows = index.rows(route.id, gate)
    status, ev = aggregate(rows)
    return GateResult(gate, status, ev)


def _parity_gate(contract: Contract, index: ResultIndex, legacy: LegacyRoute,
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
    facts: list[ParityFacts] = []
    for p in rows:
        if p.compare is None:
            notes.append(f"{p.id} ({p.status}, declared)")
            continue
        results = index.rows(p.id, "parity", {"parity_row"})
        status, ev = aggregate(results)
        compared = index.parity(p.id)
        facts.append(ParityFacts(row=p.id, status=p.status, result=status, **compared)
                     if compared is not None else
                     ParityFacts(row=p.id, status=p.status, result=status))
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


def _describe_parity(status: GateStatus, compared: ParityComparison | None) -> str:
    if compared is None:
        return ("compared, but the comparison was not recorded" if status in ("pass", "fail")
                else "not run: its facts are compared only by the v1compat run (-m v1compat)")
    if compared["error"]:
        return f"not compared: {compared['error']}"
    text = f"{len(compared['compared'])} facts compared"
    gaps = [(k, v) for k, v in (("missing", compared["missing"]),
                                ("differing", compared["differing"]),
                                ("unreadable", compared["unreadable"])) if v]
    if not gaps:
        return text + ", none missing"
    return text + "; " + "; ".join(f"{k}: {', '.join(v)}" for k, v in gaps)


def _inbound_gate(index: ResultIndex, legacy: LegacyRoute) -> GateResult:
    """A V1 route that a V3 page still links cannot be retired, whatever its other gates say:
    the V3 pages that link it are its inbound V1 links."""
    rows = [r for r in index.of_gate("v1-links") if r.outcome in ("passed", "failed")]
    if not rows:
        return GateResult("v1-links", "not run", note="the V1-dependency guard did not run")
    linking = [r for r in rows if legacy.id in r.evidence.get("v1_links", ())]
    pages = ", ".join(sorted({str(r.subject) for r in linking}))
    ev = tuple(Evidence(r.nodeid, r.outcome, tuple(r.messages), tuple(r.artifacts))
               for r in linking)
    if legacy.passthrough is not None:
        # Still the product's way to do its task until the named V3 task lands.
        return GateResult("v1-links", "n/a", ev,
                          note=f"kept on V1; inbound V1 links: {pages}" if pages else "kept on V1")
    if linking:
        return GateResult("v1-links", "fail", ev, note=f"inbound V1 links: {pages}")
    return GateResult("v1-links", "pass", note=f"no inbound V1 links from {len(rows)} V3 pages")



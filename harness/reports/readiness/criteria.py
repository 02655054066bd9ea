"""The contract's Done Criteria (contracts/v3/criteria.yaml for V3), each judged as it says from
the results and the per-route verdicts. A criterion judged on particular checks' results reads
the checks the registry says decide it (`@check(..., criterion=...)`), never check names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contracts import Contract
from harness.checks.registry import deciding
from harness.reports.readiness.verdicts import (
    Criterion,
    GateStatus,
    ResultIndex,
    RouteReadiness,
    aggregate,
)


def _suite_status(index: ResultIndex, suite: str, declared: bool = True) -> tuple[GateStatus, str]:
    """A suite's outcome as "passed of run"; skipped tests are named by reason, never counted
    as run. A suite the contract gives nothing to test (`declared` False) is n/a."""
    rows = [r for r in index.results if r.suite == suite]
    if not rows and not declared:
        return "n/a", f"{suite}: n/a (the contract declares nothing it tests)"
    status, _ = aggregate(rows)
    failed = sum(r.outcome in ("failed", "error") for r in rows)
    passed = sum(r.outcome == "passed" for r in rows)
    text = f"{suite}: {passed} passed of {passed + failed} run"
    if failed:
        text += f" ({failed} failed)"
    reasons = Counter((r.messages or ["no reason given"])[0]
                      for r in rows if r.outcome == "skipped")
    if reasons:
        text += "; skipped: " + ", ".join(f"{n} ({why})" for why, n in reasons.most_common())
    return status, text


@dataclass(frozen=True)
class _Facts:
    """What the criteria judges read: the contract, the results and the per-route verdicts."""

    contract: Contract
    index: ResultIndex
    routes: tuple[RouteReadiness, ...]
    meta: dict[str, Any]


Judgement = tuple[GateStatus, str]


def _routes_live(facts: _Facts) -> Judgement:
    contract = facts.contract
    live_checks = deciding("routes-live")
    canonical = {route.id for route in contract.routes}
    rows = [r for r in facts.index.of_checks(live_checks) if r.subject in canonical]
    live, _ = aggregate(rows)
    missing = len(canonical) - len({r.subject for r in rows})
    if missing and live == "pass":
        live = "not run"
    return live, (f"{', '.join(sorted(live_checks))} on {len(canonical) - missing} of "
                  f"{len(canonical)} canonical routes")


def _route_map(facts: _Facts) -> Judgement:
    inventory_checks = deciding("route-map")
    inv, _ = aggregate(facts.index.of_checks(inventory_checks))
    routes = facts.routes
    proven = sum(r.gate("mapped").status == "pass" for r in routes)
    covers: GateStatus = "pass" if inv == "pass" and proven == len(routes) else (
        "fail" if inv == "fail" or any(r.gate("mapped").status == "fail" for r in routes)
        else "not run")
    return covers, (f"{', '.join(sorted(inventory_checks))}: {inv}; {proven} of {len(routes)} "
                    "legacy routes proven mapped")


def _default_e2e(facts: _Facts) -> Judgement:
    contract = facts.contract
    declared = {"navigation": True, "cutover": bool(contract.legacy),
                "lifecycle": bool(contract.lifecycle.resources)}
    suites = [_suite_status(facts.index, s, declared[s]) for s in declared]
    e2e: GateStatus = ("fail" if any(s == "fail" for s, _ in suites) else
                       "not run" if any(s == "not run" for s, _ in suites) else "pass")
    return e2e, "; ".join(text for _, text in suites)


def _v1_compat_opt_in(facts: _Facts) -> Judgement:
    rows = facts.index.of_checks(deciding("v1-compat-opt-in"))
    markexpr = str(facts.meta.get("markexpr") or "")
    status: GateStatus = "fail" if rows and "v1compat" not in markexpr else "pass"
    return status, (f"{len(rows)} compatibility tests in these results"
                    + (" (selected with -m v1compat)" if "v1compat" in markexpr else ""))


def _mocks_retired(facts: _Facts) -> Judgement:
    contract, index = facts.contract, facts.index
    mocks = [r for leg in contract.legacy if leg.is_wildcard for r in index.rows(leg.id, "mapped")]
    placeholder = [r for route in contract.routes for r in index.rows(route.id, "placeholder")]
    status, _ = aggregate(mocks + placeholder)
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


def judge_criteria(contract: Contract, index: ResultIndex, routes: tuple[RouteReadiness, ...],
              meta: dict[str, Any]) -> tuple[Criterion, ...]:
    """The contract's own Done Criteria, each judged as it says."""
    facts = _Facts(contract, index, routes, meta)
    return tuple(Criterion(c.text, *JUDGES[c.judged_by](facts)) for c in contract.criteria)

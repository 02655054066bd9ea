"""The readiness gates: what a V1 route must pass before it can be retired. One table serves
the check registry (every check feeds one gate), the readiness model (its columns, in this
order) and the Allure labels (critical gates)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from contracts import Contract, Route


@dataclass(frozen=True)
class Gate:
    id: str
    title: str
    per_route: bool  # a column of the per-V1-route readiness table
    critical: bool = False  # a failure here means the route is not served at all


GATES: tuple[Gate, ...] = (
    Gate("mapped", "Mapped", per_route=True, critical=True),
    Gate("v3-live", "V3 target live", per_route=True, critical=True),
    Gate("shell", "Shell containment", per_route=True),
    Gate("local-nav", "Local nav", per_route=True),
    Gate("back-link", "Back link", per_route=True),
    Gate("placeholder", "No placeholder/fallback", per_route=True),
    Gate("lifecycle", "Lifecycle framing", per_route=True),
    Gate("accessibility", "Accessibility", per_route=True),
    Gate("density", "No data dump", per_route=True),
    Gate("degraded", "Degraded backend", per_route=True),
    Gate("parity", "Parity row closed", per_route=True),
    Gate("v1-links", "No inbound V1 links", per_route=True),
    Gate("role-limits", "Role limits", per_route=True),
    Gate("navigation", "Navigation (roles, clicks, journeys)", per_route=False),
    Gate("compat", "V1 compatibility (opt-in)", per_route=False),
)
GATE_IDS = frozenset(g.id for g in GATES)
ROUTE_GATES: tuple[Gate, ...] = tuple(g for g in GATES if g.per_route)


def role_limit_id(role_id: str, family_id: str) -> str:
    """The contract id of a role-limits test (`user.platform`): a role and a family it may not
    see. Readiness finds a V3 route's role limits by its family."""
    return f"{role_id}.{family_id}"


def gate(gate_id: str) -> Gate:
    return next(g for g in GATES if g.id == gate_id)


# -- when a per-route gate does not apply to a V3 route: the reason, or None ------------------

def _back_link(contract: Contract, route: Route) -> str | None:
    return None if route.back else f"{route.id} is not a drill-down"


def _local_nav(contract: Contract, route: Route) -> str | None:
    if contract.family(route.family).local_nav is None:
        return f"family {route.family} has no local nav"
    if not route.local_nav:
        return f"{route.id} shows no local nav (local_nav: false)"
    return None


def _density(contract: Contract, route: Route) -> str | None:
    if contract.placeholders.density.budget_for(route.kind, route.family) is None:
        return f"no density budget for {route.kind} pages of {route.family}"
    return None


def _degraded(contract: Contract, route: Route) -> str | None:
    if contract.degraded.route(route.id) is None:
        return f"{route.id} has no degraded variants"
    return None


def _lifecycle(contract: Contract, route: Route) -> str | None:
    if not route.mutable or not any(r.route == route.id for r in contract.lifecycle.resources):
        return f"{route.id} is not mutable"
    return None


def _role_limits(contract: Contract, route: Route) -> str | None:
    if all(route.family in role.families for role in contract.roles):
        return f"every role may see family {route.family}"
    return None


NOT_APPLICABLE: dict[str, Callable[[Contract, Route], str | None]] = {
    "back-link": _back_link, "local-nav": _local_nav, "density": _density,
    "degraded": _degraded, "lifecycle": _lifecycle, "role-limits": _role_limits,
}


def not_applicable(gate_id: str, contract: Contract, route: Route) -> str | None:
    """Why `gate_id` does not apply to `route` (readiness shows it n/a), or None when it does.
    Gates without a rule here apply to every route."""
    rule = NOT_APPLICABLE.get(gate_id)
    return rule(contract, route) if rule is not None else None

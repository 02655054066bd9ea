"""Role limits: a role that opens a page of a family it may not see (`roles.yaml` lists the
families each role may see) is refused, as the contract's `role_limits` say refusal looks, and
never shown the page. One route per (role, forbidden family), opened with a plain GET."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from contracts import Contract, Family, Role, Route
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.findings import Finding
from harness.checks.gates import role_limit_id
from harness.checks.navigation import describe_url
from harness.checks.registry import check


@dataclass(frozen=True)
class RoleLimit:
    """A role and a family it may not see, with the route of that family it is tried on."""

    role: Role
    family: Family
    route: Route

    @property
    def id(self) -> str:
        return role_limit_id(self.role.id, self.family.id)

    @property
    def source(self) -> object:
        """The role's entry: its `families` are what it may see."""
        return self.role.source


def probe_route(contract: Contract, family: Family) -> Route | None:
    """The route a role limit is tried on: the family's first list route without parameters,
    else its first route without parameters (None: nothing to open without an id)."""
    plain = [r for r in contract.routes_of(family.id) if not r.params]
    return next((r for r in plain if r.kind == "list"), plain[0] if plain else None)


def role_limits(contract: Contract, role: Role) -> Iterator[RoleLimit]:
    """Every family `role` may not see, in contract order, each with its probe route."""
    for family in contract.families:
        if family.id not in role.families and (route := probe_route(contract, family)):
            yield RoleLimit(role, family, route)


def _denial_shown(contract: Contract, snap: RouteSnapshot) -> str | None:
    """How the page says it is the product's denial page (None: it does not)."""
    limits = contract.role_limits
    if limits.selector and snap.denied:
        return f"the denial page ({limits.selector})"
    if limits.text:
        pattern = re.compile(limits.text)
        if snap.title and pattern.search(snap.title):
            return f"the denial page (text /{limits.text}/)"
        if any(pattern.search(t.text) for t in snap.texts):
            return f"the denial page (text /{limits.text}/)"
    return None


@check("role-limits", gate="role-limits", title="A role is refused the families it may not see",
       report_cost=True)
def role_limit(ctx: CheckContext[RoleLimit, RouteSnapshot]) -> list[Finding]:
    """A role served a page of a family it may not see can read, or do, what it must not."""
    limit, snap, contract = ctx.entry, ctx.seen, ctx.contract
    limits = contract.role_limits
    route = limit.route
    expected = (f"role {limit.role.id} refused {route.path} ({route.id}; family "
                f"{limit.family.id} is not among its families): {limits.describe()}")
    url = snap.reported_url
    if snap.error:
        return [ctx.finding(expected, snap.error, url=url)]
    if snap.status in limits.statuses or _denial_shown(contract, snap):
        return []
    landed = contract.route_id_of(snap.final_url)
    if limits.redirect_away and (landed is None or contract.route(landed).family
                                 != limit.family.id):
        return []
    shown = f"{describe_url(contract, snap.final_url)}, titled {snap.title!r}"
    return [ctx.finding(expected, f"HTTP {snap.status}: the page was shown ({shown})",
                        url=url)]

"""The data-dump density gate: a V3 page that prints a whole entity (twenty table columns, every
field as a key/value row, a raw `<pre>` dump) carries V1's admin dump behaviour into V3. The
route snapshot holds the page's measurements (no navigation); the contract's
`placeholders.density` budgets say how much a route kind may show; a page over budget fails
unless the density baseline accepts its measurements (and it got no denser since)."""

from __future__ import annotations

from collections.abc import Mapping

from contracts import Contract, Route
from contracts.settings import DENSITY_MEASURES, DensityBudget, describe_density
from harness.checks.context import CheckContext
from harness.checks.evidence import CheckEvidence
from harness.checks.findings import Finding
from harness.checks.observations import DensityPage
from harness.checks.registry import PAGE, check


def budget_for(contract: Contract, route: Route) -> DensityBudget | None:
    return contract.placeholders.density.budget_for(route.kind, route.family)


def over_budget(budget: DensityBudget, measured: Mapping[str, int],
                accepted: Mapping[str, int]) -> list[tuple[str, int, int]]:
    """(measurement, value, limit) over the budget and above what the baseline accepts."""
    out = []
    for name in DENSITY_MEASURES:
        limit: int | None = getattr(budget, name)
        value = measured.get(name, 0)
        if limit is not None and value > limit and value > accepted.get(name, -1):
            out.append((name, value, limit))
    return out


def measured(ctx: CheckContext[Route, DensityPage]) -> CheckEvidence:
    """The page's measurements, within budget or not: readiness shows each route's density and
    ranks the densest pages."""
    density = ctx.seen.snapshot.density
    return {"density": density.as_dict()} if density is not None else {}


@check("data-density", gate="density", title="No data-dump pages", evidence=measured,
       report_cost=True, reads=(PAGE,))
def data_density(ctx: CheckContext[Route, DensityPage]) -> list[Finding]:
    """One finding per page, with every measurement, so a reviewer sees the whole dump."""
    budget = budget_for(ctx.contract, ctx.entry)
    density = ctx.seen.snapshot.density
    if budget is None or density is None:
        return []
    measured = density.as_dict()
    over = over_budget(budget, measured, ctx.seen.accepted)
    if not over:
        return []
    limits = ", ".join(f"at most {limit} {DENSITY_MEASURES[name]}" for name, _, limit in over)
    families = f" of {', '.join(budget.families)}" if budget.families else ""
    return [ctx.finding(
        f"a {ctx.entry.kind} page{families} within its density budget ({limits})",
        f"{', '.join(f'{value} {DENSITY_MEASURES[name]}' for name, value, _ in over)} "
        f"(measured: {describe_density(measured)}; not in the density baseline)",
        url=ctx.seen.snapshot.reported_url)]

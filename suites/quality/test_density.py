"""The data-dump density gate on every canonical route, from its route snapshot (no extra
navigation). Every loaded page's measurements go into the results (the check's evidence), budget
or not, so readiness can show each route's density and the densest pages."""

from __future__ import annotations

import pytest

from harness.checks.density import budget_for, over_budget
from harness.checks.observations import DensityPage
from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.quality


@pytest.mark.check("data-density")
def test_data_density(route, snapshots, contract, density_baseline, judge):
    snap = loaded(snapshots.of(route))
    if snap.density is None:
        pytest.skip(f"{route.id}: the snapshot has no density measurements")
    budget = budget_for(contract, route)
    if budget is None:
        judge.evidence(route, DensityPage(snap))
        pytest.skip(f"no density budget for {route.kind} pages of family {route.family}")
    measured = snap.density.as_dict()
    density_baseline.record(route.id, measured if over_budget(budget, measured, {}) else None)
    judge(route, DensityPage(snap, density_baseline.accepted(route.id)))

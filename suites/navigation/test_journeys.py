"""The contract's representative journeys, step by step, as the journey's role."""

from __future__ import annotations

import pytest

from harness.flows.journeys import run_journey

pytestmark = pytest.mark.navigation


@pytest.mark.check("journey")
def test_journey(journey, pages, pages_as, run_role, contract, judge):
    acting = pages if journey.role in (None, run_role.id) else pages_as(journey.role)
    judge(journey, run_journey(journey, acting, contract))

"""Real operations, one per intent per mutable resource: only with --allow-mutations on a
disposable target. Each must leave an activity entry and evidence; inverses restore state."""

from __future__ import annotations

import pytest

from harness.flows.mutations import perform

pytestmark = [pytest.mark.lifecycle, pytest.mark.mutating]


@pytest.mark.check("operation-recorded")
def test_operation_is_recorded(mutation, pages, contract, judge):
    resource, op = mutation
    route = contract.route(resource.route)
    detail = pages.for_route(route.id)
    detail.open(route.id, resource.ids or route.ids)
    run = perform(detail, op)
    if op.inverse and not run.error:
        inverse = next(o for o in resource.operations if o.key == op.inverse)
        perform(detail, inverse)  # restore; its own recording is its own test's business
    judge(resource, run)

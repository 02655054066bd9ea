"""What the registry says of each check beyond its gate: the Done Criterion whose judge reads its
results and whether the run reports its cost, so readiness and the gate cost never name checks."""

from __future__ import annotations

import pytest

from harness.checks import registry


def test_the_registry_names_the_checks_each_criterion_and_the_gate_cost_read():
    assert registry.deciding("routes-live") == {"route-live"}
    assert registry.deciding("route-map") == {"route-inventory", "section-redirect"}
    assert registry.deciding("v1-compat-opt-in") == {
        "v1-passthrough-layout", "v1-mode", "v1-deep-link", "v1-parity"}
    assert registry.deciding("default-e2e") == frozenset()
    assert set(registry.cost_reported()) == {
        "v1-links", "resource-identity", "rendering-leaks", "data-density", "degraded-backend",
        "page-title", "global-nav-current", "role-limits", "row-links"}


def test_a_check_naming_an_unknown_criterion_is_refused():
    with pytest.raises(ValueError, match="unknown criterion 'routes-alive'"):
        registry.check("x", gate="v3-live", title="x", criterion="routes-alive")

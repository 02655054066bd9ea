"""Quality gates on every canonical route, from its route snapshot (no extra navigation)."""

from __future__ import annotations

import pytest

from harness.checks.registry import expect_clean
from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.quality


@pytest.mark.check("placeholder")
def test_no_placeholder(route, snapshots, contract):
    expect_clean("placeholder", route, loaded(snapshots.of(route)), contract)


@pytest.mark.check("accessibility")
@pytest.mark.accessibility
def test_accessibility(route, snapshots, contract, a11y_baseline, record_property):
    snap = loaded(snapshots.of(route))
    a11y_baseline.record(route.id, snap)
    found = expect_clean("accessibility", route, snap, contract, a11y_baseline.accepted(route.id))
    for finding in found:  # baselined and minor violations: reported, not failed
        record_property("a11y_warning", finding.message)

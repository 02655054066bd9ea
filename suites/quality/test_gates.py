"""Quality gates on every canonical route, from its route snapshot (no extra navigation)."""

from __future__ import annotations

import pytest

from harness.checks.observations import ScannedPage
from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.quality


@pytest.mark.check("placeholder")
def test_no_placeholder(route, snapshots, judge):
    judge(route, loaded(snapshots.of(route)))


@pytest.mark.check("accessibility")
@pytest.mark.accessibility
def test_accessibility(route, snapshots, a11y_baseline, record_property, judge):
    snap = loaded(snapshots.of(route))
    a11y_baseline.record(route.id, snap)
    found = judge(route, ScannedPage(snap, frozenset(a11y_baseline.accepted(route.id))))
    for finding in found:  # baselined and minor violations: reported, not failed
        record_property("a11y_warning", finding.message)

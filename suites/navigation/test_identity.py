"""Resource identity: every drill-down shows the resource of the list row its id came from
(the route snapshot and its list's snapshot, both already taken: no extra navigation)."""

from __future__ import annotations

import pytest

from harness.plugin.suite_support import drilldown_view, loaded

pytestmark = pytest.mark.navigation


@pytest.mark.check("resource-identity")
def test_resource_identity(drilldown, snapshots, judge):
    judge(drilldown, drilldown_view(snapshots, drilldown, loaded(snapshots.of(drilldown))))

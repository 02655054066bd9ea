"""The V1-dependency guard: no V3 page still reaches a page through a legacy V1 URL (its links,
form actions and client-side targets, read from the route snapshot: no extra navigation)."""

from __future__ import annotations

import pytest

from harness.checks.gates import INBOUND_V1_PROPERTY
from harness.checks.links import linked_legacy
from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.cutover


@pytest.mark.check("v1-links")
def test_no_inbound_v1_links(route, snapshots, contract, record_property, judge):
    snap = loaded(snapshots.of(route))
    record_property(INBOUND_V1_PROPERTY, " ".join(sorted(linked_legacy(contract, snap))))
    judge(route, snap)

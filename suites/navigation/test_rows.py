"""Every row of a list links a live page of the contract, not only the first (its snapshot's row
links, each distinct target requested once: requests, not navigations)."""

from __future__ import annotations

import pytest

from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.navigation


@pytest.mark.check("row-links")
def test_row_links(list_route, snapshots, row_probe, contract, judge):
    judge(list_route, row_probe.links(contract, loaded(snapshots.of(list_route))))

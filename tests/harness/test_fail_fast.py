"""Fail fast: a click on an element the route's snapshot showed to be absent is not attempted;
its outcome carries the snapshot's evidence at once, and the nav-click check turns it into a
finding naming the entry, the route and the expectation."""

from __future__ import annotations

import pytest

from harness.checks.context import CheckContext, CheckSettings
from harness.checks.registry import get
from harness.plugin.suite_support import absent_per_snapshot
from tests.harness.builders import healthy

DETAIL = "storage.bucket.detail"


def test_absent_back_link_fails_at_once_with_the_snapshot_url(contract):
    snap = healthy(contract, DETAIL, back_link=None)
    outcome = absent_per_snapshot(snap, "the back link", "storage.buckets",
                                  contract.selectors.back_link, snap.back_link is not None)
    assert outcome is not None
    assert outcome.landed_url == snap.final_url
    assert contract.selectors.back_link in (outcome.error or "")
    route = contract.route(DETAIL)
    findings = get("nav-click")(CheckContext(route, outcome, contract, CheckSettings()))
    assert [f.check for f in findings] == ["nav-click"]
    message = findings[0].message
    assert DETAIL in message and "the back link to land on storage.buckets" in message
    assert "route snapshot found none" in message


@pytest.mark.parametrize("change", [
    {},  # the element is there: click
    {"back_link": None, "status": 500},  # the snapshot did not load: it proves nothing
    {"back_link": None, "error": "no response within 10000 ms"},
])
def test_the_click_runs_unless_a_loaded_snapshot_proves_absence(contract, change):
    snap = healthy(contract, DETAIL, **change)
    assert absent_per_snapshot(snap, "the back link", "storage.buckets",
                               contract.selectors.back_link, snap.back_link is not None) is None

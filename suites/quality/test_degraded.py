"""The degraded-backend gate, for each route and variant the contract's `degraded` section names:
one navigation with the route's API calls answered by the suite in the browser (HTTP 500, a
timeout, an empty collection, null optional fields). The page must stay in the shell with its
local nav and back link, show the contract's error or empty state saying what happened, and leak
nothing. Part of the default run; `-m degraded` runs only this gate."""

from __future__ import annotations

import pytest

from harness.capture.degraded import degraded_page
from harness.plugin.suite_support import loaded

pytestmark = [pytest.mark.quality, pytest.mark.degraded]


@pytest.mark.check("degraded-backend")
def test_degraded_backend(degraded_case, contract, snapshots, judge):
    entry, variant = degraded_case
    seen = degraded_page(snapshots, contract.route(entry.route), entry, variant)
    loaded(seen.snapshot)
    judge(entry, seen)

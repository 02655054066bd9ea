"""The V1-dependency guard: no V3 page still reaches a page through a legacy V1 URL (its links,
form actions and client-side targets, read from the route snapshot: no extra navigation). The V1
routes each page links travel in its results (the check's evidence), for readiness to list as
those routes' inbound V1 links."""

from __future__ import annotations

import pytest

from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.cutover


@pytest.mark.check("v1-links")
def test_no_inbound_v1_links(route, snapshots, judge):
    judge(route, loaded(snapshots.of(route)))

"""The rendering-leak gate on every canonical route, from its route snapshot (no extra
navigation): no `undefined`, `NaN`, `[object Object]`, raw timestamps or JSON, no unrendered
template placeholders, except where the contract says that text is the page's content."""

from __future__ import annotations

import pytest

from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.quality


@pytest.mark.check("rendering-leaks")
def test_no_rendering_leaks(route, snapshots, judge):
    judge(route, loaded(snapshots.of(route)))

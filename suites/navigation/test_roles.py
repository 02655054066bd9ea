"""Each role lands on its default page, sees exactly its families in the global nav, and is
refused the pages of every other family."""

from __future__ import annotations

import pytest

from harness.plugin.suite_support import loaded, role_limit_snapshot

pytestmark = pytest.mark.navigation


@pytest.mark.check("role-landing")
def test_role_landing(role, snapshots, judge):
    judge(role, snapshots.landing(role.id))


@pytest.mark.check("global-nav")
def test_global_nav(role, snapshots, judge):
    judge(role, loaded(snapshots.landing(role.id)))


@pytest.mark.check("role-limits")
def test_role_limits(role_limit, snapshots, judge):
    judge(role_limit, role_limit_snapshot(snapshots, role_limit))

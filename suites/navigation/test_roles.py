"""Each role lands on its default page and sees exactly its families in the global nav."""

from __future__ import annotations

import pytest

from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.navigation


@pytest.mark.check("role-landing")
def test_role_landing(role, snapshots, judge):
    judge(role, snapshots.landing(role.id))


@pytest.mark.check("global-nav")
def test_global_nav(role, snapshots, judge):
    judge(role, loaded(snapshots.landing(role.id)))

"""Each role lands on its default page and sees exactly its families in the global nav."""

from __future__ import annotations

import pytest

from harness.checks.registry import expect_clean
from harness.plugin.suite_support import loaded

pytestmark = pytest.mark.navigation


@pytest.mark.check("role-landing")
def test_role_landing(role, snapshots, contract):
    expect_clean("role-landing", role, snapshots.landing(role.id), contract)


@pytest.mark.check("global-nav")
def test_global_nav(role, snapshots, contract):
    expect_clean("global-nav", role, loaded(snapshots.landing(role.id)), contract)

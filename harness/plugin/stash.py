"""Every key the plugin keeps run-wide state under, on the pytest config (or, for NAMED_CHECK,
on a test item): one module, one key per fact. The keys' types are annotations, imported for the
checker only, so any module of the plugin may import this one without an import circle."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from contracts import Contract, Role
    from harness.capture.mutation_guard import MutationGuard
    from harness.capture.navigation_counter import NavigationCounter
    from harness.plugin.check_marks import NamedCheck
    from harness.plugin.outage import OutageBreaker
    from harness.plugin.results_collector import ResultsCollector
    from harness.plugin.role_auth import ExpiryWatch
    from harness.plugin.settings import RunSettings
    from harness.plugin.shards import ShardPlan
    from harness.targets.browser import BrowserChoice
    from harness.targets.registry import StartedTarget
    from harness.targets.role_states import RoleStates

SETTINGS: pytest.StashKey[RunSettings] = pytest.StashKey()
CONTRACT: pytest.StashKey[Contract] = pytest.StashKey()
ROLE: pytest.StashKey[Role] = pytest.StashKey()  # the role the static gates run as
COUNTER: pytest.StashKey[NavigationCounter] = pytest.StashKey()
# The choice, or why there is none.
BROWSER: pytest.StashKey[BrowserChoice | str] = pytest.StashKey()
GUARD: pytest.StashKey[MutationGuard] = pytest.StashKey()
RESULTS: pytest.StashKey[ResultsCollector] = pytest.StashKey()
# Routes whose accessibility tests were selected.
A11Y: pytest.StashKey[frozenset[str]] = pytest.StashKey()
# Set once the target fixture has built it.
STARTED: pytest.StashKey[StartedTarget] = pytest.StashKey()
READINESS_LINES: pytest.StashKey[list[str]] = pytest.StashKey()
# The launched (or connected) browser, once a test has needed one: a role whose session expired
# logs in again with it, whichever fixtures the test that noticed asked for.
LIVE_BROWSER: pytest.StashKey[Browser] = pytest.StashKey()
OUTAGE: pytest.StashKey[OutageBreaker] = pytest.StashKey()
# When this run began executing tests (wall clock).
RUN_STARTED: pytest.StashKey[float] = pytest.StashKey()
PREVIOUS_SIGTERM: pytest.StashKey[object] = pytest.StashKey()
# The stop signals this process received. Raised inside a Playwright call, the KeyboardInterrupt
# can be swallowed (it surfaces as a closed-target error in that test), so the run also stops
# after the current test and is judged interrupted from this, not from the exit code.
SIGNALLED: pytest.StashKey[list[str]] = pytest.StashKey()
# Set on the controller of a run that will run tests.
RUN_FOLDER: pytest.StashKey[Path] = pytest.StashKey()
# Set once the role_states fixture has built it.
ROLE_STATES: pytest.StashKey[RoleStates] = pytest.StashKey()
# Roles the selected tests act as, run role first.
NEEDED_ROLES: pytest.StashKey[list[str]] = pytest.StashKey()
EXPIRY_WATCH: pytest.StashKey[ExpiryWatch] = pytest.StashKey()
SHARD_PLAN: pytest.StashKey[ShardPlan] = pytest.StashKey()
# On an item: the check its mark names.
NAMED_CHECK: pytest.StashKey[NamedCheck | None] = pytest.StashKey()

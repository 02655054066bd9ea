"""Where the plugin keeps run-wide state on the pytest config: one key per fact, shared by the
hooks and the fixtures."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from contracts import Contract, Role
from harness.capture.mutation_guard import MutationGuard
from harness.capture.navigation_counter import NavigationCounter
from harness.plugin.outage import OutageBreaker
from harness.plugin.results_collector import ResultsCollector
from harness.plugin.settings import RunSettings
from harness.targets.browser import BrowserChoice
from harness.targets.registry import StartedTarget

SETTINGS = pytest.StashKey[RunSettings]()
CONTRACT = pytest.StashKey[Contract]()
ROLE = pytest.StashKey[Role]()  # the role the static gates run as
COUNTER = pytest.StashKey[NavigationCounter]()
BROWSER = pytest.StashKey[BrowserChoice | str]()  # the choice, or why there is none
GUARD = pytest.StashKey[MutationGuard]()
RESULTS = pytest.StashKey[ResultsCollector]()
A11Y = pytest.StashKey[frozenset[str]]()  # routes whose accessibility tests were selected
STARTED = pytest.StashKey[StartedTarget]()  # set once the target fixture has built it
READINESS_LINES = pytest.StashKey[list[str]]()
# The launched (or connected) browser, once a test has needed one: a role whose session expired
# logs in again with it, whichever fixtures the test that noticed asked for.
LIVE_BROWSER = pytest.StashKey[Browser]()
OUTAGE = pytest.StashKey[OutageBreaker]()
RUN_STARTED = pytest.StashKey[float]()  # when this run began executing tests (wall clock)
PREVIOUS_SIGTERM = pytest.StashKey[object]()

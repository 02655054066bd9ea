"""The run: one object per pytest process (a plain run, an xdist controller or a worker), built
once when the plugin configures, kept under the one config stash key (stash.RUN). Every fact
about the run has its home here: what it was given (settings, contract, role, target kind,
browser), what it owns (navigation counter, mutation guard, results, outage breaker), what the
selection told it, and what it started (the target, the roles' sessions). Only its own methods
change it: fixtures and hooks ask it for the target and the role states, they never store them
back."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import pytest

from contracts import Contract, Role
from harness.capture.mutation_guard import MutationGuard
from harness.capture.navigation_counter import NavigationCounter
from harness.plugin.outage import OutageBreaker
from harness.plugin.results_collector import ResultsCollector
from harness.plugin.role_auth import ExpiryWatch, mutations_refused
from harness.plugin.run_settings import RunSettings
from harness.targets.base import TargetError, TargetUsageError
from harness.targets.credentials import missing_for
from harness.targets.reference_process import TargetStartError
from harness.targets.registry import TARGET_KINDS, StartedTarget, TargetRequest
from harness.targets.role_states import RoleStates
from harness.targets.state_store import StateStore

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from harness.plugin.shards import ShardPlan
    from harness.targets.browser import BrowserChoice


@dataclass(eq=False)  # identity hash: pytest keeps plugins (the sub-plugins' owner) in sets
class CutoverRun:
    settings: RunSettings
    contract: Contract
    role: Role  # the role the static gates run as
    kind: str  # the target kind, resolved once from --target and --base-url
    base_url: str | None  # as the user gave it (--base-url, PYTEST_BASE_URL, ini), if at all
    browser: BrowserChoice | str  # the provisioned browser, or why there is none
    results: ResultsCollector
    guard: MutationGuard  # read-only unless --allow-mutations
    counter: NavigationCounter = field(default_factory=NavigationCounter)
    # The stop signals this process received. Raised inside a Playwright call, the
    # KeyboardInterrupt can be swallowed (it surfaces as a closed-target error in that test), so
    # the run also stops after the current test and is judged interrupted from this list.
    signalled: list[str] = field(default_factory=list)
    previous_sigterm: signal.Handlers | Callable[[int, FrameType | None], object] | int | None \
        = None  # the handler to put back at the end
    folder: Path | None = None  # this run's folder, on a controller that will run tests
    # What the selection says, once collected:
    a11y_routes: frozenset[str] = frozenset()  # routes whose accessibility tests were selected
    needed_roles: list[str] = field(default_factory=list)  # run role first
    shard_plan: ShardPlan | None = None
    # As the run goes:
    began: float | None = None  # when this run began executing tests (wall clock)
    summary: list[str] = field(default_factory=list)  # what the session's end has to say
    expiry_watch: ExpiryWatch = field(default_factory=ExpiryWatch)
    _started: StartedTarget | None = None
    _role_states: RoleStates | None = None
    _login_browser: Browser | None = None
    outage: OutageBreaker = field(init=False)

    def __post_init__(self) -> None:
        self.outage = OutageBreaker(lambda: self._started)

    @property
    def started(self) -> StartedTarget | None:
        """The target, once a test or the credentials check needed it; None before."""
        return self._started

    @property
    def role_states_if_built(self) -> RoleStates | None:
        return self._role_states

    def target(self) -> StartedTarget:
        """The target, built (for the reference kind: started) once and checked reachable; a
        target that cannot be used ends the run with one sentence."""
        if self._started is not None:
            return self._started
        try:
            started = self._build()
            started.target.check_reachable()
        except TargetUsageError as exc:
            pytest.exit(f"cutover: {exc}", returncode=4)
        except TargetStartError as exc:
            pytest.exit(f"cutover: {exc}", returncode=4 if exc.usage else 3)
        except TargetError as exc:
            pytest.exit(f"cutover: {exc}", returncode=3)
        built = started.target
        if self.settings.allow_mutations and not built.disposable:
            started.stop()
            pytest.exit(mutations_refused(built.name, built.base_url), returncode=4)
        self._started = started
        return started

    def stop_target(self) -> None:
        if self._started is not None:
            self._started.stop()

    def check_credentials(self, roles: list[str]) -> None:
        """On a url or kind target, every role the selected tests act as must have credentials,
        or the contract must say what selects it without a login: checked once, before any
        browser starts, in one sentence per role."""
        self.needed_roles = roles
        if self.kind == "reference":
            return
        target = self.target().target
        missing = missing_for(self.contract, target, roles, os.environ)
        if missing:
            lines = "\n".join(f"cutover: {m.sentence()}" for m in missing)
            pytest.exit(f"{lines}\n(no test ran: a role is never silently replaced by another)",
                        returncode=4)

    def role_states(self, browser: Browser) -> RoleStates:
        """Acting as roles: storage states per role, built once; every role the selected tests
        act as logs in here, before any test runs."""
        if self._role_states is not None:
            return self._role_states
        target = self.target().target
        states = RoleStates(self.contract, target,
                            StateStore(self.settings.auth_dir, target.base_url),
                            self.settings.timeout_ms, self.settings.run_dir / "artifacts")
        self._role_states, self._login_browser = states, browser
        if target.needs_login:
            for role in self.needed_roles:
                states.prepare(role, browser)  # RoleUnavailable: the fixture ends the run
        return states

    def log_in_again(self, role: str) -> str:
        """After a session expired mid-run: what logging in again as `role` did."""
        browser = self._login_browser
        if self._role_states is None or browser is None or not browser.is_connected():
            return "no browser to log in again with"
        return self._role_states.reauthenticate(role, browser)

    def secrets(self) -> list[str]:
        """Every credential this run may have seen, to keep out of what it writes. A process
        that never built role states (an xdist controller) reads the same environment and saved
        states its workers did."""
        started = self._started
        if started is None and self.kind != "reference":
            try:
                started = self._build()
            except TargetError:
                started = None
        found = [*started.target.secrets] if started else []
        states = self._role_states
        if states is None and started is not None and self.kind != "reference":
            states = RoleStates(self.contract, started.target,
                                StateStore(self.settings.auth_dir, started.target.base_url),
                                self.settings.timeout_ms, self.settings.run_dir)
        if states is not None:
            found += [*states.secrets, *states.session_secrets()]
        return found

    def _build(self) -> StartedTarget:
        settings = self.settings
        return TARGET_KINDS[self.kind].build(TargetRequest(
            base_url=self.base_url, log_dir=settings.run_dir, faults=settings.faults,
            latency=settings.latency, scale=settings.scale))

"""The pytest side of acting as roles on a target that needs a login: which roles the selected
tests act as (checked before any browser starts), and a test during which a session expired --
it fails with one sentence about the session, never with findings about the login page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from contracts import Journey, Role
from harness.checks.roles import RoleLimit
from harness.plugin.run_settings import RunSettings
from harness.plugin.secret_scrub import scrub
from harness.targets.role_states import Expiry, RoleStates


def roles_of(item: pytest.Item, run_role: Role) -> list[str]:
    """The roles a test acts as: a role entry's own, a journey's declared role, a role limit's
    role, else the run's role (static gates, lifecycle and cutover tests)."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    found = [p.id for p in params.values() if isinstance(p, Role)]
    found += [p.role for p in params.values() if isinstance(p, Journey) and p.role]
    found += [p.role.id for p in params.values() if isinstance(p, RoleLimit)]
    return found or [run_role.id]


def needed_roles(items: Iterable[pytest.Item], run_role: Role) -> list[str]:
    roles = [run_role.id]
    for item in items:
        roles += [r for r in roles_of(item, run_role) if r not in roles]
    return roles


class SessionExpiredError(AssertionError):
    """A test saw the login page where the product should be: its result is about the session,
    not the product."""


@dataclass
class ExpiryWatch:
    """Per test: expiries seen since it started, and the contract entries whose cached
    snapshots were taken on the login page (their other gates must not judge it either)."""

    tainted: set[str] = field(default_factory=set)

    def verdict(self, item: pytest.Item, states: RoleStates, since: int,
                reauth: dict[str, str]) -> str | None:
        entry = getattr(getattr(item, "callspec", None), "id", None)
        new: list[Expiry] = states.expiries[since:]
        if new:
            if entry:
                self.tainted.add(entry)
            first = new[0]
            done = reauth.get(first.role, "")
            return (f"session of role {first.role} expired mid-run: {first.requested} sent the "
                    f"browser to the login page; {done}. This result is not about the product.")
        if entry and entry in self.tainted:
            return (f"this entry's snapshot was taken after a session expired (the login page, "
                    f"not {entry}); not judged. This result is not about the product.")
        return None


def mutations_refused(name: str, base_url: str) -> str:
    return (f"cutover: --allow-mutations refused: target {name} at {base_url} is not marked "
            "disposable (for kind, set CUTOVER_KIND_DISPOSABLE=1 only for a throw-away cluster)")


def scrub_outputs(config: pytest.Config, settings: RunSettings, secrets: list[str]) -> None:
    """Mask every credential of this run in every file it wrote (see secret_scrub). Runs in
    each xdist worker and in the controller."""
    if not secrets:
        return
    roots = [settings.run_dir, Path(config.getoption("output", "test-results") or
                                        "test-results")]
    for option in ("xmlpath", "allure_report_dir"):
        value = config.getoption(option, default=None)
        if value:
            roots.append(Path(value))
    scrub([r for r in roots if r.exists()], secrets)

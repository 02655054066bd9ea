"""Which credentials each role has on a target, read from the environment variables the
contract's `auth` section (or the target's per-role storage-state variables) names; which roles
need none (an app without a login: a role selected by a cookie or header, or a one-role
contract's anonymous visitor) -- and, for a role with neither, the one sentence that says exactly
what to set or add."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from contracts import Contract, Selection
from harness.targets.base import Target


@dataclass(frozen=True)
class RoleCredentials:
    """A role's resolved credentials: a login pair, a token header, or a storage-state file."""

    role: str
    variables: tuple[str, ...]  # where they came from, for messages
    username: str | None = None
    password: str | None = None
    header: tuple[str, str] | None = None
    storage_state: Path | None = None

    @property
    def secrets(self) -> list[str]:
        found = [self.password or ""]
        if self.header:
            found.append(self.header[1])
        return [s for s in found if s]


@dataclass(frozen=True)
class MissingCredentials:
    role: str
    variables: tuple[str, ...]  # what to set (any one alternative is enough)
    where: str  # the contract line that declares the role's auth, or a hint
    instead: str = ""  # what the contract could declare instead, when it declares nothing

    def sentence(self) -> str:
        needed = " and ".join(self.variables) if self.variables else "(nothing declared)"
        also = f", {self.instead}" if self.instead else ""
        return f"role {self.role} has no credentials: set {needed} ({self.where}){also}"


@dataclass(frozen=True)
class NoLogin:
    """A role acted as without any credential: the app tells it apart by what `selection`
    sends, or (None) it is the anonymous visitor of a one-role contract."""

    role: str
    selection: Selection | None

    def describe(self) -> str:
        if self.selection is None:
            return "no login: the contract's only role, the anonymous visitor"
        return f"no login: selected by {self.selection}"


Resolved = RoleCredentials | NoLogin | MissingCredentials


def _what_to_add(contract: Contract, role: str) -> str:
    # Every way out in one sentence: nobody should have to guess which one this app needs.
    try:
        where = contract.source("auth").rsplit(":", 1)[0]
    except KeyError:  # no auth section yet
        where = str(contract.directory / "auth.yaml")
    return (f"or add to auth.roles in {where} its credentials' variable names "
            f"({role}: {{username_env: ..., password_env: ...}}) or, for an app without a "
            f"login, what selects it ({role}: {{selected_by: {{cookie_name: NAME}}}}, or "
            "header_name)")


def resolve_role(contract: Contract, target: Target, role: str,
                 env: Mapping[str, str]) -> Resolved:
    """The credentials of `role` on `target`: a ready storage-state file named by the target's
    per-role variables wins; else what the contract's `auth` section declares for the role (its
    selector when the app has no login); else, for a one-role contract without a login, none
    are needed."""
    is_default = role == contract.default_role.id
    for var in target.storage_state_variables(role, is_default):
        value = env.get(var, "")
        if value:
            return RoleCredentials(role, (var,), storage_state=Path(value))
    declared = contract.auth.roles.get(role)
    state_var = target.storage_state_variables(role, False)[0]
    if declared is None:
        anonymous = contract.anonymous_role
        if anonymous is not None and anonymous.id == role:
            return NoLogin(role, None)
        return MissingCredentials(role, (state_var,), "a Playwright storage-state file",
                                  _what_to_add(contract, role))
    if declared.selected_by is not None:
        return NoLogin(role, declared.selected_by.for_role(role))
    where = f"declared at {declared.source}"
    unset = tuple(v for v in declared.variables if not env.get(v))
    if unset:
        return MissingCredentials(role, unset, where)
    if declared.username_env and declared.password_env:
        return RoleCredentials(role, declared.variables, username=env[declared.username_env],
                               password=env[declared.password_env])
    if declared.token_header:
        return RoleCredentials(role, declared.variables,
                               header=(declared.token_header.name, env[declared.token_header.env]))
    assert declared.storage_state_env
    return RoleCredentials(role, declared.variables,
                           storage_state=Path(env[declared.storage_state_env]))


def missing_for(contract: Contract, target: Target, roles: list[str],
                env: Mapping[str, str]) -> list[MissingCredentials]:
    """The roles of `roles` (in order, once each) that have no credentials on `target`."""
    if not target.needs_login:
        return []
    seen: list[str] = []
    for role in roles:
        if role not in seen:
            seen.append(role)
    found = (resolve_role(contract, target, r, env) for r in seen)
    return [m for m in found if isinstance(m, MissingCredentials)]

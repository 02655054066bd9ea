"""Targets the suite can run against: one class, and the reference app's variant.

The suite itself never changes between targets; a target only says where the product is,
whether acting as a role needs that role's credentials, whether it may be mutated, and which
headers every context sends. `url` and `kind` are the same target with different defaults.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit


class TargetError(RuntimeError):
    """The target cannot be used as asked (unreachable, refused): exit 3."""


class TargetUsageError(TargetError):
    """The run was asked wrongly (no base URL, a malformed setting): a usage error, exit 4."""


def context_cookie(name: str, value: str, base_url: str) -> dict[str, Any]:
    """A cookie for a new context's storage state: the base URL's host, every path, this
    session only."""
    host = urlsplit(base_url).hostname or "localhost"
    return {"name": name, "value": value, "domain": host, "path": "/", "expires": -1,
            "httpOnly": False, "secure": False, "sameSite": "Lax"}


@dataclass
class Target:
    name: str
    base_url: str
    disposable: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # sent by every context (a gateway)
    http_credentials: dict[str, str] | None = None
    # Whether acting as a role is the contract's business (credentials, or what selects the role
    # in an app without a login). Only the reference target's default mode says no: it selects
    # the role by its own `role` cookie.
    needs_login: bool = True
    # Prefixes of the environment variables that may hold a ready storage state per role:
    # PREFIX + "STORAGE_STATE_<ROLE>" (e.g. CUTOVER_STORAGE_STATE_USER).
    env_prefixes: tuple[str, ...] = ("CUTOVER_",)

    def __post_init__(self) -> None:
        # Credentials in the URL go to the browser as HTTP credentials, never into the URL
        # that findings, reports and artifacts repeat.
        parts = urlsplit(self.base_url)
        if parts.username or parts.password:
            self.http_credentials = {"username": unquote(parts.username or ""),
                                     "password": unquote(parts.password or "")}
            host = parts.hostname or ""
            netloc = f"{host}:{parts.port}" if parts.port else host
            self.base_url = urlunsplit(parts._replace(netloc=netloc))

    @property
    def secrets(self) -> list[str]:
        """Values that must never appear in a report."""
        found = [v for v in self.headers.values() if v]
        if self.http_credentials and self.http_credentials.get("password"):
            found.append(self.http_credentials["password"])
        return found

    def context_args(self, role: str | None = None) -> dict[str, Any]:
        """Browser-context arguments every context on this target gets (whatever its role)."""
        args: dict[str, Any] = {}
        if self.headers:
            args["extra_http_headers"] = dict(self.headers)
        if self.http_credentials:
            args["http_credentials"] = dict(self.http_credentials)
        return args

    def storage_state_variables(self, role: str, is_default: bool) -> list[str]:
        """Environment variables that may name a ready storage-state file for `role`. The
        role-less one counts for the contract's default role only: one file never stands in
        for every role (that ran `user` journeys as an admin, and passed)."""
        names = [f"{p}STORAGE_STATE_{role.upper()}" for p in self.env_prefixes]
        if is_default:
            names += [f"{p}STORAGE_STATE" for p in self.env_prefixes]
        return names

    def role_cookies(self, role: str | None) -> list[dict[str, str]]:
        return []

    def describe(self) -> str:
        return f"{self.name} at {self.base_url}" + (" (disposable)" if self.disposable else "")

    def check_reachable(self, timeout_s: float = 5.0) -> None:
        """Fail fast, with one clear sentence, when nothing answers at the base URL."""
        request = urllib.request.Request(self.base_url, method="GET", headers=self.headers)
        if self.http_credentials:
            import base64

            pair = f"{self.http_credentials['username']}:{self.http_credentials['password']}"
            request.add_header("Authorization",
                               "Basic " + base64.b64encode(pair.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=timeout_s):
                return
        except urllib.error.HTTPError:
            return  # it answered; status codes are the checks' business
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TargetError(
                f"target {self.name} is unreachable at {self.base_url}: {reason}"
            ) from None


@dataclass
class ReferenceTarget(Target):
    """The embedded reference app in its default mode: roles by a `role` cookie, always
    disposable. (Its login mode is tested as what it imitates: a `url` target.)"""

    needs_login: bool = False

    def role_cookies(self, role: str | None) -> list[dict[str, str]]:
        return [{"name": "role", "value": role, "url": self.base_url}] if role else []


def _header_from_env(env_names: tuple[str, ...]) -> dict[str, str]:
    for var in env_names:
        raw = os.environ.get(var, "")
        if not raw:
            continue
        name, sep, value = raw.partition(":")
        if not sep or not name.strip():
            raise TargetUsageError(f"{var} must look like 'Header-Name: value'")
        return {name.strip(): value.strip()}
    return {}


@dataclass(frozen=True)
class RemoteProfile:
    """What tells one remote kind from another: only defaults and the names it reads. Both
    take the same auth (the contract's `auth` section, per-role storage states, a header)."""

    name: str
    base_url_vars: tuple[str, ...]  # environment variables holding the base URL, in order
    env_prefixes: tuple[str, ...]  # CUTOVER_ always; kind also reads its CUTOVER_KIND_ names
    missing_url: str  # the usage sentence when no base URL is given


URL_PROFILE = RemoteProfile(
    "url", (), ("CUTOVER_",),
    "--target url needs --base-url (or PYTEST_BASE_URL, or base_url in the ini file)")
KIND_PROFILE = RemoteProfile(
    "kind", ("CUTOVER_KIND_BASE_URL",), ("CUTOVER_", "CUTOVER_KIND_"),
    "--target kind needs a base URL: set CUTOVER_KIND_BASE_URL or pass --base-url")


def remote_target(profile: RemoteProfile, base_url: str | None) -> Target:
    """A deployed product. Never disposable unless CUTOVER_DISPOSABLE=1 (for kind also
    CUTOVER_KIND_DISPOSABLE=1) says so explicitly."""
    url = base_url or next((os.environ[v] for v in profile.base_url_vars
                            if os.environ.get(v)), None)
    if not url:
        raise TargetUsageError(profile.missing_url)
    disposable = any(os.environ.get(f"{p}DISPOSABLE", "") == "1" for p in profile.env_prefixes)
    return Target(
        name=profile.name,
        base_url=url.rstrip("/"),
        disposable=disposable,
        headers=_header_from_env(tuple(f"{p}AUTH_HEADER" for p in profile.env_prefixes)),
        env_prefixes=profile.env_prefixes,
    )


def kind_target(base_url: str | None) -> Target:
    return remote_target(KIND_PROFILE, base_url)


def url_target(base_url: str | None) -> Target:
    return remote_target(URL_PROFILE, base_url)

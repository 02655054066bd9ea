"""Targets the suite can run against: small classes with one common base.

The suite itself never changes between targets; a target only says where the product is, how to
act as a role, whether it may be mutated, and how to authenticate.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit


class TargetError(RuntimeError):
    pass


@dataclass
class Target:
    name: str
    base_url: str
    disposable: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    storage_state: str | None = None
    http_credentials: dict[str, str] | None = None

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

    def context_args(self, role: str | None) -> dict[str, Any]:
        """Extra browser-context arguments for acting as `role` on this target."""
        args: dict[str, Any] = {}
        if self.headers:
            args["extra_http_headers"] = dict(self.headers)
        if self.http_credentials:
            args["http_credentials"] = dict(self.http_credentials)
        state = self.storage_state_for(role)
        if state:
            args["storage_state"] = state
        return args

    def storage_state_for(self, role: str | None) -> str | None:
        return self.storage_state

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
    """The embedded reference app: roles by a `role` cookie, always disposable."""

    def role_cookies(self, role: str | None) -> list[dict[str, str]]:
        return [{"name": "role", "value": role, "url": self.base_url}] if role else []


@dataclass
class KindTarget(Target):
    """The product deployed in kind. Authentication per role comes from a Playwright
    storage-state file (CUTOVER_KIND_STORAGE_STATE, or CUTOVER_KIND_STORAGE_STATE_<ROLE>) or a
    header (CUTOVER_KIND_AUTH_HEADER="Name: value"). Not disposable unless
    CUTOVER_KIND_DISPOSABLE=1 says so explicitly."""

    def storage_state_for(self, role: str | None) -> str | None:
        if role:
            per_role = os.environ.get(f"CUTOVER_KIND_STORAGE_STATE_{role.upper()}")
            if per_role:
                return per_role
        return self.storage_state


def _header_from_env(var: str) -> dict[str, str]:
    raw = os.environ.get(var, "")
    if not raw:
        return {}
    name, sep, value = raw.partition(":")
    if not sep or not name.strip():
        raise TargetError(f"{var} must look like 'Header-Name: value'")
    return {name.strip(): value.strip()}


def kind_target(base_url: str | None) -> KindTarget:
    url = base_url or os.environ.get("CUTOVER_KIND_BASE_URL")
    if not url:
        raise TargetError(
            "--target kind needs a base URL: set CUTOVER_KIND_BASE_URL or pass --base-url"
        )
    state = os.environ.get("CUTOVER_KIND_STORAGE_STATE") or None
    if state and not Path(state).is_file():
        raise TargetError(f"CUTOVER_KIND_STORAGE_STATE={state} is not a file")
    return KindTarget(
        name="kind",
        base_url=url.rstrip("/"),
        disposable=os.environ.get("CUTOVER_KIND_DISPOSABLE", "") == "1",
        headers=_header_from_env("CUTOVER_KIND_AUTH_HEADER"),
        storage_state=state,
    )


def url_target(base_url: str | None) -> Target:
    if not base_url:
        raise TargetError("--target url needs --base-url (or PYTEST_BASE_URL, or base_url in "
                          "the ini file)")
    return Target(
        name="url",
        base_url=base_url.rstrip("/"),
        headers=_header_from_env("CUTOVER_AUTH_HEADER"),
    )

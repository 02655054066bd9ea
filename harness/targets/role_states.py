"""Acting as a role on a target: the browser-context arguments for each role, logging in on
demand (and reusing saved states while valid), and noticing when a session expires mid-run. In
an app without a login a role is acted as by sending what selects it (a cookie or a header the
contract names), or -- the only role of a one-role contract -- by sending nothing.

One object per run, shared by `cutover auth` and the pytest session. It never falls back to
another role: a role without credentials is an error naming the role and what to set."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, BrowserContext, Response
from playwright.sync_api import Error as PlaywrightError

from contracts import Contract, Selection
from harness.targets.base import Target, context_cookie
from harness.targets.credentials import (
    MissingCredentials,
    NoLogin,
    RoleCredentials,
    missing_for,
    resolve_role,
)
from harness.targets.login import LoginFailed, form_login
from harness.targets.state_store import StateStore, fingerprint


class RoleUnavailable(Exception):
    """A role cannot be acted as: its credentials are missing or its login failed."""


@dataclass(frozen=True)
class Expiry:
    role: str
    requested: str  # the URL that was sent to the login page


@dataclass(frozen=True)
class RoleStatus:
    role: str
    ready: bool
    how: str  # "reused .auth/...", "logged in", "storage state from X", or why not


@dataclass
class RoleStates:
    contract: Contract
    target: Target
    store: StateStore
    timeout_ms: float
    screenshots: Path  # where a failed login leaves its picture
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    expiries: list[Expiry] = field(default_factory=list)
    reauthenticated: set[str] = field(default_factory=set)
    _states: dict[str, dict[str, Any] | str] = field(default_factory=dict)
    _failed: dict[str, str] = field(default_factory=dict)
    _contexts: dict[str, list[BrowserContext]] = field(default_factory=dict)

    # -- what is known without a browser -------------------------------------------------------
    def missing(self, roles: list[str]) -> list[MissingCredentials]:
        return missing_for(self.contract, self.target, roles, self.env)

    @property
    def secrets(self) -> list[str]:
        """Every credential value this run may use: masked wherever reports are written."""
        found = list(self.target.secrets)
        for role in self.contract.roles:
            resolved = resolve_role(self.contract, self.target, role.id, self.env)
            if isinstance(resolved, RoleCredentials):
                found += resolved.secrets  # passwords and tokens; a username is not one
        return found

    def session_secrets(self) -> list[str]:
        """Cookie values of the storage states in use: a session token is a credential too."""
        found: list[str] = []
        saved = sorted(p for p in self.store.folder.glob("*.json")
                       if not p.name.endswith(".meta.json")) if self.store.folder.is_dir() else []
        for state in [*self._states.values(), *(str(p) for p in saved)]:
            try:
                data = json.loads(Path(state).read_text()) if isinstance(state, str) else state
            except (OSError, ValueError):
                continue
            found += [str(c.get("value", "")) for c in data.get("cookies", [])
                      if len(str(c.get("value", ""))) >= 8]
        return found

    # -- acting as a role ----------------------------------------------------------------------
    def context_args(self, role: str, browser: Browser) -> dict[str, Any]:
        """Arguments for a new context acting as `role` (logging in first when needed)."""
        args = self.target.context_args()
        if not self.target.needs_login:
            return args
        found = self._resolved(role)
        if isinstance(found, NoLogin):
            return self._selecting(args, found.selection)
        creds = found
        if creds.header:
            headers = {**args.get("extra_http_headers", {}), creds.header[0]: creds.header[1]}
            args["extra_http_headers"] = headers
            return args
        args["storage_state"] = self.state(role, browser)
        return args

    def _selecting(self, args: dict[str, Any], selection: Selection | None) -> dict[str, Any]:
        # Not a credential: neither kept with the storage states nor masked in reports.
        if selection is None:
            return args
        if selection.kind == "header":
            args["extra_http_headers"] = {**args.get("extra_http_headers", {}),
                                          selection.name: selection.value}
        else:
            cookie = context_cookie(selection.name, selection.value, self.target.base_url)
            args["storage_state"] = {"cookies": [cookie], "origins": []}
        return args

    def needs_browser(self, role: str) -> bool:
        """Whether getting ready to act as `role` takes a browser (a form login)."""
        found = resolve_role(self.contract, self.target, role, self.env)
        return (isinstance(found, RoleCredentials) and found.header is None
                and found.storage_state is None)

    def prepare(self, role: str, browser: Browser) -> None:
        """Be ready to act as `role` before any test runs: log in now when it logs in.
        Raises RoleUnavailable with one sentence when it cannot be acted as."""
        found = self._resolved(role)
        if isinstance(found, RoleCredentials) and found.header is None:
            self.state(role, browser)

    def state(self, role: str, browser: Browser | None,
              fresh: bool = False) -> dict[str, Any] | str:
        """The storage state of `role`: a file it names, a saved one still valid, or a new
        login. Raises RoleUnavailable with one sentence when none can be had."""
        if role in self._failed:
            raise RoleUnavailable(self._failed[role])
        if role in self._states and not fresh:
            return self._states[role]
        creds = self._credentials(role)
        if creds.storage_state is not None:
            if not creds.storage_state.is_file():
                self._fail(role, f"role {role}: {creds.variables[0]}={creds.storage_state} is "
                                 "not a file")
            self._states[role] = str(creds.storage_state)
            return self._states[role]
        if browser is None:  # a caller that asked needs_browser() first never gets here
            raise RoleUnavailable(f"role {role}: logging in needs a browser")
        self._states[role] = str(self._login(role, creds, browser, fresh))
        return self._states[role]

    def _resolved(self, role: str) -> RoleCredentials | NoLogin:
        resolved = resolve_role(self.contract, self.target, role, self.env)
        if isinstance(resolved, MissingCredentials):
            self._fail(role, resolved.sentence())
        assert not isinstance(resolved, MissingCredentials)
        return resolved

    def _credentials(self, role: str) -> RoleCredentials:
        resolved = self._resolved(role)
        if isinstance(resolved, NoLogin):  # nothing to log in with: a caller's mistake
            self._fail(role, f"role {role} has no login ({resolved.describe()})")
        assert isinstance(resolved, RoleCredentials)
        return resolved

    def _login(self, role: str, creds: RoleCredentials, browser: Browser, fresh: bool) -> Path:
        form = self.contract.auth.login
        assert creds.username is not None and creds.password is not None
        if form is None:  # lint refuses this contract; a hand-built one still gets a sentence
            self._fail(role, f"role {role} has a username and password but the contract's auth "
                             "section has no login form")
        assert form is not None
        made_by = fingerprint(creds.username, creds.password, form.url)
        if not fresh:
            saved = self.store.valid(role, made_by, self.contract.auth.reuse_for)
            if saved is not None:
                return saved
        try:
            state = form_login(browser, self.target.base_url, form, role, creds.username,
                               creds.password, self.timeout_ms, self.target.context_args(),
                               self.screenshots / f"login-{role}.png")
        except LoginFailed as exc:
            self._fail(role, f"role {role}: {exc} (check {' and '.join(creds.variables)})")
        return self.store.save(role, state, made_by)

    def _fail(self, role: str, sentence: str) -> None:
        self._failed[role] = sentence
        raise RoleUnavailable(sentence)

    def status(self, role: str, browser: Browser | None, fresh: bool = False) -> RoleStatus:
        """Ready or not, and how: what `cutover auth` prints per role. `browser` may be None
        when no role asked for needs one (see needs_browser)."""
        creds = resolve_role(self.contract, self.target, role, self.env)
        if isinstance(creds, MissingCredentials):
            return RoleStatus(role, False, creds.sentence())
        if isinstance(creds, NoLogin):
            return RoleStatus(role, True, creds.describe())
        if creds.header:
            return RoleStatus(role, True, f"token header {creds.header[0]} from "
                                          f"{creds.variables[0]}")
        reused = (creds.storage_state is None and not fresh and self.contract.auth.login
                  is not None and creds.username is not None and creds.password is not None
                  and self.store.valid(role, fingerprint(creds.username, creds.password,
                                                         self.contract.auth.login.url),
                                       self.contract.auth.reuse_for) is not None)
        try:
            where = self.state(role, browser, fresh=fresh)
        except RoleUnavailable as exc:
            return RoleStatus(role, False, str(exc))
        if creds.storage_state is not None:
            return RoleStatus(role, True, f"storage state from {creds.variables[0]}")
        return RoleStatus(role, True, f"{'reused' if reused else 'logged in, saved'} {where}")

    # -- sessions that end mid-run -------------------------------------------------------------
    def watch(self, context: BrowserContext, role: str) -> None:
        """Notice a page of `context` landing on the login page: the session of `role` ended.
        Only contexts that logged in are watched (nothing to notice on the reference app)."""
        form = self.contract.auth.login
        if not self.target.needs_login or form is None:
            return
        if isinstance(resolve_role(self.contract, self.target, role, self.env), NoLogin):
            return  # no session to expire: the login page is then the product's own answer
        self._contexts.setdefault(role, []).append(context)
        login_path = form.url
        origin = urlsplit(self.target.base_url).netloc

        def on_response(response: Response) -> None:
            # The app sent a page (a navigation, or a client-side swap that fetches HTML) to the
            # login page, or refused a request of ours as unauthenticated.
            parts = urlsplit(response.url)
            if parts.netloc != origin:
                return
            if parts.path == login_path:
                wanted = parse_qs(parts.query).get("next", [""])[0]
                self.expiries.append(Expiry(role, wanted or response.url))
            elif response.status == 401:
                self.expiries.append(Expiry(role, response.url))

        context.on("response", on_response)

    def reauthenticate(self, role: str, browser: Browser) -> str:
        """Log `role` in again, once per run, and give its open contexts the new session.
        Returns what happened, for the failing test's message."""
        if role in self.reauthenticated:
            return (f"its session had already been renewed once in this run; not again (raise "
                    f"the product's session lifetime, or run fewer tests as {role})")
        self.reauthenticated.add(role)
        self._states.pop(role, None)
        try:
            state = self.state(role, browser, fresh=True)
        except RoleUnavailable as exc:
            return f"logging in again failed: {exc}"
        cookies = (json.loads(Path(state).read_text()) if isinstance(state, str)
                   else state).get("cookies", [])
        for context in self._contexts.get(role, []):
            try:
                context.clear_cookies()
                context.add_cookies(cookies)
            except PlaywrightError:  # closed since: the next context gets the new state anyway
                continue
        return f"logged {role} in again; the tests after this one use the new session"

"""Browser-context arguments that make a context act as a role on a target (its cookie, saved
state, token header or selector) and set the V3 flag: plain functions the fixtures and the
interactive pages share."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from contracts import V3Flag
from harness.targets.base import Target, context_cookie
from harness.targets.role_states import RoleStates, RoleUnavailable

# Per-test contexts are what pytest-playwright's artifacts need; otherwise one context per role
# serves every interactive test, which saves a context start (~0.2 s) per test.
_PER_TEST_OPTIONS = (("tracing", "off"), ("video", "off"))

NewContext = Callable[..., BrowserContext]  # (role, guarded=False, flag=None) -> a context
PageFor = Callable[[str], Page]


def role_context_args(target: Target, role: str | None, base: dict[str, Any],
                      states: RoleStates | None = None, browser: Browser | None = None
                      ) -> dict[str, Any]:
    """Context arguments that make the browser act as `role` on `target`: its role cookie on
    the reference target, everywhere else what the contract says: its own storage state, token
    header, or (an app without a login) the cookie or header that selects it."""
    args = {**base, **target.context_args(role)}
    if target.needs_login and role is not None:
        if states is None or browser is None:
            raise RoleUnavailable(f"role {role}: no credentials were set up for this context")
        try:
            return {**base, **states.context_args(role, browser)}
        except RoleUnavailable as exc:
            pytest.fail(str(exc), pytrace=False)
    cookies = target.role_cookies(role)
    if cookies and "storage_state" not in args:
        args["storage_state"] = {"cookies": [_cookie(c) for c in cookies], "origins": []}
    return args


def with_v3_flag(args: dict[str, Any], flag: V3Flag, value: str, target: Target
                 ) -> dict[str, Any]:
    """Context arguments that set the V3 flag (cookie or header) to `value`; a query flag is
    added to URLs instead."""
    args = dict(args)
    if flag.mechanism == "cookie":
        state = args.get("storage_state") or {"cookies": [], "origins": []}
        if not isinstance(state, dict):  # a storage-state file (kind): add to its contents
            state = json.loads(Path(state).read_text())
        state = dict(state)
        cookie = _cookie({"name": flag.name, "value": value, "url": target.base_url})
        state["cookies"] = [*state.get("cookies", []), cookie]
        args["storage_state"] = state
    elif flag.mechanism == "header":
        args["extra_http_headers"] = {**args.get("extra_http_headers", {}), flag.name: value}
    return args


def _cookie(c: dict[str, str]) -> dict[str, Any]:
    return context_cookie(c["name"], c["value"], c["url"])

"""A pytest plugin for the child run of test_session_expiry: after the Nth test it ends every
session on the login-mode reference target (its /__expire-sessions control endpoint), as a
product's session timeout would in the middle of a long run."""

from __future__ import annotations

import os
import urllib.request

import pytest

AFTER = int(os.environ.get("EXPIRE_SESSIONS_AFTER", "3"))
_seen = {"tests": 0, "done": False}


def pytest_runtest_teardown(item: pytest.Item) -> None:
    _seen["tests"] += 1
    if _seen["tests"] == AFTER and not _seen["done"]:
        _seen["done"] = True
        base = item.config.getoption("base_url")
        request = urllib.request.Request(f"{base}/__expire-sessions", method="POST")
        with urllib.request.urlopen(request, timeout=5):
            pass

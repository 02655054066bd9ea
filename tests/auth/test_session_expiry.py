"""A session that ends mid-run (the product's timeout, a restart): the test that meets the login
page fails with one sentence about the session -- never with findings about the login page as
if it were the product's -- the role logs in again once, and the tests after it pass."""

from __future__ import annotations

import json
import re

import pytest

from tests.auth.support import credentials_env, run_suite

pytestmark = pytest.mark.long_run(25)


def test_an_expired_session_is_renewed_once_and_never_judged_as_the_product(login_url,
                                                                           tmp_path):
    env = {**credentials_env(), "EXPIRE_SESSIONS_AFTER": "2"}
    done = run_suite(login_url, tmp_path / ".auth", tmp_path, env, "suites/navigation",
                     "-k", "storage and (test_route_live or test_shell_containment or "
                     "test_journey)", "-p", "tests.auth.expire_midrun")
    rows = [row for path in tmp_path.glob("runs/*/results/results-*.json")
            for row in json.loads(path.read_text())["results"]]
    failed = [r for r in rows if r["outcome"] in ("failed", "error")]
    passed = [r for r in rows if r["outcome"] == "passed"]
    assert failed, f"sessions were ended after the 2nd test; nothing noticed:\n{done.out[-2000:]}"
    for row in failed:
        assert row["messages"] and row["messages"][0].startswith(
            ("session of role", "this entry's snapshot was taken after a session expired")), row
        assert "This result is not about the product." in row["messages"][0]
    assert any("logged platform_admin in again" in r["messages"][0] for r in failed), failed
    assert not any("/login" in m and "expected" in m for r in rows for m in r["messages"])
    assert len(passed) > 2, "the run went on with the renewed session"
    assert re.search(r"\d+ failed", done.out)

"""Apps without a login, end to end against the reference target in its cookie mode, run as a
user runs the suite (`pytest ... --target=url --base-url URL`, no CUTOVER_* variable set): one
role and no auth section needs nothing; several roles run as themselves when the contract says
which cookie selects each; a role nothing selects stops the run before any test, naming it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from contracts import lint_contract
from tests.auth.support import (
    COOKIE_SELECTORS,
    cutover_auth,
    one_role_copy,
    result_rows,
    run_as_a_user,
    v3_copy,
)

pytestmark = pytest.mark.long_run(45)

RAN = re.compile(r"\d+ (passed|failed)")  # pytest's summary of tests that ran
ROLES = ("user", "project_admin", "platform_admin")


def test_a_one_role_app_without_login_runs_with_no_credentials(reference_url, tmp_path):
    contracts = one_role_copy(tmp_path / "one-role")
    assert lint_contract(contracts).ok
    done = run_as_a_user(reference_url, contracts, tmp_path / "reports",
                         "suites/navigation/test_static_gates.py")
    assert done.returncode == 0, done.out[-3000:]
    assert "INTERNALERROR" not in done.out and "Traceback" not in done.out
    outcomes = Counter(row["outcome"] for row in result_rows(tmp_path / "reports"))
    assert outcomes["passed"] > 0 and set(outcomes) <= {"passed", "skipped"}, outcomes
    assert outcomes["passed"] > outcomes["skipped"]  # the gates ran, they were not skipped


def test_roles_selected_by_a_cookie_run_as_themselves(reference_url, tmp_path):
    contracts = v3_copy(tmp_path / "by-cookie", COOKIE_SELECTORS)
    assert lint_contract(contracts).ok and not lint_contract(contracts).warnings
    done = run_as_a_user(reference_url, contracts, tmp_path / "reports",
                         "suites/navigation/test_roles.py")
    assert done.returncode == 0, done.out[-3000:]
    # Each role lands on its own page with its own global nav: without its cookie the
    # reference target would show user and project_admin the platform admin's.
    rows = result_rows(tmp_path / "reports")
    for test in ("test_role_landing", "test_global_nav"):
        outcomes = {r["subject"]: r["outcome"] for r in rows if r["test"] == test}
        assert outcomes == dict.fromkeys(ROLES, "passed"), (test, outcomes)


def test_cutover_auth_says_how_each_role_is_selected_without_a_browser(reference_url,
                                                                      tmp_path):
    contracts = v3_copy(tmp_path / "by-cookie", COOKIE_SELECTORS)
    done = cutover_auth(reference_url, tmp_path / ".auth", tmp_path, {},
                        f"--contracts={contracts}")
    assert done.returncode == 0, done.out
    assert "user: ready — no login: selected by cookie role=user" in done.out
    assert "3 of 3 roles ready" in done.out
    assert not (tmp_path / ".auth").exists()  # no login, no storage state


def test_a_role_nothing_selects_stops_the_run_naming_it(reference_url, tmp_path):
    contracts = v3_copy(tmp_path / "one-missing", COOKIE_SELECTORS.replace(
        "    project_admin: {selected_by: {cookie_name: role}}\n", ""))
    done = run_as_a_user(reference_url, contracts, tmp_path / "reports",
                         "suites/navigation/test_roles.py")
    assert done.returncode == 4, done.out[-3000:]
    lines = [line for line in done.out.splitlines() if "has no credentials" in line]
    assert len(lines) == 1, lines
    assert "role project_admin has no credentials: set CUTOVER_STORAGE_STATE_PROJECT_ADMIN" \
        in lines[0]
    assert "project_admin: {selected_by: {cookie_name: NAME}}" in lines[0]
    assert "a role is never silently replaced by another" in done.out
    assert not RAN.search(done.out) and "Traceback" not in done.out


def test_several_roles_without_auth_stop_the_run_with_a_line_per_role(reference_url, tmp_path):
    contracts = v3_copy(tmp_path / "no-auth", None)
    done = run_as_a_user(reference_url, contracts, tmp_path / "reports",
                         "suites/navigation/test_roles.py")
    assert done.returncode == 4, done.out[-3000:]
    for role in ROLES:
        assert re.search(rf"role {role} has no credentials: set "
                         rf"CUTOVER_STORAGE_STATE_{role.upper()} .*{role}: {{selected_by: ",
                         done.out), role
    assert not RAN.search(done.out)

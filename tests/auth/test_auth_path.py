"""The whole auth path against the reference target's login mode, as a product team's CI runs
it: `cutover auth`, a default run with per-role storage states, a missing and a wrong credential
(each stops the run before any test, naming the role and the variable), and no planted secret in
any file the run wrote."""

from __future__ import annotations

import json
import re
import stat
import zipfile
from pathlib import Path

import pytest

from tests.auth.support import (
    GATEWAY_HEADER,
    PASSWORDS,
    credentials_env,
    cutover_auth,
    run_suite,
)

pytestmark = pytest.mark.long_run(65)

RAN = re.compile(r"\d+ (passed|failed)")  # pytest's summary of tests that ran
# A short default run: some of the storage family's navigation gates, its journeys (as `user`)
# and every role's landing (which the login-mode target decides from the session: it proves the
# role acted as itself).
FAMILY = ("suites/navigation", "-k",
          "(storage and (test_route_live or test_journey or test_back_link)) or test_role_landing")


def test_cutover_auth_says_which_roles_are_ready_and_why_the_others_are_not(login_url,
                                                                             tmp_path):
    env = credentials_env()
    del env["CUTOVER_PROJECT_ADMIN_PASSWORD"]
    env["CUTOVER_PLATFORM_ADMIN_PASSWORD"] = "wrong-password"
    done = cutover_auth(login_url, tmp_path / ".auth", tmp_path, env)
    assert done.returncode == 1, done.out
    assert "user: ready — logged in, saved" in done.out
    assert ("project_admin: NOT READY — role project_admin has no credentials: set "
            "CUTOVER_PROJECT_ADMIN_PASSWORD (declared at ") in done.out
    assert ("platform_admin: NOT READY — role platform_admin: login failed at step 'wait for "
            "success': still on /login: 'Invalid username or password.'") in done.out
    assert "check CUTOVER_PLATFORM_ADMIN_USERNAME and CUTOVER_PLATFORM_ADMIN_PASSWORD" in done.out
    assert (tmp_path / "artifacts" / "login-platform_admin.png").stat().st_size > 0
    assert "wrong-password" not in done.out

    ready = cutover_auth(login_url, tmp_path / ".auth", tmp_path, credentials_env())
    assert ready.returncode == 0, ready.out
    assert "user: ready — reused" in ready.out  # still valid: no second login
    assert "platform_admin: ready — logged in, saved" in ready.out
    assert "3 of 3 roles ready" in ready.out
    states = sorted((tmp_path / ".auth").rglob("*.json"))
    assert states and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in states)


def test_a_missing_credential_stops_the_run_before_any_test(login_url, tmp_path):
    env = credentials_env()
    del env["CUTOVER_USER_PASSWORD"]  # the `user` role's landing is among the selected tests
    done = run_suite(login_url, tmp_path / ".auth", tmp_path, env, *FAMILY)
    assert done.returncode == 4, done.out
    assert "role user has no credentials: set CUTOVER_USER_PASSWORD" in done.out
    assert "a role is never silently replaced by another" in done.out
    assert not RAN.search(done.out) and "Traceback" not in done.out


def test_a_wrong_password_stops_the_run_before_any_test(login_url, tmp_path):
    env = {**credentials_env(), "CUTOVER_USER_PASSWORD": "not-the-password"}
    done = run_suite(login_url, tmp_path / ".auth", tmp_path, env, *FAMILY)
    assert done.returncode == 3, done.out
    assert "role user: login failed at step 'wait for success'" in done.out
    assert "check CUTOVER_USER_USERNAME and CUTOVER_USER_PASSWORD" in done.out
    assert not RAN.search(done.out) and "Traceback" not in done.out


def _every_file(roots: list[Path]) -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    for root in roots:
        for path in (p for p in root.rglob("*") if p.is_file()):
            if path.suffix == ".zip":  # Playwright traces: read every entry
                with zipfile.ZipFile(path) as zipped:
                    files += [(f"{path}!{n}", zipped.read(n)) for n in zipped.namelist()]
            else:
                files.append((str(path), path.read_bytes()))
    return files


def test_per_role_states_run_and_no_secret_reaches_any_output(login_url, tmp_path):
    auth, results, output = tmp_path / ".auth", tmp_path / "reports", tmp_path / "test-results"
    junit, allure = results / "junit.xml", results / "allure-results"
    done = run_suite(login_url, auth, results, credentials_env(), *FAMILY, "--readiness",
                     f"--junitxml={junit}", f"--alluredir={allure}", f"--output={output}",
                     "--tracing=on")
    assert done.returncode == 0, done.out[-3000:]
    assert RAN.search(done.out) and not re.search(r"\d+ failed", done.out)
    # each role acted as itself: the login-mode target lands each session on its own page
    rows = [row for path in results.glob("runs/*/results/results-*.json")
            for row in json.loads(path.read_text())["results"]]
    landings = {r["subject"]: r["outcome"] for r in rows if r["test"] == "test_role_landing"}
    assert landings == dict.fromkeys(PASSWORDS, "passed"), landings
    planted = [*PASSWORDS.values(), GATEWAY_HEADER[1]]
    planted += [c["value"] for p in auth.rglob("*.json") if not p.name.endswith("meta.json")
                for c in json.loads(p.read_text())["cookies"]]
    written = _every_file([results, output])
    assert any(name.endswith(".trace") or "trace" in name for name, _ in written), \
        "the run was asked for traces"
    # traces record headers and cookies verbatim: the masks prove there was something to hide
    assert any(b"***" in data for name, data in written if ".zip!" in name)
    leaks = [(name, secret) for name, data in written for secret in planted
             if secret.encode() in data]
    assert not leaks, leaks[:5]


def test_a_missing_base_url_is_a_usage_error(tmp_path):
    import subprocess
    import sys

    from tests.auth.support import ROOT, clean_env

    for target in ("url", "kind"):
        done = subprocess.run(
            [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", f"--target={target}",
             f"--results-dir={tmp_path}", "-q", "-p", "no:cacheprovider",
             "suites/navigation/test_roles.py", "-k", "landing"],
            cwd=ROOT, env=clean_env({}), capture_output=True, text=True, timeout=300,
            check=False)
        assert done.returncode == 4, done.stdout + done.stderr
        assert f"--target {target} needs" in done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr

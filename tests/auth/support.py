"""The reference target in its form-login mode, the credentials planted for it, and a way to run
the cutover suite or `cutover auth` against it as a product team's CI would (a `url` target);
and copies of the V3 contract describing an app without a login (one anonymous role, or roles
selected by a cookie), run as a user would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]

# Planted secrets: distinctive, so a grep of the outputs finds any copy of them.
PASSWORDS = {"user": "pw-user-Q7kz9Xs1", "project_admin": "pw-proj-W3nd8Lr2",
             "platform_admin": "pw-plat-Z5hq2Mv4"}
GATEWAY_HEADER = ("X-Gateway-Token", "gw-tok-planted-Y8c1Rb6")


def credentials_env(passwords: dict[str, str] = PASSWORDS) -> dict[str, str]:
    """The environment a CI job gives the suite: one username and password per role, the
    variable names the V3 contract's auth.yaml declares."""
    env = {}
    for role, password in passwords.items():
        env[f"CUTOVER_{role.upper()}_USERNAME"] = role
        env[f"CUTOVER_{role.upper()}_PASSWORD"] = password
    env["CUTOVER_AUTH_HEADER"] = f"{GATEWAY_HEADER[0]}: {GATEWAY_HEADER[1]}"
    return env


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CUTOVER_", "PYTEST_BASE_URL", "GITHUB_"))}
    return {**env, **extra}


@dataclass
class Done:
    returncode: int
    out: str


def cutover_auth(url: str, auth_dir: Path, results: Path, env: dict[str, str],
                 *args: str) -> Done:
    cmd = [sys.executable, "-m", "harness.cli", "auth", "--target", "url", "--base-url", url,
           "--auth-dir", str(auth_dir), "--results-dir", str(results), *args]
    done = subprocess.run(cmd, cwd=ROOT, env=clean_env(env), capture_output=True, text=True,
                          timeout=120, check=False)
    return Done(done.returncode, done.stdout + done.stderr)


def run_suite(url: str, auth_dir: Path, results: Path, env: dict[str, str],
              *args: str) -> Done:
    cmd = [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "--target=url",
           f"--base-url={url}", f"--auth-dir={auth_dir}", f"--results-dir={results}",
           "--route-timeout=5000", "-q", "-p", "no:cacheprovider", *args]
    done = subprocess.run(cmd, cwd=ROOT, env=clean_env(env), capture_output=True, text=True,
                          timeout=600, check=False)
    return Done(done.returncode, done.stdout + done.stderr)


# -- apps without a login -----------------------------------------------------------------------
V3 = ROOT / "contracts" / "v3"
# The reference target's role when no `role` cookie selects one.
UNSELECTED_ROLE = "platform_admin"
# The reference target's own role cookie, declared as contract data.
COOKIE_SELECTORS = """\
auth:
  roles:
    user: {selected_by: {cookie_name: role}}
    project_admin: {selected_by: {cookie_name: role}}
    platform_admin: {selected_by: {cookie_name: role, cookie_value: platform_admin}}
"""


def v3_copy(dest: Path, auth_yaml: str | None) -> Path:
    """contracts/v3 copied to `dest`, its auth.yaml replaced by `auth_yaml` (None: removed)."""
    shutil.copytree(V3, dest)
    if auth_yaml is None:
        (dest / "auth.yaml").unlink()
    else:
        (dest / "auth.yaml").write_text(auth_yaml)
    return dest


def one_role_copy(dest: Path) -> Path:
    """contracts/v3 as an app without a login that has one role: no auth.yaml, and only the role
    the reference target shows when nothing selects one (families and journeys to match)."""
    v3_copy(dest, None)

    def rewrite(name: str, change: Callable[[dict[str, Any]], None]) -> None:
        data = yaml.safe_load((dest / name).read_text())
        change(data)
        (dest / name).write_text(yaml.safe_dump(data, sort_keys=False))

    def roles(data: dict[str, Any]) -> None:
        data["roles"] = [r for r in data["roles"] if r["id"] == UNSELECTED_ROLE]

    def families(data: dict[str, Any]) -> None:
        for family in data["families"]:
            assert UNSELECTED_ROLE in family["roles"], family["id"]
            family["roles"] = [UNSELECTED_ROLE]

    def journeys(data: dict[str, Any]) -> None:
        for journey in data["journeys"]:
            if journey.get("role") != UNSELECTED_ROLE:
                journey.pop("role", None)  # then the default role, the only one

    rewrite("roles.yaml", roles)
    rewrite("families.yaml", families)
    rewrite("journeys.yaml", journeys)
    return dest


def run_as_a_user(url: str, contracts: Path, results: Path, *tests: str) -> Done:
    """The suite as a user starts it -- `.venv/bin/pytest TESTS --target=url --base-url URL
    --contracts=DIR --results-dir=DIR` -- with no CUTOVER_* variable set."""
    pytest_bin = Path(sys.executable).with_name("pytest")
    cmd = [str(pytest_bin), *tests, "--target=url", "--base-url", url,
           f"--contracts={contracts}", f"--results-dir={results}"]
    done = subprocess.run(cmd, cwd=ROOT, env=clean_env({}), capture_output=True, text=True,
                          timeout=600, check=False)
    return Done(done.returncode, done.stdout + done.stderr)


def result_rows(results: Path) -> list[dict[str, Any]]:
    """Every result row of the runs written under `results`."""
    return [row for path in sorted(results.glob("runs/*/results/results-*.json"))
            for row in json.loads(path.read_text())["results"]]

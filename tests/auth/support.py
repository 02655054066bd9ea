"""The reference target in its form-login mode, the credentials planted for it, and a way to run
the cutover suite or `cutover auth` against it as a product team's CI would (a `url` target)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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

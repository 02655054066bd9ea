"""The reference target's form-login mode: a session cookie per login, the session (never a
`role` cookie) decides the role, logout, expiry back to the login page, no open redirect."""

from __future__ import annotations

import subprocess
import sys

import httpx

from tests.auth.support import PASSWORDS, ROOT, clean_env


def _login(url: str, role: str, password: str, next_path: str = "/") -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=10)
    client.post("/login", data={"username": role, "password": password, "next": next_path})
    return client


def test_pages_need_a_session_and_send_the_browser_to_the_login_page(login_url):
    with httpx.Client(base_url=login_url, timeout=10) as anon:
        page = anon.get("/storage/buckets?page=2")
        assert page.status_code == 303
        assert page.headers["location"] == "/login?next=%2Fstorage%2Fbuckets%3Fpage%3D2"
        assert anon.get("/api/workloads").status_code == 401
        assert anon.get("/healthz").status_code == 200  # probes stay open
        form = anon.get("/login")
        assert 'data-testid="login-username"' in form.text
        assert 'data-testid="login-password"' in form.text


def test_a_wrong_password_stays_on_the_login_page_with_an_error(login_url):
    with httpx.Client(base_url=login_url, timeout=10) as client:
        answer = client.post("/login", data={"username": "user", "password": "nope"})
        assert answer.status_code == 401 and 'data-testid="login-error"' in answer.text
        assert "session" not in answer.cookies


def test_the_session_decides_the_role_and_logout_ends_it(login_url):
    client = _login(login_url, "user", PASSWORDS["user"])
    client.cookies.set("role", "platform_admin")  # a client cannot pick its role
    landing = client.get("/")
    assert landing.status_code == 302 and landing.headers["location"] == "/workloads"
    assert client.get("/workloads").status_code == 200
    client.get("/logout")
    assert client.get("/workloads").status_code == 303


def test_expired_sessions_go_back_to_the_login_page(login_url):
    client = _login(login_url, "project_admin", PASSWORDS["project_admin"])
    assert client.get("/access/memberships").status_code == 200
    assert httpx.post(f"{login_url}/__expire-sessions", timeout=10).json()["ended"] >= 1
    again = client.get("/access/memberships")
    assert again.status_code == 303 and again.headers["location"].startswith("/login?next=")


def test_login_never_redirects_off_site(login_url):
    with httpx.Client(base_url=login_url, timeout=10) as client:
        answer = client.post("/login", data={"username": "user", "password": PASSWORDS["user"],
                                             "next": "//evil.example/"})
        assert answer.headers["location"] == "/"


def test_login_mode_refuses_to_start_without_a_password_per_role():
    done = subprocess.run([sys.executable, "-m", "reference_target", "--port", "0", "--login"],
                          cwd=ROOT, env=clean_env({}), capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.returncode == 2
    assert "--login needs a password for every role: set REFERENCE_PASSWORD_USER" in done.stderr

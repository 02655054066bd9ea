"""The reference target's form-login mode (`--login`): one user per role, a session cookie,
logout, and sessions that expire and send the browser back to the login page -- a real login
screen for the suite's auth path to be tested against.

Off by default: the default mode keeps selecting roles by a `role` cookie. In login mode the
session decides the role: any `role` cookie the browser sends is replaced by the session's, so a
client cannot pick its role without logging in as it.
"""

import html
import secrets
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reference_target.nav import ROLES

SESSION_COOKIE = "session"
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
EXPIRE_PATH = "/__expire-sessions"  # control endpoint: ends every session (tests, demos)
# Reachable without a session: the login screen itself, its assets, and the harness's probes.
OPEN_PREFIXES = ("/static/", "/__", "/_manifest/")
OPEN_PATHS = frozenset({LOGIN_PATH, LOGOUT_PATH, "/favicon.ico", "/healthz"})
PASSWORD_ENV_PREFIX = "REFERENCE_PASSWORD_"  # REFERENCE_PASSWORD_<ROLE>, one per role


def password_variable(role: str) -> str:
    return PASSWORD_ENV_PREFIX + role.upper()


def users_from_env(env: dict[str, str]) -> dict[str, str]:
    """username (= role id) -> password, from REFERENCE_PASSWORD_<ROLE>; raises naming the
    first variable that is missing."""
    users: dict[str, str] = {}
    for role in ROLES:
        value = env.get(password_variable(role), "")
        if not value:
            raise KeyError(password_variable(role))
        users[role] = value
    return users


@dataclass
class Sessions:
    ttl_s: float
    _live: dict[str, tuple[str, float]] = field(default_factory=dict)  # token -> (role, since)

    def start(self, role: str) -> str:
        token = secrets.token_urlsafe(24)
        self._live[token] = (role, time.monotonic())
        return token

    def role_of(self, token: str | None) -> str | None:
        found = self._live.get(token or "")
        if found is None:
            return None
        role, since = found
        if time.monotonic() - since > self.ttl_s:
            del self._live[token or ""]
            return None
        return role

    def end(self, token: str | None) -> None:
        self._live.pop(token or "", None)

    def end_all(self) -> int:
        count = len(self._live)
        self._live.clear()
        return count


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is as good as none
                continue
    return {k: m.value for k, m in jar.items()}


def _with_role_cookie(scope: Scope, role: str) -> Scope:
    cookies = {k: v for k, v in _cookies(scope).items() if k != "role"}
    cookies["role"] = role
    header = "; ".join(f"{k}={v}" for k, v in cookies.items()).encode("latin-1")
    headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"] + [(b"cookie", header)]
    return {**scope, "headers": headers}


def _safe_next(value: str | None) -> str:
    # Only same-site paths: an open redirect on a login page is the classic mistake.
    if not value or not value.startswith("/") or value.startswith("//"):
        return "/"
    return value


LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><main data-testid="login-page">
<h1>Sign in</h1>
{error}
<form method="post" action="/login">
<input type="hidden" name="next" value="{next}">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" data-testid="login-username">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password"
 data-testid="login-password">
<button type="submit" data-testid="login-submit">Sign in</button>
</form></main></body></html>
"""


class LoginMiddleware:
    """Requires a session for everything but the open paths; serves /login and /logout."""

    def __init__(self, app: ASGIApp, users: dict[str, str], session_ttl_s: float) -> None:
        self.app = app
        self.users = users
        self.sessions = Sessions(session_ttl_s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path == LOGIN_PATH:
            await self._login(scope, receive, send)
        elif path == LOGOUT_PATH:
            self.sessions.end(_cookies(scope).get(SESSION_COOKIE))
            await _send(send, 303, b"", [(b"location", LOGIN_PATH.encode()),
                                         _clear_cookie()])
        elif path == EXPIRE_PATH and scope["method"] == "POST":
            ended = self.sessions.end_all()
            await _send(send, 200, f'{{"ended": {ended}}}'.encode(),
                        [(b"content-type", b"application/json")])
        elif path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
        else:
            role = self.sessions.role_of(_cookies(scope).get(SESSION_COOKIE))
            if role is not None:
                await self.app(_with_role_cookie(scope, role), receive, send)
            elif path.startswith("/api/") or scope["method"] not in ("GET", "HEAD"):
                await _send(send, 401, b'{"error": "login required"}',
                            [(b"content-type", b"application/json")])
            else:
                query = scope.get("query_string", b"").decode("latin-1")
                wanted = path + (f"?{query}" if query else "")
                where = f"{LOGIN_PATH}?next={quote(wanted, safe='')}"
                await _send(send, 303, b"", [(b"location", where.encode())])

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        wanted = _safe_next((query.get("next") or [None])[0])
        if scope["method"] != "POST":
            await _page(send, 200, wanted, "")
            return
        form = parse_qs((await _body(receive)).decode("utf-8", errors="replace"))
        username = (form.get("username") or [""])[0]
        password = (form.get("password") or [""])[0]
        wanted = _safe_next((form.get("next") or [wanted])[0])
        expected = self.users.get(username)
        if expected is None or not secrets.compare_digest(expected, password):
            await _page(send, 401, wanted, "Invalid username or password.")
            return
        token = self.sessions.start(username)
        cookie = (f"{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; "
                  f"Max-Age={int(self.sessions.ttl_s)}")
        await _send(send, 303, b"", [(b"location", wanted.encode()),
                                     (b"set-cookie", cookie.encode())])


def _clear_cookie() -> tuple[bytes, bytes]:
    return (b"set-cookie", f"{SESSION_COOKIE}=; Path=/; Max-Age=0".encode())


async def _page(send: Send, status: int, wanted: str, error: str) -> None:
    shown = (f'<p role="alert" data-testid="login-error">{html.escape(error)}</p>'
             if error else "")
    body = LOGIN_PAGE.format(error=shown, next=html.escape(wanted)).encode()
    await _send(send, status, body, [(b"content-type", b"text/html; charset=utf-8")])


async def _body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message: Message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]
                ) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


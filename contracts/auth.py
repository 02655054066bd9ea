"""How the product is logged into, as data: the login form, how success shows, and per role the
names of the environment variables that hold its credentials -- or, for an app without a login,
the cookie or header by which it tells the role apart.

Secrets never live in a contract: a role names *variables* (`password_env: CUTOVER_USER_PASSWORD`),
never values. The shape below has no field that could hold a secret, and `contracts.lint_auth`
rejects the keys people reach for when they try (`password:`, `token:`, ...) with a sentence
saying what to write instead. A role selector (`selected_by: {cookie_name: role}`) is the one
place a value is written, so it takes only a plain, short value and refuses the cookie and header
names that carry a login (a session cookie, `Authorization`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, Field, model_validator

from contracts.base import Entity, Ident, NonEmpty
from contracts.selectors import CssSelector, PlaywrightSelector

ENV_NAME_PATTERN = r"^[A-Z_][A-Z0-9_]*$"
# Keys people reach for when they paste a credential into a contract.
SECRET_KEYS = frozenset({"password", "passwd", "secret", "token", "api_key", "apikey", "cookie",
                         "cookies", "username", "user", "value", "bearer", "credentials"})
SECRET_HINT = ("secrets never go in the contract: name the environment variable that holds "
               "it instead (e.g. password_env: CUTOVER_USER_PASSWORD)")


def _env_name(value: str) -> str:
    # An environment variable's *name*: upper case, digits, underscores. A password or token
    # pasted here fails, and the message never repeats the value (it may be the secret).
    if not re.fullmatch(ENV_NAME_PATTERN, value):
        raise ValueError("must be the NAME of an environment variable (A-Z, 0-9, _), not a "
                         "value; " + SECRET_HINT)
    return value


EnvName = Annotated[str, AfterValidator(_env_name)]


def _refuse_secret_keys(data: Any) -> Any:
    if isinstance(data, dict):
        named = sorted(k for k in data if isinstance(k, str) and k.lower() in SECRET_KEYS)
        if named:
            raise ValueError(f"'{named[0]}' would hold a secret value; {SECRET_HINT}")
    return data


# A cookie or header with one of these names, or with one of these words in it, carries a login:
# a "selector" using one is a credential under another name.
CREDENTIAL_NAMES = frozenset({"auth", "authorization", "proxy-authorization", "cookie",
                              "set-cookie"})
CREDENTIAL_WORDS = ("session", "sessid", "token", "secret", "passw", "jwt", "csrf", "xsrf",
                    "apikey", "api-key", "api_key", "bearer", "credential")
CREDENTIAL_PARTS = frozenset({"sid", "key"})  # whole parts of a name: `connect.sid`, `X-API-Key`
SELECTOR_HINT = ("a role selector is a plain cookie or header the app reads to choose the role "
                 "(cookie_name: role, or header_name: X-Role; cookie_value or header_value only "
                 "when it is not the role's id); a session or token is a credential: use "
                 "storage_state_env or token_header")
SELECTOR_VALUE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@+\-]{0,63}$"


def _looks_like_token(value: str) -> bool:
    # Long, letters and digits, no separator: what session ids and API keys look like, and
    # what role names and cookie names do not.
    return (len(value) >= 16 and not any(c in value for c in "_.:@+-")
            and any(c.isdigit() for c in value) and any(c.isalpha() for c in value))


# The messages below never repeat the name or value: whatever was pasted may be a secret.
def _selector_name(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}", value):
        raise ValueError("is not a cookie or header name (letters, digits, '-', '_', '.'; at "
                         "most 64); " + SELECTOR_HINT)
    lowered = value.lower()
    parts = set(re.split(r"[^a-z0-9]+", lowered))
    if (lowered in CREDENTIAL_NAMES or any(w in lowered for w in CREDENTIAL_WORDS)
            or parts & CREDENTIAL_PARTS or _looks_like_token(value)):
        raise ValueError("this name carries a login, not a role; " + SELECTOR_HINT)
    return value


def _selector_value(value: str) -> str:
    if not re.fullmatch(SELECTOR_VALUE_PATTERN, value):
        raise ValueError("must be a plain value naming the role (letters, digits, '_', '.', "
                         "':', '@', '+', '-'; at most 64), not a secret; " + SELECTOR_HINT)
    if _looks_like_token(value):
        raise ValueError("looks like a token, not a role's name; " + SELECTOR_HINT)
    return value


SelectorName = Annotated[str, AfterValidator(_selector_name)]
SelectorValue = Annotated[str, AfterValidator(_selector_value)]


class Selection(NamedTuple):
    """What a browser context acting as a role sends so the app picks that role."""

    kind: Literal["cookie", "header"]
    name: str
    value: str

    def __str__(self) -> str:
        return (f"cookie {self.name}={self.value}" if self.kind == "cookie"
                else f"header {self.name}: {self.value}")


class RoleSelector(Entity):
    """How an app without a login tells this role apart: a cookie or a header it reads, which
    every browser context acting as the role sends. Not a credential: the value is a role's
    plain name (default: the role's id), e.g. the reference target's own `role=<id>` cookie."""

    cookie_name: SelectorName | None = None
    cookie_value: SelectorValue | None = None  # default: the role's id
    header_name: SelectorName | None = None
    header_value: SelectorValue | None = None  # default: the role's id

    @model_validator(mode="before")
    @classmethod
    def _no_secrets(cls, data: Any) -> Any:
        if isinstance(data, dict):
            named = sorted(k for k in data if isinstance(k, str) and k.lower() in SECRET_KEYS)
            if named:
                raise ValueError(f"'{named[0]}' would hold a secret value; {SELECTOR_HINT}")
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> RoleSelector:
        if (self.cookie_name is None) == (self.header_name is None):
            raise ValueError("give exactly one of 'cookie_name' or 'header_name'")
        if self.cookie_name is None and self.cookie_value is not None:
            raise ValueError("'cookie_value' without 'cookie_name'")
        if self.header_name is None and self.header_value is not None:
            raise ValueError("'header_value' without 'header_name'")
        return self

    def for_role(self, role: str) -> Selection:
        if self.cookie_name is not None:
            return Selection("cookie", self.cookie_name, self.cookie_value or role)
        assert self.header_name is not None
        return Selection("header", self.header_name, self.header_value or role)


class LoginSuccess(Entity):
    """How a finished login shows: the browser reached a URL path, or an element is visible."""

    url: str | None = None  # a path prefix, e.g. "/" or "/workloads"
    element: PlaywrightSelector | None = None  # e.g. '[data-testid="global-shell"]'

    @model_validator(mode="after")
    def _exactly_one(self) -> LoginSuccess:
        if (self.url is None) == (self.element is None):
            raise ValueError("give exactly one of 'url' or 'element'")
        if self.url is not None and not self.url.startswith("/"):
            raise ValueError(f"url must be a path starting with '/', got {self.url!r}")
        return self


class LoginForm(Entity):
    """A form login: open `url`, fill the two fields, press `submit`, wait for `success`."""

    url: NonEmpty  # path of the login page, e.g. /login
    username: PlaywrightSelector  # the username field
    password: PlaywrightSelector  # the password field
    submit: PlaywrightSelector  # the submit control
    success: LoginSuccess
    # The login error message, quoted when login fails. Plain CSS: it is also looked for with
    # document.querySelector while waiting for success.
    error: CssSelector | None = None

    @model_validator(mode="after")
    def _path(self) -> LoginForm:
        if not self.url.startswith("/"):
            raise ValueError(f"url must be a path starting with '/', got {self.url!r}")
        return self


class TokenHeader(Entity):
    """A header whose value is read from an environment variable, e.g. Authorization."""

    @model_validator(mode="before")
    @classmethod
    def _no_secrets(cls, data: Any) -> Any:
        return _refuse_secret_keys(data)

    name: NonEmpty
    env: EnvName


class RoleCredentials(Entity):
    """Where one role's credentials come from: exactly one of a username and password pair
    (for the login form), a token header, or a ready Playwright storage-state file -- or, for
    an app without a login, what selects the role (`selected_by`)."""

    username_env: EnvName | None = None
    password_env: EnvName | None = None
    token_header: TokenHeader | None = None
    storage_state_env: EnvName | None = None
    selected_by: RoleSelector | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_secrets(cls, data: Any) -> Any:
        return _refuse_secret_keys(data)

    @model_validator(mode="after")
    def _one_way(self) -> RoleCredentials:
        pair = (self.username_env, self.password_env)
        if (pair[0] is None) != (pair[1] is None):
            raise ValueError("give both 'username_env' and 'password_env', or neither")
        ways = [pair[0] is not None, self.token_header is not None,
                self.storage_state_env is not None, self.selected_by is not None]
        if sum(ways) != 1:
            raise ValueError("give exactly one of username_env+password_env, token_header, "
                             "storage_state_env, or selected_by (an app without a login)")
        return self

    @property
    def variables(self) -> tuple[str, ...]:
        """Every environment variable this role reads, in the order a user should set them."""
        if self.username_env and self.password_env:
            return (self.username_env, self.password_env)
        if self.token_header:
            return (self.token_header.env,)
        return (self.storage_state_env,) if self.storage_state_env else ()


class Auth(Entity):
    """The `auth` section. Absent (or without a login form and roles) in a contract of exactly
    one role: that role is the anonymous visitor of an app without a login. With several roles
    each needs credentials or a `selected_by` here (or a storage state from the environment):
    none stands in for another. The reference target selects roles by its `role` cookie
    whatever this says."""

    login: LoginForm | None = None
    # How long a saved storage state is reused before logging in again, in seconds.
    reuse_for: int = Field(default=1800, ge=0)
    roles: dict[Ident, RoleCredentials] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _no_secrets(cls, data: Any) -> Any:
        return _refuse_secret_keys(data)

    @property
    def declared(self) -> bool:
        return bool(self.roles)

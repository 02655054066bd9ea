"""How the product is logged into, as data: the login form, how success shows, and per role the
names of the environment variables that hold its credentials.

Secrets never live in a contract: a role names *variables* (`password_env: CUTOVER_USER_PASSWORD`),
never values. The shape below has no field that could hold a secret, and `contracts.lint_auth`
rejects the keys people reach for when they try (`password:`, `token:`, ...) with a sentence
saying what to write instead.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

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
    (for the login form), a token header, or a ready Playwright storage-state file."""

    username_env: EnvName | None = None
    password_env: EnvName | None = None
    token_header: TokenHeader | None = None
    storage_state_env: EnvName | None = None

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
                self.storage_state_env is not None]
        if sum(ways) != 1:
            raise ValueError("give exactly one of username_env+password_env, token_header or "
                             "storage_state_env")
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
    """The `auth` section. Absent means the target needs no login (the reference target selects
    roles by cookie)."""

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

"""Login as contract data, credentials per role, saved states and the pytest glue -- on
hand-built data, no browser."""

from __future__ import annotations

import json
import shutil
import stat
import time
from pathlib import Path

import pytest

from contracts import BUNDLED_CONTRACT, lint_contract, load_contract
from harness.targets.base import (
    ReferenceTarget,
    TargetUsageError,
    kind_target,
    url_target,
)
from harness.targets.credentials import MissingCredentials, RoleCredentials, resolve_role
from harness.targets.state_store import StateStore

CONTRACT = load_contract(BUNDLED_CONTRACT)


def _contract_with(tmp_path: Path, auth_yaml: str) -> Path:
    folder = tmp_path / "contract"
    shutil.copytree(BUNDLED_CONTRACT, folder)
    (folder / "auth.yaml").write_text(auth_yaml)
    return folder


@pytest.mark.parametrize("pasted", [
    "    user: {username_env: CUTOVER_USER_USERNAME, password: hunter2-secret}\n",
    "    user: {username_env: CUTOVER_USER_USERNAME, password_env: hunter2-secret}\n",
    "    user: {token_header: {name: Authorization, token: Bearer-abc123}}\n",
])
def test_lint_rejects_a_secret_value_and_never_repeats_it(tmp_path, pasted):
    folder = _contract_with(tmp_path, "auth:\n  login: {url: /login, username: '#u', password: "
                                      "'#p', submit: '#s', success: {url: /}}\n  roles:\n"
                            + pasted)
    errors = lint_contract(folder).errors
    text = "\n".join(str(e) for e in errors)
    assert errors and "secrets never go in the contract" in text, text
    assert "auth.yaml:" in text
    assert "hunter2" not in text and "abc123" not in text


def test_lint_names_an_unknown_role_and_a_pair_without_a_login_form(tmp_path):
    folder = _contract_with(tmp_path, "auth:\n  roles:\n    usr: {username_env: A, "
                                      "password_env: B}\n")
    text = "\n".join(str(e) for e in lint_contract(folder).errors)
    assert "unknown role 'usr'" in text and "did you mean 'user'" in text
    assert "has no 'login' form" in text


def test_the_v3_contract_declares_every_role_by_variable_names():
    assert set(CONTRACT.auth.roles) == {r.id for r in CONTRACT.roles}
    assert CONTRACT.auth.roles["user"].variables == ("CUTOVER_USER_USERNAME",
                                                     "CUTOVER_USER_PASSWORD")


def test_a_missing_variable_is_named_with_the_role_and_the_contract_line():
    target = url_target("https://app.test")
    found = resolve_role(CONTRACT, target, "user", {"CUTOVER_USER_USERNAME": "u"})
    assert isinstance(found, MissingCredentials)
    assert found.sentence().startswith("role user has no credentials: set "
                                       "CUTOVER_USER_PASSWORD (declared at ")
    assert "auth.yaml:" in found.sentence()


def test_a_role_less_storage_state_stands_in_for_the_default_role_only(tmp_path):
    target = kind_target("https://kind.test")
    env = {"CUTOVER_KIND_STORAGE_STATE": str(tmp_path / "s.json")}
    default = CONTRACT.default_role.id
    assert isinstance(resolve_role(CONTRACT, target, default, env), RoleCredentials)
    other = resolve_role(CONTRACT, target, "user", env)
    assert isinstance(other, MissingCredentials)  # never silently the default role's state
    per_role = resolve_role(CONTRACT, target, "user",
                            {"CUTOVER_STORAGE_STATE_USER": str(tmp_path / "u.json")})
    assert isinstance(per_role, RoleCredentials) and per_role.storage_state is not None


def test_url_and_kind_differ_only_in_defaults(monkeypatch):
    for var in ("CUTOVER_KIND_BASE_URL", "CUTOVER_DISPOSABLE", "CUTOVER_KIND_DISPOSABLE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CUTOVER_AUTH_HEADER", "X-Gw: tok-1")
    url, kind = url_target("https://a.test"), kind_target("https://a.test")
    assert url.headers == kind.headers == {"X-Gw": "tok-1"}
    assert url.needs_login and kind.needs_login and not url.disposable and not kind.disposable
    assert not ReferenceTarget(name="reference", base_url="http://x").needs_login
    with pytest.raises(TargetUsageError, match="--target url needs --base-url"):
        url_target(None)
    with pytest.raises(TargetUsageError, match="CUTOVER_KIND_BASE_URL"):
        kind_target(None)
    monkeypatch.setenv("CUTOVER_KIND_BASE_URL", "https://kind.test")
    assert kind_target(None).base_url == "https://kind.test"


def test_saved_states_are_private_and_reused_only_while_valid(tmp_path):
    store = StateStore(tmp_path / ".auth", "http://127.0.0.1:8080")
    state = {"cookies": [{"name": "session", "value": "tok", "expires": time.time() + 600}],
             "origins": []}
    path = store.save("user", state, "print-1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert store.valid("user", "print-1", 60) == path
    assert store.valid("user", "print-2", 60) is None  # other credentials
    assert store.valid("user", "print-1", 0) is None  # too old for reuse_for
    assert StateStore(tmp_path / ".auth", "http://other:1").valid("user", "print-1", 60) is None
    state["cookies"][0]["expires"] = time.time() - 1
    store.save("user", state, "print-1")
    assert store.valid("user", "print-1", 60) is None  # its session cookie has expired
    assert json.loads(path.read_text())["cookies"][0]["value"] == "tok"


def test_auth_dir_is_git_ignored():
    ignored = (Path(__file__).resolve().parents[2] / ".gitignore").read_text().splitlines()
    assert ".auth/" in ignored

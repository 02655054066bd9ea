"""Apps without a login, as contract data -- the one role of a contract without an auth section is
the anonymous visitor; several roles are told apart by a cookie or header the contract names, or
the run stops naming each role and what to add -- on hand-built data, no browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contracts import lint_contract, load_contract
from contracts.commands import lint_command
from harness.targets.base import url_target
from harness.targets.credentials import NoLogin, missing_for, resolve_role
from harness.targets.role_states import RoleStates
from harness.targets.state_store import StateStore
from tests.auth.support import COOKIE_SELECTORS, UNSELECTED_ROLE, one_role_copy, v3_copy

ROLES = ("user", "project_admin", "platform_admin")
LOGIN_FORM = ("  login: {url: /login, username: '#u', password: '#p', submit: '#s', "
              "success: {url: /}}\n")


def _states(folder: Path, tmp_path: Path) -> RoleStates:
    target = url_target("https://app.test")
    return RoleStates(load_contract(folder), target, StateStore(tmp_path / ".auth",
                                                                target.base_url),
                      5000.0, tmp_path / "artifacts", env={})


def _problems(folder: Path) -> str:
    report = lint_contract(folder)
    return "\n".join([*map(str, report.errors), *(w.as_warning() for w in report.warnings)])


def test_the_only_role_of_a_contract_without_auth_is_the_anonymous_visitor(tmp_path):
    folder = one_role_copy(tmp_path / "one")
    report = lint_contract(folder)
    assert report.errors == [] and report.warnings == []
    states = _states(folder, tmp_path)
    assert states.contract.anonymous_role is not None
    assert states.contract.anonymous_role.id == UNSELECTED_ROLE
    found = resolve_role(states.contract, states.target, UNSELECTED_ROLE, {})
    assert found == NoLogin(UNSELECTED_ROLE, None)
    assert states.missing([UNSELECTED_ROLE]) == []
    # nothing to log in with, so nothing a browser is needed for; the context is a plain one
    assert not states.needs_browser(UNSELECTED_ROLE)
    assert states.context_args(UNSELECTED_ROLE, None) == {}  # type: ignore[arg-type]
    status = states.status(UNSELECTED_ROLE, None)
    assert status.ready and "anonymous visitor" in status.how
    assert not (tmp_path / ".auth").exists()  # no storage state written or needed


def test_a_login_form_makes_the_only_role_log_in(tmp_path):
    folder = one_role_copy(tmp_path / "one")
    (folder / "auth.yaml").write_text("auth:\n" + LOGIN_FORM)
    states = _states(folder, tmp_path)
    assert states.contract.anonymous_role is None
    assert [m.role for m in states.missing([UNSELECTED_ROLE])] == [UNSELECTED_ROLE]


def test_several_roles_without_auth_each_say_what_to_add(tmp_path):
    folder = v3_copy(tmp_path / "v3", None)
    # valid as it stands: on the reference target its own cookie selects the roles
    assert lint_contract(folder).errors == [] and lint_contract(folder).warnings == []
    contract = load_contract(folder)
    missing = missing_for(contract, url_target("https://app.test"), list(ROLES), {})
    assert [m.role for m in missing] == list(ROLES)  # none stands in for another
    for role, m in zip(ROLES, missing, strict=True):
        sentence = m.sentence()
        assert sentence.startswith(f"role {role} has no credentials: set "
                                   f"CUTOVER_STORAGE_STATE_{role.upper()} ")
        assert f"{folder / 'auth.yaml'}" in sentence
        assert f"{role}: {{selected_by: {{cookie_name: NAME}}}}" in sentence
        assert f"{role}: {{username_env: ..., password_env: ...}}" in sentence


def test_a_cookie_or_a_header_selects_each_role_in_its_own_contexts(tmp_path, monkeypatch):
    monkeypatch.setenv("CUTOVER_AUTH_HEADER", "X-Gw: gw-1")
    folder = v3_copy(tmp_path / "v3", COOKIE_SELECTORS.replace(
        "project_admin: {selected_by: {cookie_name: role}}",
        "project_admin: {selected_by: {header_name: X-Role, header_value: padmin}}"))
    states = _states(folder, tmp_path)
    assert states.missing(list(ROLES)) == []
    user = states.context_args("user", None)  # type: ignore[arg-type]
    assert user["storage_state"]["cookies"] == [{
        "name": "role", "value": "user", "domain": "app.test", "path": "/", "expires": -1,
        "httpOnly": False, "secure": False, "sameSite": "Lax"}]
    assert user["extra_http_headers"] == {"X-Gw": "gw-1"}
    admin = states.context_args("project_admin", None)  # type: ignore[arg-type]
    assert admin["extra_http_headers"] == {"X-Gw": "gw-1", "X-Role": "padmin"}
    assert "storage_state" not in admin
    assert states.status("platform_admin", None).how == ("no login: selected by cookie "
                                                         "role=platform_admin")
    # a role's name is no secret: reports keep it (masking "user" would garble every report)
    assert states.secrets == ["gw-1"] and states.session_secrets() == []


def test_a_role_nothing_selects_is_a_warning_that_names_it(tmp_path, capsys):
    folder = v3_copy(tmp_path / "v3", COOKIE_SELECTORS.replace(
        "    project_admin: {selected_by: {cookie_name: role}}\n", ""))
    report = lint_contract(folder)
    assert report.errors == []  # a storage state from the environment may still supply it
    assert [w.field for w in report.warnings] == ["auth.roles"]
    warning = report.warnings[0].message
    assert warning.startswith("role 'project_admin' has neither credentials nor a selector")
    assert "CUTOVER_STORAGE_STATE_PROJECT_ADMIN" in warning and "(exit 4)" in warning
    assert "project_admin: {selected_by: {cookie_name: NAME}}" in warning
    load_contract(folder)  # a warning never stops a run
    assert lint_command([str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(f"auth.roles: warning: {warning}")
    assert out[-1].endswith("— ok (1 warning)")
    assert lint_command([str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"][0]["message"] == warning


def test_with_a_login_form_the_warning_asks_for_credentials_first(tmp_path):
    folder = v3_copy(tmp_path / "v3", "auth:\n" + LOGIN_FORM + "  roles:\n    user: "
                                      "{username_env: U, password_env: P}\n")
    warnings = {w.message.split("'")[1]: w.message for w in lint_contract(folder).warnings}
    assert set(warnings) == {"project_admin", "platform_admin"}
    assert ("add its credentials' variable names (platform_admin: {username_env"
            in warnings["platform_admin"])


def test_two_roles_selected_alike_are_refused(tmp_path):
    folder = v3_copy(tmp_path / "v3", COOKIE_SELECTORS.replace(
        "project_admin: {selected_by: {cookie_name: role}}",
        "project_admin: {selected_by: {cookie_name: role, cookie_value: user}}"))
    text = _problems(folder)
    assert ("auth.roles.project_admin.selected_by: role 'project_admin' is selected exactly "
            "like role 'user' (cookie role=user): the app could not tell them apart") in text
    header = v3_copy(tmp_path / "h", "auth:\n  roles:\n"
                     "    user: {selected_by: {header_name: X-Role, header_value: a}}\n"
                     "    project_admin: {selected_by: {header_name: x-role, header_value: a}}\n"
                     "    platform_admin: {selected_by: {cookie_name: role}}\n")
    assert "is selected exactly like role 'user'" in _problems(header)  # header names: any case


@pytest.mark.parametrize(("selector", "message"), [
    ("{cookie_name: role, header_name: X-Role}", "give exactly one of 'cookie_name' or "
                                                 "'header_name'"),
    ("{}", "give exactly one of 'cookie_name' or 'header_name'"),
    ("{header_name: X-Role, cookie_value: x}", "'cookie_value' without 'cookie_name'"),
    ("{cookie_nam: role}", "unknown field 'cookie_nam' (did you mean 'cookie_name'?)"),
    ("{cookie_name: 'my role'}", "is not a cookie or header name"),
    ("{cookie_name: role, cookie_value: 'a b'}", "must be a plain value naming the role"),
])
def test_the_selector_shape_is_checked(tmp_path, selector, message):
    folder = v3_copy(tmp_path / "v3", f"auth:\n  roles:\n    user: {{selected_by: {selector}}}\n")
    text = _problems(folder)
    assert "auth.yaml:3: auth.roles.user.selected_by" in text and message in text, text


def test_a_selector_is_one_way_of_many(tmp_path):
    folder = v3_copy(tmp_path / "v3", "auth:\n  roles:\n    user: {selected_by: {cookie_name: "
                                      "role}, storage_state_env: USER_STATE}\n")
    assert ("give exactly one of username_env+password_env, token_header, storage_state_env, "
            "or selected_by (an app without a login)") in _problems(folder)


@pytest.mark.parametrize("selector", [
    "{cookie_name: sessionid}", "{cookie_name: PHPSESSID}", "{cookie_name: connect.sid}",
    "{cookie_name: auth}", "{cookie_name: remember_token}", "{header_name: Authorization}",
    "{header_name: Cookie}", "{header_name: X-API-Key}", "{header_name: X-Auth-Token}",
])
def test_a_name_that_carries_a_login_is_no_selector(tmp_path, selector):
    folder = v3_copy(tmp_path / "v3", f"auth:\n  roles:\n    user: {{selected_by: {selector}}}\n")
    text = _problems(folder)
    assert "this name carries a login, not a role" in text, text
    assert "use storage_state_env or token_header" in text


def test_a_proxy_identity_header_is_a_selector(tmp_path):
    folder = v3_copy(tmp_path / "v3", "auth:\n  roles:\n"
                     "    user: {selected_by: {header_name: X-Auth-Request-User, "
                     "header_value: alice@example.test}}\n"
                     "    project_admin: {selected_by: {header_name: X-Forwarded-User}}\n"
                     "    platform_admin: {selected_by: {cookie_name: role}}\n")
    report = lint_contract(folder)
    assert report.errors == [] and report.warnings == []


@pytest.mark.parametrize(("pasted", "hint"), [
    # a selector's value that is a token after all
    ("{selected_by: {cookie_name: role, cookie_value: a8f3c29d71be4e05b6d2}}",
     "looks like a token, not a role's name"),
    ("{selected_by: {header_name: X-Role, header_value: "
     "'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlaHVudGVyMg-aaaaaaaaaaaaaaaa'}}",
     "must be a plain value naming the role"),
    # the keys people reach for, inside a selector ...
    ("{selected_by: {cookie: 'sessionid=hunter2-abc'}}", "'cookie' would hold a secret value"),
    ("{selected_by: {cookie_name: 'sessionid=hunter2-abc'}}", "is not a cookie or header name"),
    ("{selected_by: {cookie_name: session_hunter2, cookie_value: x}}",
     "this name carries a login"),
    ("{selected_by: {header_name: a8f3c29d71be4e05b6d2}}", "this name carries a login"),
    ("{selected_by: {cookie_name: role, value: hunter2-abc}}",
     "'value' would hold a secret value"),
    # ... and next to it, where the existing hint says to name a variable instead
    ("{cookie: 'sessionid=hunter2-abc'}", "secrets never go in the contract"),
    ("{selected_by: {cookie_name: role}, token: hunter2-abc}", "secrets never go in the contract"),
])
def test_a_pasted_secret_is_refused_and_never_repeated(tmp_path, pasted, hint):
    folder = v3_copy(tmp_path / "v3", f"auth:\n  roles:\n    user: {pasted}\n")
    text = _problems(folder)
    assert hint in text, text
    assert "auth.yaml:" in text
    for secret in ("hunter2", "a8f3c29d71be4e05b6d2", "eyJhbGci"):
        assert secret not in text

"""Cross-reference rules of the `auth` section: every role it names exists, a role that logs in
with a username and password has a login form to use them on, no two roles are selected alike
(the app could not tell them apart), and -- a warning, since a storage state from the
environment may still supply it at run time -- a role the section says nothing about."""

from __future__ import annotations

from contracts.auth import Auth
from contracts.draft import Draft


def lint_auth(draft: Draft) -> None:
    auth = draft.models.get("auth")
    if auth is None:
        return
    selected: dict[tuple[str, str, str], str] = {}
    for role_id, creds in auth.roles.items():
        loc = ("auth", "roles", role_id)
        draft.check_ref(loc, role_id, "roles", "role")
        if creds.username_env and auth.login is None:
            draft.add(loc, f"role '{role_id}' logs in with a username and password, but the "
                           "auth section has no 'login' form to use them on")
        if creds.selected_by is not None:
            selection = creds.selected_by.for_role(role_id)
            name = selection.name.lower() if selection.kind == "header" else selection.name
            key = (selection.kind, name, selection.value)  # header names ignore case
            if key in selected:
                draft.add((*loc, "selected_by"),
                          f"role '{role_id}' is selected exactly like role '{selected[key]}' "
                          f"({selection}): the app could not tell them apart, and one would "
                          "act as the other")
            selected.setdefault(key, role_id)
    _lint_undeclared_roles(draft, auth)


def _lint_undeclared_roles(draft: Draft, auth: Auth) -> None:
    # Only when the auth section exists: without one, a contract may be meant for the reference
    # target alone (it selects roles by its own cookie), and a one-role contract is an app
    # without a login.
    roles = draft.known("roles")
    if "auth" not in draft.raw or not roles:
        return
    if len(roles) == 1 and auth.login is None and not auth.roles:
        return  # the only role is the anonymous visitor
    for role_id in roles:
        if role_id in auth.roles:
            continue
        state_var = f"CUTOVER_STORAGE_STATE_{role_id.upper()}"
        credentials = (f"its credentials' variable names ({role_id}: {{username_env: ..., "
                       "password_env: ...})")
        selector = (f"what selects it in an app without a login ({role_id}: {{selected_by: "
                    "{cookie_name: NAME}}, or header_name)")
        way = (f"{credentials}, or {selector}" if auth.login is not None
               else f"{selector}, or {credentials}")
        draft.warn(("auth", "roles"),
                   f"role '{role_id}' has neither credentials nor a selector here: a url or "
                   f"kind run stops before any test (exit 4) unless {state_var} names a "
                   f"storage state; add {way}")

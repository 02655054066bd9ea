"""Cross-reference rules of the `auth` section: every role it names exists, and a role that logs
in with a username and password has a login form to use them on."""

from __future__ import annotations

from contracts.draft import Draft


def lint_auth(draft: Draft) -> None:
    auth = draft.models.get("auth")
    if auth is None:
        return
    for role_id, creds in auth.roles.items():
        loc = ("auth", "roles", role_id)
        draft.check_ref(loc, role_id, "roles", "role")
        if creds.username_env and auth.login is None:
            draft.add(loc, f"role '{role_id}' logs in with a username and password, but the "
                           "auth section has no 'login' form to use them on")

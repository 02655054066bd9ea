"""Lint of the page-level contract data the checks read: the console allow-list, degraded calls
matched by method and operation, and routes that say they have no local nav. Every problem at
once, as `file:line: field: message`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from contracts import lint_contract

FONT_ENTRY = "    - host: fonts.gpucloud-cdn.invalid\n"


def _lint(directory: Path) -> list[str]:
    return [str(issue) for issue in lint_contract(directory).errors]


def test_console_allow_entries_say_one_thing_and_why(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    line = locate("settings.yaml", FONT_ENTRY.rstrip("\n"))
    edit("settings.yaml", FONT_ENTRY,
         "    - {host: a.example.com, pattern: x, reason: both}\n"
         "    - {pattern: y}\n" + FONT_ENTRY)
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line}: console.allow[0]: exactly one of host, pattern is required",
        f"v3/settings.yaml:{line + 1}: console.allow[1].reason: field required",
    ]


def test_console_allow_hosts_patterns_and_repeats(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    line = locate("settings.yaml", FONT_ENTRY.rstrip("\n"))
    edit("settings.yaml", FONT_ENTRY,
         "    - {host: 'https://fonts.example.com/css', reason: cdn}\n"
         "    - {pattern: 'Resize(Observer', reason: noise}\n"
         "    - {host: a.example.com, reason: again}\n"
         "    - {host: a.example.com, reason: twice}\n" + FONT_ENTRY)
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line}: console.allow[0].host: 'https://fonts.example.com/css' is not "
        "a host name (no scheme, port or path; `*.example.com` for every subdomain)",
        f"v3/settings.yaml:{line + 1}: console.allow[1].pattern: invalid regular expression: "
        "missing ), unterminated subpattern at position 6",
        f"v3/settings.yaml:{line + 3}: console.allow[3]: host a.example.com is already allowed "
        f"at v3/settings.yaml:{line + 2}",
    ]


TASKS_CALL = "        - url: /api/workloads/{workload_id}/tasks\n          method: GET"


def test_a_degraded_call_names_an_operation_only_where_it_can_carry_one(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    line = locate("degraded.yaml", TASKS_CALL.splitlines()[0])
    edit("degraded.yaml", TASKS_CALL, TASKS_CALL.replace("GET", "GET\n          operation: Tasks"))
    edit("degraded.yaml", "        - url: /api/workloads/{workload_id}/attachments\n",
         "        - {url: /graphql, method: POST, operation: Runs, empty: {}, nulls: {}}\n"
         "        - {url: /graphql, method: POST, operation: Runs, empty: {}, nulls: {}}\n"
         "        - {url: /graphql, operation: Nux, empty: {}, nulls: {}}\n"
         "        - url: /api/workloads/{workload_id}/attachments\n")
    second = locate("degraded.yaml", "        - {url: /graphql, method: POST, operation: Runs, "
                    "empty: {}, nulls: {}}", nth=2)
    assert _lint(contract_copy) == [
        f"v3/degraded.yaml:{line + 2}: degraded.routes[1].calls[0]."
        "operation: a GET call carries no body to name operation 'Tasks' in: give method POST "
        "or PUT or PATCH (or leave method out to match the operation in the ?op= query too)",
        f"v3/degraded.yaml:{second}: degraded.routes[2].calls[1]: POST "
        "/graphql (operation Runs) is already listed as calls[0]: a call is answered by the "
        "first that matches",
    ]


def test_a_degraded_call_method_is_an_http_method(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    edit("degraded.yaml", TASKS_CALL, TASKS_CALL.replace("GET", "FETCH"))
    line = locate("degraded.yaml", TASKS_CALL.splitlines()[0]) + 1
    assert f"v3/degraded.yaml:{line}: degraded.routes[1].calls[0].method: must be one of: GET, " \
        "HEAD, POST, PUT, PATCH, DELETE, OPTIONS (got 'FETCH'; did you mean 'PATCH'?)" \
        in _lint(contract_copy)


def test_a_local_nav_item_page_cannot_say_it_has_no_local_nav(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    edit("routes.yaml", "    title: Workloads\n", "    title: Workloads\n    local_nav: false\n")
    line = locate("routes.yaml", "    local_nav: false")
    assert _lint(contract_copy) == [
        f"v3/routes.yaml:{line}: routes[workloads.list].local_nav: route 'workloads.list' is "
        "item 'all' of family 'workloads's local nav, so its page shows the nav"]


def test_local_nav_false_in_a_family_without_one_is_a_warning(tmp_path: Path) -> None:
    files = {
        "families.yaml": "families:\n  - {id: shop, title: Shop, roles: [buyer]}\n",
        "routes.yaml": "routes:\n"
                       "  - {id: shop.list, path: /shop, family: shop, kind: list, "
                       "local_nav: false}\n",
        "roles.yaml": "roles:\n  - {id: buyer, title: Buyer, landing: shop.list, "
                      "default: true, families: [shop]}\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    report = lint_contract(tmp_path)
    assert report.errors == []
    assert [str(w).split(": ", 1)[1] for w in report.warnings] == [
        "routes[shop.list].local_nav: family 'shop' has no local nav: `local_nav: false` "
        "changes nothing"]

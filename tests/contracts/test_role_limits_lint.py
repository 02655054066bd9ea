"""The contract's `role_limits` setting (what "refused" looks like for a role opening a family it
may not see): every problem as `file:line: field: message`, with the rest of the contract's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from contracts import RoleLimits, lint_contract, load_contract

SHIPPED = "  statuses: [401, 403, 404]\n  text: 'Ask a platform administrator for access'\n"


def _lint(directory: Path) -> list[str]:
    return [str(issue) for issue in lint_contract(directory).errors]


def test_the_v3_contract_says_refusal_is_a_403_or_the_not_allowed_page(contract):
    assert contract.role_limits == RoleLimits(
        statuses=(401, 403, 404), text="Ask a platform administrator for access")
    assert contract.role_limits.describe() == (
        "HTTP 401/403/404, or the denial page (text /Ask a platform administrator for access/)")


def test_bad_values_are_reported_where_they_are(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    edit("settings.yaml", SHIPPED,
         "  statuses: [403, 403]\n  text: 'Ask a (platform'\n  selector: 'a[x'\n")
    line = locate("settings.yaml", "  statuses: [403, 403]")
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line}: role_limits.statuses[1]: 403 is listed twice",
        f"v3/settings.yaml:{line + 1}: role_limits.text: invalid regular expression: missing ), "
        "unterminated subpattern at position 6",
        f"v3/settings.yaml:{line + 2}: role_limits.selector: invalid selector 'a[x': '[' at "
        "position 1 is never closed",
    ]


def test_schema_errors_and_a_setting_that_names_no_refusal(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    edit("settings.yaml", SHIPPED, "  statuses: [401, 200]\n  txt: denied\n")
    line = locate("settings.yaml", "  statuses: [401, 200]")
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line}: role_limits.statuses[1]: must be >= 400 (got 200)",
        f"v3/settings.yaml:{line + 1}: role_limits.txt: unknown field 'txt' (did you mean "
        "'text'?)",
    ]
    edit("settings.yaml", "  statuses: [401, 200]\n  txt: denied\n", "  statuses: []\n")
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line - 1}: role_limits: names no refusal: give statuses, a "
        "selector, a text or redirect_away"]


def test_a_hidden_family_without_a_plain_route_is_a_warning(tmp_path: Path) -> None:
    files = {
        "families.yaml": "families:\n"
                         "  - {id: shop, title: Shop, roles: [buyer, admin]}\n"
                         "  - {id: vault, title: Vault, roles: [admin]}\n",
        "routes.yaml": "routes:\n"
                       "  - {id: shop.list, path: /shop, family: shop, kind: list}\n"
                       "  - {id: vault.item, path: '/vault/{item_id}', family: vault, "
                       "kind: utility, ids: {from_list: shop.list, row_route: vault.item}}\n",
        "roles.yaml": "roles:\n"
                      "  - {id: buyer, title: Buyer, landing: shop.list, families: [shop]}\n"
                      "  - {id: admin, title: Admin, landing: shop.list, default: true,\n"
                      "     families: [shop, vault]}\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    report = lint_contract(tmp_path)
    assert report.errors == []
    assert [str(w).split(": ", 1)[1] for w in report.warnings] == [
        "roles[buyer].families: role 'buyer' may not see family 'vault', which has no route "
        "without parameters: its role limit is not checked"]
    load_contract(tmp_path)  # a warning never stops a run

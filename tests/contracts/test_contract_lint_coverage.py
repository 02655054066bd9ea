"""Lint covers every file a run reads and compiles every selector: the accessibility and density
baselines beside the contract, and each kind of selector field, reported as `file:line: field:
message` together with the contract's other problems (exit 2, no traceback)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contracts import ContractError, lint_contract, load_contract
from contracts.baseline import check_a11y_baseline, check_density_baseline
from contracts.commands import lint_command

REPO = Path(__file__).resolve().parents[2]
SHIPPED = [REPO / "contracts" / "v3", *sorted((REPO / "examples").glob("*/contract"))]
ROUTES = frozenset({"workloads.list", "apps.catalog"})

BAD_A11Y = """\
routes:
  workloads.list:
    - {rule: image-alt, target: 'img[alt'}
    - {rule: 12, target: a}
    - {rule: region, target: main, impact: serious}
    - just-a-string
    - {rule: label}
  workloads.lst:
    - {rule: region, target: 'a:visible'}
  apps.catalog: not-a-list
colour: red
"""


def _lint(directory: Path) -> list[str]:
    return [str(issue) for issue in lint_contract(directory).errors]


@pytest.mark.parametrize("directory", SHIPPED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shipped_contracts_lint_clean(directory: Path) -> None:
    assert _lint(directory) == []


def test_every_baseline_problem_at_once_with_the_contracts(
    contract_copy: Path, edit: Callable[[str, str, str], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    (contract_copy / "a11y-baseline.yaml").write_text(BAD_A11Y)
    (contract_copy / "density-baseline.json").write_text('{"routes": {"gone": {}}}')
    edit("roles.yaml", "landing: workloads.list", "landing: nope")  # and a contract problem
    expected = [
        "v3/a11y-baseline.yaml:3: routes.workloads.list[0].target: invalid selector 'img[alt': "
        "'[' at position 3 is never closed",
        "v3/a11y-baseline.yaml:4: routes.workloads.list[1].rule: must be a string, got an "
        "integer",
        "v3/a11y-baseline.yaml:5: routes.workloads.list[2].impact: unknown field 'impact'",
        "v3/a11y-baseline.yaml:6: routes.workloads.list[3]: must be a mapping, got a string",
        "v3/a11y-baseline.yaml:7: routes.workloads.list[4].target: field required",
        "v3/a11y-baseline.yaml:8: routes.workloads.lst: unknown route 'workloads.lst' (did you "
        "mean 'workloads.list'?)",
        "v3/a11y-baseline.yaml:9: routes.workloads.lst[0].target: invalid selector 'a:visible': "
        "':visible' is Playwright syntax; this field is plain CSS (the suite reads it with "
        "document.querySelectorAll)",
        "v3/a11y-baseline.yaml:10: routes.apps.catalog: must be a list, got a string",
        "v3/a11y-baseline.yaml:11: colour: unknown field 'colour'",
    ]
    reported = _lint(contract_copy)
    assert [r for r in reported if "a11y-baseline" in r] == expected
    assert "v3/density-baseline.json:1: routes.gone: unknown route 'gone'" in reported
    assert any(r.startswith("v3/roles.yaml:") for r in reported), reported
    assert lint_command([str(contract_copy)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err == ""
    # The run refuses to start with the same lines (hooks.py turns ContractError into exit 2
    # at configure, before any browser starts).
    with pytest.raises(ContractError) as raised:
        load_contract(contract_copy)
    assert [str(e) for e in raised.value.errors] == reported


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"routes:\n  workloads.list:\n    - {rule: x, target: 'a\n",
         "v3/a11y-baseline.yaml:3: (yaml): invalid YAML: quoted scalar is never closed"),
        (b"routes:\n  workloads.list: [\x1b]\n",
         "v3/a11y-baseline.yaml:2: (yaml): non-printable character U+001B at column 20"),
        (b"routes:\n  x: \xff\xfe\n",
         "v3/a11y-baseline.yaml:2: (file): not UTF-8: byte 0xff at column 6"),
        (b"- workloads.list\n",
         "v3/a11y-baseline.yaml:1: (file): must be routes: {route_id: [{rule: ..., target: "
         "...}]}"),
        (b"routes: [workloads.list]\n",
         "v3/a11y-baseline.yaml:1: routes: must be a mapping, got a list"),
    ],
    ids=["unterminated-quote", "control-character", "binary", "not-a-mapping", "routes-list"],
)
def test_unreadable_a11y_baseline(contract_copy: Path, text: bytes, expected: str) -> None:
    path = contract_copy / "a11y-baseline.yaml"
    path.write_bytes(text)
    baseline, issues = check_a11y_baseline(path, ROUTES)
    assert baseline == {} and len(issues) == 1 and str(issues[0]).startswith(expected), issues


def test_the_baseline_the_settings_name_is_the_one_linted(
    contract_copy: Path, edit: Callable[[str, str, str], None]
) -> None:
    edit("settings.yaml", "  baseline: a11y-baseline.yaml", "  baseline: known-issues.yaml")
    (contract_copy / "a11y-baseline.yaml").unlink()
    (contract_copy / "known-issues.yaml").write_text("routes:\n  nope: []\n")
    assert _lint(contract_copy) == ["v3/known-issues.yaml:2: routes.nope: unknown route 'nope'"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"routes": {\n  "nope.route": {"kv_rows": 3},\n  "workloads.list": {"tabel_columns":'
         ' 2, "raw_blocks": true}\n}, "x": 1}\n',
         ["v3/density-baseline.json:2: routes.nope.route: unknown route 'nope.route'",
          "v3/density-baseline.json:3: routes.workloads.list.raw_blocks: must be an integer, "
          "got a boolean",
          "v3/density-baseline.json:3: routes.workloads.list.tabel_columns: unknown field "
          "'tabel_columns' (did you mean 'table_columns'?)",
          "v3/density-baseline.json:4: x: unknown field 'x'"]),
        ('{"routes": {\n}', ["v3/density-baseline.json:2: (json): invalid JSON: Expecting ',' "
                             "delimiter"]),
        ("[]", ["v3/density-baseline.json:1: (file): must be {\"routes\": {route_id: "
                "{measurement: integer}}}"]),
    ],
    ids=["types-and-ids", "syntax", "not-a-mapping"],
)
def test_density_baseline(contract_copy: Path, text: str, expected: list[str]) -> None:
    path = contract_copy / "density-baseline.json"
    path.write_text(text)
    baseline, issues = check_density_baseline(path, ROUTES)
    assert baseline == {} and [str(i) for i in issues] == expected


# (file, old text, new text, the line the issue points at, "field: message" it starts with)
SELECTOR_CASES = [
    ("settings.yaml", """  tab: '[data-testid="tab-{key}"]'""",
     """  tab: '[data-testid="tab-{key}"'""", None,
     """selectors.tab: invalid selector '[data-testid="tab-{key}"': '[' at position 0"""),
    ("settings.yaml", """    - '[data-testid="v1-fallback-banner"]'""", "    - 'div:visible'", None,
     "placeholders.selectors[0]: invalid selector 'div:visible': ':visible' is Playwright"),
    ("families.yaml", "- {key: home, label: Home, route: shell.home}",
     "- {key: home, label: Home, route: shell.home, selector: 'a[x'}",
     "        - {key: home, label: Home, route: shell.home, selector: 'a[x'}",
     "families[shell].local_nav.items[home].selector: invalid selector 'a[x'"),
    ("families.yaml", "    local_nav:\n      items:\n",
     "    local_nav:\n      container: '#nav >'\n      items:\n", "      container: '#nav >'",
     "families[shell].local_nav.container: invalid selector '#nav >'"),
    ("lifecycle.yaml", """    result: '[data-testid="op-result"]'""", "    result: '::x'", None,
     "lifecycle.fields.result: invalid selector '::x'"),
    ("lifecycle.yaml", "  op_attribute: data-op\n", "  op_attribute: data-op\n  card: 'div..x'\n",
     "  card: 'div..x'", "lifecycle.card: invalid selector 'div..x'"),
    ("lifecycle.yaml", "- {key: cordon, intent: maintenance}",
     "- {key: cordon, intent: maintenance, selector: 'form:text(\"x\")'}",
     """        - {key: cordon, intent: maintenance, selector: 'form:text("x")'}""",
     "lifecycle.resources[node].operations[cordon].selector: invalid selector 'form:text(\"x\")'"
     ": ':text' is Playwright syntax"),
    ("auth.yaml", """    username: '[data-testid="login-username"]'""",
     """    username: 'role=textbox[nme="User"]'""", None,
     "auth.login.username: invalid selector 'role=textbox[nme=\"User\"]': unknown role attribute"
     " 'nme' (did you mean 'name'?)"),
    ("auth.yaml", """    error: '[data-testid="login-error"]'""", "    error: 'text=Wrong'", None,
     "auth.login.error: invalid selector 'text=Wrong': a Playwright text selector"),
    ("auth.yaml", """{element: '[data-testid="global-shell"]'}""", "{element: 'css=a['}",
     "    success: {element: 'css=a['}",
     "auth.login.success.element: invalid selector 'css=a['"),
    ("degraded.yaml", """  loading: '[aria-busy="true"]'""", "  loading: '[aria-busy=true'", None,
     "degraded.loading: invalid selector '[aria-busy=true'"),
]


def test_invalid_selector_in_each_kind_of_field(
    edit: Callable[[str, str, str], None], locate: Callable[..., int], contract_copy: Path
) -> None:
    """All edits in one contract (one lint, and the proof that they are reported together)."""
    for file, old, new, _, _ in SELECTOR_CASES:
        edit(file, old, new)
    reported = _lint(contract_copy)
    for file, _, new, at, expected in SELECTOR_CASES:
        where = f"v3/{file}:{locate(file, at or new)}: "
        assert any(r.startswith(where + expected) for r in reported), (where + expected, reported)
    assert len(reported) == len(SELECTOR_CASES), reported

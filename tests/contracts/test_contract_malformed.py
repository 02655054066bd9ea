"""One small textual edit of the V3 contract -> exactly the expected `file:line: field: message`.

Each case names the exact text of the line the issue must point at, so the cases survive edits
of unrelated parts of the contract.  `<<file|line text>>` in an expectation is replaced by that
line's number (for messages that cite another location).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from contracts import ContractError, lint_contract, load_contract


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    old: str
    new: str
    at: str  # exact text of the line the issue points at
    expected: str  # "field: message"
    at_file: str | None = None  # file of the issue when it is not the edited one
    nth: int = 1  # which occurrence of `at`
    after: str | None = None  # `at` is searched below this exact line


BUCKET = "  - id: storage.bucket.detail"
SKU_LEGACY = "    redirect: {to: compute.sku.detail, params: {sku_id: sku_id}}"
TERMINAL_IDS = (
    "    ids: {from_list: workloads.list, query: {kind: vm}, row_route: workloads.detail}"
)

CASES = [
    Case(
        "yaml-syntax",
        "routes.yaml",
        "    kind: detail\n    title: Bucket\n",
        "    kind: detail\n   title: Bucket\n",
        "   title: Bucket",
        "(yaml): invalid YAML: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block collection)",
    ),
    Case(
        "unknown-key",
        "routes.yaml",
        "    back: storage.buckets\n",
        "    bak: storage.buckets\n",
        "    bak: storage.buckets",
        "routes[storage.bucket.detail].bak: unknown field 'bak' (did you mean 'back'?)",
    ),
    Case(
        "missing-required-field",
        "routes.yaml",
        "    family: storage\n    kind: detail\n    title: Bucket\n",
        "    kind: detail\n    title: Bucket\n",
        BUCKET,
        "routes[storage.bucket.detail].family: field required",
    ),
    Case(
        "bad-enum-kind",
        "routes.yaml",
        "    kind: list\n    title: Buckets\n",
        "    kind: lst\n    title: Buckets\n",
        "    kind: lst",
        "routes[storage.buckets].kind: must be one of: list, detail, launch, guide, utility, "
        "docs (got 'lst'; did you mean 'list'?)",
    ),
    Case(
        "wrong-type",
        "routes.yaml",
        "    title: Buckets\n",
        "    title: Buckets\n    mutable: maybe\n",
        "    mutable: maybe",
        "routes[storage.buckets].mutable: must be true or false, got a string",
    ),
    Case(
        "path-without-slash",
        "routes.yaml",
        "    path: /storage/grants\n",
        "    path: storage/grants\n",
        "    path: storage/grants",
        "routes[storage.grants].path: must start with '/'",
    ),
    Case(
        "back-unknown-route",
        "routes.yaml",
        "    title: Bucket\n    back: storage.buckets\n",
        "    title: Bucket\n    back: storage.bucket\n",
        "    back: storage.bucket",
        "routes[storage.bucket.detail].back: unknown route 'storage.bucket' "
        "(did you mean 'storage.buckets'?)",
    ),
    Case(
        "back-other-family",
        "routes.yaml",
        "    title: Bucket\n    back: storage.buckets\n",
        "    title: Bucket\n    back: workloads.list\n",
        "    back: workloads.list",
        "routes[storage.bucket.detail].back: back target 'workloads.list' is in family "
        "'workloads', not 'storage'",
        after=BUCKET,
    ),
    Case(
        "back-not-list-or-parent",
        "routes.yaml",
        "    title: Bucket events\n    back: storage.buckets\n",
        "    title: Bucket events\n    back: storage.launch\n",
        "    back: storage.launch",
        "routes[storage.bucket.events].back: back target 'storage.launch' must be a list route "
        "or a parent of this route ('/storage/new' is a launch route and not a prefix of "
        "'/storage/buckets/{bucket_id}/events')",
    ),
    Case(
        "detail-without-back",
        "routes.yaml",
        "    title: Bucket\n    back: storage.buckets\n",
        "    title: Bucket\n",
        BUCKET,
        "routes[storage.bucket.detail].back: required for detail routes "
        "(the resource-back-link target)",
    ),
    Case(
        "unknown-family-on-route",
        "routes.yaml",
        "    path: /storage/grants\n    family: storage\n",
        "    path: /storage/grants\n    family: storag\n",
        "    family: storag",
        "routes[storage.grants].family: unknown family 'storag' (did you mean 'storage'?)",
    ),
    Case(
        "duplicate-route-id",
        "routes.yaml",
        "  - id: storage.attachments\n",
        "  - id: storage.grants\n",
        "  - id: storage.grants",
        "routes[storage.grants].id: duplicate id 'storage.grants' "
        "(first defined at v3/routes.yaml:<<routes.yaml|  - id: storage.grants>>)",
        nth=2,
    ),
    Case(
        "duplicate-path",
        "routes.yaml",
        "    path: /storage/attachments\n",
        "    path: /storage/grants\n",
        "    path: /storage/grants",
        "routes[storage.attachments].path: duplicate path '/storage/grants' (same as route "
        "'storage.grants' at v3/routes.yaml:<<routes.yaml|    path: /storage/grants>>)",
        nth=2,
    ),
    Case(
        "path-param-not-produced",
        "routes.yaml",
        TERMINAL_IDS,
        TERMINAL_IDS.replace("row_route: workloads.detail", "row_route: workloads.activity"),
        TERMINAL_IDS.replace("row_route: workloads.detail", "row_route: workloads.activity"),
        "routes[workloads.detail.terminal].ids: path parameter 'workload_id' of "
        "'workloads.detail.terminal' is not produced: neither row_route 'workloads.activity' "
        "nor from_list 'workloads.list' has it",
    ),
    Case(
        "ids-from-list-not-a-list",
        "routes.yaml",
        "    ids: {from_list: compute.catalog}\n",
        "    ids: {from_list: compute.launch}\n",
        "    ids: {from_list: compute.launch}",
        "routes[compute.sku.detail].ids.from_list: must be a list route; 'compute.launch' is a "
        "launch route",
    ),
    Case(
        "params-without-ids",
        "routes.yaml",
        "    ids: {from_list: compute.catalog}\n",
        "",
        "  - id: compute.sku.detail",
        "routes[compute.sku.detail].ids: required: the path has parameters (sku_id); say which "
        "list route's first row gives them",
    ),
    Case(
        "duplicate-legacy-path",
        "legacy.yaml",
        "    path: /jobs\n",
        "    path: /allocations\n",
        "    path: /allocations",
        "legacy[v1.jobs].path: duplicate path '/allocations' (same as 'v1.allocations' at "
        "v3/legacy.yaml:<<legacy.yaml|    path: /allocations>>)",
        nth=2,
    ),
    Case(
        "legacy-path-is-canonical",
        "legacy.yaml",
        "    path: /jobs\n",
        "    path: /workloads\n",
        "    path: /workloads",
        "legacy[v1.jobs].path: legacy path '/workloads' is also the canonical path of route "
        "'workloads.list'",
    ),
    Case(
        "legacy-redirect-and-passthrough",
        "legacy.yaml",
        "    redirect: {to: platform.ops}\n",
        "    redirect: {to: platform.ops}\n    passthrough: {task: OPS-1}\n",
        "  - id: v1.admin",
        "legacy[v1.admin]: exactly one of redirect, passthrough, retired is required "
        "(got redirect, passthrough)",
    ),
    Case(
        "legacy-without-mapping",
        "legacy.yaml",
        "    redirect: {to: platform.ops}\n",
        "",
        "  - id: v1.admin",
        "legacy[v1.admin]: exactly one of redirect, passthrough, retired is required (got none)",
    ),
    Case(
        "redirect-unknown-route",
        "legacy.yaml",
        "redirect: {to: platform.ops}",
        "redirect: {to: platform.op}",
        "    redirect: {to: platform.op}",
        "legacy[v1.admin].redirect.to: unknown route 'platform.op' (did you mean 'platform.ops'?)",
    ),
    Case(
        "redirect-param-not-mapped",
        "legacy.yaml",
        SKU_LEGACY,
        "    redirect: {to: compute.sku.detail}",
        "    redirect: {to: compute.sku.detail}",
        "legacy[v1.catalog.sku].redirect.params: parameter 'sku_id' of route "
        "'compute.sku.detail' is not mapped from a legacy parameter",
    ),
    Case(
        "redirect-from-unknown-legacy-param",
        "legacy.yaml",
        SKU_LEGACY,
        SKU_LEGACY.replace("sku_id: sku_id", "sku_id: sku"),
        SKU_LEGACY.replace("sku_id: sku_id", "sku_id: sku"),
        "legacy[v1.catalog.sku].redirect.params.sku_id: 'sku' is not a parameter of legacy path "
        "'/catalog/skus/{sku_id}' (did you mean 'sku_id'?)",
    ),
    Case(
        "retired-wildcard-without-samples",
        "legacy.yaml",
        "      samples: [/v3/workloads, /v3/storage/buckets, /v3/platform/nodes]\n",
        "",
        "    retired:",
        "legacy[v1.mocks].retired.samples: required for a wildcard path (concrete paths to probe)",
        after="  - id: v1.mocks",
    ),
    Case(
        "local-nav-route-in-other-family",
        "families.yaml",
        "{key: grants, label: Grants, route: storage.grants}",
        "{key: grants, label: Grants, route: access.quotas}",
        "        - {key: grants, label: Grants, route: access.quotas}",
        "families[storage].local_nav.items[grants].route: route 'access.quotas' belongs to "
        "family 'access', not 'storage' (local nav only links within its family)",
    ),
    Case(
        "unknown-role-in-family",
        "families.yaml",
        "    title: Storage\n    roles: [user,",
        "    title: Storage\n    roles: [usr,",
        "    roles: [usr, project_admin, platform_admin]",
        "families[storage].roles[0]: unknown role 'usr' (did you mean 'user'?)",
    ),
    Case(
        "role-landing-unknown",
        "roles.yaml",
        "landing: workloads.list",
        "landing: workload.list",
        "    landing: workload.list",
        "roles[user].landing: unknown route 'workload.list' (did you mean 'workloads.list'?)",
    ),
    Case(
        "role-landing-invisible",
        "roles.yaml",
        "landing: workloads.list",
        "landing: platform.ops",
        "    landing: platform.ops",
        "roles[user].landing: landing route 'platform.ops' is in family 'platform', which role "
        "'user' cannot see",
    ),
    Case(
        "two-default-roles",
        "roles.yaml",
        "    landing: access.memberships\n",
        "    landing: access.memberships\n    default: true\n",
        "    default: true",
        "roles[platform_admin].default: only one role may be the default "
        "('project_admin' already is)",
        nth=2,
    ),
    Case(
        "no-default-role",
        "roles.yaml",
        "    default: true\n",
        "",
        "roles:",
        "roles: exactly one role must have default: true (none has)",
    ),
    Case(
        "destructive-without-typed-confirmation",
        "lifecycle.yaml",
        "{key: delete, intent: destructive, typed_confirmation: true}",
        "{key: delete, intent: destructive}",
        "        - {key: delete, intent: destructive}",
        "lifecycle.resources[storage_bucket].operations[delete].typed_confirmation: destructive "
        "operations need typed_confirmation: true (never window.confirm)",
    ),
    Case(
        "unknown-intent",
        "lifecycle.yaml",
        "{key: lifecycle-policy, intent: update}",
        "{key: lifecycle-policy, intent: cleanup}",
        "        - {key: lifecycle-policy, intent: cleanup}",
        "lifecycle.resources[storage_bucket].operations[lifecycle-policy].intent: unknown intent "
        "'cleanup' (must be one of: setup, update, maintenance, recovery, destructive, evidence)",
    ),
    Case(
        "lifecycle-on-non-mutable-route",
        "lifecycle.yaml",
        "route: access.quota.detail",
        "route: access.quotas",
        "      route: access.quotas",
        "lifecycle.resources[quota].route: route 'access.quotas' is not mutable "
        "(set mutable: true on it)",
    ),
    Case(
        "journey-step-with-two-actions",
        "journeys.yaml",
        "      - open_first_row: storage.bucket.detail\n",
        "      - open_first_row: storage.bucket.detail\n        expect: storage.bucket.detail\n",
        "      - open_first_row: storage.bucket.detail",
        "journeys[storage.bucket-events].steps[1]: a step needs exactly one of open, click_nav, "
        "open_first_row, open_tab, follow_back, click_global_nav, expect "
        "(got open_first_row, expect)",
    ),
    Case(
        "journey-follow-back-mismatch",
        "journeys.yaml",
        "      - follow_back: storage.buckets\n",
        "      - follow_back: storage.grants\n",
        "      - follow_back: storage.grants",
        "journeys[storage.bucket-events].steps[3].follow_back: the back link of "
        "'storage.bucket.events' leads to 'storage.buckets', not 'storage.grants'",
    ),
    Case(
        "journey-unknown-nav-key",
        "journeys.yaml",
        "      - click_nav: grants\n",
        "      - click_nav: grant\n",
        "      - click_nav: grant",
        "journeys[storage.local-nav].steps[2].click_nav: no local-nav item 'grant' in family "
        "'storage' (did you mean 'grants'?)",
    ),
    Case(
        "parity-replaced-without-task",
        "parity.yaml",
        '    task: "EVID-V3-04: evidence export as a V3 workflow"\n',
        "",
        "  - id: platform.audit-export",
        "parity[platform.audit-export].task: required when status is 'replaced' "
        "(name the V3 task that closes the gap)",
    ),
    Case(
        "parity-unknown-legacy",
        "parity.yaml",
        "legacy: [v1.inbox]",
        "legacy: [v1.inbx]",
        "    legacy: [v1.inbx]",
        "parity[notifications.inbox].legacy[0]: unknown legacy route 'v1.inbx' "
        "(did you mean 'v1.inbox'?)",
    ),
    Case(
        "parity-compare-v1-not-accounted-for",
        "parity.yaml",
        "    legacy: [v1.admin.user]\n    compare:\n      v1: v1.admin.user\n",
        "    legacy: [v1.admin.node]\n    compare:\n      v1: v1.admin.user\n",
        "      v1: v1.admin.user",
        "parity[platform.admin-user].compare.v1: 'v1.admin.user' must also be listed in this "
        "row's legacy (the V1 route whose parity the comparison proves)",
    ),
    Case(
        "bad-regex",
        "settings.yaml",
        r"regex: '\bTODO\b'",
        "regex: '[TODO'",
        "    - {id: todo, regex: '[TODO', description: developer TODO left in the page}",
        "placeholders.patterns[todo].regex: invalid regular expression: unterminated character "
        "set at position 0",
    ),
    Case(
        "selector-template-without-placeholder",
        "settings.yaml",
        """  tab: '[data-testid="tab-{key}"]'""",
        """  tab: '[data-testid="tab"]'""",
        """  tab: '[data-testid="tab"]'""",
        "selectors.tab: must contain the placeholder '{key}'",
    ),
    Case(
        "heading-bad-pattern",
        "routes.yaml",
        "    heading: Apps\n",
        "    heading: {pattern: 'Apps ('}\n",
        "    heading: {pattern: 'Apps ('}",
        "routes[apps.catalog].heading.pattern: invalid regular expression: missing ), "
        "unterminated subpattern at position 5",
    ),
    Case(
        "heading-not-text",
        "routes.yaml",
        "    heading: Apps\n",
        "    heading: [Apps]\n",
        "    heading: [Apps]",
        "routes[apps.catalog].heading: must be non-empty text or {pattern: <regular "
        "expression>}",
    ),
    Case(
        "back-label-without-back",
        "routes.yaml",
        "    heading: Apps\n",
        "    heading: Apps\n    back_label: Back to Home\n",
        "    back_label: Back to Home",
        "routes[apps.catalog].back_label: needs a back target (`back`) to label",
    ),
    Case(
        "wording-without-placeholder",
        "settings.yaml",
        "  back_link: 'Back to {title}'\n",
        "  back_link: 'Back to {name}'\n",
        "  back_link: 'Back to {name}'",
        "wording.back_link: must contain the placeholder '{title}'",
    ),
    Case(
        "wording-unknown-placeholder",
        "settings.yaml",
        "  document_title: '{heading} · *'\n",
        "  document_title: '{heading} · {family}'\n",
        "  document_title: '{heading} · {family}'",
        "wording.document_title: unknown placeholder '{family}' (only '{heading}')",
    ),
    Case(
        "local-nav-items-per-item",
        "settings.yaml",
        """  local_nav_items: '[data-testid^="local-nav-item-"]'""",
        """  local_nav_items: '[data-testid="local-nav-item-{key}"]'""",
        """  local_nav_items: '[data-testid="local-nav-item-{key}"]'""",
        "selectors.local_nav_items: must not contain '{key}': it finds every item of a "
        "family's local nav",
    ),
    Case(
        "local-nav-items-underivable",  # items as custom elements named by their key
        "settings.yaml",
        """  local_nav_item: '[data-testid="local-nav-item-{key}"]'\n"""
        """  local_nav_items: '[data-testid^="local-nav-item-"]'\n""",
        "  local_nav_item: 'nav.local nav-{key}'\n",
        "  local_nav_item: 'nav.local nav-{key}'",
        "selectors.local_nav_item: cannot tell every local-nav item from this template (the "
        'placeholder must sit in an attribute value ([attr="...{key}"]), a class (.x-{key}) or '
        "an id (#x-{key})); set selectors.local_nav_items",
    ),
    Case(
        "section-in-two-files",
        "roles.yaml",
        "roles:\n",
        "crawl: {max_pages: 10}\nroles:\n",
        "crawl:",
        "crawl: section 'crawl' is also defined at "
        "v3/roles.yaml:<<roles.yaml|crawl: {max_pages: 10}>>",
        at_file="settings.yaml",
    ),
    Case(
        "unknown-section",
        "parity.yaml",
        "parity:\n",
        "parity_rows: []\nparity:\n",
        "parity_rows: []",
        "parity_rows: unknown section 'parity_rows' (did you mean 'parity'?)",
    ),
    Case(
        "non-mapping-file",
        "parity.yaml",
        "parity:\n",
        "- parity:\n",
        "- parity:",
        "(file): must be a mapping of sections, got a list",
    ),
    Case(
        "duplicate-yaml-key",
        "routes.yaml",
        "    title: Buckets\n",
        "    title: Buckets\n    title: Bucket list\n",
        "    title: Bucket list",
        "routes[storage.buckets].title: duplicate key 'title' "
        "(first on line <<routes.yaml|    title: Buckets>>)",
    ),
]


def _expand(text: str, locate: Callable[..., int]) -> str:
    return re.sub(r"<<([^|]+)\|(.*?)>>", lambda m: str(locate(m[1], m[2])), text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_malformed_contract_reports_exact_issue(
    case: Case, contract_copy: Path, edit: Callable[..., None], locate: Callable[..., int]
) -> None:
    edit(case.file, case.old, case.new)
    file = case.at_file or case.file
    line = locate(file, case.at, case.nth, case.after)
    expected = f"v3/{file}:{line}: {_expand(case.expected, locate)}"
    reported = [str(issue) for issue in lint_contract(contract_copy).errors]
    assert expected in reported, "\n".join(["expected:", expected, "reported:", *reported])


def test_load_contract_raises_with_the_same_issues(contract_copy: Path, edit) -> None:
    edit("routes.yaml", "    back: storage.buckets\n", "    bak: storage.buckets\n")
    with pytest.raises(ContractError) as raised:
        load_contract(contract_copy)
    assert [str(e) for e in raised.value.errors] == [
        str(e) for e in lint_contract(contract_copy).errors
    ]
    assert "routes[storage.bucket.detail].bak: unknown field 'bak'" in str(raised.value)


POLICY_CLEANUP = "        - {key: lifecycle-policy, intent: cleanup}"


def test_all_independent_errors_are_reported_at_once(contract_copy: Path, edit, locate) -> None:
    edit("routes.yaml", "    back: storage.buckets\n", "    bak: storage.buckets\n")
    edit(
        "lifecycle.yaml",
        "{key: lifecycle-policy, intent: update}",
        "{key: lifecycle-policy, intent: cleanup}",
    )
    edit("roles.yaml", "landing: workloads.list", "landing: workload.list")
    reported = [str(issue) for issue in lint_contract(contract_copy).errors]
    assert len(reported) == 3, reported
    assert [r.split(": ")[0] for r in reported] == [
        f"v3/lifecycle.yaml:{locate('lifecycle.yaml', POLICY_CLEANUP)}",
        f"v3/roles.yaml:{locate('roles.yaml', '    landing: workload.list')}",
        f"v3/routes.yaml:{locate('routes.yaml', '    bak: storage.buckets')}",
    ]


def test_empty_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    report = lint_contract(Path("empty"))
    assert [str(e) for e in report.errors] == [
        "empty:0: (contract): no contract files (*.yaml) found"
    ]
    assert set(report.counts.values()) == {0}


def test_missing_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert [str(e) for e in lint_contract(Path("nope")).errors] == [
        "nope:0: (contract): contract directory not found"
    ]


def test_missing_required_section(contract_copy: Path) -> None:
    (contract_copy / "roles.yaml").unlink()
    reported = [str(e) for e in lint_contract(contract_copy).errors]
    assert "v3:0: roles: section required (no contract file defines it)" in reported
    # references into the missing section are not echoed as dozens of "unknown role" errors
    assert not any("unknown role" in line for line in reported), reported

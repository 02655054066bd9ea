"""Routing facts in the contract: section redirects, a route path's query, a legacy redirect's
landing query and `resolved_by`, and `not_found`; every problem reported at once as
`file:line: field: message`, and the matching they drive (contracts.paths, Contract look-ups)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contracts import lint_contract, load_contract
from contracts.paths import (
    format_path,
    match_template,
    path_shape,
    query_problem,
    template_problem,
)

REDIRECTS = """
redirects:
  - path: /storage
    to: storage.buckets
    reason: 'storage section landing page (HTTP redirect)'
"""


def _errors(directory: Path) -> list[str]:
    return [str(issue) for issue in lint_contract(directory).errors]


def test_bad_routing_facts_are_all_reported_at_once(
        contract_copy: Path, edit: Callable[[str, str, str], None],
        locate: Callable[..., int]) -> None:
    edit("routes.yaml", "  - path: /storage\n    to: storage.buckets\n",
         "  - path: /storage\n    to: storage.bucket\n"
         "  - path: /home\n    to: shell.home\n"
         "  - path: /dashboard\n    to: shell.home\n"
         "  - path: /b/{bucket_id}/{extra}\n    to: storage.bucket.detail\n"
         "  - path: /b\n    to: storage.bucket.detail\n"
         "  - path: /v3/old\n    to: shell.home\n"
         "  - path: /x?y=1\n    to: shell.home\n")
    edit("legacy.yaml", "redirect: {to: workloads.list, query: {kind: vm}}",
         "redirect: {to: workloads.list, query: {kind: vm}}\n    resolved_by: identity")
    edit("legacy.yaml", "redirect: {to: workloads.detail.tasks, params: {workload_id: job_id}}",
         "redirect: {to: workloads.detail.tasks, params: {workload_id: job_id}}\n"
         "    samples: {reference: {workload_id: wl-1}}")
    edit("settings.yaml", "  redirects_to: null\n  probe: /cutover-probe/no-such-page",
         "  redirects_to: workloads.detail\n  probe: /workloads")
    r = "v3/routes.yaml"
    line = locate("routes.yaml", "  - path: /storage")
    found = _errors(contract_copy)
    expected = [
        f"{r}:{line + 1}: redirects[0].to: unknown route 'storage.bucket' (did you mean "
        "'storage.buckets'?)",
        f"{r}:{line + 2}: redirects[1].path: '/home' is also the path of route 'shell.home' (at "
        f"{r}:",
        f"{r}:{line + 4}: redirects[2].path: '/dashboard' is also the path of legacy "
        "'v1.dashboard'",
        f"{r}:{line + 6}: redirects[3].path: parameter 'extra' is not a parameter of route "
        "'storage.bucket.detail' (/storage/buckets/{bucket_id}), whose discovered ids fill it",
        f"{r}:{line + 8}: redirects[4].path: parameter 'bucket_id' of route "
        "'storage.bucket.detail' (/storage/buckets/{bucket_id}) does not come from '/b'",
        f"{r}:{line + 10}: redirects[5].path: '/v3/old' is under the legacy wildcard '/v3/*' "
        "(v1.mocks)",
        f"{r}:{line + 12}: redirects[6].path: a query ('?name=value') is only allowed in route "
        "paths",
        ": legacy[v1.instances].resolved_by: only for a redirect with a {resolved_from: ...} "
        "parameter",
        ": legacy[v1.job.detail].samples.reference.workload_id: 'workload_id' is not a path "
        "parameter",
        ": not_found.redirects_to: route 'workloads.detail' (/workloads/{workload_id}) takes "
        "parameters: a catch-all lands on one fixed page",
        ": not_found.probe: '/workloads' is served by route 'workloads.list': the probe must be "
        "a path the product does not serve",
    ]
    for fragment in expected:
        assert any(fragment in message for message in found), (fragment, found)
    assert len(found) == len(expected), found


def test_a_route_path_may_name_a_query_and_a_landing_query_must_agree(
        contract_copy: Path, edit: Callable[[str, str, str], None]) -> None:
    edit("routes.yaml", "  - id: workloads.activity\n",
         "  - id: workloads.vms\n    path: /workloads?kind=vm\n    family: workloads\n"
         "    kind: list\n    title: Workloads\n"
         "  - id: workloads.activity\n")
    edit("legacy.yaml", "redirect: {to: workloads.list, query: {kind: vm}}",
         "redirect: {to: workloads.vms, query: {kind: batch}}")
    [problem] = _errors(contract_copy)
    assert problem.endswith("legacy[v1.instances].redirect.query.kind: 'kind=batch' contradicts "
                            "route 'workloads.vms' (/workloads?kind=vm), whose path names "
                            "kind=vm")
    edit("legacy.yaml", "query: {kind: batch}", "query: {kind: vm}")
    contract = load_contract(contract_copy)
    assert contract.route_id_of("http://h/workloads?kind=vm&page=2") == "workloads.vms"
    assert contract.route_id_of("http://h/workloads?kind=app") == "workloads.list"
    assert contract.route_id_of("http://h/workloads") == "workloads.list"
    assert contract.route("workloads.vms").format({}) == "/workloads?kind=vm"


@pytest.mark.parametrize(("template", "problem"), [
    ("/runs?view", "query part 'view' must be name=value"),
    ("/runs?", "a '?' must be followed by name=value pairs"),
    ("/runs?view={v}", "query part 'view={v}' must be literal (no '{param}', '*' or '#')"),
    ("/runs?a=1&a=2", "query parameter 'a' appears twice"),
    ("/runs/?view=b", None),
])
def test_query_templates(template: str, problem: str | None) -> None:
    assert template_problem(template, allow_wildcard=False, allow_trailing_slash=True,
                            allow_query=True) == problem


def test_query_matching_filling_and_shapes() -> None:
    assert match_template("/runs/{id}?view=b", "http://h/runs/7?x=1&view=b") == {"id": "7"}
    assert match_template("/runs?view=b", "/runs?view=c") is None
    assert match_template("/runs?view=b", "/runs") is None
    assert match_template("/runs", "/runs?view=c") == {}  # plain templates: unchanged
    assert format_path("/runs/{id}/?view=b", {"id": "a b"}) == "/runs/a%20b/?view=b"
    assert path_shape("/runs/{x}?b=2&a=1") == path_shape("/runs/{y}?a=1&b=2") != "/runs/{}"
    assert query_problem({"view": "b"}, "/runs?view=b", allow_extra=False) is None
    assert query_problem({"view": "b"}, "/runs?view=b&view=c", allow_extra=True) == (
        "view=b expected, view=b and view=c found")
    assert query_problem({}, "/runs?x=1", allow_extra=True) is None


def test_the_v3_contract_declares_its_routing_facts() -> None:
    contract = load_contract(Path(__file__).resolve().parents[2] / "contracts" / "v3")
    assert [(r.path, r.to) for r in contract.redirects] == [
        ("/storage", "storage.buckets"), ("/account", "account.profile")]
    assert contract.match_redirect("http://h/account/?x=1")[0].to == "account.profile"
    assert contract.is_known("/storage") and not contract.is_known(contract.not_found.probe)
    assert contract.not_found.redirects_to is None
    assert contract.legacy_route("v1.instances").redirect.query == {"kind": "vm"}
    assert REDIRECTS.strip() in (contract.directory / "routes.yaml").read_text()

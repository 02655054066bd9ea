"""The cutover plan as contract data (contracts/v3/slices.yaml): what the V3 plan says, how a
slice selects its legacy routes (id, family, path pattern), and lint's rules over it -- every
problem at once as `file:line: field: message`, exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contracts import Contract, ContractError, lint_contract, load_contract
from contracts.commands import lint_command
from contracts.slices import legacy_family


def test_the_v3_plan_retires_every_legacy_route_once(contract: Contract) -> None:
    plan = contract.plan
    assert 3 <= len(plan) <= 5 and [s.order for s in plan] == sorted(s.order for s in plan)
    owners: dict[str, str] = {}
    for s in plan:
        for legacy in contract.slice_routes(s):
            assert legacy.id not in owners, (legacy.id, owners.get(legacy.id), s.id)
            owners[legacy.id] = s.id
    assert set(owners) == {r.id for r in contract.legacy}
    # the routes retired before the plan are its retired slice; the next slice is on kind
    retired = [s for s in plan if s.status == "retired"]
    assert {r.id for s in retired for r in contract.slice_routes(s)} == {
        r.id for r in contract.legacy if r.retired is not None}
    following = next(s for s in plan if s.status != "retired")
    assert (following.status, following.environment) == ("validating", "kind")
    # V1 pages kept until their V3 task lands belong to a later, planned slice
    kept = {owners[r.id] for r in contract.legacy if r.passthrough is not None}
    assert all(contract.slice(s).status == "planned" and contract.slice(s).order
               > following.order for s in kept)


def test_a_legacy_routes_family_is_its_targets(contract: Contract) -> None:
    routes = {r.id: r for r in contract.routes}
    assert legacy_family(contract.legacy_route("v1.volume.detail"), routes) == "storage"
    assert legacy_family(contract.legacy_route("v1.admin.reports"), routes) is None  # retired
    assert legacy_family(contract.legacy_route("v1.billing"), routes) is None  # no replaced_by


def test_a_slice_selects_by_id_family_and_path_pattern(contract_copy: Path) -> None:
    (contract_copy / "slices.yaml").write_text("""\
slices:
  - id: one
    title: One
    order: 1
    retires: {ids: [v1.inbox], families: [docs], paths: ['/pilot/*/scheduler', /billing*]}
""")
    found = load_contract(contract_copy)
    assert [r.id for r in found.slice_routes("one")] == [
        "v1.billing", "v1.billing.invoices", "v1.inbox", "v1.api_docs", "v1.downloads",
        "v1.pilot.tenant"]  # legacy-map order; * matches the template's {tenant} too
    assert found.slice("one").status == "planned" and found.slice("one").environment == "kind"


BROKEN = """\
slices:
  - id: first
    title: First
    order: 1
    status: retired
    retires: {ids: [v1.admin.reports, v1.billing, v1.nope]}
  - id: second
    title: Second
    order: 1
    retires:
      families: [docs, nofamily, account]
      paths: [/nothing/*, /admin/reports]
  - id: third
    title: Third
    order: 3
    environment: reference
    retires: {paths: [billing]}
  - id: fourth
    title: Fourth
    order: 4
    retires: {}
"""


def test_every_plan_problem_at_once_at_its_line(contract_copy: Path, locate: Callable[..., int],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (contract_copy / "slices.yaml").write_text(BROKEN)
    at = "v3/slices.yaml"
    billing = locate("legacy.yaml", "  - id: v1.billing")
    expected = [
        f"{at}:5: slices[first].status: slice 'first' is retired, but legacy route 'v1.billing' "
        f"(at v3/legacy.yaml:{billing}) is mapped passthrough: map it `retired` (its V1 URL "
        "must then answer 404/410), or keep the slice validating until it is",
        f"{at}:6: slices[first].retires.ids[2]: unknown legacy route 'v1.nope' (did you mean "
        "'v1.inbox'?)",
        f"{at}:9: slices[second].order: order 1 is taken by slice 'first' (at {at}:4)",
        f"{at}:11: slices[second].retires.families[1]: unknown family 'nofamily'",
        f"{at}:12: slices[second].retires.paths[0]: '/nothing/*' matches no legacy route's "
        "path",
        f"{at}:12: slices[second].retires.paths[1]: legacy route 'v1.admin.reports' is already "
        f"in slice 'first' (at {at}:6): a route retires once",
        f"{at}:16: slices[third].environment: must be one of: kind, url (got 'reference')",
        f"{at}:17: slices[third].retires.paths[0]: a path pattern starts with '/', got "
        "'billing'",
        f"{at}:21: slices[fourth].retires: names no legacy route: give ids, families or paths",
    ]
    report = lint_contract(contract_copy)
    reported = [str(e) for e in report.errors]
    assert [r for r in reported if r.startswith(at)] == expected, reported
    assert lint_command([str(contract_copy)]) == 2
    assert "Traceback" not in capsys.readouterr().out
    with pytest.raises(ContractError):
        load_contract(contract_copy)


def test_a_route_in_no_slice_warns_and_one_in_two_slices_fails(
        contract_copy: Path, locate: Callable[..., int]) -> None:
    plan = (contract_copy / "slices.yaml").read_text()
    (contract_copy / "slices.yaml").write_text(plan.replace(
        "retires: {families: [docs, schedulers]}", "retires: {families: [docs]}"))
    report = lint_contract(contract_copy)
    assert report.ok, report.errors
    assert [w.as_warning() for w in report.warnings] == [
        f"v3/slices.yaml:{locate('slices.yaml', 'slices:')}: slices: warning: 3 legacy "
        "route(s) in no slice: v1.pilot.slurm, v1.pilot.kubernetes, v1.pilot.tenant (the plan "
        "does not say when they retire)"]
    (contract_copy / "slices.yaml").write_text(plan.replace(
        "families: [access, account, platform, notifications]",
        "families: [access, account, platform, notifications, shell]"))
    first = locate("slices.yaml",
                   "    retires: {families: [shell, workloads, compute, apps, storage]}")
    again = locate("slices.yaml",
                   "      families: [access, account, platform, notifications, shell]")
    assert [str(e) for e in lint_contract(contract_copy).errors] == [
        f"v3/slices.yaml:{again}: slices[admin-and-account].retires.families[4]: legacy route "
        f"'v1.dashboard' is already in slice 'user-workflows' (at v3/slices.yaml:{first}): a "
        "route retires once"]


def test_retiring_a_slice_needs_its_routes_retired_in_the_legacy_map(
        contract_copy: Path, edit: Callable[[str, str, str], None]) -> None:
    edit("slices.yaml", "    status: validating\n", "    status: retired\n")
    errors = [str(e) for e in lint_contract(contract_copy).errors]
    assert len(errors) == 5 and all(": slices[guides].status: slice 'guides' is retired, but "
                                    "legacy route 'v1." in e for e in errors), errors
    legacy = (contract_copy / "legacy.yaml").read_text()
    for target in ("docs.api.swagger", "docs.downloads", "schedulers.guide"):
        legacy = legacy.replace(f"redirect: {{to: {target}}}", "retired: {reason: with guides}")
    (contract_copy / "legacy.yaml").write_text(legacy)
    # a retired route has no family any more: the slice must name its routes another way
    assert [str(e).split(": ", 2)[2] for e in lint_contract(contract_copy).errors] == [
        f"family '{family}' has no legacy route (a legacy route's family is its redirect "
        "target's, or its passthrough's replaced_by's; a retired one has none: name it by id "
        "or path)" for family in ("docs", "schedulers")]
    edit("slices.yaml", "retires: {families: [docs, schedulers]}",
         "retires: {paths: [/api-docs, /downloads, /pilot/*]}")
    assert lint_contract(contract_copy).ok

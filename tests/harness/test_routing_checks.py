"""Routing facts on hand-built snapshots, no browser: section redirects, a redirect's landing
query, resolved ids proved by the landing page's identity, and what an unserved path answers
(404/410, or a catch-all's landing)."""

from __future__ import annotations

from dataclasses import replace

from contracts import LegacyRoute, NotFound
from harness.capture.snapshot import LinkTarget, RouteSnapshot
from harness.checks.findings import Subject
from harness.checks.links import classify
from harness.checks.observations import Inventory, LegacyVisit, RetiredVisit
from harness.checks.registry import run
from tests.harness.builders import BASE, healthy


def catch_all(contract, landing="shell.home"):
    """The contract of an app that sends every unserved path to `landing` client-side."""
    return contract.model_copy(update={"not_found": NotFound(redirects_to=landing)})


def unserved(path: str, status: int = 404) -> RouteSnapshot:
    return RouteSnapshot(key="x", requested_url=BASE + path, final_url=BASE + path,
                         status=status)


# -- section redirects ---------------------------------------------------------------------

def test_section_redirect_lands_on_its_route(contract):
    storage = contract.match_redirect("/storage")[0]
    landed = healthy(contract, "storage.buckets", requested_url=BASE + "/storage", redirects=1)
    assert run("section-redirect", storage, LegacyVisit(landed), contract) == []
    # client-side: the page answered 200 and replaced itself; what counts is where it landed
    account = contract.match_redirect("/account")[0]
    profile = healthy(contract, "account.profile", requested_url=BASE + "/account")
    assert run("section-redirect", account, LegacyVisit(profile), contract) == []


def test_section_redirect_elsewhere_names_entry_route_and_landing(contract):
    storage = contract.match_redirect("/storage")[0]
    grants = healthy(contract, "storage.grants", requested_url=BASE + "/storage")
    [f] = run("section-redirect", storage, LegacyVisit(grants), contract)
    assert f.subject == "/storage" and f.source.startswith("contracts/v3/routes.yaml:")
    assert f.expected == "/storage to land on storage.buckets (/storage/buckets)"
    assert f.found == "it landed on /storage/grants (storage.grants, HTTP 200)"
    assert f.url == BASE + "/storage/grants"
    [f] = run("section-redirect", storage,
              LegacyVisit(replace(grants, status=404, final_url=BASE + "/storage")), contract)
    assert "HTTP 404" in f.found


def test_section_redirects_are_known_paths_not_v1_links(contract):
    assert run("route-inventory", Subject("route-inventory", "x"),
               Inventory({"/storage": "/home", "/account/": "/home"}), contract) == []
    [f] = run("route-inventory", Subject("route-inventory", "x"),
              Inventory({"/storage/nope": "/home"}), contract)
    assert "section redirect" in f.expected and "/storage/nope" in f.found
    link = LinkTarget(kind="link", element="a", raw="/storage", url=BASE + "/storage")
    assert classify(contract, link, BASE + "/home").kind == "canonical"


# -- a landing's query ---------------------------------------------------------------------

def test_redirect_landing_must_carry_exactly_the_query_the_contract_names(contract):
    instances = contract.legacy_route("v1.instances")  # to: workloads.list, query: {kind: vm}
    vms = healthy(contract, "workloads.list", final_url=BASE + "/workloads?kind=vm", redirects=1)
    assert run("legacy-redirect", instances, LegacyVisit(vms), contract) == []
    [f] = run("legacy-redirect", instances,
              LegacyVisit(replace(vms, final_url=BASE + "/workloads")), contract)
    assert f.subject == "v1.instances" and f.url == BASE + "/workloads"
    assert f.expected == "the landing URL's query to carry kind=vm (and no other)"
    assert f.found == "kind=vm expected, no kind found at /workloads"
    extra = replace(vms, final_url=BASE + "/workloads?kind=vm&page=2")
    [f] = run("legacy-redirect", instances, LegacyVisit(extra), contract)
    assert f.found == "parameters the contract does not name: page=2 at /workloads?kind=vm&page=2"
    allowed = instances.model_copy(
        update={"redirect": instances.redirect.model_copy(update={"extra_query": True})})
    assert run("legacy-redirect", allowed, LegacyVisit(extra), contract) == []


def test_a_plain_route_landing_still_ignores_the_query(contract):
    volumes = contract.legacy_route("v1.volumes")
    snap = healthy(contract, "storage.buckets", final_url=BASE + "/storage/buckets?x=1",
                   redirects=1)
    assert run("legacy-redirect", volumes, LegacyVisit(snap), contract) == []


# -- resolved ids proved by identity -------------------------------------------------------

def by_identity() -> LegacyRoute:
    return LegacyRoute.model_validate({
        "id": "v1.job.detail", "path": "/jobs/{job_id}", "resolved_by": "identity",
        "redirect": {"to": "workloads.detail.tasks",
                     "params": {"workload_id": {"resolved_from": "job_id"}}}})


def test_identity_proves_the_resolved_id_by_the_landing_url_or_name(contract):
    entry = by_identity()
    tasks = healthy(contract, "workloads.detail.tasks", redirects=1,
                    final_url=BASE + "/workloads/wl-1/tasks", resource_name="wl-1")
    job = {"job_id": "wl-1"}
    assert run("legacy-redirect", entry, LegacyVisit(tasks, job), contract) == []  # no aliases
    renamed = replace(tasks, resource_name="  training  run ")
    assert run("legacy-redirect", entry, LegacyVisit(renamed, {"job_id": "training run"}),
               contract) == []  # the legacy id is the resource's name: its page is named so
    # a sample may name the id the legacy one resolves to
    assert run("legacy-redirect", entry,
               LegacyVisit(renamed, {"job_id": "j-7"}, landing={"workload_id": "wl-1"}),
               contract) == []


def test_identity_fails_on_another_resource(contract):
    entry = by_identity()
    other = healthy(contract, "workloads.detail.tasks", redirects=1,
                    final_url=BASE + "/workloads/wl-2/tasks", resource_name="other run")
    [f] = run("legacy-redirect", entry, LegacyVisit(other, {"job_id": "wl-1"}), contract)
    assert f.expected == ("the landing page to be the resource 'wl-1' that job_id 'wl-1' "
                          "resolves to (its URL's workload_id, or its name "
                          '[data-testid="resource-name"])')
    assert f.found == "workload_id = 'wl-2', named 'other run'"
    # aliases (the default) would have asked for the resource-aliases element instead
    aliases = entry.model_copy(update={"resolved_by": None})
    [f] = run("legacy-redirect", aliases, LegacyVisit(other, {"job_id": "wl-1"}), contract)
    assert "resource-aliases" in f.expected


# -- not found: unknown paths and retired routes -------------------------------------------

def test_unknown_path_must_answer_404_by_default(contract):
    probe = contract.not_found.probe
    subject = Subject("not_found", "contracts/v3/settings.yaml:1")
    assert run("not-found", subject, RetiredVisit(probe, unserved(probe)), contract) == []
    assert run("not-found", subject, RetiredVisit(probe, unserved(probe, 410)), contract) == []
    home = healthy(contract, "shell.home", requested_url=BASE + probe)
    [f] = run("not-found", subject, RetiredVisit(probe, home), contract)
    assert f.expected == (f"the unknown path {probe} to answer 404/410 "
                          "(not_found.redirects_to: none)")
    assert f.found == "it served /home (shell.home, HTTP 200) headed 'Home' with the V3 shell"


def test_a_catch_all_landing_counts_as_not_found_only_on_its_route(contract):
    app = catch_all(contract)
    probe, subject = app.not_found.probe, Subject("not_found", "x")
    home = healthy(contract, "shell.home", requested_url=BASE + probe)
    assert run("not-found", subject, RetiredVisit(probe, home), app) == []
    assert run("not-found", subject, RetiredVisit(probe, unserved(probe)), app) == []
    # still on the unknown path (the hop never came), on another page, or showing other content
    stuck = replace(home, final_url=BASE + probe)
    elsewhere = healthy(contract, "workloads.list", requested_url=BASE + probe)
    other_heading = replace(home, heading="Usage reports")
    for seen in (stuck, elsewhere, other_heading):
        [f] = run("not-found", subject, RetiredVisit(probe, seen), app)
        assert "or land on shell.home (/home; not_found.redirects_to)" in f.expected


def test_retired_route_in_a_catch_all_app(contract):
    mocks = contract.legacy_route("v1.mocks")
    app = catch_all(contract)
    home = healthy(contract, "shell.home", requested_url=BASE + "/v3/workloads")
    assert run("legacy-retired", mocks, RetiredVisit("/v3/workloads", home), app) == []
    # a catch-all that shows the retired page itself (no hop) is the page still served
    mock = replace(unserved("/v3/workloads", 200), shell=True, heading="Workloads (mock)")
    [f] = run("legacy-retired", mocks, RetiredVisit("/v3/workloads", mock), app)
    assert f.found.startswith("it served /v3/workloads (no canonical route, HTTP 200)")
    # client-side landing on a page that is not the catch-all's: only an HTTP redirect counts
    lists = healthy(contract, "workloads.list", requested_url=BASE + "/v3/workloads")
    assert run("legacy-retired", mocks, RetiredVisit("/v3/workloads", lists), app) != []
    assert run("legacy-retired", mocks,
               RetiredVisit("/v3/workloads", replace(lists, redirect_status=302)), app) == []
    # without a catch-all, landing on a canonical page was and is enough
    assert run("legacy-retired", mocks, RetiredVisit("/v3/workloads", lists), contract) == []

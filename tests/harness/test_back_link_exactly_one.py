"""Exactly one visible back link, for the static gate and the click alike: several shown fail the
gate ("N back links match <selector>") and the click fails fast saying so (fault
back-link-duplicated); a hidden copy beside the visible one is no second link. A back-link click
on a route whose id discovery failed is a finding naming the route and the list, not a
traceback."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from contracts import Contract
from harness.capture.collector import collector_js, collector_spec, from_raw
from harness.capture.id_resolver import DiscoveryError
from harness.checks.registry import run
from harness.plugin.suite_support import ambiguous_per_snapshot, click_outcome
from pages.components import ResourceHeader
from tests.harness.builders import healthy

ROUTE = "platform.config.detail"
BACK = ('<a data-testid="resource-back-link" href="/platform/config"{extra}>'
        '<span aria-hidden="true">&larr;</span> Back to Configuration</a>')


def read(page: Page, contract: Contract, body: str) -> Any:
    page.set_content('<html><head><base href="http://target.test/"></head>'
                     f"<body>{body}</body></html>")
    raw = page.evaluate(collector_js(), collector_spec(contract, contract.family("platform")))
    url = "http://target.test/platform/config/cfg-0001"
    return from_raw(ROUTE, url, url, 200, 0, raw, (), None)


def test_two_visible_back_links_fail_the_gate_naming_route_and_selector(contract):
    route = contract.route(ROUTE)
    [f] = run("back-link", route, healthy(contract, ROUTE, back_links=2), contract)
    assert f.subject == ROUTE and f.source.startswith("contracts/v3/routes.yaml:")
    assert f.found == '2 back links match [data-testid="resource-back-link"]'
    assert f.expected == ('exactly one visible back link [data-testid="resource-back-link"] on '
                          "platform.config.detail")
    assert run("back-link", route, healthy(contract, ROUTE, back_links=1), contract) == []


def test_the_collector_counts_visible_back_links_and_reads_the_visible_one(page: Page, contract):
    twice = read(page, contract, BACK.format(extra="") + "<p>" + BACK.format(extra="") + "</p>")
    assert twice.back_links == 2
    shadow = read(page, contract, BACK.format(extra=' style="display:none"')
                  + BACK.format(extra=' class="shown"'))
    assert shadow.back_links == 1 and "back_link" not in shadow.hidden
    assert run("back-link", contract.route(ROUTE), shadow, contract) == []


def test_the_click_takes_the_visible_one_and_refuses_two(page: Page, contract):
    page.set_content(BACK.format(extra=' style="display:none" id="hidden"')
                     + BACK.format(extra=' id="shown"'))
    header = ResourceHeader(page, contract, 2000)
    assert header.back_link.get_attribute("id") == "shown"
    snap = healthy(contract, ROUTE, back_links=2)
    outcome = ambiguous_per_snapshot(snap, "the back link", "platform.config",
                                     contract.selectors.back_link, snap.back_links)
    assert outcome is not None and outcome.error == (
        '2 elements match [data-testid="resource-back-link"], exactly one expected (its route '
        "snapshot found them; not clicked)")
    [f] = run("nav-click", contract.route(ROUTE), outcome, contract)
    assert "expected the back link to land on platform.config (/platform/config)" in f.message
    assert ambiguous_per_snapshot(healthy(contract, ROUTE, back_links=1), "the back link",
                                  "platform.config", contract.selectors.back_link, 1) is None


def test_a_click_on_a_page_that_cannot_be_opened_is_a_finding(page: Page, contract):
    problem = ("could not find a real id for storage.bucket.detail (contracts/v3/routes.yaml:1): "
               "list storage.buckets (/storage/buckets) shows no row link")

    def open_and_click() -> str:
        raise DiscoveryError(problem)

    outcome = click_outcome("the back link", "storage.buckets", open_and_click, page)
    assert outcome.landed_url is None
    assert outcome.error == f"not clicked: the page could not be opened: {problem}"
    [f] = run("nav-click", contract.route("storage.bucket.detail"), outcome, contract)
    assert f.subject == "storage.bucket.detail" and "list storage.buckets" in f.found

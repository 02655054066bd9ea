"""The contract's console allow-list (settings.yaml `console.allow`): an accepted console error
fails neither console gate, is recorded as evidence with its entry's reason, and readiness totals
each entry over the run, naming one that accepted nothing as stale. No browser."""

from __future__ import annotations

from contracts import Contract
from contracts.settings import ConsoleAllow, ConsoleSettings
from harness.capture.snapshot import PageError
from harness.checks.context import CheckContext
from harness.checks.findings import Subject
from harness.checks.registry import get, run
from harness.reports.readiness.model import compute
from harness.reports.readiness.render_text import to_markdown
from harness.reports.results import ResultRow
from tests.harness.builders import healthy

FONT = ("Failed to load resource: net::ERR_NAME_NOT_RESOLVED "
        "(https://fonts.gpucloud-cdn.invalid/css2?family=Source+Sans+3)")
TELEMETRY = ("Failed to load resource: net::ERR_NAME_NOT_RESOLVED "
             "(https://telemetry.gpucloud-metrics.invalid/collect.js)")


def with_allow(contract: Contract, *allow: ConsoleAllow) -> Contract:
    return contract.model_copy(update={"console": ConsoleSettings(allow=allow)})


def test_the_v3_contract_accepts_the_swagger_font_cdn_by_host(contract):
    [entry] = contract.console.allow
    assert entry.host == "fonts.gpucloud-cdn.invalid" and entry.reason
    assert contract.console.accepting(FONT) is entry
    assert contract.console.accepting(TELEMETRY) is None
    # a host is the URL's host, never a substring of the text
    assert contract.console.accepting("fonts.gpucloud-cdn.invalid is slow") is None


def test_hosts_glob_and_patterns_search_the_text():
    by_glob = ConsoleAllow(host="*.gpucloud-metrics.invalid", reason="telemetry")
    assert by_glob.accepts(TELEMETRY) and not by_glob.accepts(FONT)
    by_text = ConsoleAllow(pattern=r"ResizeObserver loop", reason="browser noise")
    assert by_text.accepts("ResizeObserver loop limit exceeded")
    assert by_text.shown == "pattern 'ResizeObserver loop'"


def test_an_accepted_error_passes_the_gate_and_is_recorded_with_its_reason(contract):
    route = contract.route("docs.api.swagger")
    snap = healthy(contract, route.id, console_errors=(FONT, FONT))
    assert run("console-errors", route, snap, contract) == []
    evidence = get("console-errors").evidence_of(CheckContext(route, snap, contract))
    [accepted] = evidence["console_accepted"]
    assert accepted["allow"] == "host fonts.gpucloud-cdn.invalid" and accepted["count"] == 2
    assert "Swagger UI web font" in accepted["reason"] and "fonts.gpucloud" in accepted["example"]


def test_an_unlisted_host_fails_naming_it_and_what_was_accepted(contract):
    route = contract.route("docs.api.swagger")
    snap = healthy(contract, route.id, console_errors=(FONT, TELEMETRY))
    [f] = run("console-errors", route, snap, contract)
    assert f.subject == "docs.api.swagger" and f.source.startswith("contracts/v3/routes.yaml:")
    assert "telemetry.gpucloud-metrics.invalid" in f.found and f.found.startswith("1: ")
    assert "1 accepted by console.allow (host fonts.gpucloud-cdn.invalid: 1" in f.found
    assert f.url == snap.final_url


def test_interaction_errors_honour_the_allow_list_and_record_it(contract):
    allowing = with_allow(contract, ConsoleAllow(pattern="ResizeObserver loop", reason="noise"))
    subject = Subject("account.profile", "x")
    errors = (PageError("a click", "ResizeObserver loop limit exceeded"),
              PageError("a click", "uncaught: boom"))
    [f] = run("interaction-errors", subject, errors, allowing)
    assert "boom" in f.found
    evidence = get("interaction-errors").evidence_of(CheckContext(subject, errors, allowing))
    assert [a["count"] for a in evidence["console_accepted"]] == [1]


def _row(check: str, subject: str, evidence: dict | None = None, outcome: str = "passed"
         ) -> ResultRow:
    return ResultRow(nodeid=f"x::{check}[{subject}]", test="test_x", subject=subject,
                     subject_kind="route", check=check, gate="v3-live", suite="navigation",
                     family=None, outcome=outcome, evidence=evidence or {})  # type: ignore[arg-type]


def test_readiness_totals_each_entry_and_names_a_stale_one(contract):
    noise = ConsoleAllow(pattern="ResizeObserver loop", reason="browser noise")
    allowing = with_allow(contract, *contract.console.allow, noise)
    font = {"allow": "host fonts.gpucloud-cdn.invalid", "reason": "cdn", "count": 2,
            "example": FONT}
    rows = [_row("console-errors", "docs.api.swagger", {"console_accepted": [font]}),
            _row("console-errors", "docs.portal"),
            _row("nav-click", "docs.api", {"console_accepted": [{**font, "count": 1}]})]
    readiness = compute(allowing, rows)
    assert [(a["allow"], a["count"], a["pages"]) for a in readiness.console_accepted] == [
        ("host fonts.gpucloud-cdn.invalid", 3, 2), ("pattern 'ResizeObserver loop'", 0, 0)]
    text = to_markdown(readiness)
    assert "## Console errors accepted (console.allow)" in text
    assert "- host fonts.gpucloud-cdn.invalid: 3 on 2 page(s)/action(s)" in text
    assert "- pattern 'ResizeObserver loop': **unused** in this run (stale" in text


def test_no_console_test_run_says_nothing_about_stale_entries(contract):
    readiness = compute(contract, [_row("placeholder", "docs.portal")])
    assert readiness.console_accepted == ()
    assert "Console errors accepted" not in to_markdown(readiness)

"""The rendering-leak gate on hand-built snapshots (no browser), and its contract data."""

from __future__ import annotations

import shutil

import pytest

from contracts import BUNDLED_CONTRACT, lint_contract
from harness.capture.snapshot import TextNode
from harness.checks.registry import run
from tests.harness.builders import healthy


def snap_with(contract, route_id, *texts):
    return healthy(contract, route_id, texts=tuple(TextNode(e, t) for e, t in texts))


def test_healthy_text_passes(contract):
    snap = snap_with(contract, "workloads.list", ("td", "llama3-finetune"),
                     ("td", "2026-05-17 09:00"), ("p", "Null hypothesis tests run nightly"))
    assert run("rendering-leaks", contract.route("workloads.list"), snap, contract) == []


@pytest.mark.parametrize(("text", "pattern"), [
    ("GPU hours: NaN", "nan"), ("Owner: undefined", "undefined"), ("Region: null", "null"),
    ("Window: [object Object]", "object-object"), ("Started Invalid Date", "invalid-date"),
    ("Created 2026-05-17T09:00:00Z", "raw-timestamp"), ('{"gpu": 8, "ok": true}', "json-blob"),
    ("Hello {{ user.name }}", "template"), ("Cost ${total}", "template"),
])
def test_each_leak_fails_with_element_and_excerpt(contract, text, pattern):
    snap = snap_with(contract, "workloads.list", ('dd[data-testid="x"]', text))
    [f] = run("rendering-leaks", contract.route("workloads.list"), snap, contract)
    assert f.expected.startswith(f"no {pattern} (") and f.check == "rendering-leaks"
    assert 'dd[data-testid="x"]' in f.found and repr(text) in f.found


def test_contract_exceptions_allow_a_leak_only_where_they_say(contract):
    body = ('section > pre', '{"name": "llama3", "gpus": 8}')
    docs = contract.route("docs.api.swagger")
    assert run("rendering-leaks", docs, snap_with(contract, docs.id, body), contract) == []
    elsewhere = snap_with(contract, "docs.portal", body)
    assert run("rendering-leaks", contract.route("docs.portal"), elsewhere, contract)
    outside_pre = snap_with(contract, docs.id, ("td", body[1]))
    assert run("rendering-leaks", docs, outside_pre, contract)


def test_lint_names_unknown_leak_patterns_and_routes_in_exceptions(tmp_path):
    settings = tmp_path / "v3" / "settings.yaml"
    shutil.copytree(BUNDLED_CONTRACT, tmp_path / "v3")
    text = settings.read_text().replace("  - pattern: json-blob\n", "  - pattern: json-blobs\n", 1)
    settings.write_text(text.replace("routes: [docs.api.stoplight,", "routes: [docs.api.nope,", 1))
    reported = [str(issue) for issue in lint_contract(tmp_path / "v3").errors]
    assert any("placeholders.leaks.allow[0].pattern: unknown leak pattern 'json-blobs'" in r
               for r in reported), reported
    assert any("docs.api.nope" in r for r in reported), reported

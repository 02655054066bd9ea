"""Targets: credentials never travel in URLs that reports repeat; kind needs explicit consent to
be mutated."""

from __future__ import annotations

import json

import pytest

from harness.plugin.results_collector import ResultsCollector
from harness.reports.results import ResultRow
from harness.targets.base import Target, TargetError, kind_target


def test_url_credentials_become_http_credentials():
    target = Target(name="url", base_url="https://ops:s3cret@v3.example.test:8443")
    assert target.base_url == "https://v3.example.test:8443"
    assert target.context_args(None)["http_credentials"] == {"username": "ops",
                                                              "password": "s3cret"}
    assert "s3cret" in target.secrets


def test_kind_is_not_disposable_unless_told(monkeypatch):
    monkeypatch.setenv("CUTOVER_KIND_BASE_URL", "https://kind.test")
    monkeypatch.setenv("CUTOVER_KIND_AUTH_HEADER", "Authorization: Bearer tok-123")
    monkeypatch.delenv("CUTOVER_KIND_DISPOSABLE", raising=False)
    target = kind_target(None)
    assert not target.disposable
    assert target.context_args("user")["extra_http_headers"] == {
        "Authorization": "Bearer tok-123"}
    monkeypatch.setenv("CUTOVER_KIND_DISPOSABLE", "1")
    assert kind_target(None).disposable
    monkeypatch.setenv("CUTOVER_KIND_AUTH_HEADER", "no colon here")
    with pytest.raises(TargetError, match="Header-Name: value"):
        kind_target(None)


def test_results_never_carry_a_secret(tmp_path, pytestconfig):
    collector = ResultsCollector(pytestconfig, tmp_path, [], [])
    collector.results["x"] = ResultRow(
        nodeid="x", test="t", subject=None, subject_kind=None, check=None, gate=None,
        suite=None, family=None, outcome="failed", messages=["header was Bearer tok-123"])
    path = collector.write("main", None, {"note": "tok-123 in meta"}, ["tok-123"])
    text = path.read_text()
    assert "tok-123" not in text and json.loads(text)["results"][0]["messages"] == [
        "header was Bearer ***"]

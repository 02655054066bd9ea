"""The path-template resolver every check relies on."""

from __future__ import annotations

import pytest

from harness.paths import match_template, resolve_route, route_id_of


@pytest.mark.parametrize(("template", "path", "expected"), [
    ("/storage/buckets/{bucket_id}", "/storage/buckets/b-1", {"bucket_id": "b-1"}),
    ("/storage/buckets/{bucket_id}", "/storage/buckets/b-1/", {"bucket_id": "b-1"}),
    ("/storage/buckets/{bucket_id}", "/storage/buckets", None),
    ("/storage/buckets/{bucket_id}", "/storage/buckets/b-1/events", None),
    ("/v3/*", "/v3/workloads/x", {}),
    ("/v3/*", "/v3x", None),
    ("/pilot/{tenant}/scheduler", "/pilot/acme/scheduler", {"tenant": "acme"}),
])
def test_match_template(template, path, expected):
    assert match_template(template, path) == expected


def test_literal_segments_beat_parameters(contract):
    route, params = resolve_route(contract, "/workloads/activity")
    assert route.id == "workloads.activity" and params == {}
    route, params = resolve_route(contract, "/workloads/wl-1")
    assert (route.id, params) == ("workloads.detail", {"workload_id": "wl-1"})
    assert route_id_of(contract, "http://x.test/platform/onboarding/new") == \
        "platform.onboarding.new"


def test_unknown_paths_resolve_to_nothing(contract):
    assert resolve_route(contract, "/reports/usage") is None
    assert route_id_of(contract, None) is None

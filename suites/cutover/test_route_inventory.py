"""The route-inventory guard: every path reachable from the shell is canonical or mapped."""

from __future__ import annotations

import json
import urllib.request

import pytest

from harness.checks.findings import Subject
from harness.checks.observations import Inventory
from harness.flows.crawl import crawl, manifest_unmatched

pytestmark = pytest.mark.cutover


@pytest.mark.check("route-inventory")
def test_route_inventory(snapshots, contract, run_role, target, judge):
    settings = contract.crawl
    roles = [run_role, *(r for r in contract.roles if r.id != run_role.id)]
    result = crawl(snapshots, roles, settings.max_pages, settings.max_seconds,
                   tuple(settings.ignore))
    found = dict(result.found)
    if contract.route_manifest:  # a path the crawl reached keeps the page that links to it
        for path, source in manifest_unmatched(
                contract, _manifest(target, contract.route_manifest)).items():
            found.setdefault(path, source)
    subject = Subject("route-inventory", f"{contract.directory}")
    judge(subject, Inventory(found))
    assert result.truncated is None, f"route-inventory crawl incomplete: {result.truncated}"


def _manifest(target, path):
    request = urllib.request.Request(target.base_url + path, headers=target.headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return list(json.load(resp).get("routes", []))
    except (OSError, ValueError) as exc:
        pytest.fail(f"route manifest {path} named by the contract is unreadable: {exc}")

"""Id discovery reads the first row whose link is the drill-down's kind of resource, scanning
every row link the list snapshot kept: a list whose first row links elsewhere (a summary row)
still yields a real id (fault row-first-elsewhere on the reference target). No browser."""

from __future__ import annotations

import pytest

from harness.capture.id_resolver import DiscoveryError, IdResolver, matching_row
from harness.capture.snapshot import LinkState, RouteSnapshot
from harness.capture.snapshot_store import SnapshotKey

BASE = "http://127.0.0.1:9"


def link(path: str, text: str = "") -> LinkState:
    return LinkState(href=path, url=BASE + path, text=text)


def listing(*rows: LinkState) -> RouteSnapshot:
    return RouteSnapshot(key="access.quotas", requested_url=BASE + "/access/quotas",
                         final_url=BASE + "/access/quotas", status=200,
                         row_targets=rows, rows=rows[:5],
                         row_links=tuple(r.url for r in rows[:5] if r.url))


class Lists:
    def __init__(self, snap: RouteSnapshot) -> None:
        self.snap = snap

    def of(self, route: object) -> RouteSnapshot:
        return self.snap

    def at(self, key: SnapshotKey, **_: object) -> RouteSnapshot:
        return self.snap


def resolver(contract, snap: RouteSnapshot) -> IdResolver:
    return IdResolver(contract, BASE, "nowhere", Lists(snap))


SUMMARY = link("/access/entitlements", "All entitlements")


def test_a_first_row_that_links_elsewhere_is_passed_over(contract):
    snap = listing(SUMMARY, link("/access/quotas/quota-0002", "vision · GPUs"))
    url = resolver(contract, snap).url_for(contract.route("access.quota.detail"))
    assert url == BASE + "/access/quotas/quota-0002"
    n, row, ids = matching_row(snap, contract.route("access.quota.detail").path) or (0, None, {})
    assert (n, row and row.text, ids) == (2, "vision · GPUs", {"quota_id": "quota-0002"})


def test_rows_past_the_first_five_are_scanned(contract):
    others = [link(f"/access/entitlements?n={n}") for n in range(7)]
    snap = listing(*others, link("/access/quotas/quota-0009"))
    url = resolver(contract, snap).url_for(contract.route("access.quota.detail"))
    assert url.endswith("/access/quotas/quota-0009")


def test_no_matching_row_names_the_list_the_route_and_what_the_rows_link(contract):
    snap = listing(SUMMARY, link("/access/memberships"))
    with pytest.raises(DiscoveryError) as caught:
        resolver(contract, snap).url_for(contract.route("access.quota.detail"))
    message = str(caught.value)
    assert "could not find a real id for access.quota.detail (contracts/v3/routes.yaml:" in message
    assert ("no row link of access.quotas (/access/quotas) matches access.quota.detail "
            "(/access/quotas/{quota_id}): 2 row link(s) read, the first /access/entitlements, "
            "/access/memberships") in message

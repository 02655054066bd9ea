"""Interactive navigation: local-nav items and back links are clicked, and must land on their
contract routes (full loads and client-side transitions alike)."""

from __future__ import annotations

import pytest

from harness.checks.findings import Subject
from harness.plugin.suite_support import (
    absent_per_snapshot,
    ambiguous_per_snapshot,
    click_outcome,
    runnable,
)

pytestmark = pytest.mark.navigation


@pytest.mark.check("nav-click", gate="local-nav")
def test_local_nav_click(nav_item, pages, contract, snapshots, judge):
    family, item = nav_item
    siblings = [i for i in family.local_nav.items if i.key != item.key]
    start = siblings[0].route if siblings else item.route
    page = pages.for_family(family.id)
    here = page.route_id
    # The shared page is often on a sibling page already (the previous item's): click there.
    stay = here is not None and contract.route(here).family == family.id and here != item.route
    origin = here if stay else start
    what = f"local-nav item '{item.key}'"

    def click() -> str:
        if not stay:
            page.open(start)
        return page.local_nav.click(item.key)

    snap = snapshots.of(contract.route(origin))
    judge(Subject(f"{family.id}.{item.key}", str(item.source)),
          absent_per_snapshot(snap, what, item.route,
                              contract.local_nav_item_selector(family, item),
                              item.key in snap.local_nav)
          or click_outcome(what, item.route, click, page.page))


@pytest.mark.check("nav-click", gate="back-link")
def test_back_link_click(drilldown, pages, contract, snapshots, judge):
    snap = runnable(snapshots.of(drilldown))  # a route that needs data its list lacks: not run
    # Following a back link changes nothing: when the snapshot page still shows this route (its
    # snapshot was just taken), start there instead of opening the route once more.
    there = snapshots.pool.page_showing(snap.final_url)
    if there is not None:
        pages.drive(there)
    page = pages.for_route(drilldown.id)

    def click() -> str:
        if there is None:
            page.open(drilldown.id)
        return page.follow_back(drilldown.back)

    selector = contract.selectors.back_link
    judge(drilldown,
          absent_per_snapshot(snap, "the back link", drilldown.back, selector,
                              snap.back_link is not None)
          or ambiguous_per_snapshot(snap, "the back link", drilldown.back, selector,
                                    snap.back_links)
          or click_outcome("the back link", drilldown.back, click, page.page))

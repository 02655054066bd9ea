"""The page objects against the reference target: verbs that land where the contract says, and
check_path's message."""

from __future__ import annotations

import pytest


def test_open_first_row_and_back(pages, contract):
    """A drill-down reached as a person would: its list, the first row, the back link."""
    detail = next(r for r in contract.routes
                  if r.back and r.ids and not r.ids.query and r.back == r.ids.from_list)
    list_id = detail.ids.from_list
    page = pages.for_route(list_id)
    page.open(list_id)
    landed = page.open_first_row(detail.id)
    assert contract.route_id_of(landed) == detail.id
    back = page.follow_back(detail.back)
    assert contract.route_id_of(back) == detail.back


def test_local_nav_click_lands_on_the_item_route(pages, contract):
    family = next(f for f in contract.families if f.local_nav and len(f.local_nav.items) > 1)
    first, second = family.local_nav.items[:2]
    page = pages.for_family(family.id)
    page.open(first.route)
    assert contract.route_id_of(page.local_nav.click(second.key)) == second.route


def test_check_path_says_expected_and_got(pages, contract):
    one, other = [r for r in contract.routes if not r.params][:2]
    page = pages.for_route(one.id)
    page.open(one.id)
    page.check_path(one.id)
    with pytest.raises(AssertionError, match=rf"expected {other.id} \({other.path}\), got "):
        page.check_path(other.id)

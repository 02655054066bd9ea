"""Cost that must not grow faster than the contract: lint builds each section's known ids
once (not per reference check), and the inventory crawl visits each route template once, looks
every distinct link up once, and sizes its page budget from the contract."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench.contract_writer import SIBLINGS, write_contract
from contracts import Contract, load_contract
from contracts.draft import Draft
from harness.capture.snapshot import RouteSnapshot
from harness.capture.snapshot_store import SnapshotKey
from harness.flows.crawl import crawl, page_budget

BASE = "http://target.test"


def _section_reads(tmp_path: Path, routes: int, monkeypatch: pytest.MonkeyPatch) -> int:
    reads: Counter[str] = Counter()
    original = Draft.raw_items

    def counting(self: Draft, section: str) -> list[object] | None:
        reads[section] += 1
        return original(self, section)

    monkeypatch.setattr(Draft, "raw_items", counting)
    write_contract(tmp_path / str(routes), routes)
    load_contract(tmp_path / str(routes))
    return reads["routes"]


def test_lint_reads_the_routes_section_a_fixed_number_of_times(tmp_path, monkeypatch):
    small = _section_reads(tmp_path, 16, monkeypatch)
    large = _section_reads(tmp_path, 160, monkeypatch)
    assert large == small  # was one read per reference check: O(routes) reads of O(routes)


@dataclass
class FakeSite:
    """A product where every page links to every page of its family and to the next family's
    list: the crawl sees many more links than templates."""

    contract: Contract
    role: str = "member"
    timeout_ms: float = 1000.0
    visits: Counter[str] = field(default_factory=Counter)

    def _page(self, key: str, path: str) -> RouteSnapshot:
        self.visits[key] += 1
        fam = int(path.split("/")[1].removeprefix("fam"))
        links = [f"{BASE}/fam{fam}/{k}" for k in ("items", *SIBLINGS)]
        links += [f"{BASE}/fam{fam}/items/item-{fam}-{j}" for j in range(5)]
        if f"fam{fam + 1}" in {f.id for f in self.contract.families}:
            links.append(f"{BASE}/fam{fam + 1}/items")
        return RouteSnapshot(key=key, requested_url=BASE + path, final_url=BASE + path,
                             status=200, links=tuple(links))

    def landing(self, role: str) -> RouteSnapshot:
        return self._page(f"landing:{role}", "/fam0/items")

    def of(self, route: object) -> RouteSnapshot:
        path = getattr(route, "path").replace("{item_id}", "item-x")  # noqa: B009
        return self._page(getattr(route, "id"), path)  # noqa: B009

    def at(self, key: SnapshotKey, **_: object) -> RouteSnapshot:
        assert key.path is not None
        return self._page(key.name, key.path)


def test_crawl_of_a_product_larger_than_its_page_limit_completes_visiting_each_template_once(
        tmp_path):
    write_contract(tmp_path / "c", 160)
    contract = load_contract(tmp_path / "c")
    site = FakeSite(contract)
    # max_pages 50 is far below the 160 routes: the budget grows with the contract instead.
    result = crawl(site, contract.roles, 50, 60, ())  # type: ignore[arg-type]
    assert result.truncated is None
    assert set(site.visits) - {"landing:member"} == {r.id for r in contract.routes}
    assert max(site.visits.values()) == 1
    assert page_budget(contract, 1, 50) >= 2 * len(contract.routes)
    assert all(p.startswith("/fam") for p in result.found)

"""`cutover init`'s drafting on hand-built crawl records (no browser): routes and families from
paths, list/detail pairs with id discovery, a sibling back target with its id carried, the
selectors it can and cannot find, the redirects it saw, and a draft the loader lints clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from contracts import load_contract
from harness.init.draft import build, write
from harness.init.seen import PageSeen

SHELLS = ["#container", "body > div"]


def _link(path: str, *, row: bool = False, crumb: str | None = None) -> dict[str, Any]:
    return {"path": path, "inTable": row, "cell": ["th", "field-name"] if row else None,
            "table": "#result_list" if row else None, "crumb": crumb}


def _page(path: str, links: list[dict[str, Any]], *, final: str | None = None,
          first_hop: int | None = None) -> PageSeen:
    return PageSeen(path, final or path, 200, first_hop, list(SHELLS), [], links, h1=True)


def _admin_crawl() -> list[PageSeen]:
    nav = [_link("/admin/books/"), _link("/admin/people/")]
    return [
        _page("/", nav, final="/admin/", first_hop=302),
        _page("/admin/books/book/", [*nav, _link("/admin/books/", crumb="div.breadcrumbs"),
                                     _link("/admin/books/book/1/change/", row=True),
                                     _link("/admin/books/book/2/change/", row=True)]),
        _page("/admin/books/book/1/change/", [
            *nav, _link("/admin/books/book/", crumb="div.breadcrumbs"),
            _link("/admin/books/book/1/history/"), _link("/admin/books/book/1/delete/")]),
        _page("/admin/books/book/1/history/", [
            *nav, _link("/admin/books/book/1/change/", crumb="div.breadcrumbs")]),
        _page("/admin/books/", nav),
        _page("/admin/people/", [*nav, _link("https-is-not-a-path.csv")]),
    ]


def test_a_crawl_becomes_a_contract_that_lints_clean(tmp_path: Path) -> None:
    draft = build(_admin_crawl())
    routes = {r["id"]: r for r in draft.files["routes.yaml"]["routes"]}
    assert routes["books.book"] == {"id": "books.book", "path": "/admin/books/book/",
                                    "family": "books", "kind": "list"}
    change = routes["books.book.change"]
    assert change["path"] == "/admin/books/book/{book_id}/change/"
    assert change["ids"] == {"from_list": "books.book"} and change["back"] == "books.book"
    history = routes["books.book.history"]  # linked from its change page only
    assert history["ids"] == {"from_list": "books.book", "row_route": "books.book.change"}
    assert history["back"] == "books.book.change"
    assert routes["home"]["path"] == "/admin/" and routes["home"]["family"] == "home"
    selectors = draft.files["settings.yaml"]["selectors"]
    assert selectors["global_shell"] == "#container"
    assert selectors["back_link"] == "div.breadcrumbs a:last-of-type"
    assert selectors["row_link"] == "#result_list tbody th.field-name a"
    assert draft.files["settings.yaml"]["crawl"]["ignore"] == ["*.csv", "*/delete/"]
    assert draft.files["legacy.yaml"]["legacy"] == [
        {"id": "redirect.home", "path": "/", "redirect": {"to": "home", "status": 302}}]
    assert any(g.startswith("local nav: not drafted") for g in draft.gaps)
    assert any(g.startswith("resource name: not drafted") for g in draft.gaps)
    draft.files["settings.yaml"].pop("_nav")  # the landing page's DOM fills it in a real run
    write(draft, tmp_path / "draft")
    contract = load_contract(tmp_path / "draft")  # raises with every problem if it does not lint
    assert contract.route_id_of("/admin/books/book/7/history/") == "books.book.history"
    assert "## Needs a hand edit" in (tmp_path / "draft" / "DRAFT-NOTES.md").read_text()


def test_what_it_cannot_find_it_names() -> None:
    bare = [PageSeen("/", "/", 200, None, [], [], [_link("/a/1")], h1=False),
            PageSeen("/a/1", "/a/1", 200, None, ["main"], [], [], h1=False)]
    draft = build(bare)
    assert any(g.startswith("shell: no candidate element is on every page") for g in draft.gaps)
    assert any("route a (/a/{a_id}): no list links it" in g for g in draft.gaps), draft.gaps

"""What a contract for an app nobody here wrote must be able to say (issue 13), on hand-built
contracts: trailing-slash paths, a back target that is a sibling page carrying the same id,
`{family}` in nav templates, a product without a V1/V3 flag, redirect status expectations,
routes that need data, and the checks that read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracts import Contract, ContractError, load_contract
from harness.capture.snapshot import LinkState, RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.cutover import legacy_redirect, v3_default
from harness.checks.observations import LegacyVisit

ADMIN = """
selectors:
  global_shell: '#container'
  local_nav: '#nav-sidebar .app-{family}'
  local_nav_item: '#nav-sidebar .app-{family} .model-{key} th a'
families:
  - id: library
    title: Library
    roles: [staff]
    local_nav:
      items:
        - {key: book, label: Books, route: library.books}
routes:
  - {id: library.books, path: /admin/library/book/, family: library, kind: list}
  - id: library.book
    path: /admin/library/book/{book_id}/change/
    family: library
    kind: detail
    back: library.books
    ids: {from_list: library.books, when_empty: skip}
  - id: library.book.history
    path: /admin/library/book/{book_id}/history/
    family: library
    kind: detail
    back: library.book
    ids: {from_list: library.books, row_route: library.book}
legacy:
  - id: v1.book
    path: /catalog/{book_id}/
    redirect: {to: library.book, params: {book_id: book_id}, status: permanent}
  - id: v1.books
    path: /catalog/
    redirect: {to: library.books, status: 302}
roles:
  - {id: staff, title: Staff, landing: library.books, families: [library], default: true}
"""


def _load(tmp_path: Path, text: str) -> Contract:
    (tmp_path / "contract.yaml").write_text(text)
    return load_contract(tmp_path)


@pytest.fixture
def admin(tmp_path: Path) -> Contract:
    return _load(tmp_path, ADMIN)


def test_an_admin_app_without_a_flag_and_with_slashed_paths_lints_clean(admin: Contract) -> None:
    assert admin.v3_flag is None
    book = admin.route("library.book")
    assert book.format({"book_id": "3"}) == "/admin/library/book/3/change/"
    assert admin.route_id_of("http://h/admin/library/book/3/change") == "library.book"
    assert admin.route_id_of("http://h/admin/library/book/3/change/") == "library.book"
    assert book.ids is not None and book.ids.when_empty == "skip"


def test_family_fills_nav_templates(admin: Contract) -> None:
    assert admin.local_nav_container("library") == "#nav-sidebar .app-library"
    assert admin.local_nav_item_selector("library", "book") == \
        "#nav-sidebar .app-library .model-book th a"


def test_a_back_target_must_carry_its_ids(tmp_path: Path) -> None:
    # history -> change is fine (same book_id); a list page cannot go back to a change page
    bad = ADMIN.replace("  - {id: library.books, path: /admin/library/book/, family: library, "
                        "kind: list}",
                        "  - {id: library.books, path: /admin/library/book/, family: library, "
                        "kind: list, back: library.book}")
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, bad)
    assert "back target 'library.book' (/admin/library/book/{book_id}/change/) needs book_id, " \
           "which '/admin/library/book/' does not carry" in str(caught.value)


def test_redirect_status_is_a_code_or_a_kind(tmp_path: Path) -> None:
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, ADMIN.replace("status: 302", "status: sometimes"))
    assert "redirect.status" in str(caught.value)


def _visit(path: str, status: int | None) -> LegacyVisit:
    snap = RouteSnapshot(key="v1.book", requested_url=f"http://h{path}",
                         final_url="http://h/admin/library/book/3/change/", status=200,
                         redirects=1, redirect_status=status, shell=True)
    return LegacyVisit(snap, {"book_id": "3"})


def test_legacy_redirect_judges_the_status(admin: Contract) -> None:
    entry = admin.legacy_route("v1.book")
    assert legacy_redirect(CheckContext(entry, _visit("/catalog/3/", 301), admin)) == []
    assert legacy_redirect(CheckContext(entry, _visit("/catalog/3/", 308), admin)) == []
    found = legacy_redirect(CheckContext(entry, _visit("/catalog/3/", 302), admin))
    assert [(f.expected, f.found) for f in found] == [
        ("a permanent redirect (HTTP 301 or 308)", "HTTP 302")]
    exact = admin.legacy_route("v1.books")
    snap = RouteSnapshot(key="v1.books", requested_url="http://h/catalog/",
                         final_url="http://h/admin/library/book/", status=200, redirects=1,
                         redirect_status=301, shell=True)
    found = legacy_redirect(CheckContext(exact, LegacyVisit(snap, {}), admin))
    assert [(f.expected, f.found) for f in found] == [("a redirect (HTTP 302)", "HTTP 301")]


def test_v3_default_without_a_flag_asks_only_for_v3(admin: Contract) -> None:
    snap = RouteSnapshot(key="v3-default", requested_url="http://h/", final_url="http://h/",
                         status=200, shell=False)
    entry = admin.route("library.books")
    found = v3_default(CheckContext(entry, snap, admin))
    assert found and found[0].expected == "/ to render V3 (#container)"


def test_link_state_path_keeps_the_slash() -> None:
    link = LinkState(href="/admin/library/book/", url="http://h/admin/library/book/")
    assert link.path == "/admin/library/book/"


def test_a_route_that_needs_data_is_not_run_when_its_list_is_empty(admin: Contract) -> None:
    from harness.capture.cache import SnapshotCache
    from harness.capture.id_resolver import EmptyListError
    from harness.capture.navigation_counter import NavigationCounter
    from harness.capture.snapshot_store import SnapshotKey

    def no_browser(*_: object, **__: object) -> object:
        raise AssertionError("no navigation expected: the list's snapshot is given")

    cache = SnapshotCache(contract=admin, base_url="http://h", target_name="url", role="staff",
                          new_context=no_browser,  # type: ignore[arg-type]
                          counter=NavigationCounter(), timeout_ms=1000)
    empty_list = RouteSnapshot(key="library.books", requested_url="http://h/admin/library/book/",
                               final_url="http://h/admin/library/book/", status=200)
    taken = SnapshotKey("library.books", None, category="static", role="staff")
    cache.store.remember(taken, lambda: empty_list)  # as if taken: a list with no rows
    snap = cache.of(admin.route("library.book"))  # when_empty: skip
    assert snap.not_run and snap.error is not None
    assert "list library.books (/admin/library/book/) shows no row link" in snap.error
    with pytest.raises(EmptyListError):
        cache.url_for(admin.route("library.book"))
    history = cache.of(admin.route("library.book.history"))  # no when_empty: a failure
    assert not history.not_run and history.error


def test_a_missing_operation_card_is_a_finding_not_a_timeout() -> None:
    from contracts import BUNDLED_CONTRACT
    from harness.checks.lifecycle import typed_confirmation
    from harness.checks.observations import ConfirmationTrial

    v3 = load_contract(BUNDLED_CONTRACT)
    resource = next(r for r in v3.lifecycle.resources
                    if any(o.intent == "destructive" for o in r.operations))
    op = next(o for o in resource.operations if o.intent == "destructive")
    trial = ConfirmationTrial(op.key, "http://h/x", "", dialog_opened=False, card_found=False)
    found = typed_confirmation(CheckContext(resource, trial, v3))
    assert [(f.expected, f.found) for f in found] == [
        (f"'{op.key}': its operation card ({v3.op_card_selector(op.key)})",
         "no such card on the page")]


LIFECYCLE = """
lifecycle:
  card: 'form.op'
  fields: {result: '.result', evidence: 'a.history'}
  evidence_field: null
  resources:
    - id: book
      title: Book
      route: library.book
      operations:
        - {key: delete, intent: destructive, typed_confirmation: true, selector: 'a.deletelink',
           fields: [result]}
"""


def test_operations_by_any_selector_with_the_fields_they_use(tmp_path: Path) -> None:
    from harness.capture.snapshot import CardState, FieldState
    from harness.checks.lifecycle import lifecycle_cards, lifecycle_fields

    text = ADMIN.replace("    ids: {from_list: library.books, when_empty: skip}\n",
                         "    ids: {from_list: library.books, when_empty: skip}\n"
                         "    mutable: true\n", 1) + LIFECYCLE
    contract = _load(tmp_path, text)
    resource = contract.lifecycle.resources[0]
    assert contract.lifecycle.evidence_field is None
    assert contract.op_card_selector(resource.operations[0]) == "a.deletelink"
    url = "http://h/admin/library/book/3/change/"
    # the collector reports a card found by its own selector with no intent attribute
    card = CardState(op="delete", intent=None, fields={"result": FieldState(True, "Gone")})
    snap = RouteSnapshot(key="library.book", requested_url=url, final_url=url, status=200,
                         cards=(card,))
    assert lifecycle_cards(CheckContext(resource, snap, contract)) == []
    assert lifecycle_fields(CheckContext(resource, snap, contract)) == []  # evidence not used
    bare = RouteSnapshot(key="library.book", requested_url=url, final_url=url, status=200)
    found = lifecycle_cards(CheckContext(resource, bare, contract))
    assert [f.expected for f in found] == ["a card for 'delete' (a.deletelink)"]


def test_every_nav_item_is_derived_from_the_one_item_templates(admin: Contract) -> None:
    # the local nav's items: the family filled, the key turned into a class-prefix match
    assert admin.local_nav_items_selector("library") == (
        '#nav-sidebar .app-library :is([class^="model-"], [class*=" model-"]) th a')
    assert admin.global_nav_items_selector() == '[data-testid^="global-nav-item-"]'


def test_wording_a_product_words_its_own_way(tmp_path: Path) -> None:
    text = ADMIN.replace("selectors:", "wording:\n  document_title: '{heading} | Django site "
                         "admin'\n  back_link: '{title}'\nselectors:").replace(
        "  - {id: library.books, path: /admin/library/book/, family: library, kind: list}",
        "  - {id: library.books, path: /admin/library/book/, family: library, kind: list,\n"
        "     title: Books, heading: {pattern: 'Select book to (change|view)'}}")
    contract = _load(tmp_path, text)
    books, book = contract.route("library.books"), contract.route("library.book")
    heading = contract.heading_expected(books)
    assert heading is not None and heading.matches("Select  book to view")
    title = contract.document_title_expected(books)
    assert title is not None and title.matches("Select book to change | Django site admin")
    assert not title.matches("Select book to change | Django")
    label = contract.back_label_expected(book)
    assert label is not None and label.matches("Books") and label.shown == "'Books'"
    # a history page goes back to its change page: a resource, named by the link, not judged
    assert contract.back_label_expected(contract.route("library.book.history")) is None

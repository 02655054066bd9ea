"""What the collector reads of the navs, headings and back links (one browser page, markup set by
hand), judged by the exact checks: cosmetic changes (reflowed markup, an info banner, analytics
attributes, a hidden copy of the nav, a decorative arrow, CSS text-transform) stay green, and
items are what the item selectors find (an admin app list's add and change links are not)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contracts import Contract, load_contract
from harness.capture.collector import collector_js, collector_spec, from_raw
from harness.capture.snapshot import RouteSnapshot
from harness.checks.registry import run

BASE = "http://target.test"
REPO = Path(__file__).resolve().parents[2]


def read(page: Any, contract: Contract, route_id: str, body: str, title: str,
         path: str | None = None) -> RouteSnapshot:
    route = contract.route(route_id)
    page.set_content(f'<html><head><base href="{BASE}/"><title>{title}</title></head>'
                     f"<body>{body}</body></html>")
    raw = page.evaluate(collector_js(), collector_spec(contract, contract.family(route.family)))
    url = BASE + (path or route.path)
    return from_raw(route_id, url, url, 200, 0, raw, (), None)


def findings(contract: Contract, route_id: str, snap: RouteSnapshot) -> list[str]:
    route = contract.route(route_id)
    out = []
    for name in ("local-nav", "global-nav-current", "page-title", "back-link"):
        out += [f"[{name}] expected {f.expected}, found {f.found}"
                for f in run(name, route, snap, contract)]
    return out


GLOBAL = """<nav data-testid="global-nav"><ul>
{items}
</ul></nav>"""


def global_items(current: str, *, families: tuple[str, ...] = (
        "workloads", "compute", "apps", "storage", "access", "account", "platform",
        "notifications", "docs", "schedulers"), contract: Contract) -> str:
    return "\n".join(
        f'<li><a href="/{f}" data-testid="global-nav-item-{f}"'
        f'{" class=active" if f == current else ""}>{contract.family(f).title}</a></li>'
        for f in families)


PLAIN_STORAGE = """
<div data-testid="global-shell">{global_nav}
<nav data-testid="local-nav"><ul>
<li><a href="/storage/buckets" data-testid="local-nav-item-buckets"
       aria-current="page">Buckets</a></li>
<li><a href="/storage/grants" data-testid="local-nav-item-grants">Grants</a></li>
<li><a href="/storage/attachments" data-testid="local-nav-item-attachments">Attachments</a></li>
<li><a href="/storage/new" data-testid="local-nav-item-new">New bucket</a></li>
</ul></nav>
<main><h1 data-testid="page-title">Buckets</h1></main></div>"""

# The same page, cosmetically changed: items reflowed into cards with their label split over
# elements and lines, analytics attributes, an info banner with a link inside the nav, a hidden
# copy of the nav (the collapsed mobile menu), the heading upper-cased by CSS.
REFLOWED_STORAGE = """
<div data-testid="global-shell">{global_nav}
<nav data-testid="local-nav" data-analytics="local-nav">
  <p class="banner">New: <a href="/docs">read what changed in Storage</a></p>
  <div class="grid">
    <div class="card"><a href="/storage/buckets" data-testid="local-nav-item-buckets"
        data-analytics-id="nav.buckets" aria-current="page"><span class="icon"
        aria-hidden="true">&#9632;</span>
        <span>Buckets</span></a></div>
    <div class="card"><a href="/storage/grants" data-testid="local-nav-item-grants"
        data-analytics-id="nav.grants">Grants</a></div>
    <div class="card"><a href="/storage/attachments" data-testid="local-nav-item-attachments"
        data-analytics-id="nav.attachments">Attach&shy;ments</a></div>
    <div class="card"><a href="/storage/new" data-testid="local-nav-item-new"><span>New</span>
        <span>bucket</span></a></div>
  </div>
  <ul style="display: none">
    <li><a href="/storage/buckets" data-testid="local-nav-item-buckets">Buckets</a></li>
    <li><a href="/account/billing" data-testid="local-nav-item-billing">Billing</a></li>
  </ul>
</nav>
<main><h1 data-testid="page-title" style="text-transform: uppercase">
  Buckets
</h1></main></div>"""


@pytest.fixture(scope="module")
def admin() -> Contract:
    return load_contract(REPO / "examples" / "django" / "contract")


def test_a_plain_page_and_its_cosmetic_reflow_both_pass(contract, page):
    nav = GLOBAL.format(items=global_items("storage", contract=contract))
    for body in (PLAIN_STORAGE, REFLOWED_STORAGE):
        snap = read(page, contract, "storage.buckets", body.format(global_nav=nav),
                    "Buckets · Storage · GPU Cloud")
        assert [i.key for i in snap.local_nav_items] == ["buckets", "grants", "attachments",
                                                         "new"]
        assert snap.heading == "Buckets"
        assert findings(contract, "storage.buckets", snap) == []


def test_an_extra_or_misplaced_item_and_a_wrong_title_are_found(contract, page):
    nav = GLOBAL.format(items=global_items("workloads", contract=contract))
    body = PLAIN_STORAGE.format(global_nav=nav).replace(
        '<li><a href="/storage/grants"',
        '<li><a href="/account/billing" data-testid="local-nav-item-billing">Billing</a></li>'
        '<li><a href="/storage/grants"').replace(">Buckets</h1>", ">Grants</h1>")
    snap = read(page, contract, "storage.buckets", body, "Buckets · Storage · GPU Cloud")
    assert findings(contract, "storage.buckets", snap) == [
        "[local-nav] expected only the contract's 4 items of family storage "
        "([data-testid^=\"local-nav-item-\"]), found items the contract does not list: "
        "'Billing' -> /account/billing (account.billing)",
        "[global-nav-current] expected exactly one global-nav item marked current "
        "([data-testid^=\"global-nav-item-\"].active): storage, found marked: workloads",
        "[page-title] expected the heading [data-testid=\"page-title\"] to read 'Buckets' "
        "(the route's title), found 'Grants'",
    ]


def test_the_back_link_label_leaves_out_its_decorative_arrow(contract, page):
    nav = GLOBAL.format(items=global_items("storage", contract=contract))
    body = (PLAIN_STORAGE.format(global_nav=nav).replace(' aria-current="page"', "").replace(
        "<main><h1", '<main><a href="/storage/buckets" data-testid="resource-back-link">'
        '<span aria-hidden="true">&larr;</span> Back to Buckets</a><h1')
        .replace(">Buckets</h1>", '><span data-testid="resource-name">bkt-1</span></h1>'))
    snap = read(page, contract, "storage.bucket.detail", body, "bkt-1 · Storage · GPU Cloud",
                "/storage/buckets/bkt-1")
    assert snap.back_link is not None and snap.back_link.label == "Back to Buckets"
    assert findings(contract, "storage.bucket.detail", snap) == []
    renamed = body.replace("Back to Buckets", "Back to Grants")
    snap = read(page, contract, "storage.bucket.detail", renamed, "bkt-1",
                "/storage/buckets/bkt-1")
    assert findings(contract, "storage.bucket.detail", snap) == [
        "[back-link] expected a back link [data-testid=\"resource-back-link\"] to "
        "storage.buckets (/storage/buckets) reading 'Back to Buckets', found 'Back to Grants'"]


def _app(label: str, name: str, models: tuple[tuple[str, str], ...], path: str) -> str:
    current = f"/admin/{label}/" in path
    rows = "".join(
        f'<tr class="model-{m}{" current-model" if f"/admin/{label}/{m}/" in path else ""}">'
        f'<th scope="row"><a href="/admin/{label}/{m}/"'
        f'{" aria-current=page" if f"/admin/{label}/{m}/" in path else ""}>{plural}</a></th>'
        f'<td><a href="/admin/{label}/{m}/add/" class="addlink">Add</a></td>'
        f'<td><a href="/admin/{label}/{m}/" class="changelink">Change</a></td></tr>'
        for m, plural in models)
    return (f'<div class="app-{label} module{" current-app" if current else ""}"><table>'
            f'<caption style="text-transform: uppercase"><a href="/admin/{label}/" '
            f'class="section">{name}</a></caption>{rows}</table></div>')


def _django(path: str, dashboard: bool) -> str:
    apps = "".join((
        _app("auth", "Authentication and Authorization", (("group", "Groups"),
                                                          ("user", "Users")), path),
        _app("lending", "Lending", (("loan", "Loans"), ("member", "Members")), path),
        _app("library", "Library", (("author", "Authors"), ("book", "Books")), path)))
    sidebar = "" if dashboard else f'<nav id="nav-sidebar">{apps}</nav>'
    content = f'<div id="content-main">{apps if dashboard else ""}</div>'
    crumbs = '<a href="/admin/">Home</a>' + (
        "" if dashboard else ' &rsaquo; <a href="/admin/library/">Library</a> &rsaquo; Books')
    return (f'<div id="container"><div class="breadcrumbs">{crumbs}</div>'
            f'<div class="main">{sidebar}<div id="content"><h1>Site administration</h1>'
            f"{content}</div></div></div>")


def test_an_admin_app_list_is_items_not_every_link(admin, page):
    # the dashboard: every app's add and change links sit in the global nav's container
    dashboard = _django("/admin/", dashboard=True)
    route = admin.route("home")
    page.set_content(f'<html><head><base href="{BASE}/"></head><body class="dashboard">'
                     f"{dashboard}</body></html>")
    raw = page.evaluate(collector_js(), collector_spec(admin, admin.family("home")))
    snap = from_raw("home", BASE + "/admin/", BASE + "/admin/", 200, 0, raw, (), None)
    assert snap.global_nav_links == 3  # global_nav_items: the captions
    assert [i.key for i in snap.global_nav_items] == ["auth", "lending", "library"]
    assert snap.global_nav_items[0].label == "Authentication and Authorization"  # as written
    assert run("global-nav", admin.role("admin"), snap, admin) == []
    assert run("global-nav-current", route, snap, admin) == []
    # a changelist: the sidebar's current app and model are marked, add links are no items
    snap = read(page, admin, "library.books", _django("/admin/library/book/", dashboard=False),
                "Select book to change")
    assert [(i.key, i.label, i.current) for i in snap.local_nav_items] == [
        ("author", "Authors", False), ("book", "Books", True)]
    assert [i.key for i in snap.global_nav_items if i.current] == ["library"]
    assert findings(admin, "library.books", snap) == []


def test_a_new_page_fact_needs_no_line_in_the_collectors_python():
    """A check that needs a new fact of the page adds a selector to the contract's settings, a
    key to collector.js and a field to RouteSnapshot: the spec carries every selector as written,
    and a plain field is filled from the collector's answer under its camelCase name."""
    contract = load_contract(REPO / "contracts" / "v3")
    spec = collector_spec(contract, contract.family("storage"))
    assert spec["selectors"] == contract.selectors.model_dump()
    url = BASE + "/storage/buckets"
    raw = {"title": "", "shell": True, "v1Layout": False, "globalNav": [], "globalNavLinks": 0,
           "localNavFound": False, "localNav": {}, "localNavCurrent": [], "backLink": None,
           "resourceName": None, "aliases": {}, "posture": None, "capabilities": None,
           "timelineEntries": None, "cards": [], "rowLinks": [], "rows": [], "links": [],
           "targets": [], "texts": [], "placeholderElements": [], "evidenceSubjects": [],
           "redirectStatus": 301}
    snap = from_raw("storage.buckets", url, url, 200, 0, raw, (), None)
    assert snap.redirect_status == 301  # a field no line of collector.py names

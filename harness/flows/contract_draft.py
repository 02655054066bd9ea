"""`cutover init`: draft a contract for a running app by reading it, never changing it.

A bounded breadth-first crawl from `/` (same origin, GET navigations only: every other request
is aborted) records each page's status, the first hop of any redirect, its links and a few DOM
facts. From that the draft proposes routes (numeric path segments become `{<noun>_id}`
parameters), families (the first path segment after the prefix all pages share), list/detail
pairs with id discovery (the list whose page links the detail), back links, candidate selectors
(shell, global nav and its family items, page title, back link, row link), and the redirects it
saw; it says which selectors it could not find. The draft is a start, written to be edited: it
is linted by the same loader the suite uses.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route

from contracts.paths import is_prefix, match_template

# Links a read-only crawl never follows: exports, assets, and actions that change state even
# on GET in some apps.
SKIP = re.compile(r"\.(json|csv|js|css|png|jpe?g|gif|svg|ico|db|txt|xml)$|/(logout|delete|"
                  r"add|password|password_change)/?$|^/-/|^/static/", re.IGNORECASE)
ID_SEGMENT = re.compile(r"^\d+$")

# One round trip per page: links, the breadcrumb-ish last link, row-ish links, candidate shells.
PROBE_JS = """() => {
  const path = (a) => { try { const u = new URL(a.href); return u.origin === location.origin
    ? u.pathname : null; } catch (e) { return null; } };
  const sel = (el) => {
    if (!el || el === document.body) return 'body';
    const tid = el.getAttribute('data-testid');
    if (tid) return `[data-testid="${tid}"]`;
    if (el.id) return `#${CSS.escape(el.id)}`;
    const cls = Array.from(el.classList).filter((c) => !/^(active|current|selected)$/.test(c));
    return el.tagName.toLowerCase() + (cls.length ? '.' + cls.map(CSS.escape).join('.') : '');
  };
  const shells = ['[data-testid="global-shell"]', '#container', 'body > .not-footer', '#app',
                  '#root', 'body > div', 'main'].filter((s) => document.querySelector(s));
  const links = Array.from(document.querySelectorAll('a[href]')).map((a) => ({
    // a data table's row: a table with column headers
    path: path(a),
    inTable: !!(a.closest('table tbody') && a.closest('table').querySelector('thead')),
    cell: a.closest('td, th') ? [a.closest('td, th').tagName.toLowerCase(),
                                 ...a.closest('td, th').classList] : null,
    table: a.closest('table') ? sel(a.closest('table')) : null,
    crumb: (() => { const c = a.closest('[aria-label="Breadcrumbs"], .breadcrumbs, .crumbs,' +
                                         ' nav.breadcrumb, ol.breadcrumb');
                    if (!c) return null;
                    const all = c.querySelectorAll('a[href]');
                    return all[all.length - 1] === a ? sel(c) : null; })(),
  })).filter((l) => l.path);
  const external = Array.from(document.querySelectorAll('a[href]')).map((a) => {
    try { const u = new URL(a.href); return /^https?:$/.test(u.protocol) &&
      u.origin !== location.origin ? u.hostname : null; } catch (e) { return null; } })
    .filter(Boolean);
  return { shells, links, external, h1: !!document.querySelector('h1') };
}"""
NAV_JS = """(paths) => {
  const path = (a) => { try { const u = new URL(a.href); return u.origin === location.origin
    ? u.pathname : null; } catch (e) { return null; } };
  const found = paths.map((p) => Array.from(document.querySelectorAll('a[href]'))
    .find((a) => path(a) === p));
  if (found.some((a) => !a) || found.length < 2) return null;
  let box = found[0].parentElement;
  while (box && !found.every((a) => box.contains(a))) box = box.parentElement;
  if (!box) return null;
  const tid = box.getAttribute('data-testid');
  if (tid) return `[data-testid="${tid}"]`;
  if (box.id) return `#${CSS.escape(box.id)}`;
  const cls = Array.from(box.classList);
  return box.tagName.toLowerCase() + (cls.length ? '.' + cls.map(CSS.escape).join('.') : '');
}"""


@dataclass
class PageSeen:
    path: str  # as requested
    final: str  # where it landed
    status: int | None
    first_hop: int | None  # status of the first response when redirected
    shells: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # hosts of links to other origins
    links: list[dict[str, Any]] = field(default_factory=list)
    h1: bool = False


@dataclass
class Draft:
    files: dict[str, dict[str, Any]]
    found: list[str]  # what was found, one line each
    gaps: list[str]  # what could not be found: the hand edits the draft needs
    pages: int


def crawl(page: Page, base_url: str, max_pages: int, max_seconds: float,
          timeout_ms: float) -> list[PageSeen]:
    """Breadth-first from `/`, at most one page per template once ten instances were seen."""
    def only_reads(route: Route) -> None:
        if route.request.method in ("GET", "HEAD"):
            route.continue_()
        else:
            route.abort()
    page.route("**/*", only_reads)
    seen: list[PageSeen] = []
    queued: set[str] = {"/"}
    per_shape: dict[str, int] = {}
    rows: frozenset[str] = frozenset()  # paths whose children are table rows, so far
    queue: deque[str] = deque(["/"])
    deadline = time.monotonic() + max_seconds
    while queue and len(seen) < max_pages and time.monotonic() < deadline:
        path = queue.popleft()
        try:
            response = page.goto(base_url + path, wait_until="load", timeout=timeout_ms)
        except PlaywrightError as exc:
            seen.append(PageSeen(path, path, None, None))
            print(f"  {path}: {str(exc).splitlines()[0]}")
            continue
        first = None
        if response is not None and response.request.redirected_from is not None:
            request = response.request
            while request.redirected_from is not None:
                request = request.redirected_from
            hop = request.response()
            first = hop.status if hop else None
        probe = page.evaluate(PROBE_JS)
        final = urlsplit(page.url).path or "/"
        seen.append(PageSeen(path, final, response.status if response else None, first,
                             probe["shells"], probe["external"], probe["links"],
                             probe["h1"]))
        rows |= _row_parents(seen[-1:])
        for link in probe["links"]:
            target = link["path"]
            if target in queued or SKIP.search(target):
                continue
            shape = _template_of(target, rows)
            per_shape[shape] = per_shape.get(shape, 0) + 1
            if per_shape[shape] > 3:  # three instances of a template say all it will say
                continue
            queued.add(target)
            queue.append(target)
    return seen


def _row_parents(seen: list[PageSeen]) -> frozenset[str]:
    """Paths whose children the page at that path lists as data-table rows: their next segment
    is an id, whatever it looks like (`/weather/stations/ams`)."""
    parents: dict[str, set[str]] = {}
    for p in seen:
        for link in p.links:
            parent, _, child = link["path"].rstrip("/").rpartition("/")
            # rows a list page shows of its own children (not of other lists, via foreign keys)
            if link["inTable"] and parent == p.final.rstrip("/"):
                parents.setdefault(parent, set()).add(child)
    # Three or more: a short menu laid out as a table (an admin's two models) is not a list.
    return frozenset(parent for parent, children in parents.items() if len(children) >= 3)


def _template_of(path: str, row_parents: frozenset[str] = frozenset()) -> str:
    """`/fleet/ships/3` -> `/fleet/ships/{ship_id}`: numeric segments, and the segment after a
    path whose children are listed as table rows, become parameters named after the segment
    before them."""
    parts = path.split("/")
    out = []
    for i, seg in enumerate(parts):
        if ID_SEGMENT.match(seg) or (seg and i and "/".join(parts[:i]) in row_parents):
            noun = parts[i - 1] if i and parts[i - 1] and not ID_SEGMENT.match(parts[i - 1]) \
                else "item"
            noun = re.sub(r"[^a-z0-9_]", "_", noun.lower()).rstrip("s") or "item"
            out.append("{" + f"{noun}_id" + "}")
        else:
            out.append(seg)
    return "/".join(out) or "/"


def _ident(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_") or "home"


def build(seen: list[PageSeen]) -> Draft:
    found: list[str] = []
    gaps: list[str] = []
    ok = [p for p in seen if p.status is not None and p.status < 400]
    finals = sorted({p.final for p in ok})
    rows = _row_parents(ok)

    def _template(path: str) -> str:
        return _template_of(path, rows)
    templates: dict[str, list[PageSeen]] = {}
    for p in ok:
        templates.setdefault(_template(p.final), []).append(p)
    # Families: the first segment after the prefix every page shares (Django: /admin/<app>/).
    split = [[s for s in f.split("/") if s] for f in finals]
    prefix: list[str] = []
    for column in zip(*split, strict=False):
        if len(set(column)) != 1:
            break
        prefix.append(column[0])
    slash = sum(f.endswith("/") for f in finals if f != "/") > len(finals) / 2

    def family_of(template: str) -> str:
        segs = [s for s in template.split("/") if s]
        return _ident(segs[len(prefix)]) if len(segs) > len(prefix) else "home"

    ids: dict[str, str] = {}
    routes: list[dict[str, Any]] = []
    for template in sorted(templates):
        segs = [s for s in template.split("/") if s]
        family = family_of(template)
        names = [_ident(s) for s in segs[len(prefix):] if not s.startswith("{")]
        if segs and segs[-1].startswith("{") and names:
            names[-1] = names[-1].rstrip("s") or names[-1]  # the detail of `ships` is `ship`
        rid = ".".join(names) or "home"
        while rid in ids.values():
            rid += "_page"
        ids[template] = rid
        routes.append({"id": rid, "path": template, "family": family})
    # Lists: pages linking instances of a parameterised template from a data table's rows.
    row_cells: dict[str, tuple[str, list[str]]] = {}  # list path -> (table, cell tag+classes)
    for route in routes:
        pages = templates[route["path"]]
        instances: dict[str, int] = {}
        for p in pages:
            for link in p.links:
                t = _template(link["path"])
                if t != route["path"] and t in ids and "{" in t and link["inTable"]:
                    instances[t] = instances.get(t, 0) + 1
                    if link["cell"] and link["table"]:
                        row_cells.setdefault(route["path"], (link["table"], link["cell"]))
        # a page showing instances of a detail template as data-table rows is its list
        route["kind"] = "list" if instances else "utility"
        route["_lists"] = sorted(instances)
    by_path = {r["path"]: r for r in routes}
    for route in routes:
        if "{" not in route["path"]:
            continue
        route["kind"] = "detail"
        # The list the detail lives under (`/ships` for `/ships/{id}`), else any list linking it
        linking = [r for r in routes if route["path"] in r["_lists"]]
        source = next((r for r in linking if is_prefix(r["path"], route["path"])),
                      linking[0] if linking else None)
        if source is not None and "{" not in source["path"]:
            route["ids"] = {"from_list": source["id"]}
            route["back"] = source["id"]
            continue
        # Linked from a sibling detail only (a history page from its change page): its list
        # gives the id through that sibling, which is also the way back.
        parent = next((r for r in routes if "{" in r["path"] and r is not route and any(
            match_template(route["path"], link["path"]) is not None
            for p in templates[r["path"]] for link in p.links)), None)
        if parent is not None and parent.get("ids"):
            route["ids"] = {"from_list": parent["ids"]["from_list"], "row_route": parent["id"]}
            route["back"] = parent["id"]
        else:
            gaps.append(f"route {route['id']} ({route['path']}): no list links it; add its "
                        "`ids` (or samples) and `back` by hand")
    for route in routes:
        route.pop("_lists", None)
    # Selectors.
    selectors: dict[str, str] = {}
    shells = [p.shells for p in ok]
    shell = next((s for s in (shells[0] if shells else []) if all(s in x for x in shells)), None)
    if shell:
        selectors["global_shell"] = shell
        found.append(f"shell: {shell} (on all {len(ok)} pages)")
    else:
        gaps.append("shell: no candidate element is on every page; set selectors.global_shell")
    if all(p.h1 for p in ok):
        selectors["page_title"] = "h1"
    crumbs = [link["crumb"] for r in routes if r.get("back")
              for p in templates[r["path"]] for link in p.links
              if link["crumb"] and _template(link["path"]) == by_path_of(routes, r["back"])]
    if crumbs:
        selectors["back_link"] = f"{crumbs[0]} a:last-of-type"
        found.append(f"back link: {selectors['back_link']} (the breadcrumbs' last link)")
    elif any(r.get("back") for r in routes):
        gaps.append("back link: no breadcrumb-like last link to the back target on detail pages;"
                    " set selectors.back_link")
    if row_cells:
        # What every list's first row cell shares: table, cell tag and common classes
        tables = {t for t, _ in row_cells.values()}
        cells = [c for _, c in row_cells.values()]
        tags = {c[0] for c in cells}
        common = set(cells[0][1:]).intersection(*(set(c[1:]) for c in cells))
        table = next(iter(tables)) if len(tables) == 1 else "table"
        tag = next(iter(tags)) if len(tags) == 1 else ""
        cell = tag + "".join(f".{c}" for c in sorted(common)) or "td"
        selectors["row_link"] = f"{table} tbody {cell} a"
        found.append(f"row link: {selectors['row_link']}")
    elif any(r.get("ids") for r in routes):
        gaps.append("row link: list rows are not in a table; set selectors.row_link")
    families = sorted({r["family"] for r in routes})
    roots = {f: by_path.get(_root(prefix, f, slash)) for f in families if f != "home"}
    nav_families = [f for f, r in roots.items() if r is not None]
    gaps.append("local nav: not drafted (the links of a family's sibling pages); add "
                "families[].local_nav where the product has one")
    legacy = []
    for p in seen:
        if p.first_hop and p.path.rstrip("/") != p.final.rstrip("/"):
            to = by_path.get(_template(p.final))
            if to is not None and _template(p.path) not in ids:
                legacy.append({"id": "redirect." + _ident(p.path), "path": _template(p.path),
                               "redirect": {"to": to["id"], "status": p.first_hop}})
    found.append(f"redirects seen: {len(legacy)}")
    skipped = sorted({_ignore_pattern(link["path"]) for p in ok for link in p.links
                      if SKIP.search(link["path"])})
    external = sorted({host for p in ok for host in p.external})
    crawl: dict[str, Any] = {}
    if skipped:
        crawl["ignore"] = skipped
        found.append(f"links not followed (crawl.ignore): {', '.join(skipped)}")
    if external:
        crawl["external_hosts"] = external
        found.append(f"external hosts linked (crawl.external_hosts): {', '.join(external)}")
    if any(r.get("ids") for r in routes):
        gaps.append("resource name: not drafted; set selectors.resource_name to the element "
                    "that shows a detail's name or id as its list row shows it "
                    "(the resource-identity gate compares the two)")
    gaps.append("accessibility: the app's own axe findings are not drafted; run the suite once "
                "with --update-a11y-baseline and review what it records")
    gaps.append("legacy routes: only redirects the crawl followed are drafted; add the old URLs "
                "the product still answers")
    landing = next((p for p in seen if p.path == "/"), None)
    landing_route = ids.get(_template(landing.final)) if landing and landing.status and \
        landing.status < 400 else None
    files: dict[str, dict[str, Any]] = {
        "settings.yaml": {"selectors": selectors, **({"crawl": crawl} if crawl else {})},
        "families.yaml": {"families": [
            {"id": f, "title": f.replace("_", " ").title(), "roles": ["visitor"],
             **({} if f in nav_families else {"global_nav": False})} for f in families]},
        "routes.yaml": {"routes": routes},
        "roles.yaml": {"roles": [{"id": "visitor", "title": "Visitor",
                                  "landing": landing_route or routes[0]["id"],
                                  "families": families, "default": True}]},
    }
    if legacy:
        files["legacy.yaml"] = {"legacy": legacy}
    if nav_families:
        return _with_global_nav(Draft(files, found, gaps, len(seen)), prefix, slash,
                                nav_families)
    gaps.append("global nav: no page links every family root; set selectors.global_nav*")
    return Draft(files, found, gaps, len(seen))


def _ignore_pattern(path: str) -> str:
    """A crawl.ignore glob for a link the crawl did not follow."""
    ext = re.search(r"\.[A-Za-z0-9]+$", path)
    if ext:
        return f"*{ext.group(0)}"
    first = path.split("/")[1] if path.count("/") > 1 else ""
    if first in ("-", "static"):
        return f"/{first}/*"
    return "*/" + path.rstrip("/").rsplit("/", 1)[-1] + ("/" if path.endswith("/") else "")


def by_path_of(routes: list[dict[str, Any]], route_id: str) -> str:
    return next(str(r["path"]) for r in routes if r["id"] == route_id)


def _root(prefix: list[str], family: str, slash: bool) -> str:
    return "/" + "/".join([*prefix, family]) + ("/" if slash else "")


def _with_global_nav(draft: Draft, prefix: list[str], slash: bool,
                     families: list[str]) -> Draft:
    """The global-nav selectors, filled in by `draft_contract` from the landing page's DOM."""
    draft.files["settings.yaml"]["_nav"] = {"prefix": prefix, "slash": slash,
                                           "families": families}
    return draft


def add_global_nav(page: Page, base_url: str, draft: Draft, timeout_ms: float) -> None:
    nav = draft.files["settings.yaml"].pop("_nav", None)
    if nav is None:
        return
    roots = [_root(nav["prefix"], f, nav["slash"]) for f in nav["families"]]
    page.goto(base_url + "/", wait_until="load", timeout=timeout_ms)
    box = page.evaluate(NAV_JS, roots)
    if not box:
        draft.gaps.append("global nav: the landing page does not link every family root; set "
                          "selectors.global_nav*")
        return
    item = f'{box} a[href="{_root(nav["prefix"], "{family}", nav["slash"])}"]'
    selectors = draft.files["settings.yaml"]["selectors"]
    selectors["global_nav"] = box
    selectors["global_nav_item"] = item
    # Exactly the family items, whatever else the nav holds.
    selectors["global_nav_items"] = ", ".join(item.replace("{family}", f)
                                              for f in nav["families"])
    draft.found.append(f"global nav: {box} with items {item}")


def write(draft: Draft, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    header = ("# Drafted by `cutover init` from a read-only crawl: review every line, then run\n"
              "# `cutover lint` and the suite. Gaps it could not fill are listed in "
              "DRAFT-NOTES.md.\n")
    for name, body in draft.files.items():
        (out / name).write_text(header + yaml.safe_dump(body, sort_keys=False, width=100))
    notes = ["# Draft notes", "", f"Pages read: {draft.pages}", "", "## Found", "",
             *(f"- {line}" for line in draft.found), "", "## Needs a hand edit", "",
             *(f"- {line}" for line in draft.gaps), ""]
    (out / "DRAFT-NOTES.md").write_text("\n".join(notes))


USAGE = """cutover init --base-url URL [--out DIR] [--max-pages N] [--storage-state FILE]

Crawls the running app read-only (GET only, at most N pages, default 80) and drafts a contract
in DIR (default ./contract-draft), then lints it. --storage-state: a Playwright storage-state
file of a logged-in session, for apps behind a login (`cutover auth` writes one).
"""


def init_command(argv: list[str], executable: str | None) -> int:
    """`cutover init`; `executable` is the Chromium to launch (None: Playwright's own)."""
    import argparse

    from playwright.sync_api import sync_playwright

    from contracts.commands import lint_command

    parser = argparse.ArgumentParser(prog="cutover init", usage=USAGE, add_help=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--out", default="contract-draft")
    parser.add_argument("--max-pages", type=int, default=80)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--timeout-ms", type=float, default=10_000)
    parser.add_argument("--storage-state")
    args = parser.parse_args(argv)
    base = args.base_url.rstrip("/")
    out = Path(args.out)
    if out.exists() and any(out.glob("*.yaml")):
        print(f"cutover init: {out} already holds YAML files; choose an empty --out")
        return 2
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable) if executable \
            else pw.chromium.launch()
        try:
            context = browser.new_context(storage_state=args.storage_state)
            page = context.new_page()
            try:
                seen = crawl(page, base, args.max_pages, args.max_seconds, args.timeout_ms)
            except PlaywrightError as exc:
                print(f"cutover init: {base}: {str(exc).splitlines()[0]}")
                return 2
            if not any(p.status is not None and p.status < 400 for p in seen):
                print(f"cutover init: {base}/ answered no page below HTTP 400 "
                      f"(statuses: {sorted({str(p.status) for p in seen})}); behind a login? "
                      "pass --storage-state")
                return 2
            draft = build(seen)
            add_global_nav(page, base, draft, args.timeout_ms)
        finally:
            browser.close()
    write(draft, out)
    routes = draft.files["routes.yaml"]["routes"]
    print(f"cutover init: {draft.pages} pages read, {len(routes)} routes drafted in {out}")
    for line in draft.found:
        print(f"  found: {line}")
    for line in draft.gaps:
        print(f"  needs a hand edit: {line}")
    return lint_command([str(out)])

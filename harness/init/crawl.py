"""`cutover init`'s browser side: a bounded breadth-first crawl from `/` (same origin, GET
navigations only: every other request is aborted) that records each page's status, the first hop
of any redirect, its links and a few DOM facts; and the global nav read from the first page."""

from __future__ import annotations

import time
from collections import deque
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route

from harness.init.draft import family_root, row_parents, template_of
from harness.init.seen import SKIP, Draft, PageSeen

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
        rows |= row_parents(seen[-1:])
        for link in probe["links"]:
            target = link["path"]
            if target in queued or SKIP.search(target):
                continue
            shape = template_of(target, rows)
            per_shape[shape] = per_shape.get(shape, 0) + 1
            if per_shape[shape] > 3:  # three instances of a template say all it will say
                continue
            queued.add(target)
            queue.append(target)
    return seen


def add_global_nav(page: Page, base_url: str, draft: Draft, timeout_ms: float) -> None:
    nav = draft.files["settings.yaml"].pop("_nav", None)
    if nav is None:
        return
    roots = [family_root(nav["prefix"], f, nav["slash"]) for f in nav["families"]]
    page.goto(base_url + "/", wait_until="load", timeout=timeout_ms)
    box = page.evaluate(NAV_JS, roots)
    if not box:
        draft.gaps.append("global nav: the landing page does not link every family root; set "
                          "selectors.global_nav*")
        return
    item = f'{box} a[href="{family_root(nav["prefix"], "{family}", nav["slash"])}"]'
    selectors = draft.files["settings.yaml"]["selectors"]
    selectors["global_nav"] = box
    selectors["global_nav_item"] = item
    # Exactly the family items, whatever else the nav holds.
    selectors["global_nav_items"] = ", ".join(item.replace("{family}", f)
                                              for f in nav["families"])
    draft.found.append(f"global nav: {box} with items {item}")

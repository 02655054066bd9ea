"""`cutover init`'s browser side: a bounded breadth-first crawl from `/` (same origin, reads
only: GET/HEAD and POSTs of GraphQL queries; every other request is aborted and counted) that
waits for each page to render, then records its status, the first hop of any redirect, where it
landed (a single-page app redirects on the client), its links and a few DOM facts; and the
global nav read from the first page."""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response, Route

from harness.init.draft import family_root, row_parents, template_of
from harness.init.reads import describe, is_read
from harness.init.seen import SKIP, VIEWS_PER_PATH, Draft, PageSeen, Traffic

# A page has rendered when none of its own loads is in flight (fetch/XHR calls, and the script
# and stylesheet elements a code-split bundle inserts) and its DOM has not changed for this long.
# Why not Playwright's `networkidle`: it counts every request, third-party ones that never
# resolve and polling included, so a polling app may never go idle, and it says nothing of the
# render that follows the last response; this counts only the page's own loads and then waits
# for the DOM they fill in to settle.
QUIET_MS = 300
_VIEW = re.compile(r"^[A-Za-z0-9_-]+$")
# Where a script-rendered app encodes its state in the path (`/asset-groups~group:"fleet"/x`,
# percent-encoded quotes, colons, brackets): the page is the path before it.
_STATE = re.compile(r"[~()!*,;:'\"\[\]]|%(?!2[dDeE]|5[fF])[0-9A-Fa-f]{2}")
_SERVER_LINK = re.compile(r"<a\s[^>]*href=", re.IGNORECASE)

RENDER_JS = r"""() => {
  if (window.__cutoverRender) return;
  // what is in flight, by URL, so that a page that never settles can say what it waited for
  const state = window.__cutoverRender = { pending: new Map(), changed: performance.now() };
  const own = (url) => { try { return new URL(url, location.href).origin === location.origin; }
                         catch (e) { return false; } };
  const start = (url) => { state.pending.set(url, (state.pending.get(url) || 0) + 1); };
  const done = (url) => {
    const left = (state.pending.get(url) || 1) - 1;
    if (left > 0) state.pending.set(url, left); else state.pending.delete(url);
    state.changed = performance.now();
  };
  const fetch0 = window.fetch;
  if (fetch0) {
    window.fetch = function (input, init) {
      const url = typeof input === 'string' ? input : (input && input.url) || String(input);
      if (!own(url)) return fetch0.apply(this, arguments);
      start(url);
      try {
        const pending = fetch0.apply(this, arguments);
        pending.then(() => done(url), () => done(url));
        return pending;
      } catch (e) { done(url); throw e; }
    };
  }
  const open0 = XMLHttpRequest.prototype.open;
  const send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__cutoverUrl = own(url) ? String(url) : null;
    return open0.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    const url = this.__cutoverUrl;
    if (url) {
      start(url);
      this.addEventListener('loadend', () => done(url), { once: true });
    }
    return send0.apply(this, arguments);
  };
  // Code-split bundles load their chunks by inserting script and stylesheet elements: those
  // are loads in flight too, until they load or fail. Those in place before `load` are what
  // `load` waits for already (and a `nomodule` script there never loads).
  const loads = (node) => node.nodeType === 1 && document.readyState === 'complete'
    && ((node.tagName === 'SCRIPT' && node.src && !node.noModule)
    || (node.tagName === 'LINK' && /(^|\s)(stylesheet|preload|modulepreload)(\s|$)/i
      .test(node.rel || '') && node.href));
  new MutationObserver((records) => {
    state.changed = performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        const url = loads(node) && (node.src || node.href);
        if (!url || !own(url)) continue;
        start(url);
        let once = false;
        const end = () => { if (!once) { once = true; done(url); } };
        node.addEventListener('load', end);
        node.addEventListener('error', end);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}"""
PENDING_JS = "() => window.__cutoverRender ? Array.from(window.__cutoverRender.pending.keys()) : []"
RENDERED_JS = """(quietMs) => {
  const state = window.__cutoverRender;
  return document.readyState === 'complete' && (!state
    || (state.pending.size === 0 && performance.now() - state.changed >= quietMs));
}"""
PROBE_JS = r"""() => {
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
  const label = (a) => (a.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80);
  const aria = (a, name) => { const v = a.getAttribute(name);
                              return v !== null && v !== 'false'; };
  const links = Array.from(document.querySelectorAll('a[href]')).map((a) => ({
    // a data table's row: a table with column headers
    path: path(a),
    query: (() => { try { return new URL(a.href).search.slice(1); } catch (e) { return ''; } })(),
    href: a.getAttribute('href'),
    label: label(a),
    // a section tab: a tab role, or a link marked selected (or not) among its siblings
    tab: a.getAttribute('role') === 'tab' || a.hasAttribute('aria-selected')
      || !!a.closest('[role="tablist"]'),
    tablist: (() => { const t = a.closest('[role="tablist"]');
      if (!t) return sel(a.parentElement);
      return t.getAttribute('data-testid') || t.id ? sel(t) : '[role="tablist"]'; })(),
    selected: a.getAttribute('aria-selected') === 'true',
    current: aria(a, 'aria-current'),
    inNav: !!a.closest('nav, [role="navigation"]'),
    // a link that names what it opens by the last segment of its path (`billing_rollup` ->
    // /jobs/billing_rollup), or by its start (a run `36087cbe` -> /runs/36087cbe-db35-...): a
    // resource's row, whatever markup lays the rows out
    named: (() => { try {
      const seg = decodeURIComponent(new URL(a.href).pathname.replace(/\/$/, '').split('/').pop());
      const first = label(a).split(' ')[0];
      return seg.length > 0 && (label(a).startsWith(seg) ||
                                (first.length >= 6 && seg.startsWith(first))); }
    catch (e) { return false; } })(),
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
  return { shells, links, external, h1: !!document.querySelector('h1'),
           linkCount: document.querySelectorAll('a[href]').length };
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


def visit(page: Page, url: str, timeout_ms: float, traffic: Traffic) -> Response | None:
    """Go to `url` and wait until it has rendered (see QUIET_MS), at most `timeout_ms`; a page
    that keeps changing is read as it is then, and named in the report."""
    response = page.goto(url, wait_until="load", timeout=timeout_ms)
    try:
        page.wait_for_function(RENDERED_JS, arg=QUIET_MS, polling=100, timeout=timeout_ms)
    except PlaywrightError:
        waiting = page.evaluate(PENDING_JS)
        traffic.unsettled.append(urlsplit(url).path + (
            f" (in flight: {', '.join(urlsplit(u).path for u in waiting[:3])})" if waiting
            else " (its DOM kept changing)"))
    return response


def _guard(traffic: Traffic) -> Callable[[Route], None]:
    def only_reads(route: Route) -> None:
        request = route.request
        try:
            body = request.post_data
        except (PlaywrightError, UnicodeDecodeError):
            body = None  # a binary body is no query
        parts = urlsplit(request.url)
        what = f"{request.method} {parts.path}{'?' + parts.query if parts.query else ''}"[:120]
        if request.method == "POST" and (op := describe(body)):
            what += f" ({op})"
        if is_read(request.method, request.headers, body):
            if request.method == "POST":
                traffic.read_posts[what] += 1
            route.continue_()
        else:
            traffic.aborted[what] += 1
            route.abort()
    return only_reads


def link_target(link: dict[str, object], views: set[str], rows: frozenset[str]) -> str | None:
    """The path a script-rendered page's link is followed (and drafted) as: its path up to any
    state encoded in it, plus its query when it is a tab selecting a view (`?view=backfills`) of
    a page without parameters (a resource's tabs are not routes) that has fewer than
    VIEWS_PER_PATH views yet (`views` collects them); None when part of it was dropped (the link
    is folded into the page it shows)."""
    path, query = str(link["path"]), str(link.get("query") or "")
    state = _STATE.search(path)
    if state:
        link["path"] = path[:state.start()].rstrip("/") or "/"
        return None
    if not query:
        return path
    pairs = parse_qsl(query, keep_blank_values=True)
    view = link.get("tab") and len(pairs) == 1 and all(_VIEW.match(x) for x in pairs[0]) \
        and "{" not in template_of(path, rows)
    if view:
        target = f"{path}?{query}"
        if target in views or sum(v.split("?")[0] == path for v in views) < VIEWS_PER_PATH:
            views.add(target)
            return target
    return None


def crawl(page: Page, base_url: str, max_pages: int, max_seconds: float,
          timeout_ms: float, traffic: Traffic | None = None) -> list[PageSeen]:
    """Breadth-first from `/`, at most one page per template once ten instances were seen."""
    traffic = traffic if traffic is not None else Traffic()
    page.context.add_init_script(script=f"({RENDER_JS})()")
    page.route("**/*", _guard(traffic))
    seen: list[PageSeen] = []
    queued: set[str] = {"/"}
    views: set[str] = set()
    per_shape: dict[str, int] = {}
    rows: frozenset[str] = frozenset()  # paths whose children are table rows, so far
    queue: deque[str] = deque(["/"])
    deadline = time.monotonic() + max_seconds
    while queue and len(seen) < max_pages and time.monotonic() < deadline:
        path = queue.popleft()
        try:
            response = visit(page, base_url + path, timeout_ms, traffic)
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
        landed = urlsplit(page.url)
        final = landed.path or "/"
        _, _, asked = path.partition("?")
        if asked and set(parse_qsl(asked)) <= set(parse_qsl(landed.query)):
            final = f"{final}?{asked}"  # the view it asked for is the view it shows
        queued.add(final)
        client = _client_rendered(response, probe["linkCount"])
        links = probe["links"]
        for link in links:
            # only a script-rendered page's named links are rows (a server-rendered page's rows
            # are its tables', as before)
            link["row"] = client and link.pop("named") and not link["tab"] \
                and not link["inNav"] and not link["current"]
            href = f"{link['path']}?{link['query']}".rstrip("?")
            target = link_target(link, views, rows) if client else str(link["path"])
            if target is None:
                traffic.folded.add(href)
                target = str(link["path"])
            link["path"] = target
        seen.append(PageSeen(path, final, response.status if response else None, first,
                             probe["shells"], probe["external"], links, probe["h1"], client))
        rows |= row_parents(seen[-1:])
        for link in links:
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


def _client_rendered(response: Response | None, rendered_links: int) -> bool:
    """The page's links came from script: the HTML the server sent holds under half of them."""
    if response is None or not rendered_links:
        return False
    try:
        html = response.text()
    except (PlaywrightError, UnicodeDecodeError):
        return False
    return len(_SERVER_LINK.findall(html)) * 2 < rendered_links


def add_global_nav(page: Page, base_url: str, draft: Draft, timeout_ms: float) -> None:
    nav = draft.files["settings.yaml"].pop("_nav", None)
    if nav is None:
        return
    roots = [family_root(nav["prefix"], f, nav["slash"]) for f in nav["families"]]
    visit(page, base_url + "/", timeout_ms, Traffic())
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

"""`cutover init`'s drafting, from the pages the crawl read (no browser): routes (numeric path
segments become `{<noun>_id}` parameters), families (the first path segment after the prefix all
pages share), list/detail pairs with id discovery (the list whose page links the detail), back
links, candidate selectors (shell, global nav and its family items, page title, back link, row
link) and the redirects it saw; it says which selectors it could not find. The draft is a start,
written to be edited: it is linted by the same loader the suite uses."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from contracts.paths import is_prefix, match_template, path_params
from harness.init.seen import ID_SEGMENT, SKIP, VIEWS_PER_PATH, Draft, PageSeen, Traffic

REDIRECT_REASON = "drafted by cutover init (client-side redirect seen)"


def row_parents(seen: list[PageSeen]) -> frozenset[str]:
    """Paths whose children the page at that path lists as data-table rows: their next segment
    is an id, whatever it looks like (`/weather/stations/ams`)."""
    parents: dict[str, set[str]] = {}
    named: set[str] = set()
    for p in seen:
        for link in p.links:
            parent, _, child = link["path"].split("?")[0].rstrip("/").rpartition("/")
            if link.get("row"):
                # a script-rendered row naming what it opens: whatever page lists it
                named.add(parent)
            # rows a list page shows of its own children (not of other lists, via foreign keys)
            if link["inTable"] and parent == p.final.rstrip("/"):
                parents.setdefault(parent, set()).add(child)
    # Three or more: a short menu laid out as a table (an admin's two models) is not a list.
    return frozenset(named | {parent for parent, children in parents.items()
                              if len(children) >= 3})


def template_of(path: str, parents: frozenset[str] = frozenset()) -> str:
    """`/fleet/ships/3` -> `/fleet/ships/{ship_id}`: numeric segments, and the segment after a
    path whose children are listed as table rows, become parameters named after the segment
    before them. A view's query (`?view=backfills`) is kept as it is."""
    path, mark, query = path.partition("?")
    parts = path.split("/")
    out = []
    for i, seg in enumerate(parts):
        if ID_SEGMENT.match(seg) or (seg and i and "/".join(parts[:i]) in parents):
            noun = parts[i - 1] if i and parts[i - 1] and not ID_SEGMENT.match(parts[i - 1]) \
                else "item"
            noun = re.sub(r"[^a-z0-9_]", "_", noun.lower()).rstrip("s") or "item"
            out.append("{" + f"{noun}_id" + "}")
        else:
            out.append(seg)
    return ("/".join(out) or "/") + mark + query


def _ident(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_") or "home"


def _family_ident(segment: str) -> str:
    """A family id as its path segment spells it (`asset-groups`), so that a nav template's
    `{family}` filled with it is the segment again."""
    return re.sub(r"[^a-z0-9_-]+", "_", segment.lower()).strip("_-") or "home"


def build(seen: list[PageSeen], traffic: Traffic | None = None) -> Draft:
    found: list[str] = []
    gaps: list[str] = []
    ok = [p for p in seen if p.status is not None and p.status < 400]
    finals = sorted({p.final for p in ok})
    rows = row_parents(ok)

    def _template(path: str) -> str:
        return template_of(path, rows)
    templates: dict[str, list[PageSeen]] = {}
    for p in ok:
        templates.setdefault(_template(p.final), []).append(p)
    # Families: the first segment after the prefix every page shares (Django: /admin/<app>/).
    split = [[s for s in f.split("?")[0].split("/") if s] for f in finals]
    prefix: list[str] = []
    for column in zip(*split, strict=False):
        if len(set(column)) != 1:
            break
        prefix.append(column[0])
    slash = sum(f.endswith("/") for f in finals if f != "/") > len(finals) / 2

    def family_of(template: str) -> str:
        segs = [s for s in template.split("?")[0].split("/") if s]
        return _family_ident(segs[len(prefix)]) if len(segs) > len(prefix) else "home"

    def family_at(template: str) -> str:
        """The family whose global-nav item a script-rendered page marks current (Dagster's
        `/locations/x/jobs/y` is under Jobs), else the first segment's."""
        for p in templates[template]:
            current = next((link["path"] for link in p.links
                            if p.client_rendered and link.get("inNav") and link.get("current")),
                           None)
            if current is not None and current.split("?")[0] != "/":
                return family_of(_template(current))
        return family_of(template)

    ids: dict[str, str] = {}
    routes: list[dict[str, Any]] = []
    for template in sorted(templates):
        pathname, _, view = template.partition("?")
        segs = [s for s in pathname.split("/") if s]
        family = family_at(template)
        names = [_ident(s) for s in segs[len(prefix):] if not s.startswith("{")]
        if segs and segs[-1].startswith("{") and names:
            names[-1] = names[-1].rstrip("s") or names[-1]  # the detail of `ships` is `ship`
        if view:  # `/runs?view=backfills` is `runs.backfills`
            names.append(_ident(view.partition("=")[2]))
        rid = ".".join(names) or "home"
        while rid in ids.values():
            rid += "_page"
        ids[template] = rid
        routes.append({"id": rid, "path": template, "family": family})
    # A link with or without the trailing slash its page lands on is a link to that page.
    loose = {t.rstrip("/") or "/": t for t in ids}

    def _route_template(path: str) -> str:
        t = _template(path)
        return t if t in ids else loose.get(t.rstrip("/") or "/", t)
    # Lists: pages linking instances of a parameterised template from a data table's rows.
    row_cells: dict[str, tuple[str, list[str]]] = {}  # list path -> (table, cell tag+classes)
    for route in routes:
        pages = templates[route["path"]]
        instances: dict[str, int] = {}
        for p in pages:
            for link in p.links:
                t = _route_template(link["path"])
                if t != route["path"] and t in ids and "{" in t and (link["inTable"]
                                                                     or link.get("row")):
                    instances[t] = instances.get(t, 0) + 1
                    if link["cell"] and link["table"]:
                        row_cells.setdefault(route["path"], (link["table"], link["cell"]))
        # a page showing instances of a detail template as data-table rows is its list
        route["kind"] = "list" if instances else "utility"
        route["_lists"] = instances
    by_path = {r["path"]: r for r in routes}
    spa = any(p.client_rendered for p in ok)
    details = [r for r in routes if "{" in r["path"]]
    for route in details:
        route["kind"] = "detail"
        # The list the detail lives under (`/ships` for `/ships/{id}`), else any list linking it
        # (on a script-rendered app, the one whose rows are most often this detail).
        # (a list that takes ids itself cannot start id discovery)
        linking = [r for r in routes if route["path"] in r["_lists"] and "{" not in r["path"]]
        if spa:
            linking.sort(key=lambda r: -r["_lists"][route["path"]] / sum(r["_lists"].values()))
        source = next((r for r in linking if is_prefix(r["path"], route["path"])),
                      linking[0] if linking else None)
        if source is not None:
            route["ids"] = {"from_list": source["id"]}
            route["back"] = source["id"]
    # Linked from a sibling detail only (a history page from its change page), or under one
    # (`/locations/{location_id}/jobs`): that detail's list gives the ids through it, and it is
    # the way back. Repeated, as a sibling may get its own ids from another sibling.
    changed = True
    while changed:
        changed = False
        for route in details:
            if route.get("ids"):
                continue
            parent = next((r for r in details if r is not route and r.get("ids")
                           and set(path_params(r["path"])) >= set(path_params(route["path"]))
                           and (any(match_template(route["path"], link["path"]) is not None
                                    for p in templates[r["path"]] for link in p.links)
                                or is_prefix(r["path"].rstrip("/"), route["path"]))), None)
            if parent is not None:
                route["ids"] = {"from_list": parent["ids"]["from_list"], "row_route": parent["id"]}
                route["back"] = parent["id"]
                changed = True
    for route in details:
        if not route.get("ids"):
            gaps.append(f"route {route['id']} ({route['path']}): no list links it; add its "
                        "`ids` (or samples) and `back` by hand"
                        + (" (left out of the draft, which lints without it)" if spa else ""))
    if spa:  # a script-rendered app's deep pages often have no list to start from: the draft
        # leaves them out rather than failing lint on them (the notes name each)
        routes[:] = [r for r in routes if "{" not in r["path"] or r.get("ids")]
        by_path = {r["path"]: r for r in routes}
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
    # A script-rendered page that lands elsewhere was redirected on the client (`/overview` ->
    # `/overview/activity/timeline`): a section redirect, not a route of its own.
    redirects: dict[str, dict[str, Any]] = {}
    skipped_redirects: list[str] = []
    for p in ok:
        # (a view that did not hold, `/?tab=info`, is no page to redirect)
        if p.client_rendered and not p.first_hop and "?" not in p.path \
                and p.path.rstrip("/") != p.final.rstrip("/"):
            to = by_path.get(_template(p.final))
            origin = _template(p.path)
            if to is None or origin in ids or origin.rstrip("/") in redirects:
                continue
            # A redirect copies its landing's parameters by name: one whose path cannot fill
            # them (a resolver, `/guess/{x}` -> `/locations/{a}/jobs/{b}`) is no section
            # landing; it is left out and named.
            if set(path_params(origin)) != set(path_params(to["path"])):
                skipped_redirects.append(f"{origin} -> {to['path']}")
                continue
            redirects[origin.rstrip("/") or "/"] = {"path": origin, "to": to["id"],
                                                    "reason": REDIRECT_REASON}
    # a family's root may be a page or a redirect to one (`/deployment`)
    nav_families = [f for f in families if f != "home" and (
        family_root(prefix, f, slash) in by_path
        or family_root(prefix, f, slash).rstrip("/") in redirects)]
    local = _local_nav(ok, {p.path: p.final for p in ok}, by_path, _template)
    if local.items:
        selectors["local_nav"] = local.container
        if local.selected:
            selectors["local_nav_current"] = '[aria-selected="true"]'
        found.append(f"local nav: {local.container}, {len(local.items)} families' tabs"
                     + (" (current: aria-selected)" if local.selected else ""))
    else:
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
    if redirects:
        found.append(f"client-side redirects seen (routes.yaml redirects): {len(redirects)}")
    if skipped_redirects:
        gaps.append("client-side redirects whose path cannot fill their landing's parameters "
                    f"(resolvers, not drafted): {', '.join(skipped_redirects)}")
    if traffic is not None:
        found.extend(_traffic_lines(traffic))
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
            {"id": f, "title": re.sub(r"[_-]", " ", f).title(), "roles": ["visitor"],
             **({} if f in nav_families else {"global_nav": False}),
             **({"local_nav": local.items[f]} if f in local.items else {})} for f in families]},
        "routes.yaml": {"routes": routes,
                        **({"redirects": list(redirects.values())} if redirects else {})},
        "roles.yaml": {"roles": [{"id": "visitor", "title": "Visitor",
                                  "landing": landing_route or routes[0]["id"],
                                  "families": families, "default": True}]},
    }
    if legacy:
        files["legacy.yaml"] = {"legacy": legacy}
    if nav_families:
        return with_global_nav(Draft(files, found, gaps, len(seen)), prefix, slash,
                                nav_families)
    gaps.append("global nav: no page links every family root; set selectors.global_nav*")
    return Draft(files, found, gaps, len(seen))


@dataclass
class LocalNav:
    container: str = ""  # the tab list most families share (selectors.local_nav)
    selected: bool = False  # tabs mark the current one with aria-selected, not aria-current
    items: dict[str, dict[str, Any]] = field(default_factory=dict)  # family -> its local_nav


def _local_nav(ok: list[PageSeen], lands: dict[str, str], by_path: dict[str, dict[str, Any]],
               template: Callable[[str], str]) -> LocalNav:
    """A family's local nav: the tabs a script-rendered page of the family shows, each to a
    route of the family without parameters (a resource's own tabs are not the family's), where a
    tab that redirects (`/overview/activity`) counts as the route it lands on."""
    best: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    selected = False
    for p in ok:
        route = by_path.get(template(p.final))
        if not p.client_rendered or route is None or "{" in route["path"]:
            continue
        groups: dict[str, list[dict[str, Any]]] = {}
        for link in p.links:
            if link.get("tab"):
                groups.setdefault(link["tablist"], []).append(link)
        for box, links in groups.items():
            items: list[dict[str, Any]] = []
            for link in links:
                target = by_path.get(template(lands.get(link["path"], link["path"])))
                if target is None or target["family"] != route["family"] \
                        or "{" in target["path"] or any(i["route"] == target["id"] for i in items):
                    continue  # another family's page, a resource's, or a filter of one it has
                pathname, _, view = link["path"].partition("?")
                key = _ident(view.partition("=")[2] or pathname.rstrip("/").rsplit("/", 1)[-1])
                while any(i["key"] == key for i in items):
                    key += "_tab"
                href = str(link["href"]).replace('"', '\\"')
                items.append({"key": key, "label": link["label"] or key, "route": target["id"],
                              "selector": f'{box} a[href="{href}"]'})
            if len(items) >= 2 and len(items) > len(best.get(route["family"], ("", []))[1]):
                best[route["family"]] = (box, items)
                selected = selected or (any(link.get("selected") for link in links)
                                        and not any(link.get("current") for link in links))
    if not best:
        return LocalNav()
    boxes = [box for box, _ in best.values()]
    container = max(set(boxes), key=boxes.count)
    return LocalNav(container, selected, {
        family: {**({} if box == container else {"container": box}), "items": items}
        for family, (box, items) in sorted(best.items())})


def _traffic_lines(traffic: Traffic) -> list[str]:
    def top(counts: Counter[str]) -> str:
        return ", ".join(f"{what} x{n}" for what, n in counts.most_common(5)) \
            + (", ..." if len(counts) > 5 else "")
    lines = []
    if traffic.read_posts:
        lines.append(f"POST reads let through (GraphQL queries): "
                     f"{sum(traffic.read_posts.values())} ({top(traffic.read_posts)})")
    lines.append(f"requests aborted (not reads): {sum(traffic.aborted.values())}"
                 + (f" ({top(traffic.aborted)})" if traffic.aborted else ""))
    if traffic.folded:
        lines.append(f"links folded into their path (a filter-like query, or more than "
                     f"{VIEWS_PER_PATH} views of one path): {len(traffic.folded)}")
    if traffic.unsettled:
        lines.append(f"pages read before they stopped changing (timeout): "
                     f"{', '.join(sorted(set(traffic.unsettled)))}")
    return lines


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


def family_root(prefix: list[str], family: str, slash: bool) -> str:
    return "/" + "/".join([*prefix, family]) + ("/" if slash else "")


def with_global_nav(draft: Draft, prefix: list[str], slash: bool,
                     families: list[str]) -> Draft:
    """The global-nav selectors, filled in by `draft_contract` from the landing page's DOM."""
    draft.files["settings.yaml"]["_nav"] = {"prefix": prefix, "slash": slash,
                                           "families": families}
    return draft


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

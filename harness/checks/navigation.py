"""Navigation checks: the navigation contract of docs/V3_Migration_Execution_Tracker_v1.md
(global shell, family local nav, back links, no reliance on browser history), route by route."""

from __future__ import annotations

from contracts import Contract, Journey, Role, Route
from contracts.paths import match_template, path_of
from contracts.wording import normalize
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext, Judged
from harness.checks.evidence import CheckEvidence
from harness.checks.findings import Finding
from harness.checks.observations import ClickOutcome, JourneyRun
from harness.checks.quality import sort_console
from harness.checks.registry import check

BAD_HREF_PREFIXES = ("javascript:", "#")

Static = CheckContext[Route, RouteSnapshot]


def describe_url(contract: Contract, url: str | None) -> str:
    """`/path (route.id)`, the way findings name where something led."""
    if not url:
        return "no URL"
    route = contract.route_id_of(url)
    if route:
        return f"{path_of(url)} ({route})"
    redirect = contract.match_redirect(url)
    if redirect:
        return f"{path_of(url)} (a section redirect to {redirect[0].to})"
    return f"{path_of(url)} (no canonical route)"


@check("route-live", gate="v3-live", title="Canonical route is live", criterion="routes-live")
def route_live(ctx: Static) -> list[Finding]:
    """A V3 route that errors, hangs or lands elsewhere cannot replace its V1 page."""
    route, snap, contract = ctx.entry, ctx.seen, ctx.contract
    expected = f"{route.path} to answer below 400 and stay on {route.id}"
    url = snap.reported_url
    if snap.error:
        return [ctx.finding(expected, snap.error, url=url)]
    if snap.status is None or snap.status >= 400:
        return [ctx.finding(expected, f"HTTP {snap.status}", url=url)]
    if contract.route_id_of(snap.final_url) != route.id:
        return [ctx.finding(expected, f"it landed on {describe_url(contract, snap.final_url)}",
                            url=url)]
    if snap.v1_layout:
        return [ctx.finding(f"{route.id} rendered by V3",
                            f"the V1 layout ({contract.selectors.v1_layout})", url=url)]
    return []


@check("page-title", gate="v3-live", title="Page is titled as the contract says",
       report_cost=True, reads=("page_title",))
def page_title(ctx: Static) -> list[Finding]:
    """A page headed as another page passes every structural gate; its title says which it is."""
    route, snap, contract = ctx.entry, ctx.seen, ctx.contract
    heading, document = contract.heading_expected(route), contract.document_title_expected(route)
    url, out = snap.reported_url, []
    what = "heading" if route.heading is not None else "title"
    if heading is not None and not heading.matches(snap.heading):
        selector = contract.selectors.page_title
        found = "no heading element" if snap.heading is None else repr(snap.heading)
        out.append(ctx.finding(f"the heading {selector} to read {heading.shown} (the route's "
                               f"{what})", found, url=url))
    if document is not None and not document.matches(snap.document_title):
        out.append(ctx.finding(f"the document title to read {document.shown} (wording."
                               f"document_title, the route's {what})",
                               repr(snap.document_title), url=url))
    return out


@check("shell-containment", gate="shell", title="Global shell contains the page",
       reads=("shell",))
def shell_containment(ctx: Static) -> list[Finding]:
    """Every V3 page lives inside the global shell, so no page is a dead end."""
    if ctx.seen.shell and (why := ctx.seen.hidden.get("global_shell")):
        return [ctx.finding(f"the global shell {ctx.contract.selectors.global_shell} visible",
                            f"it is on the page but hidden ({why})", url=ctx.seen.reported_url)]
    if ctx.seen.shell:
        return []
    return [ctx.finding(f"the global shell {ctx.contract.selectors.global_shell}",
                        "no global shell", url=ctx.seen.reported_url)]


@check("local-nav", gate="local-nav", title="Family local nav is exactly the contract's",
       reads=("local_nav",))
def local_nav(ctx: Static) -> list[Finding]:
    """Sibling pages of a family are reached through one local nav: the contract's items, in its
    order and words, with stable selectors, and no other."""
    route, snap, contract = ctx.entry, ctx.seen, ctx.contract
    family = contract.family(route.family)
    if family.local_nav is None or not contract.has_local_nav(route):
        return []  # no test is generated there either: reported n/a, never a pass
    url = snap.reported_url
    if not snap.local_nav_found:
        return [ctx.finding(f"the local nav {contract.local_nav_container(family)}",
                            "no local nav", url=url)]
    every = contract.local_nav_items_selector(family) or ""
    shown = {i.key: i for i in snap.local_nav_items if i.key is not None}
    own = next((i for i in family.local_nav.items if i.route == route.id), None)
    how = contract.selectors.local_nav_current or "aria-current"
    out = []
    for item in family.local_nav.items:
        selector = contract.local_nav_item_selector(family, item)
        found = shown.get(item.key)
        if found is None:
            hidden = " (present, not visible)" if item.key in snap.local_nav else ""
            out.append(ctx.finding(f"item '{item.key}' at {selector}",
                                   f"no such element{hidden}", url=url))
            continue
        if why := snap.hidden.get(f"local_nav_item:{item.key}"):
            out.append(ctx.finding(f"item '{item.key}' at {selector} visible",
                                   f"it is on the page but hidden ({why})", url=url))
        if contract.landing_route_id(found.url) != item.route:
            target = contract.route(item.route)
            out.append(ctx.finding(
                f"item '{item.key}' ({selector}) to link to {item.route} ({target.path})",
                f"href {found.href!r} -> {describe_url(contract, found.url)}", url=url))
        if found.label != normalize(item.label):
            out.append(ctx.finding(f"item '{item.key}' labelled {item.label!r}",
                                   repr(found.label), url=url))
        # Only a page that is itself a nav item has a defined current item; a drill-down may
        # highlight its section or nothing.
        if own is not None and (item is own) != found.current:
            want = "marked" if item is own else "not marked"
            out.append(ctx.finding(f"item '{item.key}' {want} {how} on {route.id}",
                                   "marked" if found.current else "not marked", url=url))
    known = {i.key for i in family.local_nav.items}
    seen: set[str] = set()
    extra = []
    for found in snap.local_nav_items:
        if found.key not in known or found.key in seen:
            extra.append(found)
        elif found.key is not None:
            seen.add(found.key)
    if extra:
        out.append(ctx.finding(
            f"only the contract's {len(known)} items of family {family.id} ({every})",
            "items the contract does not list: " + ", ".join(
                f"{i.shown} ({contract.route_id_of(i.url) or 'no canonical route'})"
                for i in extra), url=url))
    order = [i.key for i in snap.local_nav_items if i.key in known]
    wanted = [i.key for i in family.local_nav.items if i.key in seen]
    if not extra and list(dict.fromkeys(order)) != wanted:
        out.append(ctx.finding(f"items in the contract's order: {', '.join(wanted)}",
                               ", ".join(str(k) for k in order), url=url))
    return out


@check("back-link", gate="back-link", title="Drill-down has a stable back link",
       reads=("back_link",))
def back_link(ctx: Static) -> list[Finding]:
    """Every drill-down exposes a ResourceHeader back target; browser history is no exit."""
    route, snap, contract = ctx.entry, ctx.seen, ctx.contract
    if not route.back:
        return []
    back = contract.route(route.back)
    expected = f"a back link {contract.selectors.back_link} to {route.back} ({back.path})"
    link, url = snap.back_link, snap.reported_url
    if link is None:
        return [ctx.finding(expected, "no back link", url=url)]
    # A click needs exactly one to click (the back-link click test demands it too); two are
    # two ways back, one of which nobody judged.
    if snap.back_links is not None and snap.back_links > 1:
        return [ctx.finding(f"exactly one visible back link {contract.selectors.back_link} on "
                            f"{route.id}", f"{snap.back_links} back links match "
                            f"{contract.selectors.back_link}", url=url)]
    if why := snap.hidden.get("back_link"):
        return [ctx.finding(f"{expected}, visible", f"it is on the page but hidden ({why})",
                            url=url)]
    raw = (link.href or "").strip()
    if not raw or raw.lower().startswith(BAD_HREF_PREFIXES) or "history." in (link.onclick or ""):
        shown = raw or "(no href)"
        if link.onclick:
            shown += f" onclick={link.onclick!r}"
        return [ctx.finding(expected, f"{shown}, which relies on script or browser history",
                            url=url)]
    if contract.route_id_of(link.url) != route.back:
        return [ctx.finding(expected, f"href {raw!r} -> {describe_url(contract, link.url)}",
                            url=url)]
    # A back target that takes ids (a history page's change page) must be the same resource's:
    # every id the two paths share is carried over unchanged.
    here = match_template(route.path, snap.final_url) or {}
    there = match_template(back.path, link.url or "") or {}
    moved = {k: (v, there.get(k)) for k, v in here.items()
             if k in back.params and there.get(k) != v}
    if moved:
        shown = ", ".join(f"{k} {want!r} -> {got!r}" for k, (want, got) in moved.items())
        return [ctx.finding(f"{expected} carrying the page's ids", f"href {raw!r}: {shown}",
                            url=url)]
    # The right target in the wrong words sends a reader elsewhere in their head.
    label = contract.back_label_expected(route)
    if label is not None and not label.matches(link.label):
        return [ctx.finding(f"{expected} reading {label.shown}", repr(link.label), url=url)]
    return []


def _console_evidence(ctx: Static) -> CheckEvidence:
    return sort_console(ctx.contract.console, ctx.seen.console_errors).evidence()


@check("console-errors", gate="v3-live", title="No script errors on the page",
       evidence=_console_evidence)
def console_errors(ctx: Static) -> list[Finding]:
    """A page that throws on load is broken for someone, even when it looks fine."""
    verdict = sort_console(ctx.contract.console, ctx.seen.console_errors)
    errors = verdict.defects
    if not errors:
        return []
    shown = "; ".join(e[:200] for e in errors[:3])
    accepted = verdict.describe_accepted()
    return [ctx.finding("no console errors other than those console.allow accepts",
                        f"{len(errors)}: {shown}" + (f" ({accepted})" if accepted else ""),
                        url=ctx.seen.reported_url)]


@check("global-nav", gate="navigation", title="Global nav shows exactly the role's families",
       reads=("global_nav",))
def global_nav(ctx: CheckContext[Role, RouteSnapshot]) -> list[Finding]:
    """A role sees every family it may use in the global nav, and no other."""
    role, snap, contract = ctx.entry, ctx.seen, ctx.contract
    url = snap.reported_url
    # families.yaml order is the global-nav order
    expected = tuple(f.id for f in contract.visible_families(role) if f.global_nav)
    if hidden := [f for f in expected if snap.hidden.get(f"global_nav_item:{f}")]:
        whys = ", ".join(f"{f} ({snap.hidden[f'global_nav_item:{f}']})" for f in hidden)
        return [ctx.finding(f"global nav items for {', '.join(expected)}, visible",
                            f"on the page but hidden: {whys}", url=snap.reported_url)]
    if not snap.global_nav_found:
        return [ctx.finding(f"the global nav {contract.selectors.global_nav} with items for "
                            f"{', '.join(expected)}", "no global nav", url=url)]
    # Items are what the items selector finds in the nav; other links there are not items.
    items = snap.global_nav_items
    shown = [i.key for i in items if i.key is not None]
    missing = [f for f in expected if f not in shown]
    extra = [f for f in shown if f not in expected]
    if missing or extra:
        return [ctx.finding(f"global nav items for {', '.join(expected)}",
                            f"missing {missing or 'none'}, not allowed {extra or 'none'}",
                            url=url)]
    unknown = [i for i in items if i.key is None]
    twice = [f for n, f in enumerate(shown) if f in shown[:n]]
    if unknown or twice:
        every = contract.global_nav_items_selector()
        found = [f"'{f}' again" for f in twice] + [
            f"{i.shown} ({contract.route_id_of(i.url) or 'no canonical route'})"
            for i in unknown]
        return [ctx.finding(f"{len(expected)} global nav items ({every}), one per family",
                            f"{len(items)}: items the contract does not know: "
                            + ", ".join(found), url=url)]
    if tuple(shown) != expected:
        return [ctx.finding(f"global nav items in the contract's order: {', '.join(expected)}",
                            ", ".join(shown), url=url)]
    return []


@check("global-nav-current", gate="shell", title="Global nav marks the page's family current",
       report_cost=True, reads=("global_nav",))
def global_nav_current(ctx: Static) -> list[Finding]:
    """The global nav tells every page where it is: exactly its family's item is current."""
    route, snap, contract = ctx.entry, ctx.seen, ctx.contract
    if not snap.global_nav_found:
        return []  # a page without the global nav: the shell gate's finding, not this one's
    family = contract.family(route.family)
    how = contract.selectors.global_nav_current or "aria-current"
    current = [i.key or repr(i.label) for i in snap.global_nav_items if i.current]
    if not family.global_nav:
        if not current:
            return []
        return [ctx.finding(f"no global-nav item marked current ({how}): family {family.id} has "
                            "no global-nav item", f"marked: {', '.join(current)}",
                            url=snap.reported_url)]
    if current == [family.id]:
        return []
    return [ctx.finding(f"exactly one global-nav item marked current ({how}): {family.id}",
                        f"marked: {', '.join(current) or 'none'}", url=snap.reported_url)]


@check("role-landing", gate="navigation", title="Each role lands on its default page")
def role_landing(ctx: CheckContext[Role, RouteSnapshot]) -> list[Finding]:
    """`/` must land each role on its default route, inside V3."""
    role, snap, contract = ctx.entry, ctx.seen, ctx.contract
    expected = f"/ to land on {role.landing} ({contract.route(role.landing).path})"
    if not snap.loaded:
        return [ctx.finding(expected, snap.error or f"HTTP {snap.status}", url=snap.reported_url)]
    if contract.route_id_of(snap.final_url) != role.landing:
        return [ctx.finding(expected, f"it landed on {describe_url(contract, snap.final_url)}",
                            url=snap.reported_url)]
    return []


@check("nav-click", gate="navigation", title="A click lands where the contract says")
def nav_click(ctx: CheckContext[Judged, ClickOutcome]) -> list[Finding]:
    """Clicking a nav item, a row, a tab or a back link must land on its contract route."""
    click, contract = ctx.seen, ctx.contract
    if contract.route_id_of(click.landed_url) == click.expected_route and click.error is None:
        return []
    target = contract.route(click.expected_route)
    found = click.error or f"it landed on {describe_url(contract, click.landed_url)}"
    return [ctx.finding(f"{click.what} to land on {click.expected_route} ({target.path})",
                        found, url=click.landed_url)]


@check("journey", gate="navigation", title="Representative journey completes")
def journey(ctx: CheckContext[Journey, JourneyRun]) -> list[Finding]:
    """Representative resource journeys must work end to end without browser history."""
    contract = ctx.contract
    for step in ctx.seen.steps:
        where = f"step {step.index} ({step.action})"
        landed_at = f"it landed on {describe_url(contract, step.landed)}"
        if step.error:
            return [ctx.finding(f"{where} to complete", step.error, url=step.landed)]
        landed = contract.route_id_of(step.landed)
        if step.expected and landed != step.expected:
            return [ctx.finding(f"{where} to land on {step.expected}", landed_at,
                                url=step.landed)]
        if step.expected_family and (landed is None or
                                     contract.route(landed).family != step.expected_family):
            return [ctx.finding(f"{where} to land in family {step.expected_family}", landed_at,
                                url=step.landed)]
        if landed is None:
            return [ctx.finding(f"{where} to land on a canonical route", landed_at,
                                url=step.landed)]
    if len(ctx.seen.steps) < len(ctx.entry.steps):
        return [ctx.finding("every step to run", f"stopped after step {len(ctx.seen.steps)}")]
    return []

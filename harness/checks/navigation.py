"""Navigation checks: the seed tracker's navigation contract, route by route."""

from __future__ import annotations

from typing import Any

from harness.capture.snapshot import RouteSnapshot, path_of
from harness.checks.findings import Finding
from harness.checks.registry import check
from harness.paths import route_id_of

BAD_HREF_PREFIXES = ("javascript:", "#")


def _finding(name: str, entry: Any, snap: RouteSnapshot | None, expected: str, found: str,
             ) -> Finding:
    return Finding(check=name, subject=entry.id, source=str(entry.source),
                   url=snap.reported_url if snap else None, expected=expected, found=found)


def _describe(contract: Any, url: str | None) -> str:
    if not url:
        return "no URL"
    route = route_id_of(contract, url)
    return f"{path_of(url)} ({route})" if route else f"{path_of(url)} (no canonical route)"


@check("route-live", gate="v3-live", title="Canonical route is live")
def route_live(route: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """A V3 route that errors, hangs or lands elsewhere cannot replace its V1 page."""
    expected = f"{route.path} to answer below 400 and stay on {route.id}"
    if snap.error:
        return [_finding("route-live", route, snap, expected, snap.error)]
    if snap.status is None or snap.status >= 400:
        return [_finding("route-live", route, snap, expected, f"HTTP {snap.status}")]
    landed = route_id_of(contract, snap.final_url)
    if landed != route.id:
        return [_finding("route-live", route, snap, expected,
                         f"it landed on {_describe(contract, snap.final_url)}")]
    if snap.v1_layout:
        return [_finding("route-live", route, snap, f"{route.id} rendered by V3",
                         f"the V1 layout ({contract.selectors.v1_layout})")]
    return []


@check("shell-containment", gate="shell", title="Global shell contains the page")
def shell_containment(route: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Every V3 page lives inside the global shell, so no page is a dead end."""
    if snap.shell:
        return []
    return [_finding("shell-containment", route, snap,
                     f"the global shell {contract.selectors.global_shell}", "no global shell")]


@check("local-nav", gate="local-nav", title="Family local nav is complete and stable")
def local_nav(route: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Sibling pages of a family are reached through one local nav with stable selectors."""
    family = contract.family(route.family)
    if family.local_nav is None:
        return []
    container = contract.local_nav_container(family)
    if not snap.local_nav_found:
        return [_finding("local-nav", route, snap, f"the local nav {container}",
                         "no local nav")]
    own = next((i for i in family.local_nav.items if i.route == route.id), None)
    out = []
    for item in family.local_nav.items:
        selector = contract.local_nav_item_selector(family, item)
        link = snap.local_nav.get(item.key)
        target = contract.route(item.route)
        if link is None:
            out.append(_finding("local-nav", route, snap,
                                f"item '{item.key}' at {selector}", "no such element"))
            continue
        landed = route_id_of(contract, link.url)
        if landed != item.route:
            out.append(_finding(
                "local-nav", route, snap,
                f"item '{item.key}' ({selector}) to link to {item.route} ({target.path})",
                f"href {link.href!r} -> {_describe(contract, link.url)}"))
        current = link.current not in (None, "", "false")
        # Only a page that is itself a nav item has a defined current item; a drill-down may
        # highlight its section or nothing.
        if own is not None and (item is own) != current:
            want = "marked" if item is own else "not marked"
            out.append(_finding("local-nav", route, snap,
                                f"item '{item.key}' {want} aria-current on {route.id}",
                                f"aria-current={link.current!r}"))
    return out


@check("back-link", gate="back-link", title="Drill-down has a stable back link")
def back_link(route: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """Every drill-down exposes a ResourceHeader back target; browser history is no exit."""
    if not route.back:
        return []
    selector = contract.selectors.back_link
    back = contract.route(route.back)
    expected = f"a back link {selector} to {route.back} ({back.path})"
    link = snap.back_link
    if link is None:
        return [_finding("back-link", route, snap, expected, "no back link")]
    raw = (link.href or "").strip()
    if not raw or raw.lower().startswith(BAD_HREF_PREFIXES) or "history." in (link.onclick or ""):
        shown = raw or "(no href)"
        if link.onclick:
            shown += f" onclick={link.onclick!r}"
        return [_finding("back-link", route, snap, expected,
                         f"{shown}, which relies on script or browser history")]
    landed = route_id_of(contract, link.url)
    if landed != route.back:
        return [_finding("back-link", route, snap, expected,
                         f"href {raw!r} -> {_describe(contract, link.url)}")]
    return []


@check("console-errors", gate="v3-live", title="No script errors on the page")
def console_errors(route: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """A page that throws on load is broken for someone, even when it looks fine."""
    if not snap.console_errors:
        return []
    shown = "; ".join(e[:200] for e in snap.console_errors[:3])
    return [_finding("console-errors", route, snap, "no console errors",
                     f"{len(snap.console_errors)}: {shown}")]


@check("global-nav", gate="navigation", title="Global nav shows exactly the role's families")
def global_nav(role: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """A role sees every family it may use in the global nav, and no other."""
    expected = tuple(f for f in role.families if contract.family(f).global_nav)
    shown = set(snap.global_nav)
    out = []
    missing = [f for f in expected if f not in shown]
    extra = [f for f in snap.global_nav if f not in expected]
    if missing or extra:
        out.append(_finding("global-nav", role, snap,
                            f"global nav items for {', '.join(expected)}",
                            f"missing {missing or 'none'}, not allowed {extra or 'none'}"))
    elif snap.global_nav_links > len(expected):
        out.append(_finding("global-nav", role, snap, f"{len(expected)} global nav links",
                            f"{snap.global_nav_links} (links the contract does not know)"))
    return out


@check("role-landing", gate="navigation", title="Each role lands on its default page")
def role_landing(role: Any, snap: RouteSnapshot, contract: Any) -> list[Finding]:
    """`/` must land each role on its default route, inside V3."""
    landing = contract.route(role.landing)
    expected = f"/ to land on {role.landing} ({landing.path})"
    if not snap.loaded:
        return [_finding("role-landing", role, snap, expected,
                         snap.error or f"HTTP {snap.status}")]
    landed = route_id_of(contract, snap.final_url)
    if landed != role.landing:
        return [_finding("role-landing", role, snap, expected,
                         f"it landed on {_describe(contract, snap.final_url)}")]
    return []


@check("nav-click", gate="navigation", title="A click lands where the contract says")
def nav_click(entry: Any, what: str, expected_route: str, landed_url: str | None,
              contract: Any, error: str | None = None) -> list[Finding]:
    """Clicking a nav item, a row, a tab or a back link must land on its contract route."""
    landed = route_id_of(contract, landed_url)
    if landed == expected_route and error is None:
        return []
    target = contract.route(expected_route)
    found = f"it landed on {_describe(contract, landed_url)}" if error is None else error
    return [Finding(check="nav-click", subject=entry.id, source=str(entry.source),
                    url=landed_url, expected=f"{what} to land on {expected_route} ({target.path})",
                    found=found)]


@check("journey", gate="navigation", title="Representative journey completes")
def journey(entry: Any, outcomes: list[Any], contract: Any) -> list[Finding]:
    """Representative resource journeys must work end to end without browser history."""
    for step in outcomes:
        where = f"step {step.index} ({step.action})"
        if step.error:
            return [Finding("journey", entry.id, str(entry.source), f"{where} to complete",
                            step.error, url=step.landed)]
        landed = route_id_of(contract, step.landed)
        if step.expected and landed != step.expected:
            return [Finding("journey", entry.id, str(entry.source),
                            f"{where} to land on {step.expected}",
                            f"it landed on {_describe(contract, step.landed)}", url=step.landed)]
        if step.expected_family and (landed is None or
                                     contract.route(landed).family != step.expected_family):
            return [Finding("journey", entry.id, str(entry.source),
                            f"{where} to land in family {step.expected_family}",
                            f"it landed on {_describe(contract, step.landed)}", url=step.landed)]
        if landed is None:
            return [Finding("journey", entry.id, str(entry.source),
                            f"{where} to land on a canonical route",
                            f"it landed on {_describe(contract, step.landed)}", url=step.landed)]
    if len(outcomes) < len(entry.steps):
        return [Finding("journey", entry.id, str(entry.source), "every step to run",
                        f"stopped after step {len(outcomes)}")]
    return []

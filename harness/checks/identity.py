"""Resource identity: a drill-down shows the resource that was opened. The route's snapshot was
opened by the URL of its list's first row (id discovery), so the page must carry that row's id in
its URL and show that row's resource (name, or an id/alias field); a page that shows another
resource passes every structural gate, so only this check sees it."""

from __future__ import annotations

import re

from contracts import Route
from contracts.paths import match_template, path_of
from harness.checks.context import CheckContext
from harness.checks.findings import Finding
from harness.checks.observations import DrilldownView
from harness.checks.registry import check


def _shown(view: DrilldownView) -> set[str]:
    """Every way the page names its resource: name, title, alias fields."""
    snap = view.snapshot
    names = {snap.resource_name or "", snap.title, *snap.aliases.values()}
    return {n.strip() for n in names if n and n.strip()}


# What separates words, and a breadcrumb from the name it leads to (`Jobs / x`, `A > B`).
_SEPARATORS = re.compile(r"[\s/|>\u203a\u00bb\u00b7:]+")


def _words(text: str) -> list[str]:
    return [w for w in _SEPARATORS.split(text) if w]


def _within(part: list[str], whole: list[str]) -> bool:
    return bool(part) and any(whole[i:i + len(part)] == part
                              for i in range(len(whole) - len(part) + 1))


def _names_row(label: str, shown: set[str], back: str) -> bool:
    """Whether the page names the row's resource: a name it shows is the row's label, holds it
    word for word (a title row `Jobs / billing_rollup`), or, without its breadcrumb (the back
    link's label), is held word for word by the label (a row `invoice_sensor Standard sensor`).
    Words, not characters: `billing` never names `billing_rollup`."""
    row = _words(label)
    crumb = _words(back)
    for name in shown:
        words = _words(name)
        own = words[len(crumb):] if crumb and words[:len(crumb)] == crumb else words
        if _within(row, words) or _within(own, row):
            return True
    return False


@check("resource-identity", gate="v3-live", title="Drill-down shows the resource opened",
       report_cost=True, reads=("page_title", "back_link"))
def resource_identity(ctx: CheckContext[Route, DrilldownView]) -> list[Finding]:
    """A drill-down that shows another resource than the row followed misleads every action."""
    route, view, contract = ctx.entry, ctx.seen, ctx.contract
    snap, row = view.snapshot, view.row
    url = snap.reported_url
    if row is None or not row.url:
        return []  # the id did not come from a list row: nothing to compare it with
    ids = route.ids
    row_route = contract.route(ids.row_route or route.id) if ids else route
    row_ids = match_template(row_route.path, row.url)
    if row_ids is None:
        return []  # id discovery reports a row that does not lead to this route
    out = []
    page_ids = match_template(route.path, snap.final_url) or {}
    moved = {k: v for k, v in row_ids.items() if page_ids.get(k) != v}
    if moved:
        want = ", ".join(f"{k} {v!r}" for k, v in moved.items())
        out.append(ctx.finding(
            f"the URL to carry the followed row's {want} ({path_of(row.url)} from "
            f"{view.list_route})",
            f"{path_of(snap.final_url)}", url=url))
    if why := snap.hidden.get("resource_name"):
        out.append(ctx.finding(f"the resource name ({contract.selectors.resource_name}) visible",
                               f"it is on the page but hidden ({why})", url=url))
    label = row.text.strip()
    shown = _shown(view)
    if label and not _names_row(label, shown, snap.back_link.text if snap.back_link else ""):
        where = contract.selectors.resource_name
        name = snap.resource_name if snap.resource_name is not None else snap.title
        out.append(ctx.finding(
            f"the resource of the followed row {label!r} ({path_of(row.url)} from "
            f"{view.list_route})",
            f"{name!r} ({where})", url=url))
    return out

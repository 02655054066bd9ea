"""Every row, not only the first: a list page is otherwise checked through its first row's link
(id discovery, resource identity), so rows after it may link resources that do not exist. Each
row link of a list snapshot (bounded) must be a route of the contract whose page answers."""

from __future__ import annotations

from urllib.parse import urlsplit

from contracts import Route
from contracts.paths import path_of
from harness.checks.context import CheckContext
from harness.checks.findings import Finding
from harness.checks.observations import RowLinks
from harness.checks.registry import check


def row_key(url: str) -> str:
    """The URL a row target is requested and answered by: without its fragment."""
    return url.split("#", 1)[0]


@check("row-links", gate="v3-live", title="Every row of a list links a live page",
       report_cost=True, reads=("rows",))
def row_links(ctx: CheckContext[Route, RowLinks]) -> list[Finding]:
    """A list row that links a missing resource strands whoever opens it, first row or not."""
    seen, contract = ctx.seen, ctx.contract
    snap = seen.snapshot
    page = urlsplit(snap.final_url or snap.requested_url).netloc
    where = path_of(snap.final_url or snap.requested_url)
    out = []
    for n, row in enumerate(snap.row_targets, 1):
        label = f"row {n} {row.text!r} of {where}"
        if not row.url or urlsplit(row.url).netloc != page:
            out.append(ctx.finding(f"{label} to link a page of the product",
                                   f"href {row.href!r}", url=row.url or snap.reported_url))
            continue
        target = contract.route_id_of(row.url)
        if target is None:
            out.append(ctx.finding(f"{label} to link a route of the contract",
                                   f"{path_of(row.url)}, which no route matches", url=row.url))
            continue
        answer = seen.answers.get(row_key(row.url))
        expected = f"{label} to open {target} ({contract.route(target).path}) below HTTP 400"
        if answer is None:
            out.append(ctx.finding(expected, "it was not requested", url=row.url))
        elif answer.error:
            out.append(ctx.finding(expected, answer.error, url=row.url))
        elif answer.status is None or answer.status >= 400:
            out.append(ctx.finding(expected, f"HTTP {answer.status}", url=row.url))
    return out

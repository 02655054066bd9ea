"""The rendering-leak gate: visible text that a page shows only when it rendered data it did not
handle (`undefined`, `NaN`, `[object Object]`, raw timestamps, JSON, template placeholders).
Patterns and the places where such text is real content are contract data
(`placeholders.leaks`); the check reads the route snapshot's visible text, no navigation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from contracts import Contract, Route
from contracts.settings import LeakException
from harness.capture.snapshot import RouteSnapshot
from harness.checks.context import CheckContext
from harness.checks.findings import Finding
from harness.checks.registry import PAGE, check


def _allowed(exceptions: Iterable[LeakException], pattern: str, route: str, element: str) -> bool:
    return any(e.pattern == pattern and (not e.routes or route in e.routes)
               and (e.element is None or e.element in element) for e in exceptions)


def _excerpt(text: str, match: re.Match[str], width: int = 40) -> str:
    start, end = max(match.start() - width, 0), min(match.end() + width, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def leaks(contract: Contract, route_id: str, snap: RouteSnapshot
          ) -> list[tuple[str, str, str]]:
    """(pattern id, element, excerpt) of every leak on the page the contract does not allow."""
    spec = contract.placeholders.leaks
    out = []
    for pattern in spec.patterns:
        regex = re.compile(pattern.regex)
        for node in snap.texts:
            m = regex.search(node.text)
            if m and not _allowed(spec.allow, pattern.id, route_id, node.element):
                out.append((pattern.id, node.element, _excerpt(node.text, m)))
    return out


@check("rendering-leaks", gate="placeholder", title="No rendering leaks in visible text",
       report_cost=True, reads=(PAGE,))
def rendering_leaks(ctx: CheckContext[Route, RouteSnapshot]) -> list[Finding]:
    """`NaN` or `[object Object]` on a page means it shows data it did not know how to render."""
    described = {p.id: p.description for p in ctx.contract.placeholders.leaks.patterns}
    return [ctx.finding(f"no {pattern} ({described[pattern] or 'rendering leak'})",
                        f"{excerpt!r} in {element}", url=ctx.seen.reported_url)
            for pattern, element, excerpt in leaks(ctx.contract, ctx.entry.id, ctx.seen)]

"""Counts real browser navigations (document requests of a main frame, redirects not counted
twice) by category, so the run can report what it cost per route."""

from __future__ import annotations

from collections import Counter

from playwright.sync_api import BrowserContext, Request


class NavigationCounter:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.routes_snapshotted: set[str] = set()
        self.category = "static"  # what the next navigation of a watched context is for

    def watch(self, context: BrowserContext, category: str | None = None) -> None:
        """Count navigations made in `context`; `category` None means "ask self.category"."""

        def on_request(request: Request) -> None:
            if not request.is_navigation_request() or request.redirected_from is not None:
                return
            frame = request.frame
            if frame.parent_frame is None:
                self.counts[category or self.category] += 1

        context.on("request", on_request)

    def per_route_static(self) -> float:
        routes = len(self.routes_snapshotted)
        return self.counts["static"] / routes if routes else 0.0

    def summary_lines(self) -> list[str]:
        routes = len(self.routes_snapshotted)
        lines = [f"routes checked: {routes}"]
        total = sum(self.counts.values())
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        lines.append(f"browser navigations: {total} ({parts or 'none'})")
        if routes:
            lines.append(f"navigations per route (static gates): {self.per_route_static():.1f}")
        return lines

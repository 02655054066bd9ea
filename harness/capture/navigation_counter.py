"""Counts real browser navigations (document requests of a main frame, redirects not counted
twice) by category, so the run can report what it cost per route."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Request


class NavigationCounter:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.routes_snapshotted: set[str] = set()
        self.pages_recycled = 0  # snapshot and interactive pages replaced to keep memory flat
        self.routes_merged = 0  # routes counted by other processes (xdist workers, shards)
        # Plain requests the gates make that are no page navigation (the row-links gate's
        # HEAD/GET of each row target), by what made them.
        self.requests: Counter[str] = Counter()

    @classmethod
    def merged(cls, results_files: Iterable[Path]) -> NavigationCounter:
        """One summary from the results files of xdist workers and shards: navigations add up,
        routes are counted once each (xdist may send a route's tests to two workers, which
        then both snapshot it: that shows as more than 1.0 navigation per route)."""
        total = cls()
        for path in results_files:
            try:
                meta = json.loads(Path(path).read_text()).get("meta", {})
            except (OSError, ValueError, AttributeError):
                continue  # the readiness merge reports unreadable files; a summary is best effort
            total.counts.update({str(k): int(v) for k, v in meta.get("navigations", {}).items()})
            total.requests.update({str(k): int(v) for k, v in meta.get("requests", {}).items()})
            ids = meta.get("snapshotted_route_ids")
            if isinstance(ids, list):
                total.routes_snapshotted.update(str(i) for i in ids)
            else:  # a file from before route ids were recorded
                total.routes_merged += int(meta.get("routes_snapshotted", 0))
        return total

    @property
    def routes(self) -> int:
        return len(self.routes_snapshotted) + self.routes_merged

    def count(self, request: Request, category: str) -> None:
        """Count `request` under `category` when it starts a main-frame navigation: a redirect
        hop belongs to the navigation it continues, a frame's load to its page's."""
        if request.is_navigation_request() and request.redirected_from is None \
                and request.frame.parent_frame is None:
            self.counts[category] += 1

    def watch(self, context: BrowserContext, category: str) -> None:
        """Count every navigation of `context`, for as long as it lives, under `category`: a
        context used for one kind of work only (an interactive test's)."""

        def on_request(request: Request) -> None:
            self.count(request, category)

        context.on("request", on_request)

    def count_on(self, page: Page, category: str) -> Callable[[], None]:
        """Count `page`'s navigations under `category` until the returned function is called: a
        shared page is counted by what each caller does with it, never by whoever set a
        category last."""

        def on_request(request: Request) -> None:
            self.count(request, category)

        page.on("request", on_request)
        return lambda: page.remove_listener("request", on_request)

    @contextmanager
    def counting(self, page: Page, category: str) -> Iterator[Page]:
        """`page`, its navigations inside the block counted under `category`."""
        stop = self.count_on(page, category)
        try:
            yield page
        finally:
            stop()

    def per_route_static(self) -> float:
        return self.counts["static"] / self.routes if self.routes else 0.0

    def summary_lines(self) -> list[str]:
        routes = self.routes
        lines = [f"routes checked: {routes}"]
        total = sum(self.counts.values())
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        lines.append(f"browser navigations: {total} ({parts or 'none'})")
        if routes:
            lines.append(f"navigations per route (static gates): {self.per_route_static():.1f}")
            if self.counts["interactive"]:
                lines.append("interactive navigations per route (clicks, journeys): "
                             f"{self.counts['interactive'] / routes:.1f}")
        if self.requests:
            parts = ", ".join(f"{k} {v}" for k, v in sorted(self.requests.items()))
            lines.append(f"requests, not navigations: {sum(self.requests.values())} ({parts})")
        if self.pages_recycled:
            lines.append(f"pages recycled: {self.pages_recycled} (keeps browser memory "
                         "flat)")
        return lines


def main(argv: list[str] | None = None) -> int:
    """`python -m harness.capture.navigation_counter RESULTS...`: the navigation summary of
    several results files (a CI merge job's view of its shards)."""
    args = sys.argv[1:] if argv is None else argv
    files = [f for a in args for f in
             (sorted(Path(a).rglob("results-*.json")) if Path(a).is_dir() else [Path(a)])]
    if not files:
        print("navigation_counter: give results files or folders holding results-*.json",
              file=sys.stderr)
        return 2
    print("\n".join(NavigationCounter.merged(files).summary_lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

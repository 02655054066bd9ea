"""Read-only by default: in a run without --allow-mutations every browser context refuses to
send a request that could change state, and remembers that something tried."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Route

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class MutationGuard:
    def __init__(self, allow: bool) -> None:
        self.allow = allow
        self.blocked: list[str] = []

    def install(self, context: BrowserContext) -> None:
        if self.allow:
            return

        def handle(route: Route) -> None:
            request = route.request
            if request.method in SAFE_METHODS:
                route.fallback()
            else:
                self.blocked.append(f"{request.method} {request.url}")
                route.abort("blockedbyclient")

        context.route("**/*", handle)

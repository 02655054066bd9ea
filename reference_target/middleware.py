"""ASGI middleware: the request audit log and the configured artificial latency."""

import asyncio
import random

from starlette.types import ASGIApp, Receive, Scope, Send

from reference_target.state import TargetState

# Reads never change state, so they are not audited; HEAD is a read like GET.
READ_METHODS = frozenset({"GET", "HEAD"})


class AuditMiddleware:
    """Records every non-read request (except control endpoints) before it is handled."""

    def __init__(self, app: ASGIApp, state: TargetState, control_paths: frozenset[str]) -> None:
        self.app = app
        self.state = state
        self.control_paths = control_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] not in READ_METHODS
                and scope["path"] not in self.control_paths):
            self.state.record_request(scope["method"], scope["path"])
        await self.app(scope, receive, send)


class LatencyMiddleware:
    """Delays each request by a seeded random amount in [low, high] ms (control paths excepted,
    so the harness's readiness probe stays fast)."""

    def __init__(self, app: ASGIApp, latency_ms: tuple[int, int], seed: int,
                 control_paths: frozenset[str]) -> None:
        self.app = app
        self.low, self.high = latency_ms
        self.rng = random.Random(seed)
        self.control_paths = control_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.high > 0 and scope["path"] not in self.control_paths:
            await asyncio.sleep(self.rng.uniform(self.low, self.high) / 1000)
        await self.app(scope, receive, send)

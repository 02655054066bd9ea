"""The circuit breaker: when the target stops answering, the run stops within seconds and says
so, instead of failing every remaining route and blaming the product. Tests that met the outage
are recorded as errors ("not run" for readiness), and readiness says INCOMPLETE."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from harness.reports.results import ResultRow
from harness.targets.base import TargetError
from harness.targets.registry import StartedTarget

# What Chromium and Python say when nothing listens any more.
UNREACHABLE_MARKERS = ("ERR_CONNECTION_REFUSED", "ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED",
                       "ERR_EMPTY_RESPONSE", "ERR_ADDRESS_UNREACHABLE", "ECONNREFUSED",
                       "Connection refused")
# Consecutive tests that met a connection error before the target is probed.
THRESHOLD = 3


def met_outage(text: str) -> bool:
    return any(marker in text for marker in UNREACHABLE_MARKERS)


# eq=False keeps identity hashing: pytest's plugin manager puts registered plugins in sets
# (FSHookProxy's subset_hook_caller), and a dataclass with eq has no hash.
@dataclass(eq=False)
class OutageBreaker:
    target: Callable[[], StartedTarget | None]  # the run's target, once it has been started
    streak: int = 0
    first_seen: float | None = None
    since: str | None = None  # set once the target is confirmed unreachable

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.passed and report.when == "call":
            self.streak, self.first_seen = 0, None
            return
        if not (report.failed or report.skipped) or not met_outage(report.longreprtext):
            return
        self.streak += 1
        self.first_seen = self.first_seen or time.time()
        if self.since is None and self.streak >= THRESHOLD and self._down():
            self.since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.first_seen))
            # Stop now: every remaining test would only meet the same closed port.
            pytest.exit(f"cutover: target unreachable since {self.since}; the remaining tests "
                        "were not run", returncode=3)

    def _down(self) -> bool:
        started = self.target()
        if started is None:
            return True  # no target to ask: the connection errors are the evidence
        try:
            started.target.check_reachable(timeout_s=2.0)
        except TargetError:
            return True
        return False

    def annotate(self, rows: list[ResultRow]) -> dict[str, str] | None:
        """After an outage: tests that met it were not run, whatever pytest called them."""
        if self.since is None:
            return None
        for row in rows:
            if row.outcome in ("failed", "error", "skipped") and met_outage(" ".join(row.messages)):
                row.outcome = "error"
                row.messages = [f"not run: target unreachable since {self.since}"]
        return {"since": self.since, "message": f"target unreachable since {self.since}"}

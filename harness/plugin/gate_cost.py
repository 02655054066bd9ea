"""What the guards of issues 16 and 17, and the page title and global-nav current gates, cost a
run, measured rather than assumed: their tests, the seconds those tests took, and the extra
browser navigations made while they ran. Route
snapshots (static, and the list snapshots of id discovery) are shared with the other static
gates, whichever test takes them first, so only navigations of any other kind are extra; a
healthy run shows 0. `make e2e` prints it."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Generator

import pytest

from harness.checks.registry import cost_reported
from harness.plugin.check_marks import check_of
from harness.plugin.stash import RUN

SHARED = ("static", "discovery")  # navigation categories every static gate shares
PLUGIN_NAME = "cutover-gate-cost"


class GateCost:
    def __init__(self) -> None:
        self.tests: Counter[str] = Counter()
        self.seconds: dict[str, float] = {}
        self.navigations: Counter[str] = Counter()
        self.requests: Counter[str] = Counter()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, object, object]:
        named = check_of(item)
        if named is None or not named.check.report_cost:
            return (yield)
        run = item.config.stash.get(RUN, None)
        counter = run.counter if run is not None else None
        before = _extra(counter.counts) if counter is not None else 0
        # Plain requests a guard makes (no navigation, e.g. row-links), whatever it files them
        # under.
        asked = counter.requests.total() if counter is not None else 0
        start = time.perf_counter()
        try:
            return (yield)
        finally:
            self.tests[named.name] += 1
            self.seconds[named.name] = self.seconds.get(named.name, 0.0) + (
                time.perf_counter() - start)
            if counter is not None:
                self.navigations[named.name] += _extra(counter.counts) - before
                self.requests[named.name] += counter.requests.total() - asked

    def summary_lines(self) -> list[str]:
        if not self.tests:
            return []
        parts = ", ".join(f"{g} {self.tests[g]} tests {self.seconds[g]:.1f} s "
                          f"{self.navigations[g]} extra navigations"
                          + (f" {self.requests[g]} requests" if self.requests[g] else "")
                          for g in cost_reported() if self.tests[g])
        # Seconds include a shared route snapshot when one of these tests happened to take it
        # first (the run's order decides); the navigation count does not.
        return [f"new gates (cost): {parts}"]


def _extra(counts: Counter[str]) -> int:
    return sum(n for category, n in counts.items() if category not in SHARED)


def register(config: pytest.Config) -> None:
    config.pluginmanager.register(GateCost(), PLUGIN_NAME)


def summary_lines(config: pytest.Config) -> list[str]:
    cost = config.pluginmanager.get_plugin(PLUGIN_NAME)
    return cost.summary_lines() if isinstance(cost, GateCost) else []

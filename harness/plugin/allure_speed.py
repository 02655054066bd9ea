"""Keeps Allure's cost per test flat as a run grows.

allure-pytest (2.x) records, for every fixture a test uses, the test's uuid in that fixture's
result container, after checking `uuid not in group.children`: a list. The containers of the
session fixtures every test uses (contract, snapshots, browser, ...) grow with the run, so the
check is quadratic: ~40 s of CPU at 2,600 tests (a 500-route product's static gates), about
16x that at 2,000 routes. Giving each container a list that also keeps a set makes the check
O(1); the file Allure writes is the same list."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest


class _Children(list[str]):
    """A list with set-speed membership; Allure only appends to it and tests `in`."""

    def __init__(self, items: Iterable[str] = ()) -> None:
        super().__init__(items)
        self._seen = set(self)

    def append(self, value: str) -> None:
        super().append(value)
        self._seen.add(value)

    def __contains__(self, value: object) -> bool:
        return value in self._seen


def make_children_indexed(config: pytest.Config) -> bool:
    """When Allure is recording, wrap its reporter's `start_group` so every new container gets
    indexed children. Returns whether it did (False: Allure off, or a version whose reporter
    does not look like this: then it is left exactly as it is)."""
    listener = config.pluginmanager.get_plugin("allure_listener")
    reporter = getattr(listener, "allure_logger", None)
    start_group: Callable[[str, object], None] | None = getattr(reporter, "start_group", None)
    if reporter is None or start_group is None:
        return False

    def indexed_start_group(uuid: str, group: object) -> None:
        children = getattr(group, "children", None)
        if isinstance(children, list) and not isinstance(children, _Children):
            group.children = _Children(children)  # type: ignore[attr-defined]
        start_group(uuid, group)

    reporter.start_group = indexed_start_group
    return True

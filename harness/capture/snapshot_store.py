"""Snapshots remembered by what they are of, so every test that reads a page shares its one
navigation."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass

from harness.capture.snapshot import RouteSnapshot


@dataclass(frozen=True)
class SnapshotKey:
    """What a snapshot is of. The category is part of it: a page read for two purposes is read
    twice (each with its own family, waits and navigation count), as a crawl's visit of a page
    and a route's static snapshot of the same path always were."""

    subject: str  # what it is read for: a route, a legacy entry, a check's own page, "crawl"
    path: str | None  # the page, from the base URL; None: the route's own (found by discovery)
    _: KW_ONLY
    category: str  # what the navigation is for (see navigation_counter)
    role: str | None = None  # as whom; None: the run's role
    flag: str | None = None  # the V3 flag's value for the visit; None: left unset

    @property
    def name(self) -> str:
        """The snapshot's name in skip reasons: its subject, and the page when there is one."""
        return self.subject if self.path is None else f"{self.subject}@{self.path}"

    def as_role(self, role: str) -> SnapshotKey:
        """This key with `role` filled in when it names none."""
        return self if self.role is not None else dataclasses.replace(self, role=role)


class SnapshotStore:
    def __init__(self) -> None:
        self._taken: dict[SnapshotKey, RouteSnapshot] = {}

    def remember(self, key: SnapshotKey, take: Callable[[], RouteSnapshot]) -> RouteSnapshot:
        """The snapshot of `key`, taken with `take` the first time it is asked for."""
        if key not in self._taken:
            self._taken[key] = take()
        return self._taken[key]

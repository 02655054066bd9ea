"""Real URLs for detail routes: their ids are found by following the first row link of the list
they come from whose target is that detail route (a list's first row may link elsewhere: a
summary row, a launch link); the list's snapshot is the one every static gate of that list
shares. The contract's per-target samples are the fallback."""

from __future__ import annotations

from typing import Protocol
from urllib.parse import urlencode

from contracts import Contract, IdDiscovery, Route
from contracts.paths import match_template, path_of
from harness.capture.snapshot import LinkState, RouteSnapshot
from harness.capture.snapshot_store import SnapshotKey


class DiscoveryError(Exception):
    pass


def row_candidates(snap: RouteSnapshot) -> tuple[LinkState, ...]:
    """Every row link the list snapshot kept, in page order (all rows the row-links gate reads,
    else the first few)."""
    if snap.row_targets or snap.rows:
        return snap.row_targets or snap.rows
    return tuple(LinkState(href=u, url=u) for u in snap.row_links)


def matching_row(snap: RouteSnapshot, template: str
                 ) -> tuple[int, LinkState, dict[str, str]] | None:
    """The first row (1-based number, link, its ids) whose link matches `template`."""
    for n, link in enumerate(row_candidates(snap), 1):
        found = match_template(template, path_of(link.url)) if link.url else None
        if found is not None:
            return n, link, found
    return None


class EmptyListError(DiscoveryError):
    """The list a route's ids come from shows no rows, and the contract says the route can only
    be checked with data (`ids.when_empty: skip`): its tests are not run, with this reason."""


class ListSnapshots(Protocol):
    """Where the lists ids come from are read: the shared snapshots."""

    def of(self, route: Route) -> RouteSnapshot: ...

    def at(self, key: SnapshotKey, *, family: str | None = None,
           settle_on: str | None = None) -> RouteSnapshot: ...


class IdResolver:
    def __init__(self, contract: Contract, base_url: str, target_name: str,
                 lists: ListSnapshots) -> None:
        self.contract = contract
        self.base_url = base_url
        self.target_name = target_name  # whose per-target id samples apply
        self.lists = lists
        self._urls: dict[tuple[str, IdDiscovery | None], str | DiscoveryError] = {}

    def url_for(self, route: Route, ids: IdDiscovery | None = None) -> str:
        """A real URL for `route`: its path, with ids found by following the first row link of
        its list route; the contract's per-target samples are the fallback."""
        key = (route.id, ids)
        if key not in self._urls:
            try:
                self._urls[key] = self.base_url + self._discover(route, ids or route.ids)
            except DiscoveryError as exc:
                self._urls[key] = exc
        found = self._urls[key]
        if isinstance(found, DiscoveryError):
            raise found
        return found

    def listing(self, ids: IdDiscovery, params: dict[str, str] | None = None) -> RouteSnapshot:
        """The snapshot of the list a drill-down's ids come from, with the discovery's query:
        one snapshot, so the tests that read the row discovery used add no navigation."""
        list_route = self.contract.route(ids.from_list)
        if not ids.query:
            return self.lists.of(list_route)
        path = f"{list_route.format(params or {})}?{urlencode(dict(ids.query))}"
        return self.lists.at(SnapshotKey(list_route.id, path, category="discovery"),
                             family=list_route.family)

    def _discover(self, route: Route, ids: IdDiscovery | None) -> str:
        if not route.params:
            return route.path
        sample = route.samples.get(self.target_name)
        problem = "no id discovery in the contract"
        empty = False
        if ids is not None:
            try:
                return route.format(self._params_from_list(route, ids))
            except DiscoveryError as exc:
                problem, empty = str(exc), isinstance(exc, EmptyListError)
        if sample:
            return route.format(sample)
        raise (EmptyListError if empty else DiscoveryError)(
            f"could not find a real id for {route.id} ({route.source}): {problem}"
            + ("" if sample else f"; no samples for target '{self.target_name}' either")
        )

    def _params_from_list(self, route: Route, ids: IdDiscovery) -> dict[str, str]:
        list_route = self.contract.route(ids.from_list)
        params: dict[str, str] = {}
        if list_route.params:
            if list_route.ids is None:
                raise DiscoveryError(f"list {list_route.id} has parameters but no id discovery")
            params.update(self._params_from_list(list_route, list_route.ids))
        snap = self.listing(ids, params)
        list_path = list_route.format(params) + (f"?{urlencode(dict(ids.query))}" if ids.query
                                                 else "")
        if not snap.loaded:
            raise DiscoveryError(f"list {list_route.id} did not load: {snap.error or snap.status}")
        if not row_candidates(snap) and "rows" in snap.unrendered:
            # not an empty list (never "skip"): its rows were still coming when the wait ended
            raise DiscoveryError(f"list {list_route.id} ({list_path}): its rows "
                                 f"({snap.unrendered['rows']}) not rendered within "
                                 f"{snap.ready_timeout_ms or 0:.0f} ms")
        if not row_candidates(snap):
            kind = EmptyListError if ids.when_empty == "skip" else DiscoveryError
            raise kind(f"list {list_route.id} ({list_path}) shows no row link "
                       f"({self.contract.selectors.row_link})")
        row_route = self.contract.route(ids.row_route or route.id)
        found = matching_row(snap, row_route.path)
        if found is None:
            rows = row_candidates(snap)
            shown = ", ".join(path_of(r.url) if r.url else repr(r.href) for r in rows[:3])
            raise DiscoveryError(
                f"no row link of {list_route.id} ({list_path}) matches {row_route.id} "
                f"({row_route.path}): {len(rows)} row link(s) read, the first {shown}")
        return {**params, **found[2]}

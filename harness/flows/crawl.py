"""The route-inventory crawl: bounded, deterministic, same-origin, from every role's shell entry
point. It visits one page per route template (more instances of a template link to the same
templates) and records every path it sees with the page that links to it."""

from __future__ import annotations

import fnmatch
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from contracts import Contract, Role
from contracts.paths import path_of, path_shape
from harness.capture.cache import SnapshotCache
from harness.capture.snapshot_store import SnapshotKey
from harness.flows.legacy_urls import visit, visit_redirect


@dataclass
class CrawlResult:
    found: dict[str, str] = field(default_factory=dict)  # path -> first page linking to it
    visited: int = 0
    truncated: str | None = None  # why the crawl stopped early, if it did


def page_budget(contract: Contract, roles: int, max_pages: int) -> int:
    """Pages the crawl may visit: the contract's `max_pages`, raised to what this contract can
    need (a page per route template, per legacy entry and per role's landing, twice over for
    links the contract does not know), so a larger product never reads as "crawl incomplete"."""
    return max(max_pages, 2 * (len(contract.routes) + len(contract.legacy)) + roles)


def crawl(cache: SnapshotCache, roles: Iterable[Role], max_pages: int, max_seconds: float,
          ignore: tuple[str, ...]) -> CrawlResult:
    """Breadth-first over same-origin links. Linear in the links seen: each distinct path is
    queued once (the first page linking to it is its source), each route template is visited
    once, and every look-up is an indexed `match_path`. Bounded by a page budget sized from the
    contract; the wall-clock bound is `max_seconds`, raised to a route timeout per page of the
    budget (each visit is itself bounded by the route timeout)."""
    contract = cache.contract
    role_list = list(roles)
    result = CrawlResult()
    budget = page_budget(contract, len(role_list), max_pages)
    seconds = max(max_seconds, budget * cache.timeout_ms / 1000)
    deadline = time.monotonic() + seconds
    done: set[str] = set()  # template keys: one page per route template, whoever reaches it
    queued: set[tuple[str, str]] = set()  # (path, role) pairs already queued
    queue: deque[tuple[str, str]] = deque()  # (path, role)
    ignored: dict[str, bool] = {}

    def skip(path: str) -> bool:
        if path not in ignored:
            ignored[path] = any(fnmatch.fnmatch(path, pattern) for pattern in ignore)
        return ignored[path]

    def enqueue(links: tuple[str, ...], page: str, role: str) -> None:
        for url in sorted(links):
            path = path_of(url)
            if (path, role) in queued or skip(path):
                continue
            queued.add((path, role))
            result.found.setdefault(path, page)
            if _template_key(contract, path) not in done:
                queue.append((path, role))

    for role in role_list:
        landing = cache.landing(role.id)
        result.visited += 1
        enqueue(landing.links, "/ as " + role.id, role.id)
    while queue:
        path, role_id = queue.popleft()
        key = _template_key(contract, path)
        if key in done:
            continue
        if result.visited >= budget or time.monotonic() > deadline:
            result.truncated = (f"stopped after {result.visited} pages"
                                f" (limits: {budget} pages, {seconds:.0f} s)")
            break
        done.add(key)
        matched = contract.match_path(path)
        legacy = contract.match_legacy(path) if not matched else None
        redirect = contract.match_redirect(path) if not (matched or legacy) else None
        if matched and role_id == cache.role:
            snap = cache.of(matched[0])  # the static gates' snapshot: no extra navigation
        elif legacy and role_id == cache.role and not legacy[0].params \
                and legacy[0].retired is None:
            snap = visit(cache, legacy[0], {})  # the legacy test's snapshot of the same URL
        elif redirect and role_id == cache.role:
            snap = visit_redirect(cache, *redirect)  # the section-redirect test's snapshot
        else:
            snap = cache.at(SnapshotKey("crawl", path, category="crawl", role=role_id))
        result.visited += 1
        if snap.loaded:
            enqueue(snap.links, path, role_id)
    return result


def _template_key(contract: Contract, path: str) -> str:
    matched = contract.match_path(path) or contract.match_legacy(path) \
        or contract.match_redirect(path)
    return matched[0].id if matched else path


def manifest_unmatched(contract: Contract, templates: list[str]) -> dict[str, str]:
    """Manifest templates that match no canonical route, legacy entry or section redirect (names
    of parameters do not matter: `/a/{id}` and `/a/{x}` are the same route)."""
    known = {path_shape(r.path) for r in contract.routes}
    known |= {path_shape(x.path) for x in contract.legacy}
    known |= {path_shape(x.path) for x in contract.redirects}
    out = {}
    for t in templates:
        if path_shape(t) in known:
            continue
        if not contract.is_known(t.replace("{", "").replace("}", "")):
            out[t] = "the route manifest"
    return out

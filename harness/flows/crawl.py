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


@dataclass
class CrawlResult:
    found: dict[str, str] = field(default_factory=dict)  # path -> first page linking to it
    visited: int = 0
    truncated: str | None = None  # why the crawl stopped early, if it did


def crawl(cache: SnapshotCache, roles: Iterable[Role], max_pages: int, max_seconds: float,
          ignore: tuple[str, ...]) -> CrawlResult:
    contract = cache.contract
    result = CrawlResult()
    deadline = time.monotonic() + max_seconds
    done: set[str] = set()  # template keys: one page per route template, whoever reaches it
    queue: deque[tuple[str, str]] = deque()  # (path, role)

    def enqueue(links: tuple[str, ...], page: str, role: str) -> None:
        for url in sorted(links):
            path = path_of(url)
            if any(fnmatch.fnmatch(path, pattern) for pattern in ignore):
                continue
            result.found.setdefault(path, page)
            queue.append((path, role))

    for role in roles:
        landing = cache.landing(role.id)
        result.visited += 1
        enqueue(landing.links, "/ as " + role.id, role.id)
    while queue:
        path, role_id = queue.popleft()
        key = _template_key(contract, path)
        if key in done:
            continue
        if result.visited >= max_pages or time.monotonic() > deadline:
            result.truncated = (f"stopped after {result.visited} pages"
                                f" (limits: {max_pages} pages, {max_seconds:.0f} s)")
            break
        done.add(key)
        matched = contract.match_path(path)
        if matched and role_id == cache.role:
            snap = cache.of(matched[0])  # the static gates' snapshot: no extra navigation
        else:
            snap = cache.at(f"crawl:{path}", path, role=role_id, category="crawl")
        result.visited += 1
        if snap.loaded:
            enqueue(snap.links, path, role_id)
    return result


def _template_key(contract: Contract, path: str) -> str:
    matched = contract.match_path(path) or contract.match_legacy(path)
    return matched[0].id if matched else path


def manifest_unmatched(contract: Contract, templates: list[str]) -> dict[str, str]:
    """Manifest templates that match no canonical route or legacy entry (names of parameters do
    not matter: `/a/{id}` and `/a/{x}` are the same route)."""
    known = {path_shape(r.path) for r in contract.routes}
    known |= {path_shape(x.path) for x in contract.legacy}
    out = {}
    for t in templates:
        if path_shape(t) in known:
            continue
        concrete = t.replace("{", "").replace("}", "")
        if contract.match_path(concrete) is None and contract.match_legacy(concrete) is None:
            out[t] = "the route manifest"
    return out

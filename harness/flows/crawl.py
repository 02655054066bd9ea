"""The route-inventory crawl: bounded, deterministic, same-origin, from every role's shell entry
point. It visits one page per route template (more instances of a template link to the same
templates) and records every path it sees with the page that links to it."""

from __future__ import annotations

import fnmatch
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from harness.capture.cache import SnapshotCache
from harness.capture.snapshot import path_of
from harness.paths import match_template, resolve_route


@dataclass
class CrawlResult:
    found: dict[str, str] = field(default_factory=dict)  # path -> first page linking to it
    visited: int = 0
    truncated: str | None = None  # why the crawl stopped early, if it did


def crawl(cache: SnapshotCache, roles: Any, max_pages: int, max_seconds: float,
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
        path, role = queue.popleft()
        key = _template_key(contract, path)
        if key in done:
            continue
        if result.visited >= max_pages or time.monotonic() > deadline:
            result.truncated = (f"stopped after {result.visited} pages"
                                f" (limits: {max_pages} pages, {max_seconds:.0f} s)")
            break
        done.add(key)
        matched = resolve_route(contract, path)
        if matched and role == cache.role:
            snap = cache.of(matched[0])  # the static gates' snapshot: no extra navigation
        else:
            snap = cache.at(f"crawl:{path}", path, role=role, category="crawl")
        result.visited += 1
        if snap.loaded:
            enqueue(snap.links, path, role)
    return result


def _template_key(contract: Any, path: str) -> str:
    matched = resolve_route(contract, path)
    if matched:
        return matched[0].id
    for legacy in contract.legacy:
        if match_template(legacy.path, path) is not None:
            return legacy.id
    return path


def manifest_unmatched(contract: Any, templates: list[str]) -> dict[str, str]:
    """Manifest templates that match no canonical route or legacy entry (names of parameters do
    not matter: `/a/{id}` and `/a/{x}` are the same route)."""
    known = {_shape(r.path) for r in contract.routes} | {_shape(x.path) for x in contract.legacy}
    out = {}
    for t in templates:
        shape = _shape(t)
        if shape in known:
            continue
        concrete = t.replace("{", "").replace("}", "")
        if resolve_route(contract, concrete) is None and not any(
                match_template(x.path, concrete) is not None for x in contract.legacy):
            out[t] = "the route manifest"
    return out


def _shape(template: str) -> str:
    import re

    return re.sub(r"\{[^}]*\}", "{}", template.rstrip("/") or "/")

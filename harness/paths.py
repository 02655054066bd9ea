"""Path templates (`/storage/buckets/{bucket_id}`) matched against real paths."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@cache
def _compile(template: str) -> re.Pattern[str]:
    wildcard = template.endswith("/*")
    body = template[:-2] if wildcard else template
    pattern, pos = "", 0
    for m in _PARAM.finditer(body):
        pattern += re.escape(body[pos:m.start()]) + f"(?P<{m.group(1)}>[^/]+)"
        pos = m.end()
    pattern += re.escape(body[pos:])
    return re.compile(f"^{pattern}(?:/.*)?$" if wildcard else f"^{pattern}/?$")


def match_template(template: str, path: str) -> dict[str, str] | None:
    m = _compile(template).match(path)
    return None if m is None else m.groupdict()


def static_weight(template: str) -> int:
    """How many literal segments a template has: more literal wins when two match."""
    return sum(1 for seg in template.strip("/").split("/") if seg and not _PARAM.search(seg))


def resolve_route(contract: Any, path: str) -> tuple[Any, dict[str, str]] | None:
    """The canonical route a path belongs to; a literal segment beats a parameter."""
    best = None
    for route in contract.routes:
        params = match_template(route.path, path)
        if params is not None and (best is None or static_weight(route.path) >
                                   static_weight(best[0].path)):
            best = (route, params)
    return best


def route_id_of(contract: Any, url_or_path: str | None) -> str | None:
    if not url_or_path:
        return None
    from harness.capture.snapshot import path_of

    found = resolve_route(contract, path_of(url_or_path))
    return found[0].id if found else None

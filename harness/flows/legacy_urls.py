"""Real URLs for legacy V1 routes: ids come from the V3 side (discovery) for copied parameters,
and from the contract's per-target samples for parameters the product resolves."""

from __future__ import annotations

from typing import Any

from harness.capture.cache import DiscoveryError, SnapshotCache
from harness.capture.snapshot import path_of
from harness.paths import match_template

FILLER = "sample"  # value for a legacy parameter the mapping drops (e.g. a tenant)


def legacy_params(entry: Any, cache: SnapshotCache) -> dict[str, str]:
    """Values for every parameter of `entry.path`, or DiscoveryError saying what is missing."""
    names = _params(entry.path)
    if not names:
        return {}
    values = dict(entry.samples.get(cache.target_name, {}))
    redirect = entry.redirect
    if redirect is not None:
        copied = {src: to for to, src in redirect.params.items() if isinstance(src, str)}
        if any(n in copied and n not in values for n in names):
            target = cache.contract.route(redirect.to)
            v3 = match_template(target.path, path_of(cache.url_for(target))) or {}
            for src, to in copied.items():
                values.setdefault(src, v3.get(to, ""))
    missing = [n for n in names if not values.get(n)]
    resolved = {src.resolved_from for src in (redirect.params.values() if redirect else ())
                if not isinstance(src, str)}
    if any(n in resolved for n in missing):
        raise DiscoveryError(
            f"{entry.id} ({entry.source}): no sample for {', '.join(missing)} on target "
            f"'{cache.target_name}' (resolved ids cannot be discovered from V3)")
    return {n: values.get(n) or FILLER for n in names}


def legacy_path(entry: Any, params: dict[str, str]) -> str:
    path = entry.path
    for name, value in params.items():
        path = path.replace("{" + name + "}", value)
    return path


def _params(template: str) -> list[str]:
    import re

    return re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", template)

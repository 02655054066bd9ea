"""Writes the contract of the synthetic product: N routes in families of eight (a list, its
detail, and six sibling pages), each family with a local nav, the detail's back link to its
list, and a legacy V1 URL per family that redirects to the list.

The synthetic target (bench/synthetic_target.py) serves the same shape from the route count
alone; it never reads what this module writes."""

from __future__ import annotations

import math
from pathlib import Path

import yaml

# Eight routes a family: with one detail per family a 2,000-route routes.yaml stays under the
# loader's 20,000-node budget per file (contracts/sources.py MAX_NODES); see the README.
SIBLINGS = ("activity", "settings", "guide", "usage", "quotas", "events")
ROUTES_PER_FAMILY = 2 + len(SIBLINGS)
GLOBAL_NAV_FAMILIES = 8  # a product's global nav stays short however many families it has
ROLE = "member"


def family_count(routes: int) -> int:
    return max(1, math.ceil(routes / ROUTES_PER_FAMILY))


def _family(i: int) -> dict[str, object]:
    fid = f"fam{i}"
    return {
        "id": fid, "title": f"Family {i}", "global_nav": i < GLOBAL_NAV_FAMILIES,
        "roles": [ROLE],
        "local_nav": {"items": [
            {"key": key, "label": key.title(), "route": f"{fid}.{key}"}
            for key in ("items", *SIBLINGS)]},
    }


def _routes(i: int) -> list[dict[str, object]]:
    fid = f"fam{i}"
    routes: list[dict[str, object]] = [
        {"id": f"{fid}.items", "path": f"/{fid}/items", "family": fid, "kind": "list"},
        {"id": f"{fid}.detail", "path": f"/{fid}/items/{{item_id}}", "family": fid,
         "kind": "detail", "back": f"{fid}.items", "ids": {"from_list": f"{fid}.items"}},
    ]
    routes += [{"id": f"{fid}.{key}", "path": f"/{fid}/{key}", "family": fid,
                "kind": "guide" if key == "guide" else "utility"} for key in SIBLINGS]
    return routes


def write_contract(directory: Path, routes: int) -> int:
    """Write the contract for about `routes` routes (rounded up to whole families); returns the
    number of routes written."""
    families = family_count(routes)
    directory.mkdir(parents=True, exist_ok=True)
    sections: dict[str, dict[str, object]] = {
        "settings.yaml": {
            "v3_flag": {"mechanism": "cookie", "name": "ui_version", "v3": "v3", "v1": "v1"},
            "crawl": {"max_pages": 500, "max_seconds": 60, "ignore": ["/__*"]},
        },
        "families.yaml": {"families": [_family(i) for i in range(families)]},
        "routes.yaml": {"routes": [r for i in range(families) for r in _routes(i)]},
        "legacy.yaml": {"legacy": [
            {"id": f"v1.fam{i}", "path": f"/v1/fam{i}", "redirect": {"to": f"fam{i}.items"}}
            for i in range(families)]},
        "roles.yaml": {"roles": [{
            "id": ROLE, "title": "Member", "landing": "fam0.items", "default": True,
            "families": [f"fam{i}" for i in range(families)]}]},
    }
    for name, body in sections.items():
        (directory / name).write_text(yaml.safe_dump(body, sort_keys=False))
    return families * ROUTES_PER_FAMILY

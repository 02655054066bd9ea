"""Hand-built snapshots for check unit tests: what a healthy page of a route would show,
derived from the contract, so each test only states the one thing it breaks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from harness.capture.snapshot import (
    CardState,
    FieldState,
    LinkState,
    NavItemState,
    RouteSnapshot,
)

BASE = "http://target.test"


def url_of(route: Any, **params: str) -> str:
    values = {p: params.get(p, f"{p}-1") for p in route.params}
    return BASE + route.format(values)


def healthy(contract: Any, route_id: str, **changes: Any) -> RouteSnapshot:
    route = contract.route(route_id)
    family = contract.family(route.family)
    local = {}
    items = []
    if family.local_nav:
        for item in family.local_nav.items:
            target = contract.route(item.route)
            current = item.route == route.id
            local[item.key] = LinkState(href=target.path, url=BASE + target.path,
                                        text=item.label, current="page" if current else None,
                                        label=item.label)
            items.append(NavItemState(item.key, item.label, target.path, BASE + target.path,
                                      current))
    back = None
    if route.back:
        back_route = contract.route(route.back)
        label = contract.back_label_expected(route)
        back = LinkState(href=back_route.path, url=url_of(back_route), text="Back",
                         label=f"Back to {back_route.title}" if label is not None else "Back")
        if route.back_label is not None:
            back = replace(back, label=str(route.back_label))
    heading = route.heading if isinstance(route.heading, str) else route.title
    families = [f for f in contract.families if f.global_nav]
    snap = RouteSnapshot(
        key=route.id, requested_url=url_of(route), final_url=url_of(route), status=200,
        title=route.title, shell=True, heading=heading,
        document_title=f"{heading} · {family.title} · GPU Cloud",
        global_nav=tuple(f.id for f in families), global_nav_links=len(families),
        global_nav_found=True,
        global_nav_items=tuple(NavItemState(f.id, f.title, "/" + f.id, BASE + "/" + f.id,
                                            f.id == family.id) for f in families),
        local_nav_found=family.local_nav is not None, local_nav=local,
        local_nav_items=tuple(items), back_link=back,
    )
    return replace(snap, **changes)


def healthy_detail(contract: Any, resource_id: str, **changes: Any) -> RouteSnapshot:
    resource = next(r for r in contract.lifecycle.resources if r.id == resource_id)
    fields = {name: FieldState(present=True, text=f"{name} text",
                               href=BASE + "/access/audit?resource=x" if name == "evidence"
                               else None)
              for name in contract.lifecycle.fields}
    cards = tuple(CardState(op=op.key, intent=op.intent, fields=dict(fields))
                  for op in resource.operations if op.requires_capability is None)
    base = healthy(contract, resource.route, posture="Ready", timeline_entries=3, cards=cards,
                   capabilities=("nfs",), resource_name="thing-1")
    return replace(base, **changes)

"""Hand-built snapshots for check unit tests: what a healthy page of a route would show,
derived from the contract, so each test only states the one thing it breaks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from harness.capture.snapshot import CardState, FieldState, LinkState, RouteSnapshot

BASE = "http://target.test"


def url_of(route: Any, **params: str) -> str:
    values = {p: params.get(p, f"{p}-1") for p in route.params}
    return BASE + route.format(values)


def healthy(contract: Any, route_id: str, **changes: Any) -> RouteSnapshot:
    route = contract.route(route_id)
    family = contract.family(route.family)
    local = {}
    if family.local_nav:
        for item in family.local_nav.items:
            target = contract.route(item.route)
            local[item.key] = LinkState(href=target.path, url=BASE + target.path,
                                        text=item.label,
                                        current="page" if item.route == route.id else None)
    back = None
    if route.back:
        back_route = contract.route(route.back)
        back = LinkState(href=back_route.path, url=url_of(back_route), text="Back")
    snap = RouteSnapshot(
        key=route.id, requested_url=url_of(route), final_url=url_of(route), status=200,
        title=route.title, shell=True,
        global_nav=tuple(f.id for f in contract.families if f.global_nav),
        global_nav_links=sum(1 for f in contract.families if f.global_nav),
        local_nav_found=family.local_nav is not None, local_nav=local, back_link=back,
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

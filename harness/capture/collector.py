"""What the collector (collector.js) reads on a page, all of it named by the contract, and how
its answer becomes a RouteSnapshot."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from contracts import Contract, Family, Route
from harness.capture.snapshot import (
    A11yViolation,
    CardState,
    FieldState,
    LinkState,
    LinkTarget,
    PageDensity,
    PageRequest,
    RouteSnapshot,
    TextNode,
    nav_items,
)

# Row links a list snapshot keeps: the row-links gate requests each distinct one.
ROW_LIMIT = 50


def _js(name: str) -> str:
    return (Path(__file__).parent / name).read_text()


@cache
def collector_js() -> str:
    return _js("collector.js").replace("__READINESS__", readiness_js().strip().rstrip(";"), 1)


@cache
def readiness_js() -> str:
    """`(readiness spec) => {ready, settled, unrendered, inflight}`, without its comments."""
    lines = _js("readiness.js").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//"))


@cache
def settled_js() -> str:
    """The condition a page that was not ready at first read is waited for (bounded): ready and
    still, or settled (network and DOM quiet, nothing loading)."""
    condition = "(r.ready && r.still) || r.settled"
    return f"(rd) => {{ const r = ({readiness_js()})(rd); return {condition}; }}"


def network_tracker_js(ignore: Iterable[str]) -> str:
    """The init script every snapshot context gets: counts same-origin fetch/XHR in flight
    (`ignore`: URL patterns never counted) and notes the last network or DOM activity."""
    return f"({_js('network_tracker.js').strip()})({json.dumps(list(ignore))});"


def readiness_spec(contract: Contract, route: Route | None, role: str | None = None,
                   *, any_of: str | None = None, loading: str | None = None) -> dict[str, Any]:
    """What must be on a page before its read is accepted (readiness.js's `rd`). On a route:
    the elements its gates read, as the contract expects them there (shell, page title, global
    nav, the family's local nav, the back link of a drill-down, a list's rows, a lifecycle
    page's operation cards, the route's and family's `ready`). Elsewhere (a landing, a legacy
    URL): `any_of` (the page title or the V1 layout), since which page it shows is the
    question."""
    s, settings = contract.selectors, contract.readiness
    required: list[tuple[str, str]] = []
    if route is not None:
        family = contract.family(route.family)
        required += [("shell", s.global_shell), ("page_title", s.page_title)]
        sees = contract.visible_families(role) if role else contract.families
        if any(f.global_nav for f in sees):
            required.append(("global_nav", s.global_nav))
        if family.local_nav is not None:
            required.append(("local_nav", contract.local_nav_container(family)))
        if route.back is not None:
            required.append(("back_link", s.back_link))
        if route.kind == "list":
            required.append(("rows", s.row_link))
        resource = contract.lifecycle_resource_for(route.id)
        if resource is not None:
            cards = [contract.lifecycle_card, *(op.selector for op in resource.operations
                                                if op.selector)]
            required.append(("op_cards", ", ".join(cards)))
        required += [(name, sel) for name, sel in (("ready", route.ready),
                                                   ("ready (family)", family.ready)) if sel]
    return {"required": required, "anyOf": None if route is not None else any_of,
            "loading": loading, "busy": settings.busy, "quietMs": settings.quiet_ms}


def collector_spec(contract: Contract, family: Family | None) -> dict[str, Any]:
    """The selectors the collector reads, all taken from the contract: every selector of the
    contract as written (`spec.selectors.<name>`, so a new selector needs no line here), and
    those this family fills in or derives."""
    s = contract.selectors
    lc = contract.lifecycle
    items: dict[str, str] = {}
    # A container template naming `{family}` means nothing outside a family: nothing to read.
    container: str | None = s.local_nav if "{family}" not in s.local_nav else None
    if family is not None:
        container = contract.local_nav_container(family)
    if family is not None and family.local_nav is not None:
        container = contract.local_nav_container(family)
        items = {i.key: contract.local_nav_item_selector(family, i) for i in family.local_nav.items}
    return {
        "selectors": s.model_dump(),
        "shell": s.global_shell,
        "v1Layout": s.v1_layout,
        "pageTitle": s.page_title,
        "globalNav": s.global_nav,
        "globalNavItems": {
            f.id: contract.global_nav_item_selector(f) for f in contract.families if f.global_nav
        },
        "globalNavItemsAll": s.global_nav_items,
        "globalNavEvery": contract.global_nav_items_selector(),
        "globalNavCurrent": s.global_nav_current,
        "localNav": container,
        "localNavItems": items,
        "localNavEvery": (contract.local_nav_items_selector(family)
                          if family is not None and family.local_nav is not None else None),
        "localNavCurrent": s.local_nav_current,
        "backLink": s.back_link,
        "resourceName": s.resource_name,
        "aliases": s.resource_aliases,
        "posture": s.resource_posture,
        "capabilities": s.resource_capabilities,
        "capabilitiesAttr": "data-capabilities",
        "timeline": s.activity_timeline,
        "timelineEntry": s.activity_entry,
        "card": contract.lifecycle_card,
        # Operations found by their own selector (no op attribute): key -> selector.
        "opCards": {op.key: op.selector for r in lc.resources for op in r.operations
                    if op.selector},
        "cardFields": dict(lc.fields),
        "intentAttr": lc.intent_attribute,
        "opAttr": lc.op_attribute,
        "rowLink": s.row_link,
        "placeholderSelectors": list(contract.placeholders.selectors),
        "evidenceSubject": s.evidence_subject,
        "denied": contract.role_limits.selector,
        "rowLimit": ROW_LIMIT,
        "navAttributes": list(contract.crawl.client_side_attributes),
    }


def _link(raw: dict[str, Any] | None) -> LinkState | None:
    if not raw:
        return None
    return LinkState(href=raw.get("href"), url=raw.get("url"), text=raw.get("text", ""),
                     current=raw.get("current"), onclick=raw.get("onclick"),
                     label=raw.get("label", ""))


def from_raw(
    key: str, url: str, final_url: str, status: int | None, redirects: int,
    raw: dict[str, Any], console: tuple[str, ...], a11y: tuple[A11yViolation, ...] | None,
    requests: tuple[PageRequest, ...] = (),
) -> RouteSnapshot:
    local = {k: link for k, v in raw["localNav"].items() if (link := _link(v)) is not None}
    cards = tuple(
        CardState(op=c["op"], intent=c["intent"],
                  fields={n: FieldState(**f) for n, f in c["fields"].items()})
        for c in raw["cards"]
    )
    caps = raw["capabilities"]
    built = dict(
        key=key, requested_url=url, final_url=final_url, status=status, redirects=redirects,
        title=raw["title"], shell=raw["shell"], v1_layout=raw["v1Layout"],
        heading=raw.get("heading"), document_title=raw.get("documentTitle", ""),
        global_nav_found=raw.get("globalNavFound", False),
        global_nav_items=nav_items(raw.get("globalNavList")),
        local_nav_items=nav_items(raw.get("localNavList")),
        global_nav=tuple(raw["globalNav"]), global_nav_links=raw["globalNavLinks"],
        local_nav_found=raw["localNavFound"], local_nav=local,
        local_nav_current=tuple(raw["localNavCurrent"]), back_link=_link(raw["backLink"]),
        resource_name=raw["resourceName"], aliases=dict(raw["aliases"]), posture=raw["posture"],
        capabilities=None if caps is None else tuple(caps),
        timeline_entries=raw["timelineEntries"], cards=cards, row_links=tuple(raw["rowLinks"]),
        rows=tuple(link for r in raw["rows"] if (link := _link(r)) is not None),
        links=tuple(raw["links"]), targets=tuple(LinkTarget(**t) for t in raw["targets"]),
        texts=tuple(TextNode(t["element"], t["text"]) for t in raw["texts"]),
        placeholder_elements=tuple(raw["placeholderElements"]),
        evidence_subjects=tuple(raw["evidenceSubjects"]), console_errors=console,
        a11y=a11y, density=_density(raw.get("density")),
        denied=bool(raw.get("denied")),
        row_targets=tuple(link for r in raw.get("rowTargets", ()) if (link := _link(r))),
        hidden=dict(raw.get("hidden") or {}), requests=requests,
    )
    return RouteSnapshot(**_plain_fields(raw, skip=built.keys()), **built)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _plain_fields(raw: dict[str, Any], skip: Iterable[str]) -> dict[str, Any]:
    """Any other snapshot field of plain data (text, number, flag, list of text, text by
    name) from the collector's answer under its camelCase name: a new page fact is a field of
    RouteSnapshot and a key the collector returns, with no line here."""
    out: dict[str, Any] = {}
    built = set(skip)
    for f in dataclasses.fields(RouteSnapshot):
        key = _camel(f.name)
        if f.name in built or key not in raw:
            continue
        value = raw[key]
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING \
            else f.default
        out[f.name] = (tuple(value) if isinstance(default, tuple) and value is not None
                       else dict(value) if isinstance(default, dict) else value)
    return out


def _density(raw: dict[str, Any] | None) -> PageDensity | None:
    if not raw:
        return None
    return PageDensity(table_columns=raw["tableColumns"], kv_rows=raw["kvRows"],
                       raw_blocks=raw["rawBlocks"], words_per_screen=raw["wordsPerScreen"])

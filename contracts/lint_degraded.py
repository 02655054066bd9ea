"""Lint of the degraded-backend section: routes it names exist (once each), call URLs are path
templates, an operation is named only where a call can carry it (a body, or the `?op=` query of
a call of any method), no call is listed twice, the text expectations compile, and every body
variant has its body on every call."""

from __future__ import annotations

import re

from contracts.degraded import BODY_METHODS, VARIANT_BODIES, DegradedBackend
from contracts.draft import Draft
from contracts.paths import template_problem
from contracts.sources import Loc


def lint_degraded(draft: Draft) -> None:
    section = draft.models.get("degraded")
    if not isinstance(section, DegradedBackend):
        return
    for name in ("error_text", "empty_text"):
        try:
            re.compile(getattr(section, name))
        except re.error as exc:
            draft.add(("degraded", name), f"invalid regular expression: {exc}")
    first: dict[str, int] = {}
    for i, entry in enumerate(section.routes):
        where: Loc = ("degraded", "routes", i)
        draft.check_ref((*where, "route"), entry.route, "routes", "route")
        if entry.route in first:
            earlier = draft.locator.ref(("degraded", "routes", first[entry.route]))
            draft.add((*where, "route"), f"route '{entry.route}' is already listed at {earlier}")
        first.setdefault(entry.route, i)
        for j, call in enumerate(entry.calls):
            problem = template_problem(call.url.split("?", 1)[0], allow_wildcard=False)
            if problem:
                draft.add((*where, "calls", j, "url"), f"bad URL pattern '{call.url}': {problem}")
            if call.operation is not None and call.method not in (None, *BODY_METHODS):
                draft.add((*where, "calls", j, "operation"),
                          f"a {call.method} call carries no body to name operation "
                          f"'{call.operation}' in: give method {' or '.join(BODY_METHODS)} (or "
                          "leave method out to match the operation in the ?op= query too)")
            twin = next((k for k, other in enumerate(entry.calls[:j])
                         if (other.url, other.method, other.operation)
                         == (call.url, call.method, call.operation)), None)
            if twin is not None:
                draft.add((*where, "calls", j),
                          f"{call.shown} is already listed as calls[{twin}]: a call is answered "
                          "by the first that matches")
            for variant, body in VARIANT_BODIES.items():
                if variant in entry.variants and getattr(call, body) is None:
                    draft.add((*where, "calls", j),
                              f"variant '{variant}' needs a '{body}' body for this call")
        if len(set(entry.variants)) != len(entry.variants):
            draft.add((*where, "variants"), "lists a variant twice")

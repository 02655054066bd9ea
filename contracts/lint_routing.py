"""Lint of the routing facts beside the route and legacy maps: section redirects (V3 paths that
send the browser to a route), what a legacy redirect's landing query and resolved ids must be,
and what the product answers for a path it does not serve (`not_found`)."""

from __future__ import annotations

from typing import Any

from contracts.draft import Draft
from contracts.issues import did_you_mean
from contracts.models import LegacyRoute, Route, SectionRedirect
from contracts.paths import match_template, path_params, path_shape, template_problem
from contracts.settings import NotFound
from contracts.sources import Loc


def lint_routing(draft: Draft) -> None:
    routes: dict[str, Route] = draft.by_id("routes")
    _lint_redirects(draft, routes)
    _lint_legacy_landing(draft, routes)
    _lint_not_found(draft, routes)


def _lint_redirects(draft: Draft, routes: dict[str, Route]) -> None:
    """A section redirect is a path of its own (no route's, no legacy entry's, no other
    redirect's), lands on a known route, and carries every parameter that route needs: its
    values are the route's discovered ids, so the two name the same parameters."""
    taken: dict[str, tuple[str, Loc]] = {}
    for i, route in draft.valid("routes"):
        taken.setdefault(path_shape(route.path), (f"route '{route.id}'", ("routes", i, "path")))
    legacy: list[tuple[int, LegacyRoute]] = draft.valid("legacy")
    for i, entry in legacy:
        taken.setdefault(path_shape(entry.path), (f"legacy '{entry.id}'", ("legacy", i, "path")))
    for i, redirect in draft.valid("redirects"):
        loc: Loc = ("redirects", i)
        shape = path_shape(redirect.path)
        if shape in taken:
            what, where = taken[shape]
            draft.add((*loc, "path"), f"'{redirect.path}' is also the path of {what} (at "
                                      f"{draft.locator.ref(where)}): a redirect is a path of "
                                      "its own")
        else:
            taken[shape] = (f"redirect '{redirect.path}'", (*loc, "path"))
        concrete = redirect.path.replace("{", "").replace("}", "")
        for _, entry in legacy:
            if entry.is_wildcard and match_template(entry.path, concrete) is not None:
                draft.add((*loc, "path"), f"'{redirect.path}' is under the legacy wildcard "
                                          f"'{entry.path}' ({entry.id})")
        if not draft.check_ref((*loc, "to"), redirect.to, "routes", "route"):
            continue
        target = routes.get(redirect.to)
        if target is not None:
            _same_params(draft, loc, redirect, target)


def _same_params(draft: Draft, loc: Loc, redirect: SectionRedirect, target: Route) -> None:
    for name in target.params:
        if name not in redirect.params:
            draft.add((*loc, "path"), f"parameter '{name}' of route '{target.id}' "
                                      f"({target.path}) does not come from '{redirect.path}'")
    for name in redirect.params:
        if name not in target.params:
            hint = did_you_mean(name, target.params)
            draft.add((*loc, "path"), f"parameter '{name}' is not a parameter of route "
                                      f"'{target.id}' ({target.path}), whose discovered ids "
                                      f"fill it{hint}")


def _lint_legacy_landing(draft: Draft, routes: dict[str, Route]) -> None:
    """A redirect's `query` does not contradict its target's own; `resolved_by` is said only
    where the redirect resolves an id."""
    for i, entry in draft.valid("legacy"):
        loc: Loc = ("legacy", i)
        redirect = entry.redirect
        target = routes.get(redirect.to) if redirect is not None else None
        if redirect is not None and target is not None:
            for name, value in redirect.query.items():
                own = target.query.get(name)
                if own is not None and own != value:
                    draft.add((*loc, "redirect", "query", name),
                              f"'{name}={value}' contradicts route '{target.id}' "
                              f"({target.path}), whose path names {name}={own}")
        if entry.resolved_by is not None and not entry.resolved_params:
            draft.add((*loc, "resolved_by"), "only for a redirect with a "
                                             "{resolved_from: ...} parameter (nothing to prove)")


def _lint_not_found(draft: Draft, routes: dict[str, Route]) -> None:
    section: Any = draft.models.get("not_found")
    if not isinstance(section, NotFound):
        return
    where: Loc = ("not_found",)
    if draft.check_ref((*where, "redirects_to"), section.redirects_to, "routes", "route"):
        target = routes.get(section.redirects_to or "")
        if target is not None and target.params:
            draft.add((*where, "redirects_to"),
                      f"route '{target.id}' ({target.path}) takes parameters: a catch-all "
                      "lands on one fixed page")
    probe = section.probe
    problem = template_problem(probe, allow_wildcard=False)
    if problem is None and path_params(probe):
        problem = "must be a concrete path (no '{param}')"
    if problem:
        draft.add((*where, "probe"), problem)
        return
    served = [f"route '{r.id}'" for _, r in draft.valid("routes")
              if match_template(r.path, probe) is not None]
    served += [f"legacy '{x.id}'" for _, x in draft.valid("legacy")
               if match_template(x.path, probe) is not None]
    served += [f"redirect '{x.path}'" for _, x in draft.valid("redirects")
               if match_template(x.path, probe) is not None]
    if served:
        draft.add((*where, "probe"), f"'{probe}' is served by {served[0]}: the probe must be a "
                                     "path the product does not serve")

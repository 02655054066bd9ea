"""The one URL vocabulary: path templates (`/workloads/{workload_id}`, `/v3/*`) parsed, matched
against URLs and filled with values.

Kept free of pydantic so the models, the lint, the page objects and the harness share one notion
of "same path" and "which route serves this URL" (static segments beat `{param}` segments).
Matching reads a URL's path (fragment ignored), decodes each segment, and ignores one trailing
slash; filling encodes each value as one segment, so the two round-trip. A template may end in
'/' when the product's canonical URLs do (Django's): filling keeps the slash, so navigating costs
no redirect, and matching still accepts the URL either way.

A route template may also name a query that selects a view of the page (`/runs?view=backfills`,
literal values): such a template matches only a URL carrying each of those parameters with that
value (other parameters do not matter to *which* route it is; a redirect's landing is judged for
them with `query_problem`), and beats the same path without a query. A template without a query
ignores the URL's query, as it always has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar
from urllib.parse import parse_qs, parse_qsl, quote, unquote, urlencode, urlsplit

T = TypeVar("T")

PARAM_RE = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)\}$")
WILDCARD = "*"


def segments(path: str) -> list[str]:
    """The path segments of a template or URL path (a template's query is not a segment)."""
    return [s for s in path.split("?", 1)[0].split("/") if s]


def template_query(template: str) -> dict[str, str]:
    """The query parameters a template names (`/runs?view=backfills` -> {view: backfills})."""
    _, _, query = template.partition("?")
    return dict(parse_qsl(query, keep_blank_values=True)) if query else {}


def _query_problem_of(template: str) -> str | None:
    query = template.partition("?")[2]
    if not query:
        return "a '?' must be followed by name=value pairs"
    names: set[str] = set()
    for pair in query.split("&"):
        name, eq, _ = pair.partition("=")
        if not name or not eq:
            return f"query part '{pair}' must be name=value"
        if any(c in pair for c in "{}*#"):
            return f"query part '{pair}' must be literal (no '{{param}}', '*' or '#')"
        if name in names:
            return f"query parameter '{name}' appears twice"
        names.add(name)
    return None


def param_name(segment: str) -> str | None:
    m = PARAM_RE.match(segment)
    return m.group(1) if m else None


def path_params(template: str) -> tuple[str, ...]:
    return tuple(n for s in segments(template) if (n := param_name(s)) is not None)


def template_problem(template: str, *, allow_wildcard: bool,
                     allow_trailing_slash: bool = False, allow_query: bool = False) -> str | None:
    """Why a template is malformed, or None; used by model validators for readable errors."""
    if "?" in template:
        if not allow_query:
            return "a query ('?name=value') is only allowed in route paths"
        if problem := _query_problem_of(template):
            return problem
        template = template.partition("?")[0]
    if not template.startswith("/"):
        return "must start with '/'"
    if template != "/" and template.endswith("/") and not allow_trailing_slash:
        return "must not end with '/'"
    if allow_wildcard and template.endswith("*/"):
        return "wildcard '*' must be the last segment, without a trailing '/'"
    parts = segments(template)
    if "//" in template:
        return "must not contain empty segments ('//')"
    seen: set[str] = set()
    for i, seg in enumerate(parts):
        if seg == WILDCARD:
            if not allow_wildcard:
                return "wildcard '*' is only allowed in legacy paths"
            if i != len(parts) - 1:
                return "wildcard '*' must be the last segment"
            continue
        name = param_name(seg)
        if name is None and any(c in seg for c in "{}*"):
            return f"segment '{seg}' must be either static text or exactly '{{name}}'"
        if name is not None:
            if name in seen:
                return f"parameter '{name}' appears twice"
            seen.add(name)
    return None


def path_shape(template: str) -> str:
    """Template with parameter names erased: `/a/{x}` and `/a/{y}` serve the same URLs (and
    its query, sorted: `/runs?view=a` is another page than `/runs`)."""
    shape = "/" + "/".join("{}" if param_name(s) else s for s in segments(template))
    query = template_query(template)
    return shape + ("?" + urlencode(sorted(query.items())) if query else "")


def is_prefix(parent: str, child: str) -> bool:
    """True when `parent`'s segments start `child`'s (a detail's parent page)."""
    p, c = segments(parent), segments(child)
    return len(p) < len(c) and c[: len(p)] == p


def path_of(url: str) -> str:
    """The path of a URL (or of a path with a query), `/` when empty."""
    return urlsplit(url).path or "/"


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def normalize(url_or_path: str) -> list[str]:
    """Decoded segments of a URL path, ignoring query, fragment and a trailing slash."""
    return [unquote(s) for s in segments(urlsplit(url_or_path).path)]


def match_template(template: str, path: str) -> dict[str, str] | None:
    """The template's parameters in a URL or path, or None when it does not match (a template
    naming a query matches only a URL carrying each of its parameters with that value)."""
    found = _match(segments(template), normalize(path))
    if found is None or "?" not in template:
        return found
    carried = parse_qs(urlsplit(path).query, keep_blank_values=True)
    if any(value not in carried.get(name, ()) for name, value in template_query(template).items()):
        return None
    return found


def query_problem(expected: Mapping[str, str], url: str, *, allow_extra: bool) -> str | None:
    """Why a landing URL's query is not exactly `expected` (each parameter once, with that
    value; others only with `allow_extra`), in words; None when it is."""
    carried = parse_qs(urlsplit(url).query, keep_blank_values=True)
    problems = []
    for name, value in expected.items():
        values = carried.get(name, [])
        if values != [value]:
            shown = " and ".join(f"{name}={v}" for v in values) if values else "no " + name
            problems.append(f"{name}={value} expected, {shown} found")
    extra = sorted(n for n in carried if n not in expected)
    if extra and not allow_extra:
        problems.append("parameters the contract does not name: " + ", ".join(
            f"{n}={v}" for n in extra for v in carried[n]))
    return "; ".join(problems) or None


def _match(tpl: list[str], parts: list[str]) -> dict[str, str] | None:
    if tpl and tpl[-1] == WILDCARD:
        head = tpl[:-1]
        # `/v3/*` covers everything below /v3 but not /v3 itself (glob semantics).
        if len(parts) <= len(head):
            return None
        found = _match(head, parts[: len(head)])
        if found is None:
            return None
        return {**found, WILDCARD: "/".join(parts[len(head) :])}
    if len(tpl) != len(parts):
        return None
    params: dict[str, str] = {}
    for seg, part in zip(tpl, parts, strict=True):
        name = param_name(seg)
        if name is not None:
            params[name] = part
        elif seg != part:
            return None
    return params


def _specificity(template: str) -> tuple[int, tuple[int, ...], int]:
    parts = segments(template)
    exact = 0 if parts and parts[-1] == WILDCARD else 1
    return (exact, tuple(0 if param_name(s) or s == WILDCARD else 1 for s in parts),
            len(template_query(template)))


def best_match(candidates: Iterable[tuple[T, str]], path: str) -> tuple[T, dict[str, str]] | None:
    """The most specific (item, template) matching `path`: static segments win, left to right;
    then the template naming more of the URL's query."""
    best: tuple[tuple[int, tuple[int, ...], int], T, dict[str, str]] | None = None
    for item, template in candidates:
        params = match_template(template, path)
        if params is None:
            continue
        score = _specificity(template)
        if best is None or score > best[0]:
            best = (score, item, params)
    return None if best is None else (best[1], best[2])


def format_path(template: str, params: Mapping[str, str]) -> str:
    out = []
    for seg in segments(template):
        name = param_name(seg)
        if name is None:
            out.append(seg)
        elif name in params and str(params[name]) != "":
            out.append(quote(str(params[name]), safe=""))
        elif name in params:
            raise ValueError(f"empty value for path parameter '{name}' of {template}")
        else:
            raise KeyError(f"missing value for path parameter '{name}' of {template}")
    path, _, query = template.partition("?")
    slash = "/" if out and path.endswith("/") else ""
    return "/" + "/".join(out) + slash + (f"?{query}" if query else "")


class PathIndex(Generic[T]):
    """`best_match` over many templates without scanning them all: templates are bucketed by
    segment count and first segment, so a look-up costs the few templates that could match
    whatever the size of the contract; answers are memoised per path."""

    def __init__(self, entries: Iterable[tuple[T, str]]) -> None:
        self._exact: dict[tuple[int, str | None], list[tuple[T, str]]] = {}
        self._wild: list[tuple[T, str]] = []
        self._queries = False  # some template names a query: the URL's query then decides too
        for item, template in entries:
            parts = segments(template)
            if parts and parts[-1] == WILDCARD:
                self._wild.append((item, template))
                continue
            first = parts[0] if parts and param_name(parts[0]) is None else None
            self._exact.setdefault((len(parts), first), []).append((item, template))
            self._queries = self._queries or "?" in template
        self._memo: dict[str, tuple[T, dict[str, str]] | None] = {}

    def match(self, url_or_path: str) -> tuple[T, dict[str, str]] | None:
        path = path_and_query(url_or_path) if self._queries else path_of(url_or_path)
        if path not in self._memo:
            parts = normalize(path)
            first = parts[0] if parts else None
            candidates = [*self._exact.get((len(parts), first), ()),
                          *(self._exact.get((len(parts), None), ()) if first else ()),
                          *self._wild]
            self._memo[path] = best_match(candidates, path)
        return self._memo[path]

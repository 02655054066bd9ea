"""Every selector in the contract compiles: lint finds selector fields by their type
(`contracts.selectors.CssSelector` / `PlaywrightSelector`), never by a list of names, so a field
added later is checked the day it is added."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, get_args, get_origin

from pydantic import BaseModel

from contracts.draft import LIST_SECTIONS, Draft
from contracts.selectors import SelectorField, Syntax, selector_problem
from contracts.sources import Loc


def field_syntax(annotation: object, metadata: Iterable[object] = ()) -> Syntax | None:
    """The selector syntax a model field is marked with (also inside `X | None`, `tuple[X,
    ...]`, `dict[str, X]`), None for a field that holds no selector."""
    for item in metadata:
        if isinstance(item, SelectorField):
            return item.syntax
    if get_origin(annotation) is Annotated:
        found = field_syntax(None, getattr(annotation, "__metadata__", ()))
        if found:
            return found
    for arg in get_args(annotation):
        found = field_syntax(arg)
        if found:
            return found
    return None


def iter_selectors(value: object, loc: Loc) -> Iterator[tuple[Loc, Syntax, str]]:
    """(location, syntax, selector) of every selector field below a validated model."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            syntax = field_syntax(info.annotation, info.metadata)
            if syntax is None:
                yield from iter_selectors(getattr(value, name), (*loc, name))
            else:
                yield from _strings(getattr(value, name), (*loc, name), syntax)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from iter_selectors(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_selectors(item, (*loc, key))


def _strings(value: object, loc: Loc, syntax: Syntax) -> Iterator[tuple[Loc, Syntax, str]]:
    if isinstance(value, str):
        yield loc, syntax, value
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i), syntax)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key), syntax)


def selector_issues(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """(location, message) for every selector below `value` that does not compile."""
    for where, syntax, text in iter_selectors(value, loc):
        problem = selector_problem(text, syntax)
        if problem is not None:
            yield where, f"invalid selector '{text}': {problem}"


def lint_selectors(draft: Draft) -> None:
    """Selectors of every validated section and list item (invalid ones were dropped with their
    schema errors; their selectors are checked once the schema problem is fixed)."""
    for section, model in draft.models.items():
        if model is not None:
            for loc, message in selector_issues(model, (section,)):
                draft.add(loc, message)
    for section, items in draft.items.items():
        for i, model in items:
            for loc, message in selector_issues(model, (*LIST_SECTIONS[section], i)):
                draft.add(loc, message)

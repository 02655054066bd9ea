"""Pydantic validation errors rewritten for people editing YAML.

Pydantic says "Input should be 'list', 'detail' or 'docs'" and "Extra inputs are not permitted";
a contract author needs "must be one of: list, detail, docs (got 'lst')" and
"unknown field 'bak' (did you mean 'back'?)".
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from contracts.base import IDENT_PATTERN
from contracts.issues import closest, did_you_mean, type_name
from contracts.sources import Loc

_EXPECTED = {
    "string_type": "must be a string",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "path_type": "must be a path",
}


def _strip(tp: Any) -> Any:
    """Unwrap Annotated / Optional / unions down to the model (or plain type) inside."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            tp = models[0] if models else members[0]
            if get_origin(tp) is None and not models:
                return tp
        else:
            return tp


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class found at `loc` below `root` by following field annotations."""
    tp: Any = root
    for part in loc:
        tp = _strip(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return None
            tp = info.annotation
            continue
        origin, args = get_origin(tp), get_args(tp)
        if origin in (tuple, list) and isinstance(part, int) and args:
            tp = args[0]
        elif origin is dict and args:
            tp = args[1]
        else:
            return None
    tp = _strip(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _quoted_choices(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def translate(error: ErrorDetails, root: type[BaseModel]) -> tuple[Loc, str]:
    """(location relative to `root`, readable message) for one pydantic error."""
    loc: Loc = tuple(p for p in error["loc"] if p != "[key]")
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return loc, "field required"
    if kind == "extra_forbidden":
        parent = model_at(root, loc[:-1])
        names = list(parent.model_fields) if parent else []
        return loc, f"unknown field '{loc[-1]}'{did_you_mean(loc[-1], names)}"
    if kind == "literal_error":
        choices = _quoted_choices(str(ctx.get("expected", "")))
        near = closest(value, choices)
        hint = f"; did you mean '{near}'?" if near else ""
        return loc, f"must be one of: {', '.join(choices)} (got {value!r}{hint})"
    if kind in _EXPECTED:
        return loc, f"{_EXPECTED[kind]}, got {type_name(value)}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == IDENT_PATTERN:
        return loc, f"must be an id (letters, digits, '.', '_', '-'), got {value!r}"
    if kind == "string_too_short":
        return loc, "must not be empty"
    if kind in ("too_short", "too_long"):
        word = "at least" if kind == "too_short" else "at most"
        bound = ctx.get("min_length" if kind == "too_short" else "max_length")
        return loc, f"must have {word} {bound} item{'s' if bound != 1 else ''}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        op = {
            "greater_than_equal": ">=",
            "greater_than": ">",
            "less_than_equal": "<=",
            "less_than": "<",
        }[kind]
        bound = next(iter(ctx.values()), "?")
        return loc, f"must be {op} {bound} (got {value!r})"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return loc, message

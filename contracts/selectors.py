"""The two selector syntaxes a contract holds, checked without a browser.

- CSS (`CssSelector`): what `document.querySelectorAll` accepts. Most contract selectors reach
  the page through harness/capture/collector.js, so Playwright's extensions would throw there.
- Playwright (`PlaywrightSelector`): what `page.locator()` accepts: engine prefixes (`text=`,
  `role=`, `xpath=`, `internal:...`), `>>` chains, and CSS with Playwright's pseudo-classes
  (`:has-text()`, `:visible`, `:nth-match()`, `:left-of()`, ...).

CSS is compiled by soupsieve (a real CSS selector parser); Playwright's extensions are checked for
their argument shape here and replaced by neutral CSS of the same length (so soupsieve's "at
position N" still points into the author's text) before the rest is compiled.

A model field is a selector when it is typed with one of the aliases below; `contracts.
lint_selectors` finds every such field by that mark, so a new selector field cannot be left out
of lint.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal

import soupsieve

from contracts.base import NonEmpty
from contracts.issues import did_you_mean

Syntax = Literal["css", "playwright"]


@dataclass(frozen=True)
class SelectorField:
    """Pydantic metadata marking a field as a selector of the given syntax."""

    syntax: Syntax


CssSelector = Annotated[NonEmpty, SelectorField("css")]
PlaywrightSelector = Annotated[NonEmpty, SelectorField("playwright")]

# `{family}`, `{key}`, `{op}`: filled by the harness; compiled here with a sample value.
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")
_SAMPLE = "sample"

# Browser pseudo-classes soupsieve does not know; accepted as is.
_BROWSER_ONLY = frozenset({"valid", "invalid", "user-valid", "modal"})
# soupsieve extensions no browser accepts.
_SOUPSIEVE_ONLY = frozenset({"contains", "-soup-contains", "-soup-contains-own"})
_TEXT_PSEUDOS = frozenset({"has-text", "text", "text-is"})
_LAYOUT_PSEUDOS = frozenset({"left-of", "right-of", "above", "below", "near"})
_PLAYWRIGHT_PSEUDOS = _TEXT_PSEUDOS | _LAYOUT_PSEUDOS | {"text-matches", "visible", "nth-match"}

_ENGINE_NAME = re.compile(r"^[a-zA-Z_0-9\-+:*]+$")
_TEXT_ENGINES = frozenset({"text", "internal:text", "internal:has-text", "internal:has-not-text",
                           "internal:label"})
_ATTR_ENGINES = frozenset({"id", "data-testid", "data-test-id", "data-test", "_react", "_vue",
                           "internal:control", "internal:describe"})
_BRACKET_ENGINES = frozenset({"internal:attr", "internal:testid"})
_NESTED_ENGINES = frozenset({"internal:has", "internal:has-not", "internal:and", "internal:or",
                             "internal:chain"})
_ENGINES = (_TEXT_ENGINES | _ATTR_ENGINES | _BRACKET_ENGINES | _NESTED_ENGINES
            | {"css", "xpath", "role", "internal:role", "nth", "visible"})
_ROLE = re.compile(r"\s*([A-Za-z][A-Za-z-]*)\s*")
_ROLE_ATTR = re.compile(
    r"\[\s*([A-Za-z-]+)\s*(?:=\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|/(?:[^/\\]|\\.)+/[a-z]*"
    r"|[^\]\s]+)\s*([is])?\s*)?\]\s*"
)
_ROLE_BOOLEANS = frozenset({"disabled", "expanded", "include-hidden", "selected"})
_ROLE_TRISTATE = frozenset({"checked", "pressed"})
_ROLE_ATTRS = _ROLE_BOOLEANS | _ROLE_TRISTATE | {"name", "level"}
_IDENT = re.compile(r"-?[A-Za-z_][\w-]*")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_JS_REGEX_FLAGS = frozenset("dgimsuyv")


class _Invalid(Exception):
    """One problem with a selector, as the message lint shows after the selector."""


@lru_cache(maxsize=4096)  # contracts repeat selectors (templates, per-route baselines)
def selector_problem(text: str, syntax: Syntax) -> str | None:
    """Why `text` does not compile as a selector of `syntax`; None when it does."""
    filled = _PLACEHOLDER.sub(_SAMPLE, text)
    try:
        if syntax == "css":
            _refuse_playwright(filled)
            _compile_css(filled, playwright=False)
        else:
            _check_playwright(filled)
    except _Invalid as exc:
        return str(exc)
    return None


# -- CSS -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pseudo:
    name: str  # lower case, without the colon
    args: str | None  # text between the parentheses, None without them
    start: int  # index of the colon
    end: int  # index after the name or the closing parenthesis


def _compile_css(text: str, *, playwright: bool) -> None:
    if not text.strip():
        raise _Invalid("empty selector")
    chars = list(text)
    for pseudo in _pseudo_classes(text, skip=_PLAYWRIGHT_PSEUDOS if playwright else frozenset()):
        if pseudo.name in _SOUPSIEVE_ONLY:
            raise _Invalid(f"':{pseudo.name}' is not a CSS pseudo-class (browsers reject it)")
        if pseudo.name in _PLAYWRIGHT_PSEUDOS and not playwright:
            raise _Invalid(f"':{pseudo.name}' is Playwright syntax; {_PLAIN_CSS}")
        if playwright and pseudo.name in _PLAYWRIGHT_PSEUDOS:
            _check_playwright_pseudo(pseudo)
        elif pseudo.name not in _BROWSER_ONLY:
            continue
        chars[pseudo.start:pseudo.end] = _filler(pseudo.end - pseudo.start)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # soupsieve's deprecation notes are not our problem
            soupsieve.compile("".join(chars))
    except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError) as exc:
        # soupsieve's first sentence is the problem; the rest is advice on escaping.
        message = str(exc).splitlines()[0]
        raise _Invalid(message.split(". If the syntax was not intended")[0]) from None


_PLAIN_CSS = "this field is plain CSS (the suite reads it with document.querySelectorAll)"


def _refuse_playwright(text: str) -> None:
    """Name Playwright syntax in a CSS field, rather than let soupsieve guess at it."""
    try:
        chained = len(_chain(text)) > 1
    except _Invalid:
        return  # an unclosed quote: soupsieve says where
    if chained:
        raise _Invalid(f"'>>' chains are Playwright syntax; {_PLAIN_CSS}")
    engine, _ = _engine_of(text.strip())
    if engine != "css":
        raise _Invalid(f"a Playwright {engine} selector; {_PLAIN_CSS}")


def _filler(length: int) -> str:
    """Neutral CSS of exactly `length` characters (a pseudo-class is at least 6 long)."""
    if length >= 8:
        return ":not(#" + "a" * (length - 7) + ")"
    return {6: ":empty", 7: ":active"}.get(length, ":root")


def _pseudo_classes(text: str, skip: frozenset[str]) -> Iterator[_Pseudo]:
    """Every pseudo-class outside strings and attribute selectors, nested ones included; the
    arguments of those named in `skip` are not searched (they are checked as a whole)."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
        elif c in "\"'":
            i = _after_string(text, i)
        elif c == "[":
            i = _after_group(text, i, "[", "]")
        elif c == ":" and text.startswith("::", i):
            i += 2  # a pseudo-element: soupsieve reports it
        elif c == ":":
            match = _IDENT.match(text, i + 1)
            if match is None:
                i += 1
                continue
            name, end = match.group().lower(), match.end()
            if end < n and text[end] == "(":
                close = _after_group(text, end, "(", ")")
                yield _Pseudo(name, text[end + 1:close - 1], i, close)
                i = close if name in skip else end + 1  # search inside `:is(:visible)`
            else:
                yield _Pseudo(name, None, i, end)
                i = end
        else:
            i += 1


def _after_string(text: str, start: int) -> int:
    quote, i = text[start], start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    raise _Invalid(f"string starting at position {start} is never closed")


def _after_group(text: str, start: int, opening: str, closing: str) -> int:
    """Index after the `closing` that matches the `opening` at `start`."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c in "\"'":
            i = _after_string(text, i)
            continue
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise _Invalid(f"'{opening}' at position {start} is never closed")


def _split_args(args: str) -> list[str]:
    """Top-level comma-separated arguments, stripped."""
    parts, start, i = [], 0, 0
    while i < len(args):
        c = args[i]
        if c == "\\":
            i += 2
            continue
        if c in "\"'":
            i = _after_string(args, i)
            continue
        if c in "([":
            i = _after_group(args, i, c, ")" if c == "(" else "]")
            continue
        if c == ",":
            parts.append(args[start:i].strip())
            start = i + 1
        i += 1
    parts.append(args[start:].strip())
    return parts


def _string_arg(arg: str) -> str | None:
    """The content of a quoted string argument, None when `arg` is not exactly one string."""
    if len(arg) >= 2 and arg[0] in "\"'" and _after_string(arg, 0) == len(arg):
        return arg[1:-1]
    return None


def _check_playwright_pseudo(pseudo: _Pseudo) -> None:
    name, args = pseudo.name, pseudo.args
    label = f"':{name}'"
    if name == "visible":
        if args is not None:
            raise _Invalid(f"{label} takes no arguments")
        return
    if args is None:
        raise _Invalid(f"{label} needs arguments in parentheses")
    parts = _split_args(args)
    if name in _TEXT_PSEUDOS:
        if len(parts) != 1 or _string_arg(parts[0]) is None:
            raise _Invalid(f"{label} takes one quoted string, got ({args})")
    elif name == "text-matches":
        if not 1 <= len(parts) <= 2 or any(_string_arg(p) is None for p in parts):
            raise _Invalid(f"{label} takes a quoted regular expression and optional quoted "
                           f"flags, got ({args})")
        flags = _string_arg(parts[1]) if len(parts) == 2 else ""
        _check_regex_shape(_string_arg(parts[0]) or "", flags or "")
    elif name == "nth-match":
        if len(parts) != 2 or not parts[1].isdigit() or int(parts[1]) < 1:
            raise _Invalid(f"{label} takes a selector and a position from 1, got ({args})")
        _compile_css(parts[0], playwright=True)
    else:  # layout: a selector and an optional maximum distance in pixels
        if not 1 <= len(parts) <= 2 or (len(parts) == 2 and not _NUMBER.match(parts[1])):
            raise _Invalid(f"{label} takes a selector and an optional distance, got ({args})")
        _compile_css(parts[0], playwright=True)


def _check_regex_shape(pattern: str, flags: str) -> None:
    """A JavaScript regular expression's shape: balanced groups and classes, known flags. (Not
    compiled: Python's `re` rejects valid JavaScript such as `\\p{L}` and `[^]`.)"""
    if not pattern:
        raise _Invalid("empty regular expression")
    if bad := sorted(set(flags) - _JS_REGEX_FLAGS):
        raise _Invalid(f"unknown regular expression flag '{bad[0]}' (one of: dgimsuyv)")
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                raise _Invalid(f"regular expression /{pattern}/ closes a group it never opened")
        i += 1
    if depth or in_class:
        what = "character class" if in_class else "group"
        raise _Invalid(f"regular expression /{pattern}/ leaves a {what} open")


# -- Playwright ------------------------------------------------------------------------------


def _chain(text: str) -> list[str]:
    """Split at `>>` outside quotes, as Playwright's selector parser does."""
    parts, start, quote, i = [], 0, "", 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            i += 2
        elif quote and c == quote:
            quote, i = "", i + 1
        elif not quote and c in "\"'`":
            quote, i = c, i + 1
        elif not quote and text.startswith(">>", i):
            parts.append(text[start:i])
            i = start = i + 2
        else:
            i += 1
    if quote:
        raise _Invalid(f"a {quote} quote is never closed")
    parts.append(text[start:])
    return parts


def _check_playwright(text: str) -> None:
    parts = _chain(text)
    for part in parts:
        part = part.strip()
        if not part:
            raise _Invalid("empty part in a '>>' chain" if len(parts) > 1 else "empty selector")
        engine, body = _engine_of(part)
        try:
            _check_engine(engine, body)
        except _Invalid as exc:
            raise _Invalid(f"{exc} (in '{part}')" if len(parts) > 1 else str(exc)) from None


def _engine_of(part: str) -> tuple[str, str]:
    """(engine, body) by Playwright's rules: `name=body`, a quoted text, an XPath, else CSS."""
    eq = part.find("=")
    if eq > 0 and _ENGINE_NAME.match(part[:eq].strip()):
        return part[:eq].strip().lstrip("*"), part[eq + 1:]
    if len(part) > 1 and part[0] in "\"'" and part[-1] == part[0]:
        return "text", part
    if re.match(r"^\(*//", part) or part.startswith(".."):
        return "xpath", part
    return "css", part


def _check_engine(engine: str, body: str) -> None:
    body = body.strip()
    if engine not in _ENGINES:
        raise _Invalid(f"unknown selector engine '{engine}='{did_you_mean(engine, _ENGINES)}")
    if engine == "css":
        _compile_css(body, playwright=True)
        return
    if not body:
        raise _Invalid(f"'{engine}=' needs a value")
    if engine in _TEXT_ENGINES:
        _check_text_body(body, engine)
    elif engine in ("role", "internal:role"):
        _check_role(body)
    elif engine == "xpath":
        for opening, closing in (("[", "]"), ("(", ")")):
            i = body.find(opening)
            while i != -1:
                i = body.find(opening, _after_group(body, i, opening, closing))
            if body.count(closing) > body.count(opening):
                raise _Invalid(f"'{closing}' without a matching '{opening}' in the XPath")
    elif engine == "nth":
        if not re.fullmatch(r"-?\d+", body):
            raise _Invalid(f"'nth=' takes an integer, got '{body}'")
    elif engine == "visible":
        if body not in ("true", "false"):
            raise _Invalid(f"'visible=' takes true or false, got '{body}'")
    elif engine in _BRACKET_ENGINES:
        if not body.startswith("[") or _after_group(body, 0, "[", "]") != len(body):
            raise _Invalid(f"'{engine}=' takes one [attribute=value], got '{body}'")
    elif engine in _NESTED_ENGINES:
        try:
            nested = json.loads(body)
        except ValueError:
            nested = None
        if not isinstance(nested, str):
            raise _Invalid(f"'{engine}=' takes a selector as a JSON string, got '{body}'")
        _check_playwright(nested)
    elif body[0] in "\"'":
        _after_string(body, 0)  # attribute engines: a quoted value must be closed


def _check_text_body(body: str, engine: str) -> None:
    if body[0] in "\"'":
        end = _after_string(body, 0)
        if body[end:] not in ("", "i", "s"):
            raise _Invalid(f"'{engine}=' quoted text may end in i or s, got '{body[end:]}'")
    elif body[0] == "/" and len(body) > 1:
        match = re.fullmatch(r"/((?:[^/\\]|\\.)+)/([a-z]*)", body)
        if match is None:
            raise _Invalid(f"'{engine}=' regular expression is not /pattern/flags: '{body}'")
        _check_regex_shape(match.group(1), match.group(2))


def _check_role(body: str) -> None:
    match = _ROLE.match(body)
    if match is None:
        raise _Invalid(f"'role=' starts with a role name, got '{body}'")
    i = match.end()
    while i < len(body):
        attr = _ROLE_ATTR.match(body, i)
        if attr is None:
            raise _Invalid(f"'role=' expects [attribute=value] at position {i}, got '{body[i:]}'")
        name, value = attr.group(1), attr.group(2)
        if name not in _ROLE_ATTRS:
            raise _Invalid(f"unknown role attribute '{name}'{did_you_mean(name, _ROLE_ATTRS)}")
        allowed = {"name": None, "level": None, "checked": ("true", "false", "mixed"),
                   "pressed": ("true", "false", "mixed")}.get(name, ("true", "false"))
        if name == "name" and (value is None or value[0] not in "\"'/"):
            raise _Invalid("role attribute 'name' takes a quoted string or a /regex/")
        if name == "level" and (value is None or not value.isdigit()):
            raise _Invalid("role attribute 'level' takes an integer")
        if allowed and value is not None and value.strip("\"'") not in allowed:
            raise _Invalid(f"role attribute '{name}' takes {' or '.join(allowed)}, got {value}")
        i = attr.end()


# -- every item of a nav, from the template of one item ----------------------------------------

_ATTRIBUTE = re.compile(
    r"""^\[\s*(?P<name>[^\s~|^$*=\[\]"']+)\s*=\s*"""
    r"""(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)'|(?P<bare>[^\s\]"']+))"""
    r"""\s*(?P<flag>[iIsS])?\s*\]$""")
_TOKEN_CHAR = re.compile(r"[\w-]")


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _any_value(text: str, at: int, placeholder: str) -> tuple[int, int, str] | None:
    """(start, end, replacement) generalizing the placeholder at `at`: in an attribute value
    (`[a="x-{key}"]` -> `[a^="x-"]`), a class (`.x-{key}`) or an id (`#x-{key}`); None
    elsewhere (a tag name, a pseudo-class argument)."""
    i, depth_start = 0, None
    while i < at:  # is `at` inside an attribute selector?
        c = text[i]
        if c == "\\":
            i += 2
        elif c == "[":
            end = _after_group(text, i, "[", "]")
            if end > at:
                depth_start = i
                break
            i = end
        elif c in "\"'":
            i = _after_string(text, i)
        else:
            i += 1
    if depth_start is not None:
        end = _after_group(text, depth_start, "[", "]")
        found = _ATTRIBUTE.match(text[depth_start:end])
        if found is None:
            return None
        value = next(v for v in (found["dq"], found["sq"], found["bare"]) if v is not None)
        prefix, _, suffix = value.partition(placeholder)
        if placeholder in suffix:
            return None
        flag = f" {found['flag']}" if found["flag"] else ""
        name = found["name"]
        parts = [f"[{name}^={_quoted(prefix)}{flag}]" if prefix else "",
                 f"[{name}$={_quoted(suffix)}{flag}]" if suffix else ""]
        return depth_start, end, "".join(parts) or f"[{name}]"
    start = at
    while start > 0 and _TOKEN_CHAR.match(text[start - 1]):
        start -= 1
    stop = at + len(placeholder)
    while stop < len(text) and _TOKEN_CHAR.match(text[stop]):
        stop += 1
    if start == 0 or text[start - 1] not in ".#":
        return None
    prefix, suffix = text[start:at], text[at + len(placeholder):stop]
    if not prefix:
        return None  # `.{key}`: any class at all
    if text[start - 1] == "#":
        tail = f"[id$={_quoted(suffix)}]" if suffix else ""
        return start - 1, stop, f"[id^={_quoted(prefix)}]{tail}"
    tail = f"[class*={_quoted(suffix)}]" if suffix else ""
    return (start - 1, stop,
            f":is([class^={_quoted(prefix)}], [class*={_quoted(' ' + prefix)}]){tail}")


@lru_cache(maxsize=1024)
def every_item(template: str, placeholder: str) -> str | None:
    """A CSS selector for every item a one-item template (`[data-testid="local-nav-item-{key}"]`)
    stands for: the placeholder turned into a prefix match (`[data-testid^="local-nav-item-"]`).
    None when it cannot be (the placeholder outside an attribute value, a class or an id)."""
    try:
        alternatives = _split_args(template)
        out = []
        for alternative in alternatives:
            while (at := alternative.find(placeholder)) >= 0:
                found = _any_value(alternative, at, placeholder)
                if found is None:
                    return None
                start, end, replacement = found
                alternative = alternative[:start] + replacement + alternative[end:]
            out.append(alternative)
    except _Invalid:
        return None
    derived = ", ".join(out)
    return derived if selector_problem(derived, "css") is None else None

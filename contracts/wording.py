"""The visible copy a contract names: a page's heading and document title, a back link's label.

A route's `title` is what its page is headed, unless the route says otherwise (`heading:`, exact
text or `{pattern: <regex>}`); a back link reads the `wording.back_link` template filled with its
target's title, unless the route says otherwise (`back_label:`). Text is compared as a reader
gets it: whitespace collapsed, case kept. Templates hold one placeholder and `*` for any text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import ValidationError, WrapValidator
from pydantic_core import PydanticCustomError

from contracts.base import Entity, NonEmpty


class TextPattern(Entity):
    """Copy a product words in more than one way: a regular expression the whole text matches
    (whitespace collapsed first)."""

    pattern: NonEmpty


def _text_match(value: Any, handler: Any) -> Any:
    # A union error would report once per member ("str: ..., TextPattern: ..."); one is enough.
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError(
            "text_match", "must be non-empty text or {pattern: <regular expression>}") from None


# Exact text, or a pattern.
TextMatch = Annotated[NonEmpty | TextPattern, WrapValidator(_text_match)]

HEADING = "{heading}"
TITLE = "{title}"


class Wording(Entity):
    """How the product words what the contract names (settings.yaml `wording`)."""

    # The document <title> of a page whose heading the contract names: `{heading}` is that
    # heading, `*` any text. The default asks only that the title names the heading.
    document_title: NonEmpty = "*{heading}*"
    # A back link's label: `{title}` is the back target's title. The default asks only that
    # the label names the target.
    back_link: NonEmpty = "*{title}*"


@dataclass(frozen=True)
class Expected:
    """Copy a check compares a page's text with: how it matches and how findings show it."""

    regex: str
    shown: str

    def matches(self, text: str | None) -> bool:
        return text is not None and re.fullmatch(self.regex, normalize(text)) is not None


def normalize(text: str) -> str:
    return " ".join(text.split())


def _literal(text: str) -> str:
    return re.escape(re.sub(r"\s+", " ", text))


def expected(value: TextMatch) -> Expected:
    """Exact text, or a pattern the whole text matches."""
    if isinstance(value, TextPattern):
        return Expected(value.pattern, f"text matching /{value.pattern}/")
    return Expected(_literal(normalize(value)), repr(normalize(value)))


def from_template(template: str, placeholder: str, value: TextMatch) -> Expected:
    """`template` with `placeholder` standing for `value` (exact or a pattern), `*` any text."""
    inner = expected(value).regex
    pieces = [".*".join(_literal(p) for p in piece.split("*"))
              for piece in template.strip().split(placeholder)]
    regex = f"(?:{inner})".join(pieces)
    shown_value = value if isinstance(value, str) else f"/{value.pattern}/"
    shown = repr(normalize(template.replace(placeholder, normalize(shown_value))))
    if "*" in template:
        shown += " (* is any text)"
    return Expected(regex, shown)


def placeholders_in(template: str) -> list[str]:
    """Every `{name}` a template holds."""
    return re.findall(r"\{[^{}]*\}", template)

"""Shared base of all contract models: frozen, strict about keys, aware of their source line."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

from contracts.sources import UNKNOWN_SOURCE, SourceRef

IDENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Ident = Annotated[str, StringConstraints(pattern=IDENT_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


class Entity(BaseModel):
    """Base of every contract model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # The loader stores the real SourceRef in the instance __dict__; pydantic compares, hashes,
    # dumps and schema-generates fields only, so the location never leaks into equality or JSON.
    @cached_property
    def source(self) -> SourceRef:
        return UNKNOWN_SOURCE

    def __hash__(self) -> int:  # dict-valued fields would make pydantic's default hash raise
        return hash(
            (type(self).__name__, _freeze([self.__dict__[f] for f in type(self).model_fields]))
        )

"""What `cutover init` records of a page it reads, and the draft it builds from them; the links
a read-only crawl never follows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Links a read-only crawl never follows: exports, assets, and actions that change state even
# on GET in some apps.
SKIP = re.compile(r"\.(json|csv|js|css|png|jpe?g|gif|svg|ico|db|txt|xml)$|/(logout|delete|"
                  r"add|password|password_change)/?$|^/-/|^/static/", re.IGNORECASE)
ID_SEGMENT = re.compile(r"^\d+$")

# One round trip per page: links, the breadcrumb-ish last link, row-ish links, candidate shells.


@dataclass
class PageSeen:
    path: str  # as requested
    final: str  # where it landed
    status: int | None
    first_hop: int | None  # status of the first response when redirected
    shells: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # hosts of links to other origins
    links: list[dict[str, Any]] = field(default_factory=list)
    h1: bool = False


@dataclass
class Draft:
    files: dict[str, dict[str, Any]]
    found: list[str]  # what was found, one line each
    gaps: list[str]  # what could not be found: the hand edits the draft needs
    pages: int

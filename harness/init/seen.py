"""What `cutover init` records of a page it reads, and the draft it builds from them; the links
a read-only crawl never follows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Links a read-only crawl never follows: exports, assets, and actions that change state even
# on GET in some apps.
SKIP = re.compile(r"\.(json|csv|js|css|png|jpe?g|gif|svg|ico|db|txt|xml)$|/(logout|delete|"
                  r"add|password|password_change)/?$|^/-/|^/static/", re.IGNORECASE)
ID_SEGMENT = re.compile(r"^\d+$")
# A tab's query that selects a view (`?view=backfills`) is followed as a page of its own, at most
# this many per path; other queries filter a page (`?q[]=status:QUEUED`) and are folded into it.
VIEWS_PER_PATH = 5

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
    # Its links came from script, not from the HTML the server sent (a single-page app): then
    # repeated links naming their target are rows, tabs are local nav, and a different final
    # path is a client-side redirect.
    client_rendered: bool = False


@dataclass
class Traffic:
    """The requests a crawl made besides its navigations: what it let through as reads (POSTs
    of GraphQL queries), what it aborted, and the pages that never went quiet."""

    read_posts: Counter[str] = field(default_factory=Counter)  # "POST /graphql?op=X" -> count
    aborted: Counter[str] = field(default_factory=Counter)
    unsettled: list[str] = field(default_factory=list)  # paths read before they went quiet
    folded: set[str] = field(default_factory=set)  # links followed without their query string


@dataclass
class Draft:
    files: dict[str, dict[str, Any]]
    found: list[str]  # what was found, one line each
    gaps: list[str]  # what could not be found: the hand edits the draft needs
    pages: int

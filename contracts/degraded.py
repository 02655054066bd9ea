"""The degraded-backend section: which routes load part of their data from API calls (by URL
path template), the variants the suite answers those calls with in the browser, and how a page
says what happened (its error-state and empty-state elements, their text)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, JsonValue

from contracts.base import Entity, Ident, NonEmpty
from contracts.selectors import CssSelector
from contracts.settings import testid

# "500": the call answers HTTP 500; "timeout": it is aborted as timed out (never a hang);
# "empty": it answers the call's empty-collection body; "null-fields": its null-fields body.
DegradedVariant = Literal["500", "timeout", "empty", "null-fields"]
VARIANTS: tuple[DegradedVariant, ...] = get_args(DegradedVariant)
ERROR_VARIANTS = ("500", "timeout")
# The body each body variant needs on every call of its route.
VARIANT_BODIES = {"empty": "empty", "null-fields": "nulls"}


HttpMethod = Literal["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# Methods whose requests carry a body, where a GraphQL operation name is read from.
BODY_METHODS: tuple[HttpMethod, ...] = ("POST", "PUT", "PATCH")


class ApiCall(Entity):
    """One API call the route's page makes, matched by its URL path (query ignored) and, where
    given, its method and its GraphQL operation (every call of a GraphQL app is POST /graphql),
    with the bodies the body variants answer it with. A call matches only when all given agree."""

    url: NonEmpty  # a path template, e.g. /api/workloads/{workload_id}/tasks
    method: HttpMethod | None = None  # None: any method
    # The GraphQL operation: the JSON body's `operationName` (any of a batch's), or the URL's
    # `?op=` / `?operationName=` query. None: any operation, or none.
    operation: NonEmpty | None = None
    empty: JsonValue = None  # the body of an empty collection (variant "empty")
    nulls: JsonValue = None  # a body whose optional fields are null (variant "null-fields")

    @property
    def shown(self) -> str:
        """`POST /graphql (operation RunsRoot)`: the call as findings name it."""
        op = f" (operation {self.operation})" if self.operation else ""
        return f"{self.method + ' ' if self.method else ''}{self.url}{op}"


class DegradedRoute(Entity):
    route: Ident
    calls: tuple[ApiCall, ...] = Field(min_length=1)
    variants: tuple[DegradedVariant, ...] = Field(default=VARIANTS, min_length=1)
    note: str = ""

    @property
    def id(self) -> str:
        """The route id: findings about a degraded page name its route."""
        return self.route


class DegradedBackend(Entity):
    """How pages show a backend that fails or answers nothing; the routes the gate degrades."""

    error_state: CssSelector = testid("api-error")
    empty_state: CssSelector = testid("api-empty")
    # Present while a page still loads its data: the suite reads the page once none is left.
    loading: CssSelector = '[aria-busy="true"]'
    # What the state's visible text must say (regular expressions, searched).
    error_text: NonEmpty = (r"(?i)\b(could not|cannot|can't|failed|unavailable|error|"
                            r"timed out|try again)\b")
    empty_text: NonEmpty = r"(?i)\b(no|none|nothing|empty)\b"
    routes: tuple[DegradedRoute, ...] = ()

    def route(self, route_id: str) -> DegradedRoute | None:
        return next((r for r in self.routes if r.route == route_id), None)

"""Which requests `cutover init` lets through while it reads an app: GET and HEAD, and a POST
only where its body is a read (a GraphQL query, alone or batched). A single-page app fetches its
data with POSTs (GraphQL), so aborting every POST would leave its pages empty; a mutation, a
subscription, a form or any body it cannot read as a query is aborted (and counted)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

READ_METHODS = ("GET", "HEAD")
# Strings, block strings and comments can hold any word or brace: they are blanked first.
_NOT_CODE = re.compile(r'"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|#[^\n]*')
_TOKEN = re.compile(r"[{}()\[\]]|[_A-Za-z][_0-9A-Za-z]*")
_OPERATIONS = ("query", "mutation", "subscription", "fragment")


def operations(document: str) -> list[tuple[str, str | None]] | None:
    """The top-level definitions of a GraphQL document as (type, name): `{ ... }` shorthand is
    an anonymous query. None when it is not a document this reader understands."""
    text = _NOT_CODE.sub(" ", document)
    found: list[tuple[str, str | None]] = []
    depth = 0
    kind: str | None = None  # type and name of a definition whose body has not opened yet
    name: str | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{([":
            if depth == 0 and token == "{":
                found.append((kind or "query", name))
                kind = name = None
            depth += 1
        elif token in "})]":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            if kind is None:
                if token not in _OPERATIONS:
                    return None
                kind = token
            elif name is None:
                name = token  # later words are a fragment's `on Type` or directives' names
    if depth != 0 or kind is not None:
        return None
    return found


def _is_query(payload: object) -> bool:
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return False  # a persisted query (a hash, no text) cannot be read: not let through
    ops = [op for op in operations(payload["query"]) or [] if op[0] != "fragment"]
    if not ops:
        return False
    name = payload.get("operationName")
    if isinstance(name, str) and name:
        chosen = [op for op in ops if op[1] == name]
        return len(chosen) == 1 and chosen[0][0] == "query"
    return all(op[0] == "query" for op in ops)


def is_read(method: str, headers: Mapping[str, str], body: str | None) -> bool:
    """True for a request that only reads: GET/HEAD, or a POST of GraphQL queries (JSON
    `{"query": ...}`, a batched array of them, or an `application/graphql` document)."""
    method = method.upper()
    if method in READ_METHODS:
        return True
    if method != "POST" or not body:
        return False
    kind = next((v for k, v in headers.items() if k.lower() == "content-type"), "").lower()
    if kind.startswith("application/graphql"):
        ops = [op for op in operations(body) or [] if op[0] != "fragment"]
        return bool(ops) and all(op[0] == "query" for op in ops)
    if "form" in kind:  # urlencoded or multipart: a form submission, never a read
        return False
    try:
        payload = json.loads(body)
    except ValueError:
        return False
    if isinstance(payload, list):
        return bool(payload) and all(_is_query(p) for p in payload)
    return _is_query(payload)


def describe(body: str | None) -> str:
    """What a GraphQL POST asks for (`mutation LogTelemetry`), for the report; "" otherwise."""
    try:
        payload = json.loads(body or "")
    except ValueError:
        return ""
    first = payload[0] if isinstance(payload, list) and payload else payload
    if not isinstance(first, dict) or not isinstance(first.get("query"), str):
        return ""
    ops = [op for op in operations(first["query"]) or [] if op[0] != "fragment"]
    return " ".join(x for x in ops[0] if x) if ops else ""

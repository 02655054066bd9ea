"""Which requests `cutover init` lets through while it reads an app: reads only. A GraphQL POST
passes only when every operation it runs is a query; a mutation, a subscription, a form, or a
body it cannot read as a query (a persisted-query hash) is aborted."""

from __future__ import annotations

import json

import pytest

from harness.init.reads import describe, is_read, operations

JSON = {"content-type": "application/json"}


def _post(payload: object) -> bool:
    return is_read("POST", JSON, json.dumps(payload))


@pytest.mark.parametrize("method", ["GET", "HEAD", "get"])
def test_plain_reads_pass(method: str) -> None:
    assert is_read(method, {}, None)


@pytest.mark.parametrize("payload", [
    {"operationName": "ShouldShowNux", "variables": {}, "query": "query ShouldShowNux {\n x }"},
    {"query": "{ runs { id } }"},  # shorthand
    {"query": "# mutation in a comment\nquery Q($f: F = {a: \"mutation {\"}) { a }"},
    {"query": "fragment F on Run { id } query Q { runs { ...F } }"},
    {"operationName": "Q", "query": "query Q { a } mutation M { b }"},  # the query is run
    [{"query": "query A { a }"}, {"query": "{ b }"}],  # batched
])
def test_graphql_queries_pass(payload: object) -> None:
    assert _post(payload)


@pytest.mark.parametrize("payload", [
    {"operationName": "SetNuxSeen", "query": "mutation SetNuxSeen { setNuxSeen }"},
    {"query": "subscription Logs { logs { line } }"},
    {"operationName": "M", "query": "query Q { a } mutation M { b }"},
    {"query": "query Q { a } mutation M { b }"},  # no name: not every operation is a query
    {"operationName": "Missing", "query": "query Q { a }"},
    [{"query": "query A { a }"}, {"query": "mutation B { b }"}],  # one write in a batch
    [],
    {"extensions": {"persistedQuery": {"sha256Hash": "abc"}}},  # cannot tell: aborted
    {"query": "query Q { a"},  # not a document
])
def test_writes_and_unknowns_are_aborted(payload: object) -> None:
    assert not _post(payload)


def test_forms_and_other_methods_are_aborted() -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}
    assert not is_read("POST", form, "query=query+Q+%7B+a+%7D")
    assert not is_read("POST", JSON, None)
    assert not is_read("POST", JSON, "not json")
    assert not is_read("PUT", JSON, json.dumps({"query": "{ a }"}))
    assert not is_read("DELETE", {}, None)


def test_a_raw_graphql_document_is_read_by_its_operations() -> None:
    kind = {"Content-Type": "application/graphql"}
    assert is_read("POST", kind, "query Q { a }")
    assert not is_read("POST", kind, "mutation M { a }")


def test_operations_and_the_report_line() -> None:
    assert operations("query A @cached { a } fragment F on T { x }") == [
        ("query", "A"), ("fragment", "F")]
    assert operations("{ a }") == [("query", None)]
    assert describe(json.dumps({"query": "mutation SetNuxSeen { x }"})) == "mutation SetNuxSeen"
    assert describe("a=b") == ""

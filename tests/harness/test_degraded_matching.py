"""Degraded calls matched by method, URL and GraphQL operation: a GraphQL app makes every call as
POST /graphql, so a call is the contract's only when all it gives agree. Pure matching first,
then the interception in a real browser on a page served by request interception (no target)."""

from __future__ import annotations

import json

from playwright.sync_api import Page, Route

from contracts.degraded import ApiCall
from harness.capture.degraded import Interception, call_matches, operations_of

RUNS = ApiCall(url="/graphql", method="POST", operation="RunsRoot", empty={"data": None})


def test_operation_names_come_from_the_body_a_batch_or_the_op_query():
    assert operations_of("http://x/graphql?op=RunsRoot", None) == {"RunsRoot"}
    assert operations_of("http://x/graphql", json.dumps({"operationName": "A"})) == {"A"}
    batch = json.dumps([{"operationName": "A"}, {"operationName": "B"}, {"query": "{x}"}])
    assert operations_of("http://x/graphql", batch) == {"A", "B"}
    assert operations_of("http://x/graphql?operationName=C", "not json") == {"C"}
    assert operations_of("http://x/graphql", None) == frozenset()


def test_a_call_matches_only_when_url_method_and_operation_all_agree():
    body = json.dumps({"operationName": "RunsRoot", "query": "query RunsRoot {...}"})
    assert call_matches(RUNS, "POST", "http://x/graphql", body)
    assert call_matches(RUNS, "post", "http://x/graphql?op=RunsRoot", None)
    assert not call_matches(RUNS, "GET", "http://x/graphql?op=RunsRoot", None)
    assert not call_matches(RUNS, "POST", "http://x/graphql?op=ShouldShowNux", None)
    assert not call_matches(RUNS, "POST", "http://x/api/runs", body)
    # what is not given matches anything: the URL alone, as before
    assert call_matches(ApiCall(url="/graphql"), "GET", "http://x/graphql?op=Any", None)


def test_answered_calls_name_method_and_operation():
    interception = Interception((RUNS,), "500")
    assert interception.matches("http://x/graphql?op=Other")  # the URL filter: path only
    assert interception.call_for("POST", "http://x/graphql?op=Other", None) is None


PAGE = """<!doctype html><title>t</title><pre id="out"></pre><script>
const call = (op) => fetch('/graphql?op=' + op, {method: 'POST',
  body: JSON.stringify({operationName: op, query: 'query ' + op + ' { x }'})})
  .then((r) => op + ' ' + r.status, () => op + ' failed');
Promise.all([call('RunsRoot'), call('ShouldShowNux')]).then((lines) => {
  document.getElementById('out').textContent = lines.join('\\n');
});
</script>"""


def test_only_the_named_operation_is_degraded_in_the_browser(page: Page):
    def serve(route: Route) -> None:
        if route.request.url.endswith("/start"):
            route.fulfill(status=200, content_type="text/html", body=PAGE)
        else:  # the "backend": every other operation still answers
            route.fulfill(status=200, content_type="application/json", body='{"data": {}}')

    page.route("http://gql.test/**", serve)
    interception = Interception((RUNS,), "500")
    interception.install(page)
    page.goto("http://gql.test/start")
    page.wait_for_function("document.getElementById('out').textContent !== ''")
    assert page.text_content("#out") == "RunsRoot 500\nShouldShowNux 200"
    assert interception.answered == ["POST http://gql.test/graphql?op=RunsRoot (RunsRoot)"]
    interception.remove(page)

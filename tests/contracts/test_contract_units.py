"""Unit tests of the building blocks: YAML lines, paths, models, issue formatting."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from contracts import ContractIssue, LegacyRoute, Route, SourceRef, Step
from contracts.issues import display_field
from contracts.paths import best_match, format_path, is_prefix, path_shape, template_problem
from contracts.sources import YamlSyntaxError, parse_yaml


def test_parse_yaml_records_the_line_of_every_node() -> None:
    doc = parse_yaml("routes:\n  - id: a\n    back: b\n  - {id: c}\nx:\n  y: 1\n")
    assert doc.data == {"routes": [{"id": "a", "back": "b"}, {"id": "c"}], "x": {"y": 1}}
    assert doc.lines[("routes",)] == 1
    assert doc.lines[("routes", 0)] == 2
    assert doc.lines[("routes", 0, "back")] == 3
    assert doc.lines[("routes", 1, "id")] == 4
    assert doc.lines[("x",)] == 5  # a nested mapping is found at its key, not its first child


def test_parse_yaml_reports_duplicate_keys_and_syntax_errors() -> None:
    doc = parse_yaml("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    assert doc.problems == [(("a",), 3, "duplicate key 'a' (first on line 1)")]
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a:\n  - b\n c: d\n")
    assert raised.value.line == 3


def test_display_field_uses_ids_and_keys() -> None:
    raw = {
        "routes": [{"id": "r.one"}, {"path": "/x"}],
        "lifecycle": {"resources": [{"id": "node", "operations": [{"key": "drain"}]}]},
    }
    assert display_field(("routes", 0, "back"), raw) == "routes[r.one].back"
    assert display_field(("routes", 1, "back"), raw) == "routes[1].back"
    loc = ("lifecycle", "resources", 0, "operations", 0, "intent")
    assert display_field(loc, raw) == "lifecycle.resources[node].operations[drain].intent"


def test_issue_format() -> None:
    issue = ContractIssue("contracts/v3/routes.yaml", 12, "routes[a].back", "unknown route 'b'")
    assert str(issue) == "contracts/v3/routes.yaml:12: routes[a].back: unknown route 'b'"
    assert str(SourceRef("f.yaml", 3)) == "f.yaml:3"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("/a/{x}", None),
        ("a", "must start with '/'"),
        ("/a/", "must not end with '/'"),
        ("/a//b", "must not contain empty segments ('//')"),
        ("/a/x{y}", "segment 'x{y}' must be either static text or exactly '{name}'"),
        ("/a/{x}/{x}", "parameter 'x' appears twice"),
        ("/a/*/b", "wildcard '*' is only allowed in legacy paths"),
    ],
)
def test_template_problems(template: str, problem: str | None) -> None:
    assert template_problem(template, allow_wildcard=False) == problem


def test_paths() -> None:
    assert path_shape("/a/{x}/b") == path_shape("/a/{y}/b") == "/a/{}/b"
    assert is_prefix("/apps/{app_id}", "/apps/{app_id}/launch")
    assert not is_prefix("/apps", "/apps")
    assert format_path("/b/{id}", {"id": "a b/c"}) == "/b/a%20b%2Fc"
    with pytest.raises(KeyError):
        format_path("/b/{id}", {})
    pick = best_match([("param", "/w/{id}"), ("static", "/w/activity")], "/w/activity/")
    assert pick == ("static", {})
    assert best_match([("wild", "/v3/*")], "/v3") is None


def _route(**extra: object) -> Route:
    base = {"id": "r", "path": "/r/{rid}", "family": "f", "kind": "detail"}
    return Route.model_validate({**base, **extra})


def test_models_are_frozen_and_strict() -> None:
    route = _route()
    with pytest.raises(ValidationError):
        route.kind = "list"  # type: ignore[misc]
    with pytest.raises(ValidationError) as raised:
        _route(bak="x")
    assert raised.value.errors()[0]["type"] == "extra_forbidden"
    assert route.params == ("rid",)
    assert route.format({"rid": "1"}) == "/r/1"
    assert not route.is_drilldown and _route(back="l").is_drilldown


def test_source_is_excluded_from_equality_dump_and_schema() -> None:
    a, b = _route(), _route()
    a.__dict__["source"] = SourceRef("x.yaml", 1)  # what the loader does
    assert a == b and hash(a) == hash(b)
    assert str(a.source) == "x.yaml:1" and str(b.source) == "<unknown>:0"
    assert "source" not in a.model_dump()
    assert "source" not in Route.model_json_schema()["properties"]


def test_step_needs_exactly_one_action() -> None:
    step = Step.model_validate({"open_tab": {"key": "events", "route": "r.events"}})
    assert step.action == "open_tab"
    with pytest.raises(ValidationError, match="exactly one of"):
        Step.model_validate({})


def test_legacy_mapping_and_param_map() -> None:
    legacy = LegacyRoute.model_validate(
        {
            "id": "v1.a",
            "path": "/a/{aid}",
            "redirect": {"to": "b", "params": {"bid": {"resolved_from": "aid"}}},
        }
    )
    assert legacy.mapping == "redirect" and legacy.params == ("aid",)
    assert legacy.redirect is not None
    assert legacy.redirect.params["bid"].resolved_from == "aid"  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="must be a legacy parameter name"):
        LegacyRoute.model_validate(
            {"id": "v1.a", "path": "/a", "redirect": {"to": "b", "params": {"x": 3}}}
        )

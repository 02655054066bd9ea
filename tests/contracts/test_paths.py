"""The one URL vocabulary (contracts.paths): matching, filling and the route index.

Property tests generate templates and values: filling a template and matching the result must
give the values back, whatever characters they hold."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts import Contract
from contracts.paths import PathIndex, format_path, match_template, path_of, template_problem

# Bounded and tolerant of a loaded CI machine: generation, not the code under test, is slow.
settings.register_profile("paths", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("paths")
STATIC = st.text(string.ascii_lowercase + string.digits + "-_.", min_size=1, max_size=8).filter(
    lambda s: s not in {".", ".."})
VALUES = st.text(min_size=1, max_size=12).filter(lambda s: s not in {".", ".."})


@st.composite
def templates(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A template of 1-5 segments, each static or a uniquely named parameter."""
    parts, names = [], []
    for i in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            name = f"p{i}"
            names.append(name)
            parts.append("{" + name + "}")
        else:
            parts.append(draw(STATIC))
    return "/" + "/".join(parts), names


@given(templates(), st.data())
def test_fill_then_match_round_trips(template, data):
    path, names = template
    values = {n: data.draw(VALUES, label=n) for n in names}
    filled = format_path(path, values)
    assert match_template(path, filled) == values
    # A query, a fragment and a trailing slash never change the answer.
    assert match_template(path, f"http://h.test{filled}/?q=1&x={filled}#frag") == values


@given(templates(), st.data())
def test_a_trailing_slash_template_fills_with_it_and_matches_either_way(template, data):
    # Django-style canonical URLs end in '/': filling keeps the slash (no redirect per
    # navigation), and a URL with or without it matches the same template with the same values.
    path, names = template
    slashed = path + "/"
    assert template_problem(slashed, allow_wildcard=False, allow_trailing_slash=True) is None
    values = {n: data.draw(VALUES, label=n) for n in names}
    filled = format_path(slashed, values)
    assert filled == format_path(path, values) + "/"
    assert match_template(slashed, filled) == values
    assert match_template(slashed, filled.rstrip("/") or "/") == values
    assert match_template(path, filled) == values
    assert PathIndex([("r", slashed)]).match(filled) == ("r", values)


@given(templates(), st.data())
def test_a_path_with_a_segment_more_or_less_does_not_match(template, data):
    path, names = template
    filled = format_path(path, {n: data.draw(VALUES, label=n) for n in names})
    assert match_template(path, filled + "/extra") is None
    assert match_template(path, filled.rsplit("/", 1)[0] or "/") is None or path.count("/") == 1


@pytest.mark.parametrize(("template", "path", "expected"), [
    # the wildcard covers what is below /v3, not /v3 itself (glob semantics)
    ("/v3/*", "/v3", None),
    ("/v3/*", "/v3/", None),
    ("/v3/*", "/v3/workloads/x", {"*": "workloads/x"}),
    ("/v3/*", "/v3x", None),
    # the query is never part of a value
    ("/a/{x}", "/a/b?q=1", {"x": "b"}),
    ("/a/{x}", "http://h.test/a/b?q=1#f", {"x": "b"}),
    # values are decoded, and filling encodes them again
    ("/a/{x}", "/a/my%20bucket", {"x": "my bucket"}),
    ("/a/{x}", "/a/x%2Fy", {"x": "x/y"}),
    ("/storage/buckets/{bucket_id}", "/storage/buckets/b-1/", {"bucket_id": "b-1"}),
    ("/storage/buckets/{bucket_id}", "/storage/buckets", None),
])
def test_pinned_cases(template, path, expected):
    assert match_template(template, path) == expected


def test_filling_refuses_missing_and_empty_values():
    with pytest.raises(KeyError, match="bucket_id"):
        format_path("/b/{bucket_id}", {})
    with pytest.raises(ValueError, match="empty value"):
        format_path("/b/{bucket_id}", {"bucket_id": ""})
    assert format_path("/a/{x}", {"x": "my bucket"}) == "/a/my%20bucket"


def test_path_of_ignores_query_and_fragment():
    assert path_of("http://h.test/a/b?q=1#f") == "/a/b"
    assert path_of("http://h.test") == "/"


@given(st.lists(templates(), min_size=1, max_size=25, unique_by=lambda t: t[0]), st.data())
def test_index_agrees_with_a_scan(entries, data):
    """The bucketed index answers exactly what scanning every template would."""
    from contracts.paths import best_match

    pairs = [(i, t) for i, (t, _) in enumerate(entries)]
    index = PathIndex(pairs)
    template, names = data.draw(st.sampled_from(entries))
    path = format_path(template, {n: data.draw(VALUES, label=n) for n in names})
    assert index.match(path) == best_match(pairs, path)


def test_contract_look_ups(contract: Contract):
    route, params = contract.match_path("/workloads/activity")
    assert route.id == "workloads.activity" and params == {}
    detail = next(r for r in contract.routes if r.params)
    url = "http://x.test" + detail.format(dict.fromkeys(detail.params, "v-1")) + "?tab=x"
    assert contract.route_id_of(url) == detail.id
    assert contract.route_id_of(None) is None
    assert contract.match_path("/no/such/page/anywhere") is None
    wildcard = next(x for x in contract.legacy if x.path.endswith("/*"))
    legacy, rest = contract.match_legacy(wildcard.path[:-1] + "deep/page")
    assert legacy.id == wildcard.id and rest == {"*": "deep/page"}

"""Shards balanced by previous durations, grouped by contract entry, falling back to counts."""

from __future__ import annotations

import json

import pytest

from harness.plugin.shards import DurationsError, load_durations, plan


def _groups(sizes: dict[str, int]) -> dict[str, list[str]]:
    return {g: [f"t::{g}-{i}" for i in range(n)] for g, n in sizes.items()}


def test_durations_balance_shards_that_counts_would_not():
    # One slow entry (a journey) and many quick ones: equal counts would be unequal time.
    groups = _groups({"slow": 2, **{f"r{i}": 2 for i in range(10)}})
    durations = {t: (10.0 if g == "slow" else 1.0) for g, ts in groups.items() for t in ts}
    timed = plan(groups, 2, durations)
    counted = plan(groups, 2)
    assert timed.by_time and not counted.by_time
    assert sorted(timed.predicted_s) == [20.0, 20.0]
    by_count = [sum(durations[t] for g, s in counted.assignment.items() if s == i
                    for t in groups[g]) for i in (0, 1)]
    assert max(by_count) > max(timed.predicted_s)  # counts alone are worse here
    print(f"\nshard seconds by durations {timed.predicted_s}, by counts {by_count}")


def test_every_group_lands_in_exactly_one_shard_and_the_plan_is_deterministic():
    groups = _groups({f"route{i}": 1 + i % 4 for i in range(40)})
    first, again = plan(groups, 3), plan(dict(reversed(list(groups.items()))), 3)
    assert first.assignment == again.assignment  # same partition whatever the item order
    assert set(first.assignment) == set(groups)
    assert sum(first.predicted_s) == sum(len(ts) for ts in groups.values())
    assert max(first.predicted_s) - min(first.predicted_s) <= 4  # within one largest group


def test_tests_without_a_duration_weigh_the_average_of_those_with_one():
    groups = _groups({"old": 2, "new": 2})
    durations = {"t::old-0": 3.0, "t::old-1": 1.0}
    assert plan(groups, 2, durations).predicted_s == (4.0, 4.0)


def test_durations_come_from_results_files_and_a_bad_file_is_one_clear_error(tmp_path):
    (tmp_path / "results-all-main.json").write_text(json.dumps(
        {"results": [{"nodeid": "a", "duration_s": 1.5}]}))
    assert load_durations(tmp_path) == {"a": 1.5}
    (tmp_path / "results-all-gw0.json").write_text("{not json")
    with pytest.raises(DurationsError, match=r"results-all-gw0\.json is not a results file"):
        load_durations(tmp_path)
    with pytest.raises(DurationsError, match="does not exist"):
        load_durations(tmp_path / "empty")

"""Collection: parametrization from the contract, v1compat deselection, shards, Allure labels,
the mutating skip, and the credentials check once the selection is known."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest

from harness.plugin import shards
from harness.plugin.allure_labels import label_marks
from harness.plugin.check_marks import mark_problems
from harness.plugin.entry_groups import entry_group
from harness.plugin.known_defects import mark_known_defects, selection_line
from harness.plugin.parametrize import parametrize
from harness.plugin.role_auth import needed_roles
from harness.plugin.stash import RUN


@pytest.hookimpl(wrapper=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> Generator[None, None, None]:
    config = metafunc.config
    run = config.stash.get(RUN, None)
    if run is not None:
        parametrize(metafunc, run.contract, run.role)
    # With a single browser, keep ids equal to contract ids (no "chromium-" prefix):
    # pytest-playwright parametrizes browser_name only when it sees browser fixtures.
    browsers = config.getoption("browser", default=None) or []
    saved = list(metafunc.fixturenames)
    if len(browsers) <= 1:
        hidden = {"browser_name", "page", "context", "new_context", "browser", "browser_type"}
        metafunc.fixturenames[:] = [n for n in saved if n not in hidden]
    try:
        return (yield)
    finally:
        metafunc.fixturenames[:] = saved


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    problems = mark_problems(items)
    if problems:
        raise pytest.UsageError("tests that misname their check:\n" + "\n".join(problems))
    markexpr = config.getoption("markexpr", default="") or ""
    run = config.stash[RUN]
    settings = run.settings
    keep, drop = [], []
    for item in items:
        if item.get_closest_marker("v1compat") and "v1compat" not in markexpr:
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    if settings.shard is not None:
        run.shard_plan = _keep_shard(config, items, settings.shard, settings.shard_durations)
    if getattr(config.option, "allure_report_dir", None):  # labels only for a recording
        families = {f.id for f in run.contract.families}
        for item in items:
            for mark in label_marks(item, families):
                item.add_marker(mark)
    for item in items:
        if item.get_closest_marker("mutating") and not settings.allow_mutations:
            item.add_marker(pytest.mark.skip(reason="mutating: needs --allow-mutations"))
    if run.contract.known_defects:
        run.summary.append(selection_line(run.contract, mark_known_defects(run.contract, items)))


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    run = session.config.stash[RUN]
    # Scan accessibility inside the route snapshots only when an a11y test will read it.
    run.a11y_routes = frozenset(
        item.callspec.id for item in session.items
        if item.get_closest_marker("accessibility") and hasattr(item, "callspec"))
    # Before any browser starts: the roles the selection acts as, and their credentials.
    if not session.config.getoption("collectonly") and session.items:
        run.check_credentials(needed_roles(session.items, run.role))


def _keep_shard(config: pytest.Config, items: list[pytest.Item], shard: tuple[int, int],
                source: Path | None) -> shards.ShardPlan:
    index, count = shard
    try:
        durations = shards.load_durations(source) if source else None
    except shards.DurationsError as exc:
        raise pytest.UsageError(str(exc)) from None
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(entry_group(item), []).append(item.nodeid)
    planned = shards.plan(groups, count, durations)
    keep = [i for i in items if planned.assignment[entry_group(i)] == index - 1]
    drop = [i for i in items if planned.assignment[entry_group(i)] != index - 1]
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep
    return planned

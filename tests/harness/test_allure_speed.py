"""Allure's per-test cost stays flat: its result containers get set-speed membership, and what
it writes is unchanged."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

from allure_commons.model2 import TestResultContainer as Container
from allure_commons.reporter import AllureReporter
from allure_commons.utils import uuid4
from allure_pytest.listener import AllureListener

from harness.plugin.allure_speed import _Children, make_children_indexed


class _Plugins:
    def __init__(self, listener: object | None) -> None:
        self.listener = listener

    def get_plugin(self, name: str) -> object | None:
        return self.listener if name == "allure_listener" else None


def _config(listener: object | None) -> object:
    return SimpleNamespace(pluginmanager=_Plugins(listener))


def test_containers_get_indexed_children_and_write_the_same_json():
    reporter = AllureReporter()
    listener = SimpleNamespace(allure_logger=reporter)
    assert make_children_indexed(_config(listener))  # type: ignore[arg-type]
    group = Container(uuid=uuid4())
    reporter.start_group(group.uuid, group)
    assert isinstance(group.children, _Children)
    for i in range(3):
        reporter.update_group(group.uuid, children=f"t{i}")  # how allure-pytest adds a test
    assert "t1" in group.children and "t9" not in group.children
    assert json.loads(json.dumps(list(group.children))) == ["t0", "t1", "t2"]


def test_membership_no_longer_grows_with_the_run():
    children = _Children(f"t{i}" for i in range(50_000))
    began = time.perf_counter()
    for _ in range(2_000):
        assert "missing" not in children
    assert time.perf_counter() - began < 0.5  # a list would scan 100 million entries


def test_without_allure_nothing_is_touched():
    assert not make_children_indexed(_config(None))  # type: ignore[arg-type]


def test_the_real_listener_still_has_the_method_this_speeds_up():
    # If allure-pytest changes how it records fixture containers, this module must be revisited.
    assert hasattr(AllureListener, "_update_fixtures_children")
    assert hasattr(AllureReporter, "start_group")

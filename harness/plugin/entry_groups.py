"""A contract entry's tests stay together: in one shard (`--shard`), and on one xdist worker under
`pytest -n N --dist loadgroup`, so a route's static gates still share one snapshot (with plain
`--dist load` each worker snapshots the routes it was dealt: up to N navigations a route).

xdist's own loadgroup reads `xdist_group` marks through node ids it rewrites, which pytest 9 no
longer lets it do (every test lands alone); the suite's tests are grouped by their parameter id
instead, which is the contract entry they are about."""

from __future__ import annotations

import re
from typing import Any

import pytest

_PARAMETER_ID = re.compile(r"\[(?P<id>[^\[\]]+)\]$")


def entry_group(item: pytest.Item) -> str:
    """The contract entry a test is about (its parameter id), else the test itself."""
    callspec = getattr(item, "callspec", None)
    return callspec.id if callspec is not None else item.nodeid


def entry_of_nodeid(nodeid: str) -> str:
    """The same group, from a node id alone (what xdist's scheduler sees)."""
    found = _PARAMETER_ID.search(nodeid)
    return found.group("id") if found else nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under --dist loadgroup: xdist's scope scheduling, one scope per contract entry."""
    if config.getoption("dist", default="no") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class EntryScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return entry_of_nodeid(nodeid)

    return EntryScheduling(config, log)

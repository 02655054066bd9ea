"""Loaded into a child suite run with `-p tests.integration.plugin_probe`: at the end of the
session it writes what pytest's plugin manager holds to $CUTOVER_PROBE_OUT (JSON) -- which
conftests were loaded, which registered plugins do not hash (pluggy puts plugins in sets when a
conftest applies to some paths only), and whether this run's hook calls went through such a
path-filtered proxy."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


def _unhashable(plugins: object) -> list[str]:
    names = []
    for plugin in plugins:  # type: ignore[attr-defined]
        try:
            hash(plugin)
        except TypeError:
            names.append(type(plugin).__qualname__)
    return names


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    manager = session.config.pluginmanager
    suites = Path(str(session.config.rootpath)) / "suites"
    report = {
        "conftests": sorted(str(getattr(m, "__file__", m)) for m in manager._conftest_plugins),
        "unhashable": _unhashable(manager.get_plugins()),
        "plugins": len(manager.get_plugins()),
        "hook_proxy": type(session.gethookproxy(suites)).__name__,
    }
    Path(os.environ["CUTOVER_PROBE_OUT"]).write_text(json.dumps(report))

"""The plugin's stash keys: the run (harness.plugin.run, on the pytest config), the check a
test's mark names and what it judged (on a test item) and the route snapshots' page pool (on the
session, for as long as the `snapshots` fixture lives: a failing test's report asks it for the
picture of the page a gate judged, whichever fixtures the test was given). Everything else about
the run lives on the run object, so this module is the one place a key is defined. The keys'
types are annotations, imported for the checker only, so any module may import this one without
an import circle."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from harness.checks.judge import Judgement
    from harness.plugin.artifacts import RoutePictures
    from harness.plugin.check_marks import NamedCheck
    from harness.plugin.run import CutoverRun

RUN: pytest.StashKey[CutoverRun] = pytest.StashKey()
NAMED_CHECK: pytest.StashKey[NamedCheck | None] = pytest.StashKey()
# On an item: what its check judged (harness.plugin.judgements).
JUDGED: pytest.StashKey[Judgement] = pytest.StashKey()
ROUTE_PICTURES: pytest.StashKey[RoutePictures] = pytest.StashKey()

"""One reference target in login mode per test module that asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.targets.reference_process import ReferenceProcess
from tests.auth.support import PASSWORDS


@pytest.fixture(scope="module")
def login_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process = ReferenceProcess(log_path=tmp_path_factory.mktemp("login") / "target.log",
                               login_passwords=dict(PASSWORDS))
    url = process.start()
    yield url
    process.stop()

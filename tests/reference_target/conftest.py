"""Fixtures for the reference target's own tests."""

import pytest

from tests.reference_target.support import TestClient, make_client


@pytest.fixture(scope="module")
def client() -> TestClient:
    """A healthy app shared by a module's read-only tests (never mutate through it)."""
    return make_client()


@pytest.fixture
def fresh_client() -> TestClient:
    """A healthy app of its own, for tests that change state."""
    return make_client()

"""Root conftest: the cutover harness plugin provides options, markers and target fixtures."""

pytest_plugins = ["harness.plugin"]

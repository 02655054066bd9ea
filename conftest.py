"""Root conftest: the cutover harness plugin provides options, markers, the target, browser
set-up and the shared route snapshots."""

pytest_plugins = ["harness.plugin", "harness.fixtures"]

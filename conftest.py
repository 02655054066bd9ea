"""Root conftest: the cutover plugin (options, markers, the target, browser set-up and the shared
route snapshots) for the suites under suites/. The project's own tests under tests/ are a pytest
project of their own (tests/pytest.ini), so this file and the plugin are never loaded for them."""

pytest_plugins = ["harness.plugin.hooks", "harness.plugin.fixtures"]

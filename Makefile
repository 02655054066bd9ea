# The two commands: `make e2e` (the default suite against the embedded reference target, writing
# reports/) and `make test` (the project's own tests). Each sets up what it needs on first use:
# .venv with the project installed, and a Chromium. Later runs reinstall nothing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.cutover-installed
BROWSER := $(VENV)/.cutover-browser.json
PYTEST_ARGS ?=

.PHONY: e2e test lint report setup clean

e2e: setup
	$(BIN)/pytest --readiness --junitxml=reports/junit.xml --alluredir=reports/allure-results --clean-alluredir $(PYTEST_ARGS)

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest tests $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/cutover lint

report: setup
	$(BIN)/cutover allure-report

setup: $(INSTALLED) $(BROWSER)

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

$(BROWSER): $(INSTALLED)
	$(BIN)/python -m harness.targets.browser provision $@

clean:
	rm -rf $(VENV)
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +

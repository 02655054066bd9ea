# The two commands: `make e2e` (the default suite against the embedded reference target, each
# run in its own folder reports/runs/<run id>/, which reports/latest then points at) and
# `make test` (the project's own tests). Each sets up what it needs on first use: .venv with
# the project installed, and a Chromium. Later runs reinstall nothing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.cutover-installed
BROWSER := $(VENV)/.cutover-browser.json
PYTEST_ARGS ?=

.PHONY: e2e test lint report soak bench examples ci-local setup clean

# The opt-in V1 compatibility run first (it holds the V1<->V3 parity evidence), then the
# default run, whose readiness report reads both runs.
e2e: setup
	$(BIN)/pytest -m v1compat --allure $(PYTEST_ARGS)
	$(BIN)/pytest --readiness --allure $(PYTEST_ARGS)

# Two workers, a test file each at a time: most of these tests wait on a pytest run they started
# (a third of two cores busy when serial): 1251 tests in 11m35s, 12m25s with set-up, on a clean
# clone (the fault matrix 3 min, the shipped CI job 1m45s, the Dagster example 2m30s of that).
# Three workers measured slower on 2 cores: the suite runs then fight for the CPU. Files
# go out in collection order, which tests/conftest.py sorts longest first (`long_run`); the
# slowest tests are printed.
test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest tests -n 2 --dist loadfile --no-loadscope-reorder --durations=15 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/cutover lint

report: setup
	$(BIN)/cutover allure-report

# Flake hunt: the default suite SOAK_RUNS times with latency jitter; lists every test whose
# outcome differs between runs. Not part of `make test` (which runs a short version).
# SOAK_TARGET=kind soaks the kind job's path (login, saved states, --target kind) against the
# reference target in login mode on loopback.
SOAK_RUNS ?= 20
SOAK_LATENCY ?= 0-300
SOAK_TARGET ?= reference
soak: setup
	$(BIN)/cutover soak --runs $(SOAK_RUNS) --latency $(SOAK_LATENCY) --target $(SOAK_TARGET)

# The shipped CI workflow (.github/workflows/e2e-kind.yml: the e2e job, then the promote job),
# run here step by step as written: only kind, docker and kubectl are a loopback stand-in (the
# reference target in login mode on the workflow's hostPort). FAULT=NAME deploys it with a named
# fault; the e2e job must then fail.
FAULT ?=
ci-local: setup
	$(BIN)/cutover ci-local $(if $(FAULT),--fault $(FAULT))

# Benchmark (not part of `make test`): per N, a synthetic product of N routes measured with a
# bare Playwright loop and with the suite's static gates; the full navigation and cutover
# selection at FULL routes; then the default run healthy and with a fault. Prints the table the
# README's performance section shows.
N ?= 100 500 2000
FULL ?= 1000
bench: setup
	$(BIN)/python -m bench.run --routes $(N) --full $(FULL)

# The unchanged default suite against each example app of examples/ (real third-party apps,
# installed on first use into a cache dir and started on loopback). Not part of `make test`,
# which runs the Datasette example and one family of the Dagster example end to end
# (tests/examples/).
EXAMPLES ?= datasette django dagster
examples: setup
	@for app in $(EXAMPLES); do examples/run.sh $$app $(PYTEST_ARGS) || exit 1; done

setup: $(INSTALLED) $(BROWSER)

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

$(BROWSER): $(INSTALLED)
	$(BIN)/python -m harness.targets.browser provision $@

clean:
	rm -rf $(VENV) .auth
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +

"""Collection, markers, options and the report header: child pytest runs that never start a
browser (--collect-only), so they are fast."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.integration.suite_runner import ROOT


def pytest_run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CUTOVER_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=full_env,
                          check=False)


def collected(*args: str, env: dict[str, str] | None = None) -> list[str]:
    done = pytest_run("--collect-only", "-q", *args, env=env)
    assert done.returncode in (0, 5), done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.fixture(scope="module")
def default_ids() -> list[str]:
    return collected()


def test_plain_pytest_collects_the_default_suite_without_v1compat(default_ids):
    assert len(default_ids) > 500
    assert all(line.startswith("suites/") for line in default_ids)
    assert not [i for i in default_ids if "test_v1_compat.py" in i]


def test_v1compat_selects_only_compatibility_tests(default_ids):
    ids = collected("-m", "v1compat")
    assert ids and not set(ids) & set(default_ids)
    assert {i.split("::")[0] for i in ids} == {"suites/cutover/test_v1_compat.py",
                                              "suites/cutover/test_parity.py"}


def test_test_ids_are_contract_ids(default_ids):
    assert "suites/navigation/test_static_gates.py::test_back_link[storage.bucket.detail]" in \
        default_ids
    assert "suites/cutover/test_legacy_routes.py::test_legacy_redirect[v1.allocation.detail]" in \
        default_ids


def test_family_and_suite_markers_combine():
    ids = collected("-m", "navigation and storage")
    assert ids and all("suites/navigation/" in i and "storage" in i for i in ids)


def test_shards_partition_the_suite(default_ids):
    shards = [set(collected("--shard", f"{i}/3")) for i in (1, 2, 3)]
    assert set().union(*shards) == set(default_ids)
    assert sum(len(s) for s in shards) == len(default_ids)
    assert all(shards)
    # every test of one route stays in one shard, so its snapshot is shared
    where = {i: n for n, s in enumerate(shards) for i in s}
    detail = [i for i in default_ids if i.endswith("[storage.bucket.detail]")]
    assert len({where[i] for i in detail}) == 1


def test_report_header_names_target_contract_role_and_browser():
    done = pytest_run("--collect-only", "suites/navigation/test_roles.py")
    header = done.stdout
    assert "cutover target: reference, base URL: auto-started" in header
    assert "cutover contract: " in header and "role: platform_admin" in header
    assert "cutover browser: " in header and ("(system)" in header or "(playwright)" in header
                                              or "(CUTOVER_CHROMIUM)" in header)


@pytest.mark.parametrize(("args", "env", "expected"), [
    ((), {}, "role: platform_admin"),  # the contract's default role
    (("-o", "cutover_role=user"), {}, "role: user"),  # ini
    (("-o", "cutover_role=user"), {"CUTOVER_ROLE": "project_admin"}, "role: project_admin"),
    (("-o", "cutover_role=user", "--role", "platform_admin"), {"CUTOVER_ROLE": "project_admin"},
     "role: platform_admin"),  # the command line wins
])
def test_option_precedence_cli_env_ini(args, env, expected):
    done = pytest_run("--collect-only", "suites/navigation/test_roles.py", *args, env=env)
    assert expected in done.stdout, done.stdout


def test_base_url_keeps_working_and_selects_that_app():
    done = pytest_run("--collect-only", "--base-url", "http://app.test:8080",
                      "suites/navigation/test_roles.py")
    assert "cutover target: url, base URL: http://app.test:8080" in done.stdout


def test_bad_contract_stops_the_run_with_every_error_and_no_traceback(tmp_path):
    import shutil

    broken = tmp_path / "contract"
    shutil.copytree(ROOT / "contracts" / "v3", broken)
    routes = broken / "routes.yaml"
    routes.write_text(routes.read_text().replace("back: storage.buckets", "back: storage.bukets",
                                                 1))
    done = pytest_run("--collect-only", "-q", f"--contracts={broken}")
    assert done.returncode == 2
    assert "routes.yaml:" in done.stdout + done.stderr
    assert "did you mean 'storage.buckets'" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_unreachable_target_is_one_clear_error_fast():
    done = pytest_run("--target", "url", "--base-url", "http://127.0.0.1:9",
                      "suites/navigation/test_roles.py", "-k", "landing")
    out = done.stdout + done.stderr
    assert done.returncode == 3, out
    assert "target url is unreachable at http://127.0.0.1:9" in out
    assert "Traceback" not in out


def test_mutations_are_refused_on_a_target_not_marked_disposable(tmp_path):
    import json
    import urllib.request

    from harness.targets.reference_process import ReferenceProcess

    app = ReferenceProcess(log_path=tmp_path / "target.log")
    url = app.start()
    try:
        # the same app, reached as a plain URL target: nothing marks it disposable
        done = pytest_run("--target", "url", "--base-url", url, "--allow-mutations",
                          "suites/lifecycle/test_mutations.py")
        with urllib.request.urlopen(f"{url}/__audit", timeout=5) as resp:
            audit = json.load(resp)
    finally:
        app.stop()
    out = done.stdout + done.stderr
    assert done.returncode == 4, out
    assert "--allow-mutations refused: target url" in out and "not marked disposable" in out
    assert "Traceback" not in out
    assert audit == []


def test_a_browser_engine_that_is_not_installed_is_refused_in_one_sentence():
    from harness.targets.browser import engine_installed

    if engine_installed("firefox"):
        pytest.skip("Playwright's Firefox is installed here: nothing to refuse")
    done = pytest_run("--collect-only", "-q", "--browser", "firefox")
    assert done.returncode == 4, done.stdout + done.stderr
    assert "--browser firefox: Playwright's firefox is not installed here" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_read_only_commands_keep_the_previous_results(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    previous = results / "results-all-main.json"
    previous.write_text("{}")
    for args in (["--help"], ["--markers"], ["--collect-only", "-q"]):
        pytest_run(*args, f"--results-dir={tmp_path}")
        assert previous.exists(), args
        assert not (tmp_path / "runs").exists(), f"{args} made a run folder"

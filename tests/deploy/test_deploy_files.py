"""The kind CI job that ships in deploy/ and .github/ cannot run here (no registry, no cluster),
so it is validated statically: the workflow against GitHub's published workflow schema (as
check-jsonschema vendors it, offline), the manifests agree with the image's port and the suite's
base URL, and every command of ours the jobs run parses with its real argument parser."""

from __future__ import annotations

import contextlib
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from contracts import BUNDLED_CONTRACT, load_contract
from harness.targets.auth_command import build_parser as auth_parser
from reference_target.cli import build_parser as serve_parser
from reference_target.login import password_variable

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "e2e-kind.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
DOCKERFILE = ROOT / "deploy" / "reference-target.Dockerfile"
CLUSTER = ROOT / "deploy" / "kind" / "cluster.yaml"
MANIFESTS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))


def _workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())
    return loaded


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _workflow()["jobs"]["e2e"]["steps"]
    return steps


def _manifest(kind: str) -> dict[str, Any]:
    docs = [d for path in MANIFESTS for d in yaml.safe_load_all(path.read_text()) if d]
    return next(d for d in docs if d["kind"] == kind)


def _commands(script: str) -> list[list[str]]:
    """Shell lines of a `run:` block, continuations joined, split as the shell would."""
    joined = re.sub(r"\\\n\s*", " ", script)
    return [shlex.split(line) for line in joined.splitlines() if line.strip()
            and not line.strip().startswith("#")]


def _our_commands() -> list[list[str]]:
    found = [cmd for step in _steps() if "run" in step for cmd in _commands(step["run"])]
    gitlab = yaml.safe_load(GITLAB.read_text())["e2e-kind"]["script"]
    found += [cmd for block in gitlab for cmd in _commands(block)]
    return [cmd[:cmd.index("||")] if "||" in cmd else cmd for cmd in found
            if cmd and cmd[0].startswith(".venv/bin/")]


def test_the_workflow_validates_against_the_github_workflow_schema():
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent /
                                                  "check-jsonschema")
    done = subprocess.run([exe, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs_on:"))
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent /
                                                  "check-jsonschema")
    done = subprocess.run([exe, "--builtin-schema", "vendor.github-workflows", str(broken)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0


def test_the_job_runs_every_step_in_order():
    names = [s.get("name", s.get("uses", "")) for s in _steps()]
    text = "\n".join(str(s.get("run", "")) + str(s.get("uses", "")) for s in _steps())
    order = ["helm/kind-action", "kind load docker-image", "kubectl apply -f deploy/k8s/",
             "kubectl rollout status", "cutover auth --target kind", "pytest --target kind",
             "actions/upload-artifact", "cutover readiness"]
    positions = [text.find(part) for part in order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), (names, positions)
    upload = next(s for s in _steps() if "upload-artifact" in s.get("uses", ""))
    assert upload["if"] == "always()" and "reports/" in upload["with"]["path"]
    suite = next(s for s in _steps() if "pytest --target kind" in str(s.get("run", "")))
    # traces, JUnit and Allure results go to the run's folder under reports/ (no --output)
    assert "--output" not in suite["run"] and "--tracing" in suite["run"]


def test_manifests_agree_with_the_image_port_and_the_suite_base_url():
    docker = DOCKERFILE.read_text()
    exposed = int(re.search(r"^EXPOSE (\d+)$", docker, re.M).group(1))  # type: ignore[union-attr]
    cmd = yaml.safe_load(re.search(r"^CMD (.+)$", docker, re.M).group(1))  # type: ignore[union-attr]
    served = serve_parser().parse_args(cmd[3:])  # after python -m reference_target
    assert served.port == exposed and served.login and served.host == "0.0.0.0"

    deployment, service = _manifest("Deployment"), _manifest("Service")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports[service["spec"]["ports"][0]["targetPort"]] == exposed
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    node_port = service["spec"]["ports"][0]["nodePort"]

    mapping = yaml.safe_load(CLUSTER.read_text())["nodes"][0]["extraPortMappings"][0]
    assert mapping["containerPort"] == node_port
    base_url = _workflow()["jobs"]["e2e"]["env"]["CUTOVER_KIND_BASE_URL"]
    assert base_url == f"http://{mapping['listenAddress']}:{mapping['hostPort']}"
    kind_step = next(s for s in _steps() if "kind-action" in s.get("uses", ""))
    assert kind_step["with"]["config"] == str(CLUSTER.relative_to(ROOT))


def test_the_image_the_job_builds_is_the_one_deployed_with_the_secret_it_creates():
    deployment = _manifest("Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    text = "\n".join(str(s.get("run", "")) for s in _steps())
    assert f"-t {container['image']}" in text and f"load docker-image {container['image']}" \
        in text
    secret = container["envFrom"][0]["secretRef"]["name"]
    assert f"create secret generic {secret}" in text
    for role in load_contract(BUNDLED_CONTRACT).roles:
        assert f"--from-literal={password_variable(role.id)}=" in text, role.id
        # the suite's side of the same password, named as the contract's auth.yaml names it
        assert f"CUTOVER_{role.id.upper()}_PASSWORD" in text


def test_cutover_auth_commands_parse_with_its_parser():
    found = [c for c in _our_commands() if c[:2] == [".venv/bin/cutover", "auth"]]
    assert found
    for cmd in found:
        args = auth_parser().parse_args(cmd[2:])  # SystemExit on an unknown option
        assert args.target == "kind"


def test_cutover_readiness_commands_parse_with_its_parser(tmp_path, monkeypatch, capsys):
    from harness.reports.readiness.command import readiness_command

    found = [c for c in _our_commands() if c[:2] == [".venv/bin/cutover", "readiness"]]
    assert found
    monkeypatch.chdir(tmp_path)  # no results here: the command stops after parsing
    for cmd in found:
        with contextlib.suppress(SystemExit):  # argparse exits on a bad option: read why
            readiness_command(cmd[2:])
        err = capsys.readouterr().err
        assert "unrecognized arguments" not in err and "invalid choice" not in err, err


def test_pytest_commands_are_accepted_by_pytest_with_the_plugin(tmp_path):
    found = [c for c in _our_commands() if c[0] == ".venv/bin/pytest"]
    assert found
    for cmd in {tuple(c) for c in found}:
        # collect only, and keep the files the options name out of the checkout
        done = subprocess.run(
            [sys.executable, "-m", "pytest", *cmd[1:], "--collect-only", "-q",
             f"--junitxml={tmp_path / 'junit.xml'}", f"--alluredir={tmp_path / 'allure'}",
             f"--results-dir={tmp_path}"],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                 "CUTOVER_KIND_BASE_URL": "http://127.0.0.1:8080"})
        assert done.returncode == 0, done.stdout[-1500:] + done.stderr[-1500:]


@pytest.mark.parametrize("path", [WORKFLOW, GITLAB, CLUSTER, *MANIFESTS])
def test_every_deployment_file_parses(path):
    assert [d for d in yaml.safe_load_all(path.read_text()) if d]


def _venv_commands(blocks: list[str]) -> list[str]:
    """The commands a job runs from its virtualenv, in order, without shell plumbing around
    them (`a && b`, `cmd || echo ...`, comments)."""
    found = []
    for block in blocks:
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            for part in re.split(r"\s*(?:&&|\|\|)\s*", line.split("  #", 1)[0]):
                if part.strip().startswith(".venv/bin/"):
                    found.append(" ".join(part.split()))
    return found


def test_the_gitlab_job_runs_the_same_suite_commands_as_the_github_job():
    """`make ci-local` executes the GitHub job; the GitLab job is held to it here: the same
    install, login, evidence, suite and gate commands in the same order (only the cluster set-up
    differs: GitLab's kind runs in docker:dind)."""
    github = _venv_commands([str(s.get("run", "")) for s in _steps()])
    job = yaml.safe_load(GITLAB.read_text())["e2e-kind"]
    gitlab = _venv_commands([*job["before_script"], *job["script"]])
    assert github == gitlab
    assert any("-m v1compat" in c for c in github) and any("--readiness" in c for c in github)


def _promote_steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _workflow()["jobs"]["promote"]["steps"]
    return steps


def test_the_promote_job_gates_the_deploy_on_main_after_the_kind_job():
    """The promotion gate: after the kind job, on main only, on its reports; the deploy step
    comes after `cutover promote` with no `if:` of its own, so a HOLD (exit 1) skips it."""
    job = _workflow()["jobs"]["promote"]
    assert job["needs"] == "e2e"
    assert "github.ref == 'refs/heads/main'" in job["if"] and "!cancelled()" in job["if"]
    names = [s.get("name", s.get("uses", "")) for s in _promote_steps()]
    promote = next(i for i, s in enumerate(_promote_steps())
                   if "cutover promote" in str(s.get("run", "")))
    deploy = next(i for i, n in enumerate(names) if n.startswith("Deploy"))
    assert promote < deploy and "if" not in _promote_steps()[deploy], names
    upload = next(s for s in _steps() if "upload-artifact" in s.get("uses", ""))
    download = next(s for s in _promote_steps() if "download-artifact" in s.get("uses", ""))
    assert download["with"]["name"] == upload["with"]["name"]
    assert download["with"]["path"] == upload["with"]["path"] == "reports/"


def test_cutover_promote_commands_parse_and_match_on_both_ci_systems(tmp_path, monkeypatch,
                                                                     capsys):
    from harness.reports.promote.command import promote_command

    github = _venv_commands([str(s.get("run", "")) for s in _promote_steps()])
    gitlab = _venv_commands(yaml.safe_load(GITLAB.read_text())["promote"]["script"])
    assert github == gitlab and any("cutover promote" in c for c in github)
    validating = next(s for s in load_contract(BUNDLED_CONTRACT).plan if s.status == "validating")
    monkeypatch.chdir(tmp_path)  # no reports here: the command holds, naming what it lacks
    for cmd in github:
        if " promote" in cmd:
            assert promote_command(shlex.split(cmd)[2:]) == 1
            out = capsys.readouterr().out
            assert out.startswith(f"cutover promote {validating.id}: HOLD")
            assert f"no complete run on {validating.environment}" in out

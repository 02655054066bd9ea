"""ci-local's reading of a workflow: `if:` as GitHub evaluates it, continue-on-error, the
runner's files ($GITHUB_ENV, masks, annotations), and the kind/docker/kubectl stand-in refusing
what it does not know -- without running a job."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from harness.ci_local import standin
from harness.ci_local.command import ACTIONS, ci_local_command
from harness.ci_local.runner import JobRun, run_job
from harness.ci_local.workflow import (
    Contexts,
    WorkflowError,
    condition_holds,
    evaluate,
    load_job,
    load_jobs,
    substitute,
)

SHIPPED = Path(__file__).resolve().parents[2] / ".github/workflows/e2e-kind.yml"


def _ctx(failed: bool = False, **outcomes: tuple[str, str]) -> Contexts:
    return Contexts(env={"NAME": "x"}, outcomes=outcomes, job_failed=failed, github={})


def test_if_without_a_status_function_means_success_and():
    assert condition_holds(None, _ctx())
    assert not condition_holds(None, _ctx(failed=True))
    assert condition_holds("always()", _ctx(failed=True))
    suite_failed = _ctx(suite=("failure", "success"))
    assert condition_holds("steps.suite.outcome == 'failure'", suite_failed)
    assert not condition_holds("steps.suite.outcome == 'failure'", _ctx(suite=("success",
                                                                            "success")))
    either = "steps.suite.outcome == 'failure' || steps.v1compat.outcome == 'failure'"
    assert condition_holds(either, _ctx(v1compat=("failure", "success")))
    assert condition_holds("${{ failure() }}", _ctx(failed=True))
    assert not condition_holds("!always()", _ctx())


def test_expressions_fill_run_scripts_and_refuse_what_they_do_not_know():
    assert substitute("echo ${{ env.NAME }}-${{ steps.s.outcome }}",
                      _ctx(s=("failure", "success"))) == "echo x-failure"
    assert evaluate("'it''s'", _ctx()) == "it's"
    with pytest.raises(WorkflowError, match="does not know"):
        evaluate("matrix.os", _ctx())
    with pytest.raises(WorkflowError, match="cannot evaluate"):
        evaluate("1 +", _ctx())


def test_the_shipped_workflow_has_a_stand_in_for_every_action():
    e2e, promote = load_jobs(SHIPPED)
    assert {s.action for job in (e2e, promote) for s in job.steps if s.action} <= set(ACTIONS)
    assert [s.id for s in e2e.steps if s.continue_on_error] == ["v1compat", "suite"]
    assert (promote.id, promote.needs) == ("promote", ("e2e",))


WORKFLOW = """\
jobs:
  deploy:
    needs: [build]
    if: ${{ !cancelled() && github.ref == 'refs/heads/main' }}
    steps:
      - uses: actions/download-artifact@v4
        with: {name: out, path: got/}
      - run: test "$(cat got/made)" = "made by build" && echo "deploy sees $(cat got/made)"
  build:
    steps:
      - run: mkdir out && echo "made by build" > out/made && exit ${FAIL:-0}
      - if: always()
        uses: actions/upload-artifact@v4
        with: {name: out, path: out/}
  pr-only:
    needs: build
    if: github.ref == 'refs/heads/feature'
    steps:
      - run: echo never
"""


def test_jobs_run_after_what_they_need_on_fresh_copies_and_pass_artifacts(tmp_path, capsys,
                                                                          monkeypatch):
    workflow = tmp_path / "w.yml"
    workflow.write_text(WORKFLOW)
    assert [j.id for j in load_jobs(workflow)] == ["build", "deploy", "pr-only"]
    monkeypatch.chdir(tmp_path)  # the "checkout" copies this folder
    out = tmp_path / "out-dir"
    code = ci_local_command(["--workflow", str(workflow), "--out", str(out),
                             "--workspace", str(tmp_path / "ws")])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "deploy sees made by build" in printed
    record = json.loads((out / "ci-local.json").read_text())
    assert [(s["job"], s["outcome"]) for s in record["steps"]] == [
        ("build", "success"), ("build", "success"), ("deploy", "success"),
        ("deploy", "success")]
    assert record["jobs"][-1] == {"job": "pr-only",
                                  "skipped": "if: github.ref == 'refs/heads/feature'"}
    assert not (tmp_path / "ws-deploy" / "out").exists()  # a fresh runner: only the artifact
    # a failed build still lets `!cancelled()` run its dependant, which then finds the artifact
    code = ci_local_command(["--workflow", str(workflow), "--out", str(tmp_path / "again"),
                             "--env", "FAIL=3"])
    assert code == 1
    record = json.loads((tmp_path / "again" / "ci-local.json").read_text())
    assert [s["job"] for s in record["steps"] if s["conclusion"] == "failure"] == ["build"]
    assert [j["job"] for j in record["jobs"] if "skipped" not in j] == ["build", "deploy"]
    # --job runs one job alone; its artifact is then not there
    assert ci_local_command(["--workflow", str(workflow), "--out", str(tmp_path / "alone"),
                             "--job", "deploy"]) == 1
    assert "no artifact 'out': no earlier job uploaded one" in capsys.readouterr().out


def test_needs_that_name_no_job_or_go_in_a_circle_are_refused(tmp_path):
    workflow = tmp_path / "w.yml"
    workflow.write_text("jobs:\n  a: {needs: b, steps: [{run: x}]}\n  b: {needs: [a], steps: "
                        "[{run: x}]}\n")
    with pytest.raises(WorkflowError, match="the needs of a, b form a circle"):
        load_jobs(workflow)
    workflow.write_text("jobs:\n  a: {needs: c, steps: [{run: x}]}\n")
    with pytest.raises(WorkflowError, match="job 'a' needs c, which the workflow does not"):
        load_jobs(workflow)


def _job(tmp_path: Path, steps: str) -> tuple[JobRun, object]:
    workflow = tmp_path / "w.yml"
    workflow.write_text("jobs:\n  j:\n    env: {A: one}\n    steps:\n"
                        + textwrap.indent(textwrap.dedent(steps), "      "))
    job = load_job(workflow)
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"PATH": "/usr/bin:/bin", "RUNNER_TEMP": str(temp), **job.env}
    run = JobRun(job.id, tmp_path, tmp_path, env)
    run_job(job, run, ACTIONS, deadline=float("inf"))
    return run, job


def test_steps_run_in_order_with_github_env_masks_and_continue_on_error(tmp_path, capsys):
    run, _ = _job(tmp_path, """\
        - name: a secret
          run: |
            echo "::add-mask::s3cret"
            echo "B=$A-two" >> "$GITHUB_ENV"
            echo "the value is s3cret"
        - id: flaky
          continue-on-error: true
          run: echo "::error file=f.yaml,line=3::broken at $B"; exit 3
        - if: steps.flaky.outcome == 'failure'
          run: echo "saw $B"
        - run: exit 1
        - run: echo never
        - if: always()
          run: echo cleanup
        """)
    out = capsys.readouterr().out
    assert "s3cret" not in out and "the value is ***" in out
    assert [(s.outcome, s.conclusion) for s in run.steps] == [
        ("success", "success"), ("failure", "success"), ("success", "success"),
        ("failure", "failure"), ("skipped", "skipped"), ("success", "success")]
    assert run.steps[1].exit_code == 3
    assert run.annotations == ["::error file=f.yaml,line=3::broken at one-two"]
    assert "saw one-two" in out and "cleanup" in out and "never" not in out.replace(
        "echo never", "")
    assert run.failed


def test_an_action_without_a_stand_in_is_refused_before_anything_runs(tmp_path, capsys):
    workflow = tmp_path / "w.yml"
    workflow.write_text("jobs:\n  j:\n    steps:\n      - uses: docker/login-action@v3\n")
    assert ci_local_command(["--workflow", str(workflow), "--out", str(tmp_path)]) == 2
    assert "no stand-in for docker/login-action" in capsys.readouterr().err


def test_the_stand_in_refuses_commands_it_does_not_know(tmp_path, monkeypatch):
    monkeypatch.setenv(standin.STATE_ENV, str(tmp_path))
    state = standin.load_state(tmp_path)
    with pytest.raises(standin.StandInError, match="does not know `kubectl delete"):
        standin.kubectl(["delete", "pod", "x"], state)
    with pytest.raises(standin.StandInError, match="does not know `docker push"):
        standin.docker(["push", "img"], state)
    with pytest.raises(standin.StandInError, match="no nodes found"):
        standin.kind(["load", "docker-image", "img", "--name", "c"], state)


def test_an_image_must_be_built_and_loaded_before_it_is_deployed(tmp_path, monkeypatch):
    monkeypatch.setenv(standin.STATE_ENV, str(tmp_path))
    root = SHIPPED.parents[2]
    monkeypatch.chdir(root)
    state = standin.load_state(tmp_path)
    # the shipped cluster with its host port on 0: the shipped job's own test may hold 8080
    config = tmp_path / "cluster.yaml"
    config.write_text((root / "deploy/kind/cluster.yaml").read_text().replace(
        "hostPort: 8080", "hostPort: 0"))
    standin.kind(["create", "cluster", "--name", "c", "--config", str(config)], state)
    with pytest.raises(standin.StandInError, match="not present locally"):
        standin.kind(["load", "docker-image", "cutover-reference:ci", "--name", "c"], state)
    standin.kubectl(["create", "secret", "generic", "reference-target-logins",
                     "--from-literal=REFERENCE_PASSWORD_USER=x"], state)
    with pytest.raises(standin.StandInError, match="ErrImageNeverPull"):
        standin.kubectl(["apply", "-f", "deploy/k8s/"], state)
    note = standin.docker(["build", "-f", "deploy/reference-target.Dockerfile", "-t",
                           "cutover-reference:ci", "."], state)
    assert '"reference_target"' in note


def test_a_host_port_in_use_fails_the_cluster_as_kind_would(tmp_path, monkeypatch):
    """Else another server on the port would answer the job's checks for this deployment."""
    import socket

    monkeypatch.setenv(standin.STATE_ENV, str(tmp_path))
    config = tmp_path / "cluster.yaml"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        config.write_text("nodes:\n  - extraPortMappings:\n      - {containerPort: 30080, "
                          f"hostPort: {port}, listenAddress: 127.0.0.1}}\n")
        with pytest.raises(standin.StandInError, match=f"127.0.0.1:{port} is in use"):
            standin.kind(["create", "cluster", "--name", "c", "--config", str(config)],
                         standin.load_state(tmp_path))

"""`cutover lint` / `cutover schema` behaviour: exit codes, output shapes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contracts import load_contract
from contracts.commands import lint_command, schema_command
from contracts.schema import SCHEMA_PATH, render_schema

ROOT = Path(__file__).resolve().parents[2]


def test_lint_clean_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_command([str(ROOT / "contracts" / "v3")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    contract = load_contract(ROOT / "contracts" / "v3")
    assert out[0].endswith("— ok") and f" {len(contract.routes)} routes, " in out[0]
    assert f" {len(contract.roles)} roles, " in out[0]


def test_lint_default_directory_is_the_bundled_contract(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_command([]) == 0
    contract = load_contract(ROOT / "contracts" / "v3")
    assert capsys.readouterr().out.startswith(
        f"contracts/v3: {len(contract.families)} families, {len(contract.routes)} routes, ")


def test_lint_errors(contract_copy: Path, edit, capsys: pytest.CaptureFixture[str]) -> None:
    edit("routes.yaml", "    back: storage.buckets\n", "    bak: storage.buckets\n")
    edit("roles.yaml", "landing: workloads.list", "landing: workload.list")
    assert lint_command([str(contract_copy)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "v3: 2 errors"
    assert out[0].startswith("v3/roles.yaml:") and ": roles[user].landing: unknown route" in out[0]
    assert out[1].startswith("v3/routes.yaml:")


def test_lint_json(contract_copy: Path, edit, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_command([str(contract_copy), "--json"]) == 0
    clean = json.loads(capsys.readouterr().out)
    assert clean["errors"] == []
    contract = load_contract(contract_copy)
    assert clean["counts"] == {
        "families": len(contract.families),
        "routes": len(contract.routes),
        "redirects": len(contract.redirects),
        "legacy": len(contract.legacy),
        "slices": len(contract.slices),
        "lifecycle_resources": len(contract.lifecycle.resources),
        "journeys": len(contract.journeys),
        "roles": len(contract.roles),
        "parity": len(contract.parity),
        "criteria": len(contract.criteria),
        "known_defects": len(contract.known_defects),
        "setup": len(contract.setup),
    }
    edit("roles.yaml", "landing: workloads.list", "landing: workload.list")
    assert lint_command(["--json", str(contract_copy)]) == 2
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert len(errors) == 1
    assert set(errors[0]) == {"file", "line", "field", "message"}
    assert (errors[0]["file"], errors[0]["field"]) == ("v3/roles.yaml", "roles[user].landing")
    assert isinstance(errors[0]["line"], int)


def test_lint_usage_error_returns_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_command(["--bogus"]) == 2
    assert "usage: cutover lint" in capsys.readouterr().err


GARBAGE = {
    "missing": None,
    "empty": {},
    "binary": {"a.yaml": b"\x00\xff\xfe"},
    "list": {"a.yaml": b"- 1\n- 2\n"},
    "scalar": {"a.yaml": b"just text\n"},
    "comment-only": {"a.yaml": b"# nothing\n"},
    "broken": {"a.yaml": b"routes: [\n"},
    "wrong-types": {"a.yaml": b"routes: 5\nfamilies: {}\nroles: [1, [2]]\nv3_flag: []\n"},
    "recursive": {"a.yaml": b"routes: &a [*a]\n"},
    "complex-key": {"a.yaml": b"? [a, b]\n: 1\n"},
    "half-valid": {"a.yaml": b"routes:\n  - {id: x, path: /x/{y}, family: nope, kind: detail}\n"},
    "alias-bomb": {
        "a.yaml": b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n".encode()
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
    },
    "control-char": {"a.yaml": b"routes:\n  - id: \x1b[31m\n"},
    "deep-nesting": {"a.yaml": b"routes: " + b"[" * 2000 + b"\n"},
    "bad-scalar": {"a.yaml": b"routes:\n  - id: !!int x\n    when: 2020-02-30\n"},
}


# Both output modes in one interpreter: a fresh process per mode doubles the suite's run time.
_RUN_BOTH = """
import sys
from contracts.commands import lint_command
text = lint_command([sys.argv[1]])
print("=====", flush=True)
as_json = lint_command([sys.argv[1], "--json"])
raise SystemExit(10 * text + as_json)
"""


@pytest.mark.parametrize("name", list(GARBAGE))
def test_lint_never_shows_a_traceback(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    files = GARBAGE[name]
    if files is not None:
        target.mkdir()
        for file, content in files.items():
            (target / file).write_bytes(content)
    proc = subprocess.run(
        [sys.executable, "-c", _RUN_BOTH, str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 22, (proc.stdout, proc.stderr)  # exit 2 in both modes
    text, as_json = proc.stdout.split("=====\n")
    assert text.strip().splitlines()[-1].endswith(("error", "errors"))
    assert json.loads(as_json)["errors"]


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(), (
        "contracts/contract.schema.json is stale: run `cutover schema` and commit the result"
    )


def test_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.json"
    assert schema_command(["--out", str(out)]) == 0
    assert out.read_text() == render_schema()
    capsys.readouterr()
    assert schema_command(["--out", "-"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "required" not in schema  # each file holds only some sections
    assert {"routes", "legacy", "lifecycle", "parity"} <= set(schema["properties"])
    assert "directory" not in schema["properties"]

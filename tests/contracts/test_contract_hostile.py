"""Hostile contract files: each is one exact `file:line: field: message`, fast, never a traceback.

Most cases lint a directory `v3/` holding just `hostile.yaml` (cwd is its parent, so issues read
`v3/hostile.yaml:3`); a file that does not parse is then the only issue.  A few cases add the file
to a copy of the real contract to show the rest of it still loads.
"""

from __future__ import annotations

import itertools
import json
import os
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from contracts import ContractError, lint_contract, load_a11y_baseline, load_contract, sources
from contracts.commands import lint_command
from contracts.sources import MAX_ALIAS_NODES, MAX_FILE_BYTES, YamlSyntaxError, parse_yaml

Lint = Callable[[bytes], list[str]]


@pytest.fixture
def lint_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lint:
    """Reported issues of a contract directory `v3/` whose only file holds the given bytes."""
    (tmp_path / "v3").mkdir()
    monkeypatch.chdir(tmp_path)

    def run(content: bytes) -> list[str]:
        Path("v3/hostile.yaml").write_bytes(content)
        return [str(issue) for issue in lint_contract(Path("v3")).errors]

    return run


def billion_laughs(levels: int = 9, refs: int = 10) -> bytes:
    """~350 bytes: anchor n is a list of `refs` aliases to anchor n-1, i.e. refs**levels leaves."""
    names = [chr(ord("a") + i) for i in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(["lol"] * refs) + "]"]
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * refs) + "]")
    return ("\n".join(lines) + "\n").encode()


BOMB_ISSUE = (
    "v3/hostile.yaml:4: (yaml): alias '*c' expands past the limit of 10,000 aliased nodes per file"
)


def test_alias_bomb_is_rejected_at_the_alias(contract_copy: Path) -> None:
    bomb = billion_laughs()
    assert len(bomb) < 400
    (contract_copy / "hostile.yaml").write_bytes(bomb)
    # a: 10 nodes, b: 10 x 11, c: 10 x 111, d: each *c adds 1,111 -> the 9th *c on line 4 is over
    assert [str(e) for e in lint_contract(contract_copy).errors] == [BOMB_ISSUE]


def test_alias_bomb_costs_little_time_and_memory() -> None:
    bomb = billion_laughs().decode()
    started = time.perf_counter()
    with pytest.raises(YamlSyntaxError):
        parse_yaml(bomb)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        with pytest.raises(YamlSyntaxError):
            parse_yaml(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 0.5, f"{elapsed:.2f} s"
    assert peak < 20 * 2**20, f"{peak / 2**20:.1f} MiB"


def test_alias_bomb_fails_load_contract(contract_copy: Path) -> None:
    (contract_copy / "hostile.yaml").write_bytes(billion_laughs())
    with pytest.raises(ContractError) as raised:
        load_contract(contract_copy)
    assert [str(e) for e in raised.value.errors] == [BOMB_ISSUE]


def test_aliases_within_the_budget_still_load() -> None:
    # 99 aliases to a 100-node list rebuild 9,900 nodes: under the budget; 101 aliases are not.
    anchor = "a: &a [" + ", ".join(["x"] * 99) + "]\n"
    doc = parse_yaml(anchor + "b: [" + ", ".join(["*a"] * 99) + "]\n")
    assert len(doc.data["b"]) == 99 and doc.data["b"][0] == doc.data["a"]
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml(anchor + "b: [" + ", ".join(["*a"] * 101) + "]\n")
    assert (raised.value.line, raised.value.message) == (
        2,
        f"alias '*a' expands past the limit of {MAX_ALIAS_NODES:,} aliased nodes per file",
    )
    merged = parse_yaml("base: &base {x: 1, y: 2}\nmore:\n  <<: *base\n  z: 3\n")
    assert merged.data["more"] == {"x": 1, "y": 2, "z": 3}


def test_bundled_contract_uses_no_anchors() -> None:
    # If anchors appear one day, the clean-contract tests keep checking they fit the budget.
    for path in (Path(sources.__file__).parent / "v3").glob("*.yaml"):
        assert not parse_yaml(path.read_text()).problems
        tokens = yaml.scan(path.read_text(), Loader=yaml.SafeLoader)
        assert not any(isinstance(t, yaml.AnchorToken | yaml.AliasToken) for t in tokens), (
            path.name)


def test_file_over_the_size_limit(lint_with: Lint) -> None:
    size = MAX_FILE_BYTES + 1
    assert lint_with(b"#" * (size - 1) + b"\n") == [
        f"v3/hostile.yaml:1: (file): file too large: {size:,} bytes "
        f"(the limit is {MAX_FILE_BYTES:,} bytes)"
    ]


@pytest.mark.parametrize(
    ("content", "line", "code", "column"),
    [
        (b"routes:\n  - id: x\n    title: a\x00b\n", 3, "0000", 13),  # NUL
        (b"a: 1\n\nb: \x1b[31mred\n", 3, "001B", 4),  # ESC (a terminal colour code)
        (b"a: 1\r\nb: \x07\r\n", 2, "0007", 4),  # BEL, CRLF line ends
        (b"a: 1\rb: 2\x7f\n", 2, "007F", 5),  # DEL after an old-Mac CR line end
        ("a: \u0085b: \u009b\n".encode(), 2, "009B", 4),  # C1 control after a NEL line break
        ("a: x\ufffe\n".encode(), 1, "FFFE", 5),  # a noncharacter
    ],
    ids=["nul", "esc", "bel-crlf", "del-cr", "c1-nel", "fffe"],
)
def test_non_printable_character(
    lint_with: Lint, content: bytes, line: int, code: str, column: int
) -> None:
    assert lint_with(content) == [
        f"v3/hostile.yaml:{line}: (yaml): non-printable character U+{code} at column {column}"
    ]


def test_tab_and_carriage_return_are_fine() -> None:
    assert parse_yaml("a: 'x\ty'\r\nb: 2\r\n").data == {"a": "x\ty", "b": 2}


FILLER = b"    note: one\n" * 100


@pytest.mark.parametrize(
    ("content", "issue"),
    [
        (
            b'roles:\n  - id: x\n    title: "abc\n' + FILLER,
            "3: (yaml): invalid YAML: quoted scalar is never closed "
            "(found unexpected end of stream on line 104)",
        ),
        (
            b"roles:\n  - id: x\n    title: 'abc\n" + FILLER,
            "3: (yaml): invalid YAML: quoted scalar is never closed "
            "(found unexpected end of stream on line 104)",
        ),
        (
            b'a: "abc\nb: 1\n---\nc: 2\n',
            "1: (yaml): invalid YAML: quoted scalar is never closed "
            "(found unexpected document separator on line 3)",
        ),
        (  # the string runs on to the next quote; only the text after that is a syntax error
            b"roles:\n  - id: x\n    title: 'abc\n" + FILLER + b"  - id: y\n    title: 'def'\n",
            "3: (yaml): invalid YAML: quoted scalar runs on to line 105 (missing closing quote?) "
            "where: expected <block end>, but found '<scalar>'",
        ),
    ],
    ids=["double", "single", "document-end", "runs-on"],
)
def test_unterminated_quote_points_at_the_opening_quote(
    lint_with: Lint, content: bytes, issue: str
) -> None:
    assert lint_with(content) == [f"v3/hostile.yaml:{issue}"]


def test_multi_line_quoted_scalar_is_still_yaml() -> None:
    assert parse_yaml('a: "one\n  two"\nb: 1\n').data == {"a": "one two", "b": 1}


@pytest.mark.parametrize(
    ("content", "issue"),
    [
        (
            b"a: 1\nb: caf\xe9\n",
            "2: (file): not UTF-8: byte 0xe9 at column 7 (invalid continuation byte)",
        ),
        (b"\xff\xfea\x00:\x00", "1: (file): not UTF-8: byte 0xff at column 1 (invalid start byte)"),
        (b"a: 1\nb: *nope\n", "2: (yaml): invalid YAML: found undefined alias 'nope'"),
        (
            b'a: 1\nb: "\\q"\n',
            "2: (yaml): invalid YAML: found unknown escape character 'q' "
            "(while scanning a double-quoted scalar)",
        ),
        (
            b"a: 1\n\tb: 2\n",
            "2: (yaml): invalid YAML: found character '\\t' that cannot start any token "
            "(while scanning for the next token)",
        ),
        (
            b"a: 1\n---\nb: 2\n",
            "2: (yaml): invalid YAML: but found another document "
            "(expected a single document in the stream)",
        ),
        (b"a: " + b"[" * 200 + b"\n", "1: (yaml): nesting too deep (the limit is 64 levels)"),
        (b"a: &a\n  b: *a\n", "1: (yaml): nesting too deep (recursive alias?)"),
        (
            b"a:\n  when: 2020-02-30\n",
            "2: a.when: invalid timestamp '2020-02-30': day is out of range for month",
        ),
        (b"a:\n  n: !!bool maybe\n", "2: a.n: invalid bool 'maybe': 'maybe'"),
        (
            b"a:\n  n: " + b"1" * 5000 + b"\n",
            "2: a.n: invalid int '1111111111111111111111111111111111111111...': Exceeds the "
            "limit (4300 digits) for integer string conversion: value has 5000 digits; use "
            "sys.set_int_max_str_digits() to increase the limit",
        ),
        (b"a:\n  ? !!set {x: null}\n  : 1\n", "2: a: mapping keys must be plain scalars"),
        (
            b"a:\n  ? [!!int x]\n  : 1\n",
            "2: a: invalid seq: invalid literal for int() with base 10: 'x'",
        ),
        (b"a: 1\na: 2\n", "2: a: duplicate key 'a' (first on line 1)"),
    ],
    ids=[
        "latin-1",
        "utf-16",
        "undefined-alias",
        "bad-escape",
        "tab-indent",
        "two-documents",
        "deep-nesting",
        "recursive-alias",
        "bad-timestamp",
        "bad-bool",
        "huge-int",
        "unhashable-key",
        "bad-scalar-in-key",
        "duplicate-key",
    ],
)
def test_other_yaml_problems_name_file_and_line(
    lint_with: Lint, content: bytes, issue: str
) -> None:
    reported = lint_with(content)
    assert f"v3/hostile.yaml:{issue}" in reported, reported
    assert not any("internal error" in line for line in reported)


def test_too_many_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_NODES", 100)  # the real limit takes seconds to reach
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: [" + "1, " * 50 + "]\nb: [" + "1, " * 50 + "]\n")
    assert (raised.value.line, raised.value.message) == (
        2,
        "too many YAML nodes (the limit is 100 per file)",
    )


symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX")


@symlinks
def test_symlink_loop_is_reported(contract_copy: Path) -> None:
    (contract_copy / "hostile.yaml").symlink_to("hostile.yaml")
    (contract_copy / "ping.yml").symlink_to("pong.yml")
    (contract_copy / "pong.yml").symlink_to("ping.yml")
    assert [str(e) for e in lint_contract(contract_copy).errors] == [
        "v3/hostile.yaml:1: (file): symlink loop: the link never resolves to a file",
        "v3/ping.yml:1: (file): symlink loop: the link never resolves to a file",
        "v3/pong.yml:1: (file): symlink loop: the link never resolves to a file",
    ]


@symlinks
def test_dangling_symlink_is_reported(contract_copy: Path) -> None:
    (contract_copy / "hostile.yaml").symlink_to("gone.yaml")
    assert [str(e) for e in lint_contract(contract_copy).errors] == [
        "v3/hostile.yaml:1: (file): dangling symlink: target 'gone.yaml' does not exist"
    ]


@symlinks
def test_symlink_to_a_file_is_read(contract_copy: Path, tmp_path: Path) -> None:
    roles = contract_copy / "roles.yaml"
    moved = tmp_path / "elsewhere.txt"
    moved.write_text(roles.read_text(), encoding="utf-8")
    roles.unlink()
    roles.symlink_to(moved)
    assert lint_contract(contract_copy).errors == []
    assert len(load_contract(contract_copy).roles) == 3
    moved.write_text(moved.read_text().replace("landing: workloads.list", "landing: nope", 1))
    reported = [str(e) for e in lint_contract(contract_copy).errors]
    assert len(reported) == 1 and reported[0].startswith("v3/roles.yaml:"), reported


@symlinks
def test_symlink_to_a_directory_or_fifo_is_not_read(contract_copy: Path) -> None:
    (contract_copy / "dir.yaml").symlink_to(".")
    os.mkfifo(contract_copy / "fifo.yaml")  # opening it for reading must not block
    (contract_copy / "plain-dir.yaml").mkdir()  # a real directory is not a contract file
    assert [str(e) for e in lint_contract(contract_copy).errors] == [
        "v3/dir.yaml:1: (file): not a regular file",
        "v3/fifo.yaml:1: (file): not a regular file",
    ]


@symlinks
def test_baseline_file_is_read_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("dangling.yaml").symlink_to("gone.yaml")
    Path("ctrl.yaml").write_bytes(b"routes:\n  x: [\x00]\n")
    for name, issue in [
        ("dangling.yaml", "dangling.yaml:1: (file): dangling symlink: target 'gone.yaml' does "
         "not exist"),
        ("ctrl.yaml", "ctrl.yaml:2: (yaml): non-printable character U+0000 at column 7"),
    ]:  # fmt: skip
        with pytest.raises(ContractError) as raised:
            load_a11y_baseline(Path(name))
        assert [str(e) for e in raised.value.errors] == [issue]


def test_lint_json_reports_an_internal_error_as_json(
    contract_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(path: object) -> None:
        raise RuntimeError("lint bug")

    monkeypatch.setattr("contracts.commands.lint_contract", broken)
    assert lint_command([str(contract_copy), "--json"]) == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["errors"] == [
        {
            "file": "v3",
            "line": 0,
            "field": "(internal)",
            "message": "internal error: RuntimeError: lint bug",
        }
    ]
    assert set(report["counts"]) >= {"routes", "roles"}
    assert "cutover lint: internal error: RuntimeError: lint bug" in captured.err
    assert lint_command([str(contract_copy)]) == 2  # text mode: the message on stderr only
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "cutover lint: internal error: RuntimeError: lint bug"

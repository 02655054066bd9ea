"""YAML loading that remembers where every node came from.

PyYAML's ``safe_load`` throws line numbers away, but every contract error must name the file and
line of the offending node.  We compose the node graph ourselves and construct plain Python values
while recording ``start_mark`` per location (a tuple of mapping keys and list indexes).

Contract files may come from anywhere (a pull request, a fork), so reading one is bounded: file
size, node count, nesting depth and alias expansion all have limits, and every failure becomes a
`file:line` problem rather than a traceback, a hang or an exhausted machine.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import ParserError
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import ScannerError
from yaml.tokens import ScalarToken

Loc = tuple[str | int, ...]

# A route costs ~14 nodes and ~170 bytes of YAML (V3's routes.yaml: 78 routes, 1,113 nodes,
# 13 KB), so these limits admit a routes file of 10,000 routes and still bound a hostile file:
# the pure-Python parser needs ~2 s per MiB and ~60 us per node on a loaded CI machine.
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
# Nodes built again because an alias (or merge key) points at them.  Without a bound, nine
# anchors each listing the previous one nine times ("billion laughs") expand to 9**9 nodes.
MAX_ALIAS_NODES = 10_000
# Deeper than any sane contract; stops deep nesting and recursive aliases (&a [*a]) from
# blowing the stack.
_MAX_DEPTH = 64


@dataclass(frozen=True)
class SourceRef:
    """Where an entity was defined; ``str()`` gives the ``file:line`` editors can jump to."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


UNKNOWN_SOURCE = SourceRef("<unknown>", 0)


def display_path(path: Path) -> str:
    """Path as the user gave it, or relative to the cwd when it lies under it (shorter lines)."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


class SourceError(Exception):
    """A file that cannot be read as a contract file at all; ``line`` is 1-based."""

    def __init__(self, line: int, message: str, field: str = "(file)") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


class YamlSyntaxError(SourceError):
    """The text is not (acceptable) YAML; ``line`` is where the problem is (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(line, message, "(yaml)")


@dataclass
class ParsedYaml:
    data: Any
    lines: dict[Loc, int]
    # Problems PyYAML tolerates but a contract must not (duplicate keys silently overwrite).
    problems: list[tuple[Loc, int, str]] = field(default_factory=list)


def read_yaml(path: Path) -> ParsedYaml:
    """Parse one contract file (symlinks followed) or raise `SourceError`."""
    return parse_yaml(read_text(path))


def read_text(path: Path) -> str:
    """A contract-side file's text (symlinks followed), bounded like every contract file, or
    `SourceError` (unreadable, too large, not UTF-8) naming the line of a bad byte."""
    data = _read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data[: exc.start].decode("utf-8"), exc.start)
        raise SourceError(
            line, f"not UTF-8: byte 0x{data[exc.start]:02x} at column {column} ({exc.reason})"
        ) from None


def _read_bytes(path: Path) -> bytes:
    try:
        # O_NONBLOCK: a FIFO named *.yaml must not block until some writer shows up.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise SourceError(1, _open_failure(path, exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(1, "not a regular file")
        _check_size(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SourceError(1, f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    _check_size(len(data))  # grew since fstat
    return data


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise SourceError(
            1, f"file too large: {size:,} bytes (the limit is {MAX_FILE_BYTES:,} bytes)"
        )


def _open_failure(path: Path, exc: OSError) -> str:
    if path.is_symlink():
        if exc.errno == errno.ELOOP:
            return "symlink loop: the link never resolves to a file"
        if exc.errno == errno.ENOENT:
            return f"dangling symlink: target '{os.readlink(path)}' does not exist"
    return f"cannot read file: {exc.strerror or exc}"


# Line breaks as PyYAML's marks count them, so our lines agree with its error lines.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]`` (``index`` may be ``len(text)``)."""
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, line_start = line + 1, match.end()
    return line, index - line_start + 1


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document into plain values plus a line for every location."""
    # PyYAML's reader rejects these with a character offset into the whole text; find the line.
    bad = Reader.NON_PRINTABLE.search(text)
    if bad:
        line, column = _line_column(text, bad.start())
        raise YamlSyntaxError(
            line, f"non-printable character U+{ord(bad.group()):04X} at column {column}"
        )
    if _FastLoader is not None:
        try:
            return _parse(_FastLoader(text), fast=True)
        except _NotFast:
            # Errors always come from the pure-Python loader: their wording and lines must not
            # depend on whether PyYAML was built with libyaml (tests assert them).
            pass
    return _parse(_Loader(text))


class _NotFast(Exception):
    """libyaml refused the text: parse it again with the pure-Python loader."""


def _parse(loader: _Loader, fast: bool = False) -> ParsedYaml:
    text = loader.text
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml(None, {(): 1})
        builder = _Builder(loader)
        data = builder.build(node, (), 0)
        return ParsedYaml(data, builder.lines, builder.problems)
    except yaml.YAMLError as exc:
        if fast:
            raise _NotFast from exc
        if not isinstance(exc, yaml.MarkedYAMLError):
            raise YamlSyntaxError(1, f"invalid YAML: {exc}") from None
        line, message = _locate(exc, text)
        raise YamlSyntaxError(line, message) from None
    finally:
        loader.dispose()


def _locate(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """Line and message for a PyYAML error: where the author has to look, not where PyYAML was."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    problem = exc.problem or "invalid YAML"
    opened = exc.context_mark
    if opened and "quoted scalar" in (exc.context or "") and problem.startswith("found unexpected"):
        # Only the end of the stream (or a `---`) stopped the string: point at its opening quote.
        return (
            opened.line + 1,
            f"invalid YAML: quoted scalar is never closed ({problem} on line {line})",
        )
    if mark and isinstance(exc, ScannerError | ParserError):
        start = _runaway_quote(text, mark.line)
        if start is not None:
            # The string swallowed lines up to the next quote; the parser only chokes after it.
            return start, (
                f"invalid YAML: quoted scalar runs on to line {line} "
                f"(missing closing quote?) where: {problem}"
            )
    return line, _describe(exc)


def _runaway_quote(text: str, error_line: int) -> int | None:
    """Start line of a multi-line quoted scalar ending on `error_line` (0-based), if any."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > error_line:
                break
            if (
                isinstance(token, ScalarToken)
                and token.style in ("'", '"')
                and token.start_mark.line < token.end_mark.line == error_line
            ):
                start: int = token.start_mark.line
                return start + 1
    except yaml.YAMLError:
        pass
    return None


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if exc.context:
        return f"invalid YAML: {problem} ({exc.context})"
    return f"invalid YAML: {problem}"


def _edge(parent: Node | None, index: object) -> tuple[int, object]:
    """Identifies a child slot: sequence index, or the key node of a mapping value."""
    return id(parent), index if isinstance(index, int) else id(index)


class _Budget:
    """Bounds node count and depth while composing and remembers alias lines (a mixin over
    PyYAML's Composer, whichever parser feeds it events)."""

    text: str
    nodes: int
    depth: int
    aliases: dict[tuple[int, object], tuple[int, str]]

    def _start_budget(self, text: str) -> None:
        self.text = text
        self.nodes = 0
        self.depth = 0
        self.aliases: dict[tuple[int, object], tuple[int, str]] = {}  # _edge -> (line, anchor)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        line: int = event.start_mark.line + 1
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlSyntaxError(
                line, f"too many YAML nodes (the limit is {MAX_NODES:,} per file)"
            )
        if isinstance(event, AliasEvent):
            self.aliases[_edge(parent, index)] = (line, str(event.anchor))
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        if self.depth >= _MAX_DEPTH:
            raise YamlSyntaxError(line, f"nesting too deep (the limit is {_MAX_DEPTH} levels)")
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self.depth -= 1


class _Loader(_Budget, yaml.SafeLoader):
    """The pure-Python loader: the reference for what parses and how errors read."""

    def __init__(self, text: str) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._start_budget(text)


def _fast_loader() -> type[_Loader] | None:
    """libyaml's parser feeding the same Python composer and budgets: ~7x faster on a large
    routes file (2,000 routes: 0.4 s instead of 2.8 s), with identical nodes and marks."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None

    class FastLoader(_Budget, Composer, SafeConstructor, Resolver, CParser):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self._start_budget(text)

    return FastLoader  # type: ignore[return-value]


_FastLoader = _fast_loader()


_INVALID = object()
_STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.lines: dict[Loc, int] = {}
        self.problems: list[tuple[Loc, int, str]] = []
        self.built: set[int] = set()  # id() of every node built so far
        self.rebuilt = 0  # nodes built again, through aliases
        self.expanding: tuple[int, str] | None = None  # (line, anchor) of the outermost alias

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise YamlSyntaxError(node.start_mark.line + 1, "nesting too deep (recursive alias?)")
        if id(node) in self.built:
            self.rebuilt += 1
            if self.rebuilt > MAX_ALIAS_NODES:
                line, anchor = self.expanding or (node.start_mark.line + 1, "")
                what = f"alias '*{anchor}' expands" if anchor else "aliases expand"
                raise YamlSyntaxError(
                    line, f"{what} past the limit of {MAX_ALIAS_NODES:,} aliased nodes per file"
                )
        else:
            self.built.add(id(node))
        # A mapping entry was already recorded at its key's line, which is where readers look.
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return [
                self._child(node, i, item, (*loc, i), depth) for i, item in enumerate(node.value)
            ]
        if node.tag == _STR_TAG:  # most scalars; what SafeConstructor would return, at once
            return node.value
        value = self._construct(node, loc)
        return node.value if value is _INVALID else value

    def _child(self, parent: Node, index: object, node: Node, loc: Loc, depth: int) -> Any:
        if self.expanding is not None or id(node) not in self.built:
            return self.build(node, loc, depth + 1)
        # Entering an alias's expansion: it is the one to blame if the budget runs out inside.
        self.expanding = self.loader.aliases.get(_edge(parent, index))
        try:
            return self.build(node, loc, depth + 1)
        finally:
            self.expanding = None

    def _construct(self, node: Node, loc: Loc) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # int()/datetime() errors escape PyYAML's constructors as is
            self.loader.recursive_objects.clear()  # left behind by the aborted construction
            what = node.tag.rpartition(":")[2]
            if isinstance(node, ScalarNode):
                text = node.value if len(node.value) <= 40 else node.value[:40] + "..."
                what = f"{what} {text!r}"
            self.problems.append((loc, node.start_mark.line + 1, f"invalid {what}: {exc}"))
            return _INVALID

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = self._construct(key_node, loc)
            if key is _INVALID:
                continue
            if not isinstance(key, str | int):
                self.problems.append((loc, line, "mapping keys must be plain scalars"))
                continue
            if key in first_line:
                self.problems.append(
                    ((*loc, key), line, f"duplicate key '{key}' (first on line {first_line[key]})")
                )
                continue
            first_line[key] = line
            self.lines[(*loc, key)] = line
            out[key] = self._child(node, key_node, value_node, (*loc, key), depth)
        return out

"""YAML loading that remembers where every node came from.

PyYAML's ``safe_load`` throws line numbers away, but every contract error must name the file and
line of the offending node.  We compose the node graph ourselves and construct plain Python values
while recording ``start_mark`` per location (a tuple of mapping keys and list indexes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

Loc = tuple[str | int, ...]


# Deeper than any sane contract; stops recursive aliases (&a [*a]) from blowing the stack.
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


class YamlSyntaxError(Exception):
    """The text is not YAML; ``line`` is where the parser gave up (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class ParsedYaml:
    data: Any
    lines: dict[Loc, int]
    # Problems PyYAML tolerates but a contract must not (duplicate keys silently overwrite).
    problems: list[tuple[Loc, int, str]] = field(default_factory=list)


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document into plain values plus a line for every location."""
    # The pure-Python loader, not libyaml: its error messages must not depend on how PyYAML was
    # built (tests assert them), and a whole contract still parses in ~0.2 s.
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml(None, {(): 1})
        builder = _Builder(loader)
        data = builder.build(node, (), 0)
        return ParsedYaml(data, builder.lines, builder.problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError(mark.line + 1 if mark else 1, _describe(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if exc.context:
        return f"invalid YAML: {problem} ({exc.context})"
    return f"invalid YAML: {problem}"


class _Builder:
    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.lines: dict[Loc, int] = {}
        self.problems: list[tuple[Loc, int, str]] = []

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise YamlSyntaxError(node.start_mark.line + 1, "nesting too deep (recursive alias?)")
        # A mapping entry was already recorded at its key's line, which is where readers look.
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = self.loader.construct_object(key_node, deep=True)
            if isinstance(key, list | dict) or key is None:
                self.problems.append((loc, line, "mapping keys must be plain scalars"))
                continue
            if key in first_line:
                self.problems.append(
                    ((*loc, key), line, f"duplicate key '{key}' (first on line {first_line[key]})")
                )
                continue
            first_line[key] = line
            self.lines[(*loc, key)] = line
            out[key] = self.build(value_node, (*loc, key), depth + 1)
        return out

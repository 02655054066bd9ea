"""The layers of the architecture, and what each may import (docs: README "Layout").

Every module of ours is parsed (never imported); each `import` of one of our packages, or of
Playwright, must be allowed for the importing module's layer. A lazy import inside a function
counts the same as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("contracts", "pages", "harness", "reference_target", "suites", "tests")

# layer (module prefix) -> prefixes of ours it may import; "playwright" where the browser is
# allowed. The longest matching prefix names a module's layer.
ALLOWED: dict[str, tuple[str, ...]] = {
    "contracts": ("contracts",),
    "pages": ("contracts", "pages", "playwright"),
    "harness.capture": ("contracts", "pages", "harness.capture", "playwright"),
    "harness.checks": ("contracts", "harness.checks", "harness.capture.snapshot"),
    "harness.flows": ("contracts", "pages", "harness.capture", "harness.checks",
                      "harness.flows", "playwright"),
    "harness.targets": ("contracts", "harness.targets", "playwright"),
    # the registry: readiness picks the results a Done Criterion reads by what the registry
    # says of their checks, never by check names; evidence: the shapes checks record
    "harness.reports": ("contracts", "harness.checks.gates", "harness.checks.findings",
                        "harness.checks.evidence", "harness.checks.registry", "harness.reports"),
    "harness.plugin": ("contracts", "pages", "harness", "playwright"),
    "harness.cli": ("contracts", "harness", "reference_target"),
    "harness.soak": ("harness.reports", "harness.targets"),
    # `cutover init`: reads a running app with its own bounded crawl, drafts a contract
    "harness.init": ("contracts", "harness.init", "playwright"),
    # runs a CI job's steps; the suite it runs is a separate process
    "harness.ci_local": ("harness.ci_local",),
    "reference_target": ("reference_target",),
    # A suite test reads observations through the plugin's fixtures and flows; it never starts
    # a target or reaches into the plugin's run state (suite_support is its one door).
    "suites": ("contracts", "pages", "harness.capture", "harness.checks", "harness.flows",
               "harness.plugin.suite_support", "playwright"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            # `from harness.checks import cutover` imports harness.checks.cutover
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _layer(module: str) -> str | None:
    matches = [layer for layer in ALLOWED if module == layer or module.startswith(layer + ".")]
    return max(matches, key=len) if matches else None


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _governed(name: str) -> bool:
    return name.split(".")[0] in (*OURS, "playwright")


MODULES = sorted(p for top in ("contracts", "pages", "harness", "reference_target", "suites")
                 for p in (ROOT / top).rglob("*.py"))


def test_every_module_has_a_layer():
    orphans = [str(p.relative_to(ROOT)) for p in MODULES
               if _layer(_module_name(p)) is None and p.name != "__init__.py"]
    assert not orphans, f"modules in no layer (add them to ALLOWED): {orphans}"


def test_each_layer_imports_only_what_it_may():
    problems = []
    for path in MODULES:
        layer = _layer(_module_name(path))
        if layer is None:
            continue
        for line, name in _imports(path):
            if not _governed(name) or _within(name, (layer,)):
                continue
            # `from harness.checks import x` is checked as harness.checks.x (above)
            allowed = ALLOWED[layer]
            if _within(name, allowed) or any(a.startswith(name + ".") for a in allowed):
                continue
            problems.append(f"{path.relative_to(ROOT)}:{line}: {layer} imports {name}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("layer", "name", "ok"), [
    ("harness.checks", "playwright.sync_api", False),
    ("harness.checks", "harness.capture.snapshot", True),
    ("harness.checks", "harness.capture.cache", False),
    ("pages", "harness.capture.snapshot", False),
    ("reference_target", "contracts", False),
    ("suites", "harness.plugin.stash", False),
    ("suites", "reference_target", False),
])
def test_the_rules_themselves(layer, name, ok):
    allowed = ALLOWED[layer]
    assert (_within(name, allowed) or any(a.startswith(name + ".") for a in allowed)) == ok


def _runtime_imports(path: Path) -> list[str]:
    """Every import that runs (lazy ones inside functions too), but not those under
    `if TYPE_CHECKING:`, which only the type checker reads."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and ast.unparse(node.test).endswith("TYPE_CHECKING") for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_no_import_circles():
    """A circle means two modules that cannot be understood (or changed) apart."""
    names = {_module_name(p): p for p in MODULES}

    def ours(name: str) -> str | None:
        while name and name not in names:
            name = name.rpartition(".")[0]
        return name or None

    graph = {name: {m for i in _runtime_imports(path) if (m := ours(i)) and m != name}
             for name, path in names.items()}
    circles, done = [], set()
    for start in graph:  # depth-first from each module; a path back to it is a circle
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" -> ".join([*path, start]))
                elif nxt not in path and nxt not in done:
                    stack.append((nxt, [*path, nxt]))
        done.add(start)
    assert not circles, "\n".join(sorted(circles)[:20])

"""The reference target is an independent system under test: it never touches contracts/."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reference_target"


def _mentions_contracts(text: str) -> bool:
    return "contracts/" in text or text == "contracts" or text.startswith("contracts.")


def test_no_module_imports_or_names_contracts() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 10
    for module in modules:
        tree = ast.parse(module.read_text(), filename=str(module))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            for name in names:
                assert name.split(".")[0] != "contracts", f"{module} imports {name}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not _mentions_contracts(node.value), f"{module} names {node.value!r}"


def test_templates_and_static_files_do_not_name_contracts() -> None:
    for path in [*PACKAGE.glob("templates/*"), *PACKAGE.glob("static/*")]:
        assert "contracts/" not in path.read_text(), path

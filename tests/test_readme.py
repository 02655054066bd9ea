"""The README is the users' manual: every option the plugin adds is in its options table, with
its environment variable and ini key, and the commands it tells users to run exist."""

from __future__ import annotations

import re
from pathlib import Path

from harness.plugin.options import OPTIONS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
TABLE_ROWS = [line for line in README.splitlines() if line.startswith("| `--")]


def test_every_option_has_a_row_with_its_environment_and_ini_names():
    missing = []
    for opt in OPTIONS:
        row = next((r for r in TABLE_ROWS if f"`{opt.flag}" in r), None)
        if row is None:
            missing.append(f"{opt.flag}: no row")
        elif f"`{opt.env}`" not in row or f"`{opt.ini}`" not in row:
            missing.append(f"{opt.flag}: row lacks `{opt.env}` or `{opt.ini}`: {row}")
    assert not missing, "\n".join(missing)


def test_base_url_names_what_pytest_base_url_reads():
    row = next(r for r in TABLE_ROWS if "`--base-url" in r)
    assert "`PYTEST_BASE_URL`" in row
    assert not re.search(r"(?<!PYTEST_)\bBASE_URL\b", README), "BASE_URL is never read"


def test_the_two_commands_are_the_makefile_targets():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    for target in ("e2e", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.M), target

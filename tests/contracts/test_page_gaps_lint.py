"""Lint of the page-level contract data the checks read: the console allow-list, degraded calls
matched by method and operation, and routes that say they have no local nav. Every problem at
once, as `file:line: field: message`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from contracts import lint_contract

FONT_ENTRY = "    - host: fonts.gpucloud-cdn.invalid\n"


def _lint(directory: Path) -> list[str]:
    return [str(issue) for issue in lint_contract(directory).errors]


def test_console_allow_entries_say_one_thing_and_why(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    line = locate("settings.yaml", FONT_ENTRY.rstrip("\n"))
    edit("settings.yaml", FONT_ENTRY,
         "    - {host: a.example.com, pattern: x, reason: both}\n"
         "    - {pattern: y}\n" + FONT_ENTRY)
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line}: console.allow[0]: exactly one of host, pattern is required",
        f"v3/settings.yaml:{line + 1}: console.allow[1].reason: field required",
    ]


def test_console_allow_hosts_patterns_and_repeats(
    contract_copy: Path, edit: Callable[[str, str, str], None], locate: Callable[..., int]
) -> None:
    line = locate("settings.yaml", FONT_ENTRY.rstrip("\n"))
    edit("settings.yaml", FONT_ENTRY,
         "    - {host: 'https://fonts.example.com/css', reason: cdn}\n"
         "    - {pattern: 'Resize(Observer', reason: noise}\n"
         "    - {host: a.example.com, reason: again}\n"
         "    - {host: a.example.com, reason: twice}\n" + FONT_ENTRY)
    assert _lint(contract_copy) == [
        f"v3/settings.yaml:{line}: console.allow[0].host: 'https://fonts.example.com/css' is not "
        "a host name (no scheme, port or path; `*.example.com` for every subdomain)",
        f"v3/settings.yaml:{line + 1}: console.allow[1].pattern: invalid regular expression: "
        "missing ), unterminated subpattern at position 6",
        f"v3/settings.yaml:{line + 3}: console.allow[3]: host a.example.com is already allowed "
        f"at v3/settings.yaml:{line + 2}",
    ]

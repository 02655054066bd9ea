"""`cutover lint` and `cutover schema`: argv in, exit code out, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from contracts import BUNDLED_CONTRACT
from contracts.issues import ContractIssue, LintReport
from contracts.loader import lint_contract
from contracts.schema import SCHEMA_PATH, render_schema
from contracts.sources import display_path

EXIT_OK, EXIT_ERRORS = 0, 2

_SUMMARY = (
    ("families", "families"),
    ("routes", "routes"),
    ("legacy", "legacy routes"),
    ("slices", "slices"),
    ("lifecycle_resources", "lifecycle resources"),
    ("journeys", "journeys"),
    ("roles", "roles"),
    ("parity", "parity rows"),
    ("criteria", "done criteria"),
)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    # argparse exits on --help and on usage errors; a command function returns instead.
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERRORS


def lint_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="cutover lint", description="Check a contract directory; list every problem."
    )
    parser.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=BUNDLED_CONTRACT,
        help="contract directory (default: the bundled contracts/v3)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    name = display_path(args.directory)
    try:
        report = lint_contract(args.directory)
    except Exception as exc:  # a lint bug must still not greet the user with a traceback
        message = f"internal error: {type(exc).__name__}: {exc}"
        print(f"cutover lint: {message}", file=sys.stderr)
        # JSON readers get the usual shape, so a lint bug cannot pass for unparsable output.
        issue = ContractIssue(name, 0, "(internal)", message)
        report = LintReport({key: 0 for key, _ in _SUMMARY}, [issue])
        if not args.json:
            return EXIT_ERRORS
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
        return EXIT_OK if report.ok else EXIT_ERRORS
    for warning in report.warnings:
        print(warning.as_warning())
    if report.ok:
        counts = ", ".join(f"{report.counts[key]} {label}" for key, label in _SUMMARY)
        w = len(report.warnings)
        print(f"{name}: {counts} — ok" + (f" ({w} warning{'s' if w != 1 else ''})" if w else ""))
        return EXIT_OK
    for issue in report.errors:
        print(issue)
    n = len(report.errors)
    print(f"{name}: {n} error{'s' if n != 1 else ''}")
    return EXIT_ERRORS


def schema_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="cutover schema", description="Write the JSON Schema of contract files."
    )
    parser.add_argument(
        "--out",
        default=str(SCHEMA_PATH),
        help="output file, '-' for stdout (default: contracts/contract.schema.json)",
    )
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    text = render_schema()
    if args.out == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"cutover schema: cannot write {args.out}: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {display_path(Path(args.out).absolute())}")
    return EXIT_OK

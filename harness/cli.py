"""The `cutover` command: lint and schema for contracts, serve for the reference target,
readiness for the retirement report, promote for a slice of the cutover plan, allure-report
for the single-file Allure HTML."""

from __future__ import annotations

import sys
from collections.abc import Callable

USAGE = """usage: cutover [--version] COMMAND [ARGS]

commands:
  lint [DIR] [--json]           validate a contract directory (default: the V3 contract)
  schema [--out PATH]           write the contract's JSON Schema
  serve [--port N] [--fault NAME ...] [--latency MS|MIN-MAX] [--scale N] [--seed N]
        [--list-faults]         run the embedded reference target
  readiness [RESULTS...] [--run ID ...] [--format md,html,json] [--out DIR]
                                V1 retirement readiness of reports/latest or the given runs
                                (exit 0 ready, 1 not, 2 bad input)
  promote [SLICE] [--run ID ...] [--max-age AGE]
                                PROMOTE or HOLD a slice of the cutover plan from the newest
                                complete run on its environment (exit 0 promote, 1 hold, 2 bad
                                input)
  allure-report                 build reports/allure-report/index.html from reports/latest
                                (needs Node.js)
  auth [--target url|kind] [--base-url URL] [--role NAME ...] [--auth-dir DIR] [--fresh]
                                log in per role, save storage states (0 all ready, 1 not)
  init --base-url URL [--out DIR] [--max-pages N] [--storage-state FILE]
                                draft a contract from a read-only crawl of a running app
  soak [--runs N] [--latency MIN-MAX] [-- PYTEST_ARGS]
                                run the suite N times with jitter; report flaky tests
  ci-local [--workflow PATH] [--job ID] [--fault NAME ...] [--env NAME=VALUE ...]
           [--workspace DIR]    run the shipped CI workflow's jobs here, kind replaced by a
                                loopback stand-in (0 they succeeded, 1 one failed, 2 bad input)
"""


def _lint(argv: list[str]) -> int:
    from contracts.commands import lint_command

    return lint_command(argv)


def _schema(argv: list[str]) -> int:
    from contracts.commands import schema_command

    return schema_command(argv)


def _serve(argv: list[str]) -> int:
    from reference_target.cli import main as serve

    return serve(argv)


def _readiness(argv: list[str]) -> int:
    from harness.reports.readiness.command import readiness_command

    return readiness_command(argv)


def _promote(argv: list[str]) -> int:
    from harness.reports.promote.command import promote_command

    return promote_command(argv)


def _soak(argv: list[str]) -> int:
    from harness.soak import soak_command

    return soak_command(argv)


def _allure(argv: list[str]) -> int:
    from harness.reports.allure_report import allure_report_command

    return allure_report_command(argv)


def _init(argv: list[str]) -> int:
    from harness.init.command import init_command
    from harness.targets import browser

    try:
        executable = browser.resolve().launch_path
    except browser.NoBrowserError as exc:
        print(f"cutover init: no Chromium: {exc}", file=sys.stderr)
        return 2
    return init_command(argv, executable)


def _ci_local(argv: list[str]) -> int:
    from harness.ci_local.command import ci_local_command

    return ci_local_command(argv)


def _auth(argv: list[str]) -> int:
    from harness.targets.auth_command import auth_command

    return auth_command(argv)


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "lint": _lint, "schema": _schema, "serve": _serve, "readiness": _readiness,
    "promote": _promote,
    "allure-report": _allure, "soak": _soak, "auth": _auth, "init": _init,
    "ci-local": _ci_local,
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, end="")
        return 0 if args else 2
    if args[0] == "--version":
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"cutover {version('cutover')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            print("cutover (not installed)")
        return 0
    command = COMMANDS.get(args[0])
    if command is None:
        print(f"cutover: unknown command {args[0]!r}\n\n{USAGE}", end="", file=sys.stderr)
        return 2
    return command(args[1:])


if __name__ == "__main__":
    raise SystemExit(main())

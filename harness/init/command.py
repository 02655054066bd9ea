"""`cutover init`: draft a contract for a running app by reading it, never changing it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from harness.init.crawl import add_global_nav, crawl
from harness.init.draft import build, write
from harness.init.seen import Traffic

USAGE = """cutover init --base-url URL [--out DIR] [--max-pages N] [--storage-state FILE]

Crawls the running app read-only (at most N pages, default 80; GET/HEAD, and POSTs only of
GraphQL queries: every other request is aborted and counted), waiting for each page to render
(at most --timeout-ms), and drafts a contract in DIR (default ./contract-draft), then lints
it. --storage-state: a Playwright storage-state file of a logged-in session, for apps behind a
login (`cutover auth` writes one).
"""


def init_command(argv: list[str], executable: str | None) -> int:
    """`cutover init`; `executable` is the Chromium to launch (None: Playwright's own)."""
    import argparse

    from playwright.sync_api import sync_playwright

    from contracts.commands import lint_command

    parser = argparse.ArgumentParser(prog="cutover init", usage=USAGE, add_help=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--out", default="contract-draft")
    parser.add_argument("--max-pages", type=int, default=80)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--timeout-ms", type=float, default=10_000)
    parser.add_argument("--storage-state")
    args = parser.parse_args(argv)
    base = args.base_url.rstrip("/")
    out = Path(args.out)
    if out.exists() and any(out.glob("*.yaml")):
        print(f"cutover init: {out} already holds YAML files; choose an empty --out")
        return 2
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable) if executable \
            else pw.chromium.launch()
        try:
            context = browser.new_context(storage_state=args.storage_state)
            page = context.new_page()
            try:
                traffic = Traffic()
                seen = crawl(page, base, args.max_pages, args.max_seconds, args.timeout_ms,
                             traffic)
            except PlaywrightError as exc:
                print(f"cutover init: {base}: {str(exc).splitlines()[0]}")
                return 2
            if not any(p.status is not None and p.status < 400 for p in seen):
                print(f"cutover init: {base}/ answered no page below HTTP 400 "
                      f"(statuses: {sorted({str(p.status) for p in seen})}); behind a login? "
                      "pass --storage-state")
                return 2
            draft = build(seen, traffic)
            add_global_nav(page, base, draft, args.timeout_ms)
        finally:
            browser.close()
    write(draft, out)
    routes = draft.files["routes.yaml"]["routes"]
    print(f"cutover init: {draft.pages} pages read, {len(routes)} routes drafted in {out}")
    for line in draft.found:
        print(f"  found: {line}")
    for line in draft.gaps:
        print(f"  needs a hand edit: {line}")
    return lint_command([str(out)])

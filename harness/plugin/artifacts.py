"""Failure artifacts the plugin keeps beside pytest-playwright's own: a screenshot of the page an
interactive test drove, or of the route a static gate judged from its snapshot (opened again only
because the gate failed), attached to Allure when it is recording; and the lines that name them
in the terminal and, as CI servers read attachments, in JUnit."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Protocol

import pytest
from playwright.sync_api import Error as PlaywrightError
from slugify import slugify

from harness.checks.findings import Finding
from harness.plugin.stash import ROUTE_PICTURES


class RoutePictures(Protocol):
    """Takes the picture of a route a static gate judged (the snapshots' page pool)."""

    def picture(self, url: str, path: Path) -> Path | None: ...


def failure_screenshot(item: pytest.Item, folder: Path) -> Path | None:
    pages = getattr(item, "funcargs", {}).get("pages")
    page = getattr(pages, "page", None)
    if page is None or page.is_closed():
        return None
    path = folder / f"{slugify(item.nodeid)[:180]}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(path), timeout=5000)
    except PlaywrightError as exc:  # a failing test's page may be gone; the report says why
        item.add_report_section("call", "screenshot", f"no screenshot: {exc}")
        return None
    _attach(path)
    return path


def snapshot_screenshot(item: pytest.Item, folder: Path, findings: list[Finding]
                        ) -> Path | None:
    """The page a failing static gate judged: its snapshot is gone, so the URL the finding names
    is opened once more (once per URL however many gates of it fail)."""
    pictures = item.session.stash.get(ROUTE_PICTURES, None)
    url = next((f.url for f in findings if f.url), None)
    # Only a test that read the snapshots judged a page it did not open itself.
    if pictures is None or "snapshots" not in getattr(item, "fixturenames", ()) or not url:
        return None
    path = pictures.picture(url, folder / f"{slugify(url.split('://', 1)[-1])[:160]}.png")
    if path is not None:
        _attach(path)
    return path


def trace_path(item: pytest.Item) -> Path | None:
    """Where pytest-playwright keeps this test's trace when --tracing records it (written as the
    test's context closes, after the report is made)."""
    config = item.config
    if (config.getoption("tracing", default="off") or "off") == "off":
        return None
    if "page" not in getattr(item, "fixturenames", ()) and "pages" not in getattr(
            item, "fixturenames", ()):
        return None
    output = Path(config.getoption("output", default="test-results") or "test-results")
    name = slugify(item.nodeid)
    if len(name) >= 256:  # pytest-playwright's own shortening of long folder names
        digest = hashlib.sha256(name.encode()).hexdigest()[:7]
        name = f"{name[:100]}-{digest}-{name[-100:]}"
    return output / name / "trace.zip"


def junit_attachments(paths: list[Path]) -> str:
    """Jenkins' and GitLab's form of a JUnit attachment: `[[ATTACHMENT|absolute path]]` lines in
    the test's system-out."""
    return "\n".join(f"[[ATTACHMENT|{p.resolve()}]]" for p in paths)


def _attach(path: Path) -> None:
    with contextlib.suppress(ImportError):  # without allure-pytest the file is still kept
        import allure

        allure.attach.file(str(path), name="screenshot",  # type: ignore[no-untyped-call]
                           attachment_type=allure.attachment_type.PNG)

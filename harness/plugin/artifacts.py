"""Failure artifacts the plugin keeps beside pytest-playwright's own: a screenshot of the page an
interactive test drove, attached to Allure when it is recording."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from slugify import slugify


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
    with contextlib.suppress(ImportError):  # without allure-pytest the file is still kept
        import allure

        allure.attach.file(str(path), name="screenshot",  # type: ignore[no-untyped-call]
                           attachment_type=allure.attachment_type.PNG)
    return path

"""Dismissing what a product puts over its pages until a user does (settings.yaml `setup`: a
first-run dialog): one way, for the route snapshots and the page objects alike."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from contracts.readiness import SetupStep


def dismiss(page: Page, step: SetupStep, timeout_ms: float) -> str | None:
    """Click the step's `dismiss` (or press its `press`), then wait (bounded) for its `when` to
    go. The click may send a request the read-only guard aborts; it has still happened. What
    went wrong, or None."""
    how = f"clicking {step.dismiss}" if step.dismiss else f"pressing {step.press}"
    try:
        if step.dismiss:
            page.locator(step.dismiss).first.click(timeout=timeout_ms)
        else:
            page.keyboard.press(step.press or "")
        page.locator(step.when).first.wait_for(state="hidden", timeout=timeout_ms)
    except PlaywrightTimeout:
        return f"{step.when} still shown {timeout_ms:.0f} ms after {how}"
    except PlaywrightError as exc:
        return f"{how} failed: {str(exc).splitlines()[0]}"
    return None

"""Logging in through the product's login form, as the contract's `auth.login` describes it, in
a fresh browser context; the result is that context's Playwright storage state.

Each step is named, so a failure says which one failed (and a screenshot shows the page at that
moment). Every wait is bounded by the run's timeout."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from contracts import LoginForm


@dataclass
class LoginFailed(Exception):
    role: str
    step: str
    detail: str
    screenshot: Path | None = None

    def __str__(self) -> str:
        shot = f"; screenshot: {self.screenshot}" if self.screenshot else ""
        return f"login failed at step '{self.step}': {self.detail}{shot}"


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _success_reached(page: Page, form: LoginForm, timeout_ms: float) -> bool:
    """Wait until success shows, or the form's error message does (then return False at once
    instead of waiting out the timeout on a wrong password)."""
    error = page.locator(form.error).first if form.error else None
    if form.success.element:
        success = page.locator(form.success.element).first
        either = success.or_(error) if error is not None else success
        either.wait_for(state="visible", timeout=timeout_ms)
        return success.is_visible()
    prefix = form.success.url or "/"

    def arrived(url: str) -> bool:
        path = urlsplit(url).path
        return path.startswith(prefix) and path != form.url

    if error is None:
        page.wait_for_url(arrived, timeout=timeout_ms)
        return True
    page.wait_for_function(
        "([sel, loginPath]) => location.pathname !== loginPath || !!document.querySelector(sel)",
        arg=[form.error, form.url], timeout=timeout_ms)
    return arrived(page.url)


def _why_still_there(page: Page, form: LoginForm) -> str:
    """What the page says when success never showed: its error message, or where it is."""
    where = urlsplit(page.url).path or "/"
    if form.error:
        with contextlib.suppress(PlaywrightError):
            error = page.locator(form.error).first
            if error.is_visible():
                return f"still on {where}: '{_one_line(error.inner_text(timeout=1000))}'"
    return f"success ({form.success.element or form.success.url}) never showed; on {where}"


def form_login(browser: Browser, base_url: str, form: LoginForm, role: str, username: str,
               password: str, timeout_ms: float, context_args: dict[str, Any],
               screenshot: Path) -> dict[str, Any]:
    """Log in as `role` and return the storage state; raises LoginFailed naming the step."""
    context = browser.new_context(base_url=base_url, **context_args)
    context.set_default_timeout(timeout_ms)
    context.set_default_navigation_timeout(timeout_ms)
    page = context.new_page()
    step = "open the login page"
    try:
        page.goto(base_url + form.url)
        step = "fill the username field"
        page.locator(form.username).first.fill(username)
        step = "fill the password field"
        page.locator(form.password).first.fill(password)
        step = "press submit"
        page.locator(form.submit).first.click()
        step = "wait for success"
        try:
            reached = _success_reached(page, form, timeout_ms)
        except PlaywrightError:
            reached = False
        if not reached:
            raise LoginFailed(role, step, _why_still_there(page, form),
                              _screenshot(page, screenshot))
        return dict(context.storage_state())
    except PlaywrightError as exc:
        raise LoginFailed(role, step, _one_line(str(exc).splitlines()[0] if str(exc) else
                                                type(exc).__name__),
                          _screenshot(page, screenshot)) from None
    finally:
        context.close()


def _screenshot(page: Page, path: Path) -> Path | None:
    """The page as the failing step left it; the password field shows as dots."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), timeout=5000)
    except (PlaywrightError, OSError):
        return None
    return path

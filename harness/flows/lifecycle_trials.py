"""Drive a destructive operation up to its typed confirmation and cancel it, recording what a
person would see. The `typed-confirmation` check judges the record."""

from __future__ import annotations

from dataclasses import replace

from playwright.sync_api import Dialog, Request
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from contracts import Operation
from harness.capture.mutation_guard import SAFE_METHODS
from harness.capture.page_errors import PageErrorRecorder
from harness.checks.observations import ConfirmationTrial
from pages.family_page import FamilyPage


def near_miss(name: str) -> str:
    """A string a careless user might type: the name with its last character changed."""
    if not name:
        return "x"
    last = "x" if name[-1] != "x" else "y"
    return name[:-1] + last


def confirmation_trial(detail: FamilyPage, op: Operation) -> ConfirmationTrial:
    op_key = op.key
    page = detail.page
    dialogs: list[str] = []
    sent: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}({dialog.message!r})")
        dialog.dismiss()  # never accept: a browser confirm must not destroy anything

    def on_request(request: Request) -> None:
        if request.method not in SAFE_METHODS:
            sent.append(f"{request.method} {request.url}")

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    try:
        with PageErrorRecorder(page, f"reading the resource name for '{op_key}'") as recorder:
            trial = _trial(detail, op, recorder)
        return replace(trial, browser_dialogs=tuple(dialogs), mutations_sent=tuple(sent),
                       page_errors=recorder.errors)
    finally:
        page.remove_listener("dialog", on_dialog)
        page.remove_listener("request", on_request)


def _trial(detail: FamilyPage, op: Operation, recorder: PageErrorRecorder) -> ConfirmationTrial:
    op_key = op.key
    """Open the confirmation, try empty, near-miss and exact text, cancel; each step names
    itself to the recorder, so an error it raises says which step it was."""
    page = detail.page
    name = detail.header.name.inner_text(timeout=detail.timeout_ms).strip()
    posture = page.locator(detail.selectors.resource_posture)
    before = posture.first.inner_text(timeout=detail.timeout_ms).strip() \
        if posture.count() else None
    recorder.action(f"a click on the '{op_key}' operation trigger")
    detail.card(op).start()
    box = detail.confirm_dialog
    try:
        box.root.wait_for(state="visible", timeout=detail.timeout_ms)
    except PlaywrightTimeout:
        return ConfirmationTrial(op_key=op_key, url=page.url, resource_name=name,
                                 dialog_opened=False)
    empty = box.submit.is_disabled()
    recorder.action(f"typing a near miss into the '{op_key}' confirmation")
    box.type_text(near_miss(name))
    miss = box.submit.is_disabled()
    recorder.action(f"typing the resource name into the '{op_key}' confirmation")
    box.type_text(name)
    exact = box.submit.is_enabled()
    recorder.action(f"cancelling the '{op_key}' confirmation")
    try:
        box.cancel()
        closed = True
    except PlaywrightTimeout:
        closed = False
    after = posture.first.inner_text(timeout=detail.timeout_ms).strip() \
        if posture.count() else None
    return ConfirmationTrial(
        op_key=op_key, url=page.url, resource_name=name, dialog_opened=True,
        disabled_when_empty=empty, disabled_on_near_miss=miss, enabled_on_exact=exact,
        closed_on_cancel=closed, posture_before=before, posture_after=after)

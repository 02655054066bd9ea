"""Runs a contract journey step by step with page objects, recording where each step landed.
Judging the outcomes is the pure `journey` check's job."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError

from contracts import Contract, Family, Journey, Step
from harness.capture.page_errors import PageErrorRecorder
from harness.checks.observations import JourneyRun, StepOutcome
from pages.factory import Pages
from pages.family_page import FamilyPage


def describe(step: Step) -> str:
    for name in ("open", "click_nav", "open_first_row", "follow_back", "click_global_nav",
                 "expect"):
        value = getattr(step, name, None)
        if value is not None:
            return f"{name} {value}"
    return f"open_tab {step.open_tab.key}" if step.open_tab else "(empty step)"


def run_journey(journey: Journey, pages: Pages, contract: Contract) -> JourneyRun:
    """Run the steps in order, stopping at the first that lands elsewhere; script errors a step
    raises are recorded with it (interaction-errors judges them)."""
    outcomes: list[StepOutcome] = []
    current = pages.for_family(journey.family)
    with PageErrorRecorder(pages.page) as recorder:
        for index, step in enumerate(journey.steps, start=1):
            action = describe(step)
            recorder.action(f"step {index} ({action}) of journey {journey.id}")
            expected, family = _expectation(step, current.family)
            try:
                landed = _perform(step, current, pages)
            except (PlaywrightError, AssertionError) as exc:
                outcomes.append(StepOutcome(index, action, expected, family, pages.page.url,
                                            str(exc).splitlines()[0]))
                break
            outcomes.append(StepOutcome(index, action, expected, family, landed))
            landed_route = contract.route_id_of(landed)
            if (expected and landed_route != expected) or landed_route is None:
                break  # the next step would start from the wrong page
            current = pages.for_route(landed_route)
    return JourneyRun(tuple(outcomes), recorder.errors)


def _expectation(step: Step, family: Family) -> tuple[str | None, str | None]:
    if step.click_global_nav is not None:
        return None, step.click_global_nav
    if step.click_nav is not None:
        items = family.local_nav.items if family.local_nav else ()
        item = next((i for i in items if i.key == step.click_nav), None)
        return (item.route if item else None), family.id
    if step.open_tab is not None:
        return step.open_tab.route, None
    return (step.open or step.open_first_row or step.follow_back or step.expect), None


def _perform(step: Step, current: FamilyPage, pages: Pages) -> str:
    if step.open is not None:
        page = pages.for_route(step.open)
        return page.open(step.open)
    if step.click_nav is not None:
        return current.local_nav.click(step.click_nav)
    if step.open_first_row is not None:
        return current.open_first_row(step.open_first_row)
    if step.open_tab is not None:
        return current.open_tab(step.open_tab.key, step.open_tab.route)
    if step.follow_back is not None:
        return current.follow_back(step.follow_back)
    if step.click_global_nav is not None:
        return current.shell.open_family(step.click_global_nav)
    return pages.page.url  # expect: only a check of where we are

"""The selector grammar (contracts.selectors): valid and invalid forms of each syntax, and the
rule that every selector field of every contract model is typed as one."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from contracts.auth import LoginForm, LoginSuccess
from contracts.baseline import A11yBaselineFile, AcceptedDensity, AcceptedViolation
from contracts.degraded import DegradedBackend
from contracts.lint_selectors import field_syntax
from contracts.loader import ITEM_MODELS, MAPPING_MODELS
from contracts.models import Lifecycle, LocalNav
from contracts.parity_facts import EntryReader, ParityField
from contracts.selectors import every_item, selector_problem
from contracts.settings import DENSITY_MEASURES, Selectors

CSS_VALID = [
    '[data-testid="global-shell"]',
    "form#delete-form",
    "tr:nth-child(1) > .col-station_id.type-str > em",
    "div:has(> a[href^='/x']), li:nth-child(2n+1 of .x)",
    ":is(nav, header) a:not(.hidden):focus-visible",
    "input:invalid",  # a browser pseudo-class soupsieve does not know
    '[data-testid="local-nav-item-{key}"]',  # placeholders are filled before compiling
    ".app-{family} .model-{key} a",
]
CSS_INVALID = [
    ("", "empty selector"),
    ("a[", "'[' at position 1 is never closed"),
    ("#1a", "Malformed id selector at position 0"),
    ("a:hovr", "':hovr' was detected as a pseudo-class and is either unsupported or invalid"),
    ("a::before", "Pseudo-element found at position 1"),
    ("a,", "Invalid character ',' position 1"),
    ('[data-testid="x]', "string starting at position 13 is never closed"),
    (':contains("x")', "':contains' is not a CSS pseudo-class (browsers reject it)"),
    # Playwright syntax is named as such: these fields go to document.querySelectorAll.
    ("a:visible", "':visible' is Playwright syntax; this field is plain CSS"),
    ("text=Save", "a Playwright text selector; this field is plain CSS"),
    ("nav >> a", "'>>' chains are Playwright syntax; this field is plain CSS"),
]

PLAYWRIGHT_VALID = [
    "#id_username",
    'input[name="user"]',
    "text=Save",
    '"Save"',
    "text=/sav(e|ing)/i",
    '//div[@id="x"]',
    "xpath=//form//input[1]",
    'role=button[name="Save" i]',
    "role=heading[level=2]",
    "role=checkbox[checked=mixed][disabled]",
    "data-testid=login-submit",
    "id=main",
    "css=nav >> text=Home >> nth=0",
    "*css=div >> span",
    "visible=true",
    'button:has-text("Save")',
    'li:text-is("Home"):visible',
    ':text-matches("\\\\p{L}+", "u")',  # JavaScript regex syntax Python's re would refuse
    "li:nth-match(.row, 2)",
    'input:left-of(:text("Name"), 50)',
    'div:has(:text("x"))',
    'internal:has="a >> b"',
    'internal:label="User"i',
    'internal:testid=[data-testid="x"s]',
    "internal:role=button",
]
PLAYWRIGHT_INVALID = [
    ("", "empty selector"),
    ("nav >> ", "empty part in a '>>' chain"),
    ("foo=bar", "unknown selector engine 'foo='"),
    ("txt=Save", "unknown selector engine 'txt=' (did you mean 'text'?)"),
    ('text="Save', 'a " quote is never closed'),
    ("text=/a(b/", "regular expression /a(b/ leaves a group open"),
    ("xpath=//div[@a", "'[' at position 5 is never closed"),
    ('role=button[nme="x"]', "unknown role attribute 'nme' (did you mean 'name'?)"),
    ("role=heading[level=x]", "role attribute 'level' takes an integer"),
    ("role=checkbox[checked=maybe]", "role attribute 'checked' takes true or false or mixed"),
    ("role=button[name=Save]", "role attribute 'name' takes a quoted string or a /regex/"),
    ("nth=first", "'nth=' takes an integer, got 'first'"),
    ("visible=yes", "'visible=' takes true or false, got 'yes'"),
    ("internal:has=a", "'internal:has=' takes a selector as a JSON string"),
    ("button:has-text(Save)", "':has-text' takes one quoted string, got (Save)"),
    ('a:text("x", "y")', "':text' takes one quoted string"),
    ("a:visible()", "':visible' takes no arguments"),
    ("a:text", "':text' needs arguments in parentheses"),
    ('a:text-matches("ab", "z")', "unknown regular expression flag 'z'"),
    ('a:text-matches("a)b")', "regular expression /a)b/ closes a group it never opened"),
    ("li:nth-match(.x, 0)", "':nth-match' takes a selector and a position from 1"),
    ("input:near(.x, far)", "':near' takes a selector and an optional distance"),
    ("input:right-of(a[)", "'[' at position 1 is never closed"),
    ("div:is(:text(x))", "':text' takes one quoted string, got (x)"),
    ("css=a[", "'[' at position 1 is never closed"),
    ("nav >> a:hovr", "':hovr' was detected as a pseudo-class and is either unsupported or "
     "invalid (in 'a:hovr')"),
]


@pytest.mark.parametrize("text", CSS_VALID)
def test_valid_css(text: str) -> None:
    assert selector_problem(text, "css") is None


@pytest.mark.parametrize(("text", "problem"), CSS_INVALID)
def test_invalid_css(text: str, problem: str) -> None:
    found = selector_problem(text, "css")
    assert found is not None and found.startswith(problem), found


@pytest.mark.parametrize("text", CSS_VALID + PLAYWRIGHT_VALID)
def test_valid_playwright(text: str) -> None:
    assert selector_problem(text, "playwright") is None


@pytest.mark.parametrize(("text", "problem"), PLAYWRIGHT_INVALID)
def test_invalid_playwright(text: str, problem: str) -> None:
    found = selector_problem(text, "playwright")
    assert found is not None and found.startswith(problem), found


def _models(root: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    """`root` and every model reachable through its field annotations."""
    if root in seen:
        return
    seen.add(root)
    stack: list[object] = [info.annotation for info in root.model_fields.values()]
    while stack:
        tp = stack.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            _models(tp, seen)
        stack.extend(getattr(tp, "__args__", ()))


# Selector fields whose names do not say so. CSS where the suite also reads them with
# document.querySelector(All) (harness/capture/collector.js, the login wait); Playwright where
# only page.locator() reads them.
NAMED: dict[tuple[type[BaseModel], str], str] = {
    **{(Selectors, name): "css" for name in Selectors.model_fields},
    (LocalNav, "container"): "css",
    (Lifecycle, "card"): "css",
    (Lifecycle, "fields"): "css",
    (LoginForm, "username"): "playwright",
    (LoginForm, "password"): "playwright",
    (LoginForm, "submit"): "playwright",
    (LoginForm, "error"): "css",
    (LoginSuccess, "element"): "playwright",
    (AcceptedViolation, "target"): "css",
    (DegradedBackend, "error_state"): "css",
    (DegradedBackend, "empty_state"): "css",
    (DegradedBackend, "loading"): "css",
    (ParityField, "v1"): "playwright",
    (ParityField, "v3"): "playwright",
    (EntryReader, "item"): "playwright",
}


def test_every_selector_field_is_typed_as_a_selector() -> None:
    """A field named like a selector must carry a selector type, or lint would never compile it;
    so must the fields in NAMED."""
    models: set[type[BaseModel]] = set()
    for root in [*ITEM_MODELS.values(), *MAPPING_MODELS.values(), Lifecycle, A11yBaselineFile]:
        _models(root, models)
    untyped = [
        f"{model.__name__}.{name}"
        for model in models
        for name, info in model.model_fields.items()
        if name.endswith(("selector", "selectors", "css"))
        and field_syntax(info.annotation, info.metadata) is None
    ]
    assert untyped == [], "type these as contracts.selectors.CssSelector / PlaywrightSelector"
    for (model, name), syntax in NAMED.items():
        info = model.model_fields[name]
        assert field_syntax(info.annotation, info.metadata) == syntax, f"{model.__name__}.{name}"


def test_density_baseline_fields_are_the_density_measures() -> None:
    assert set(AcceptedDensity.model_fields) == set(DENSITY_MEASURES)


@pytest.mark.parametrize(("template", "placeholder", "every"), [
    ('[data-testid="local-nav-item-{key}"]', "{key}", '[data-testid^="local-nav-item-"]'),
    ("[data-nav='{family}-item' i]", "{family}", '[data-nav$="-item" i]'),
    ("[data-op={key}]", "{key}", "[data-op]"),
    ("li#nav-{key} > a", "{key}", 'li[id^="nav-"] > a'),
    ("#side .app-x .model-{key} th a, #main .app-x .model-{key} th a", "{key}",
     '#side .app-x :is([class^="model-"], [class*=" model-"]) th a, '
     '#main .app-x :is([class^="model-"], [class*=" model-"]) th a'),
    ('a:has([data-k="k-{key}"])', "{key}", 'a:has([data-k^="k-"])'),
    ("nav {key}", "{key}", None),  # a tag name: every element would do
    ("nav .{key}", "{key}", None),  # any class at all
    ('[data-x="{key}-{key}"]', "{key}", None),
])
def test_every_item_of_a_one_item_template(template: str, placeholder: str,
                                           every: str | None) -> None:
    assert every_item(template, placeholder) == every

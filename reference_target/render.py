"""Turning page models into HTML: the V3 shell (with its nav faults) and the V1 layout."""

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from reference_target.context import Ctx
from reference_target.nav import FAMILIES
from reference_target.page_model import Block, Cards, Link, Notice, Page, Table

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def global_nav(ctx: Ctx, family: str) -> list[Link]:
    leak = ctx.fault("role-nav-leak") and ctx.role.id == "user"
    shown = family
    if family == "schedulers" and ctx.fault("global-nav-wrong-current"):
        shown = "workloads"
    links = [
        Link(fam.title, fam.home, f"global-nav-item-{fam.id}", current=fam.id == shown)
        for fam in FAMILIES.values()
        if fam.in_global_nav and (fam.id in ctx.role.families or (leak and fam.id == "platform"))
    ]
    if ctx.role.id == "project_admin" and ctx.fault("global-nav-extra-item"):
        links.append(Link("Help", "/help", "global-nav-item-help"))
    return links


def local_nav(ctx: Ctx, family: str, current_key: str | None) -> list[Link]:
    links = []
    for item in FAMILIES[family].items:
        testid, href, label = f"local-nav-item-{item.key}", item.path, item.label
        if family == "access" and item.key == "credentials" and ctx.fault(
                "local-nav-selector-renamed"):
            testid = "local-nav-item-api-keys"
        if family == "storage" and item.key == "grants" and ctx.fault("local-nav-wrong-route"):
            href = "/storage/attachments"
        if family == "apps" and item.key == "artifacts" and ctx.fault("local-nav-wrong-label"):
            label = "Models"
        current = item.key == current_key and not (
            family == "docs" and ctx.fault("local-nav-no-active"))
        links.append(Link(label, href, testid, current))
    if family == "shell" and ctx.fault("local-nav-extra-item"):
        links.append(Link("Workloads", "/workloads", "local-nav-item-workloads"))
    if family == "account" and ctx.fault("local-nav-reordered"):
        links[0], links[1] = links[1], links[0]
    return links


# Added to account pages by the click-error fault: a click handler that throws (a broken
# analytics hook, say) while the click's own navigation still works.
CLICK_ERROR_SCRIPT = ("document.addEventListener('click', () => "
                      "{ window.accountAnalytics.track('click'); });")


# Added to list pages by the late-render and never-renders faults: the rows (kept in a
# <template>, which no selector reaches) join the page only once /api/rows-ready answers.
LATE_ROWS_SCRIPT = ("(() => { const slots = document.querySelectorAll('template[data-late-rows]');"
                    " if (!slots.length) return; fetch('/api/rows-ready').then((r) => r.json())"
                    ".then(() => slots.forEach((t) => t.replaceWith(t.content))); })();")
FIRST_RUN_COOKIE = "first_run_done"


def _late_rows(ctx: Ctx, page: Page) -> bool:
    return (ctx.fault("late-render") or ctx.fault("never-renders")) and any(
        (isinstance(b, Table) and any(r.href for r in b.rows))
        or (isinstance(b, Cards) and any(c.is_row for c in b.cards)) for b in page.blocks)


def render_page(ctx: Ctx, page: Page, *, with_local_nav: bool = True) -> HTMLResponse:
    family = FAMILIES[page.family]
    if page.family == "account" and ctx.fault("click-error"):
        page = replace(page, scripts=(*page.scripts, CLICK_ERROR_SCRIPT))
    late_rows = _late_rows(ctx, page)
    if late_rows:
        page = replace(page, scripts=(*page.scripts, LATE_ROWS_SCRIPT))
    shell = not (page.family == "notifications" and ctx.fault("shell-missing"))
    name = page.header.name if page.header else page.title
    title = name if name == family.title else f"{name} · {family.title}"
    if page.family == "account" and page.nav_key == "sessions" and ctx.fault(
            "document-title-stale"):
        title = "Profile · Account"
    if page.family == "storage" and page.nav_key == "grants" and ctx.fault("page-heading-wrong"):
        page = replace(page, title="Attachments")
    html = TEMPLATES.get_template("v3.html").render(
        page=page,
        role=ctx.role,
        shell=shell,
        document_title=f"{title} · GPU Cloud",
        global_nav=global_nav(ctx, page.family),
        local_nav=(local_nav(ctx, page.family, page.nav_key)
                   if with_local_nav and page.local_nav else []),
        local_nav_label=f"{family.title} sections",
        unmapped_footer_link=ctx.fault("unmapped-v1-page"),
        rows_page=_rows_page(ctx),
        rows_per_page=ROWS_PER_PAGE,
        page_href=lambda n: _page_href(ctx, n),
        late_rows=late_rows,
        first_run=ctx.fault("first-run-dialog")
        and ctx.request.cookies.get(FIRST_RUN_COOKIE) != "1",
        first_run_cookie=FIRST_RUN_COOKIE,
    )
    return HTMLResponse(html, status_code=page.status)


ROWS_PER_PAGE = 50  # long lists are paged, as the product's are; --scale makes them long


def _rows_page(ctx: Ctx) -> int:
    raw = ctx.request.query_params.get("page", "1")
    return max(int(raw), 1) if raw.isdigit() else 1


def _page_href(ctx: Ctx, number: int) -> str:
    query = {**ctx.request.query_params, "page": str(number)}
    return ctx.request.url.path + "?" + urlencode(query)


def render_v1(title: str, blocks: list[Block], *, status: int = 200,
              redirect_to: str | None = None) -> HTMLResponse:
    html = TEMPLATES.get_template("v1.html").render(
        title=title, blocks=blocks, redirect_to=redirect_to)
    return HTMLResponse(html, status_code=status)


def render_mock() -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template("mock.html").render())


def render_forbidden(ctx: Ctx, family: str) -> HTMLResponse:
    page = Page(family, "Not allowed", None, [Notice(
        f"Your role ({ctx.role.id.replace('_', ' ')}) is not allowed to open "
        f"{FAMILIES[family].title} pages. Ask a platform administrator for access.")],
        status=403)
    return render_page(ctx, page, with_local_nav=False)


def render_not_found(ctx: Ctx, family: str = "shell") -> HTMLResponse:
    page = Page(family, "Page not found", None, [Notice(
        "There is no page at this address. Use the navigation to find what you need.")],
        status=404)
    return render_page(ctx, page, with_local_nav=False)

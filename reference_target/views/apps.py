"""Apps family: catalog with featured apps, app detail and launch, runtimes and artifacts."""

from reference_target.context import Ctx
from reference_target.page_model import (
    Card,
    Cards,
    Facts,
    Field,
    Form,
    Image,
    LinkList,
    Page,
    Prose,
    Row,
    Table,
    Timeline,
)
from reference_target.routing import Registry
from reference_target.seed import PROJECTS, Resource
from reference_target.views.common import header, lifecycle, row, tabs

page = Registry("apps")
ICON = "/static/app-icon.svg"


@page("/apps", "apps.catalog")
def catalog(ctx: Ctx) -> Page:
    apps = ctx.seed.items("apps")
    featured = tuple(
        Card(a.name, (a.meta["blurb"],), f"/apps/{a.id}", Image(
            ICON, None if i == 0 and ctx.fault("img-no-alt") else f"{a.name} icon"))
        for i, a in enumerate(apps[:3])
    )
    rows = tuple(row(a, f"/apps/{a.id}", a.meta["category"], a.meta["version"]) for a in apps)
    return Page("apps", "Apps", "catalog", [
        Cards("Featured", featured),
        Table("All apps", ("App", "Category", "Latest version"), rows),
    ], lead="Launch ready-made apps on GPU capacity; they run as app runtimes.")


def _app_page(ctx: Ctx, tab: str) -> Page:
    app = ctx.resource("apps", "app_id")
    base = f"/apps/{app.id}"
    if tab == "overview":
        blocks = [Prose("About", (app.meta["blurb"],)), Facts("Details", app.facts)]
    else:
        major = app.meta["version"].split(".")[0]
        versions = (app.meta["version"], f"{major}.0.0", f"{max(int(major) - 1, 0)}.9.2")
        rows = tuple(Row((v, "stable" if i else "latest")) for i, v in enumerate(versions))
        blocks = [Table("Versions", ("Version", "Channel"), rows)]
    blocks.append(LinkList("Launch", ((f"Launch {app.name}", f"{base}/launch",
                                       "choose an instance type and project"),)))
    return Page("apps", app.name, None, blocks,
                header=header(ctx, "App", app, "/apps", "Apps catalog"),
                tabs=tabs(base, [("overview", "Overview"), ("versions", "Versions")], tab,
                          history="none" if ctx.fault("tab-no-url") else "push"))


@page("/apps/{app_id}", "apps.detail")
def detail(ctx: Ctx) -> Page:
    return _app_page(ctx, "overview")


@page("/apps/{app_id}/versions", "apps.detail.versions")
def detail_versions(ctx: Ctx) -> Page:
    return _app_page(ctx, "versions")


@page("/apps/{app_id}/launch", "apps.launch")
def launch(ctx: Ctx) -> Page:
    app = ctx.resource("apps", "app_id")
    skus = tuple(s.name for s in ctx.seed.items("skus")[:8])
    return Page("apps", f"Launch {app.name}", None, [Form(f"Launch {app.name}", (
        Field("Runtime name", "name", value=f"{app.id}-1"),
        Field("Instance type", "sku", "select", skus, skus[-1]),
        Field("Project", "project", "select", PROJECTS),
        Field("Members", "members", "number", value="1"),
    ), "Launch app", f"/api/launch/app?app={app.id}")],
        header=header(ctx, "Launch", app, f"/apps/{app.id}", app.name))


@page("/apps/runtimes", "apps.runtimes")
def runtimes(ctx: Ctx) -> Page:
    rows = tuple(
        row(w, f"/workloads/{w.id}", w.meta["app_id"], w.meta["version"], ctx.posture(w))
        for w in ctx.seed.items("workloads") if w.meta["kind"] == "app"
    )
    return Page("apps", "App runtimes", "runtimes", [
        Table("Runtimes", ("Runtime", "App", "Version", "Status"), rows),
    ], lead="Running apps open in the unified workload view.")


@page("/apps/artifacts", "apps.artifacts")
def artifacts(ctx: Ctx) -> Page:
    rows = tuple(
        row(a, f"/apps/artifacts/{a.id}", a.meta["type"], dict(a.facts)["Project"], ctx.posture(a))
        for a in ctx.seed.items("artifacts")
    )
    return Page("apps", "Artifact workbench", "artifacts", [
        Table("Artifacts", ("Artifact", "Type", "Project", "Status"), rows),
        Prose("Workflow", ("Publish, verify, promote, deprecate, revoke or retire an artifact "
                           "from its page.",)),
    ])


@page("/apps/artifacts/{artifact_id}", "apps.artifact.detail")
def artifact_detail(ctx: Ctx) -> Page:
    art: Resource = ctx.resource("artifacts", "artifact_id")
    back = "/apps" if ctx.fault("back-link-wrong-list") else "/apps/artifacts"
    ops, dialog = lifecycle(ctx, "app_artifact", art)
    return Page("apps", art.name, None, [
        Facts("Details", art.facts), ops, Timeline("Activity", tuple(ctx.state.activity_for(art))),
    ], header=header(ctx, "Artifact", art, back, "Artifacts"), dialog=dialog)

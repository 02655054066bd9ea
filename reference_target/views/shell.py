"""Shell family: the home dashboard, search and help."""

from reference_target.context import Ctx
from reference_target.nav import FAMILIES
from reference_target.page_model import (
    Block,
    Card,
    Cards,
    Field,
    Form,
    LinkList,
    Page,
    Prose,
    Row,
    Table,
)
from reference_target.routing import Registry

page = Registry("shell")

# Collections searched by /search, with the detail route each hit links to.
SEARCHABLE = (
    ("workloads", "Workload", "workloads", "/workloads/{}"),
    ("buckets", "Bucket", "storage", "/storage/buckets/{}"),
    ("apps", "App", "apps", "/apps/{}"),
    ("nodes", "Node", "platform", "/platform/nodes/{}"),
)


@page("/home", "shell.home")
def home(ctx: Ctx) -> Page:
    workloads = ctx.seed.items("workloads")
    running = sum(1 for w in workloads if ctx.posture(w) == "running")
    cards = [
        Card("Workloads", (f"{running} running of {len(workloads)}",), "/workloads"),
        Card("GPU hours this month", ("14,820 of 20,000 used",), "/workloads/activity"),
        Card("Storage", (f"{len(ctx.seed.items('buckets'))} buckets",),
             "/volumes" if ctx.fault("v1-link-in-page") else "/storage/buckets"),
        Card("Notifications", ("3 unread",), "/notifications"),
    ]
    links = tuple(
        (fam.title, fam.home, f"Open {fam.title.lower()}")
        for fam in FAMILIES.values()
        if fam.in_global_nav and fam.id in ctx.role.families
    )
    return Page("shell", "Home", "home", [
        Cards("At a glance", tuple(cards)),
        LinkList("Go to", links),
    ], lead=f"Welcome back, {ctx.role.person}.")


@page("/search", "shell.search")
def search(ctx: Ctx) -> Page:
    query = ctx.query.get("q", "").strip()
    blocks: list[Block] = [Form("Search the console", (Field("Search term", "q", value=query),),
                                "Search", "/search", method="get")]
    if query:
        hits = [
            Row((r.name, label), href.format(r.id))
            for collection, label, family, href in SEARCHABLE
            if family in ctx.role.families
            for r in ctx.seed.items(collection)
            if query.lower() in r.name.lower()
        ][:25]
        blocks.append(Table(f"Results for “{query}”", ("Name", "Type"), tuple(hits),
                            empty="No resources match."))
    return Page("shell", "Search", "search", blocks)


@page("/help", "shell.help")
def help_page(ctx: Ctx) -> Page:
    return Page("shell", "Help", "help", [
        Prose("Getting started", (
            "Launch compute from the catalog, attach a bucket, and follow progress on the "
            "workload's Events tab.",
            "Every resource page has a back link to its list and an activity timeline of what "
            "changed and who changed it.",
        )),
        LinkList("Guides", (
            ("Developer docs", "/docs", "API reference, CLI downloads and examples"),
            ("Schedulers", "/schedulers", "Submit Slurm and Kubernetes jobs"),
        )),
        Prose("Support", ("Open a support case from your account page or email "
                          "support@gpucloud.example; include the workload or node id.",)),
    ])

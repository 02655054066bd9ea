"""Storage family: WEKAFS-first buckets, sharing, grants, attachments and the new-bucket wizard."""

from dataclasses import replace

from reference_target.context import Ctx
from reference_target.page_model import Facts, Field, Form, Page, Prose, Row, Table, Timeline
from reference_target.routing import Registry
from reference_target.seed import PROJECTS
from reference_target.views.common import header, lifecycle, row, tabs

page = Registry("storage")
TABS = [("overview", "Overview"), ("sharing", "Sharing"), ("events", "Events")]


@page("/storage/buckets", "storage.buckets")
def buckets(ctx: Ctx) -> Page:
    rows = tuple(
        row(b, f"/storage/buckets/{_row_id(ctx, i, b.id)}", b.meta["provider"],
            b.meta["capabilities"].replace(" ", ", "), dict(b.facts)["Capacity"],
            dict(b.facts)["Project"])
        for i, b in enumerate(ctx.seed.items("buckets"))
    )
    return Page("storage", "Buckets", "buckets", [
        Table("Buckets", ("Bucket", "Provider", "Protocols", "Capacity", "Project"), rows),
    ], lead="WEKAFS is the primary protocol; S3 access appears only where the provider offers it.")


def _row_id(ctx: Ctx, index: int, bucket_id: str) -> str:
    """The id a bucket row links; the row-link-missing fault sends the 3rd to no bucket."""
    return f"{bucket_id}-gone" if index == 2 and ctx.fault("row-link-missing") else bucket_id


def _bucket_page(ctx: Ctx, tab: str) -> Page:
    bucket = ctx.resource("buckets", "bucket_id")
    base = f"/storage/buckets/{bucket.id}"
    head = header(ctx, "Bucket", bucket, "/storage/buckets", "Buckets",
                  capabilities=bucket.meta["capabilities"])
    if ctx.fault("missing-back-link"):
        head = replace(head, back=None)
    page_ = Page("storage", bucket.name, None, header=head, tabs=tabs(base, TABS, tab))
    if tab == "overview":
        ops, page_.dialog = lifecycle(ctx, "storage_bucket", bucket, f"{base}/events")
        page_.blocks = [Facts("Details", bucket.facts), ops,
                        Timeline("Activity", tuple(ctx.state.activity_for(bucket)))]
    elif tab == "sharing":
        grants = tuple(
            Row((dict(g.facts)["Principal"], dict(g.facts)["Access"]))
            for g in ctx.seed.items("grants") if dict(g.facts)["Bucket"] == bucket.name
        )
        page_.blocks = [
            Table("Grants", ("Principal", "Access"), grants, empty="Only the project can read it."),
            Prose("Direct access", ("Issue a scoped credential from the Overview tab to mount "
                                    "the bucket outside a workload.",)),
        ]
    else:
        page_.blocks = [Timeline("Events", tuple(ctx.state.activity_for(bucket)),
                                 subject=bucket.id)]
    return page_


@page("/storage/buckets/{bucket_id}", "storage.bucket.detail")
def bucket_detail(ctx: Ctx) -> Page:
    return _bucket_page(ctx, "overview")


@page("/storage/buckets/{bucket_id}/sharing", "storage.bucket.sharing")
def bucket_sharing(ctx: Ctx) -> Page:
    return _bucket_page(ctx, "sharing")


@page("/storage/buckets/{bucket_id}/events", "storage.bucket.events")
def bucket_events(ctx: Ctx) -> Page:
    return _bucket_page(ctx, "events")


@page("/storage/grants", "storage.grants")
def grants(ctx: Ctx) -> Page:
    rows = tuple(Row((dict(g.facts)["Bucket"], dict(g.facts)["Principal"],
                      dict(g.facts)["Access"])) for g in ctx.seed.items("grants"))
    return Page("storage", "Grants", "grants", [
        Table("Grants", ("Bucket", "Principal", "Access"), rows)])


@page("/storage/attachments", "storage.attachments")
def attachments(ctx: Ctx) -> Page:
    rows = tuple(Row((dict(a.facts)["Bucket"], dict(a.facts)["Workload"],
                      dict(a.facts)["Mount path"], ctx.posture(a)))
                 for a in ctx.seed.items("attachments"))
    return Page("storage", "Attachments", "attachments", [
        Table("Attachments", ("Bucket", "Workload", "Mount path", "State"), rows)])


@page("/storage/new", "storage.launch")
def new_bucket(ctx: Ctx) -> Page:
    return Page("storage", "New bucket", "new", [
        Prose("Steps", ("1. Name the bucket and pick its project. 2. Choose capacity. "
                        "3. Review and create; the bucket appears on the Buckets list.",)),
        Form("Bucket", (
            Field("Bucket name", "name", value="new-dataset"),
            Field("Project", "project", "select", PROJECTS),
            Field("Protocol", "protocol", "select", ("WEKAFS (NFS, POSIX)",)),
            Field("Capacity (TiB)", "capacity", "number", value="10"),
        ), "Create bucket", "/api/launch/bucket"),
    ])

"""Compute family: the SKU catalog, SKU detail and the launch form."""

from starlette.responses import HTMLResponse, Response

from reference_target.context import Ctx
from reference_target.page_model import Card, Cards, Facts, Field, Form, Page, Prose
from reference_target.routing import Registry
from reference_target.seed import PROJECTS, REGIONS
from reference_target.views.common import header

page = Registry("compute")


@page("/compute", "compute.catalog")
def catalog(ctx: Ctx) -> Page:
    cards = tuple(
        Card(s.name, (dict(s.facts)["GPU"], dict(s.facts)["Price"],
                      f"{dict(s.facts)['Available now']} available in {s.meta['region']}"),
             f"/compute/skus/{s.id}", is_row=True)
        for s in ctx.seed.items("skus")
    )
    return Page("compute", "Compute catalog", "catalog", [Cards("Instance types", cards)],
                lead="GPU instance types you can launch today, with live availability.")


@page("/compute/skus/{sku_id}", "compute.sku.detail")
def sku_detail(ctx: Ctx) -> Page | Response:
    sku = ctx.resource("skus", "sku_id")
    if ctx.fault("detail-500"):
        return HTMLResponse("<!doctype html><html lang=\"en\"><head><title>Server error</title>"
                            "</head><body><h1>Internal Server Error</h1></body></html>",
                            status_code=500)
    return Page("compute", sku.name, None, [
        Facts("Specification", sku.facts),
        Prose("Good for", ("Distributed training with NVLink and InfiniBand between GPUs."
                           if sku.name.startswith("8x") else
                           "Fine-tuning, inference and interactive development.",)),
    ], header=header(ctx, "Instance type", sku, "/compute", "Compute catalog"))


@page("/compute/launch", "compute.launch")
def launch(ctx: Ctx) -> Page:
    skus = tuple(s.name for s in ctx.seed.items("skus")[:12])
    form = Form("Launch an instance", (
        Field("Name", "name", value="my-instance"),
        Field("Instance type", "sku", "select", skus, skus[0]),
        Field("Image", "image", "select", ("Ubuntu 22.04 + CUDA 12.4", "Rocky 9 + CUDA 12.2")),
        Field("Project", "project", "select", PROJECTS),
        Field("Region", "region", "select", REGIONS),
        Field("Count", "count", "number", value="1"),
    ), "Launch", "/api/launch/instance", has_icon_button=True,
        icon_button_label=None if ctx.fault("button-unlabeled") else "Refresh availability")
    return Page("compute", "Launch compute", "launch", [form],
                lead="Pick an instance type; the launch hands off to the workload's Events tab.")

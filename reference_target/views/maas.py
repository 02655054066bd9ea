"""Platform MAAS provisioning: sites, profiles, fabrics and node onboarding jobs."""

from reference_target.context import Ctx
from reference_target.page_model import Facts, Field, Form, Page, Pre, Prose, Table, Timeline
from reference_target.routing import Registry
from reference_target.seed import Resource
from reference_target.views.common import header, lifecycle, row

page = Registry("platform")

# (collection, list path, list title, nav key, lifecycle kind, kind label, columns)
KINDS = {
    "maas-sites": ("/platform/maas/sites", "MAAS sites", "maas-sites", "maas_site", "MAAS site",
                   ("Location", "Machines")),
    "maas-profiles": ("/platform/maas/profiles", "MAAS profiles", "maas-profiles",
                      "maas_profile", "MAAS profile", ("Image", "Storage layout")),
    "maas-fabrics": ("/platform/maas/fabrics", "MAAS fabrics", "maas-fabrics", "maas_fabric",
                     "MAAS fabric", ("Site", "VLAN")),
}


def _list(ctx: Ctx, collection: str) -> Page:
    path, title, key, _, _, columns = KINDS[collection]
    rows = tuple(row(r, f"{path}/{r.id}", *(dict(r.facts)[c] for c in columns), ctx.posture(r))
                 for r in ctx.seed.items(collection))
    return Page("platform", title, key, [Table(title, ("Name", *columns, "State"), rows)])


def _detail(ctx: Ctx, collection: str, param: str) -> Page:
    path, title, _, kind, label, _ = KINDS[collection]
    r: Resource = ctx.resource(collection, param)
    ops, dialog = lifecycle(ctx, kind, r)
    back_label = title
    if collection == "maas-profiles" and ctx.fault("back-link-wrong-label"):
        back_label = KINDS["maas-sites"][1]
    return Page("platform", r.name, None, [
        Facts("Details", r.facts), ops, Timeline("Activity", tuple(ctx.state.activity_for(r))),
    ], header=header(ctx, label, r, path, back_label), dialog=dialog)


@page("/platform/maas/sites", "platform.maas.sites")
def sites(ctx: Ctx) -> Page:
    return _list(ctx, "maas-sites")


@page("/platform/maas/sites/{site_id}", "platform.maas.site.detail")
def site(ctx: Ctx) -> Page:
    return _detail(ctx, "maas-sites", "site_id")


@page("/platform/maas/profiles", "platform.maas.profiles")
def profiles(ctx: Ctx) -> Page:
    return _list(ctx, "maas-profiles")


@page("/platform/maas/profiles/{profile_id}", "platform.maas.profile.detail")
def profile(ctx: Ctx) -> Page:
    return _detail(ctx, "maas-profiles", "profile_id")


@page("/platform/maas/fabrics", "platform.maas.fabrics")
def fabrics(ctx: Ctx) -> Page:
    return _list(ctx, "maas-fabrics")


@page("/platform/maas/fabrics/{fabric_id}", "platform.maas.fabric.detail")
def fabric(ctx: Ctx) -> Page:
    return _detail(ctx, "maas-fabrics", "fabric_id")


@page("/platform/onboarding", "platform.onboarding")
def onboarding(ctx: Ctx) -> Page:
    rows = tuple(row(j, f"/platform/onboarding/{j.id}", j.meta["mode"], dict(j.facts)["Site"],
                     ctx.posture(j)) for j in ctx.seed.items("onboarding-jobs"))
    return Page("platform", "Onboarding", "onboarding", [
        Table("Onboarding jobs", ("Job", "Mode", "Site", "Status"), rows)],
        lead="Direct, batch and discovery onboarding of bare-metal nodes, per MAAS site.")


def _install_output(job: Resource) -> str:
    lines = [f"[{job.id}] mode={job.meta['mode']} site={dict(job.facts)['Site']}",
             "cloud-init: fetching deployment profile", "curtin: partitioning /dev/nvme0n1",
             "curtin: installing image ubuntu-22.04-cuda-12.4"]
    if job.posture == "failed":
        lines += ["nvidia-driver: module build failed (kernel headers missing)",
                  "result: FAILED — retry after syncing kernel headers in the profile"]
    else:
        lines += ["nvidia-driver: 550.90.07 loaded", f"result: {job.posture.upper()}"]
    return "\n".join(lines)


@page("/platform/onboarding/{job_id}", "platform.onboarding.detail")
def onboarding_job(ctx: Ctx) -> Page:
    job = ctx.resource("onboarding-jobs", "job_id")
    return Page("platform", job.name, None, [
        Facts("Job", job.facts),
        Pre("Install output", _install_output(job), f"Install output of {job.name}"),
        Timeline("Activity", tuple(ctx.state.activity_for(job))),
    ], header=header(ctx, "Onboarding job", job, "/platform/onboarding", "Onboarding"))


@page("/platform/onboarding/new", "platform.onboarding.new")
def onboarding_new(ctx: Ctx) -> Page:
    sites_ = tuple(s.name for s in ctx.seed.items("maas-sites")[:12])
    return Page("platform", "Onboard nodes", None, [
        Prose("Modes", ("Direct onboards one machine by BMC address; batch onboards a rack from "
                        "a CSV; discovery scans a subnet and proposes machines.",)),
        Form("Onboarding", (
            Field("Mode", "mode", "select", ("direct", "batch", "discovery")),
            Field("MAAS site", "site", "select", sites_),
            Field("BMC address, CSV rows or subnet", "target", "textarea",
                  value="10.20.0.21"),
        ), "Start onboarding", "/api/launch/onboarding"),
    ])

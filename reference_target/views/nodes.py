"""Platform nodes: list and node detail with activity and capability tabs."""

from dataclasses import replace

from reference_target.context import Ctx
from reference_target.page_model import Facts, Link, Page, Row, Table, Timeline
from reference_target.routing import Registry
from reference_target.views.common import header, lifecycle, row, tabs

page = Registry("platform")
TABS = [("overview", "Overview"), ("activity", "Activity"), ("capabilities", "Capabilities")]


@page("/platform/nodes", "platform.nodes")
def nodes(ctx: Ctx) -> Page:
    rows = tuple(row(n, f"/platform/nodes/{n.id}", dict(n.facts)["Site"], dict(n.facts)["GPUs"],
                     ctx.posture(n)) for n in ctx.seed.items("nodes"))
    return Page("platform", "Nodes", "nodes", [
        Table("Nodes", ("Node", "Site", "GPUs", "Posture"), rows)])


def _node_page(ctx: Ctx, tab: str) -> Page:
    node = ctx.resource("nodes", "node_id")
    base = f"/platform/nodes/{node.id}"
    head = header(ctx, "Node", node, "/platform/nodes", "Nodes")
    if ctx.fault("back-link-history"):
        head = replace(head, back=Link("Back to Nodes", "javascript:history.back()"))
    page_ = Page("platform", node.name, None, header=head, tabs=tabs(base, TABS, tab))
    if tab == "overview":
        ops, page_.dialog = lifecycle(ctx, "node", node)
        page_.blocks = [Facts("Details", node.facts), ops,
                        Timeline("Activity", tuple(ctx.state.activity_for(node)))]
    elif tab == "activity":
        page_.blocks = [Timeline("Activity", tuple(ctx.state.activity_for(node)),
                                 subject=node.id)]
    else:
        caps = node.meta["capabilities"].split()
        page_.blocks = [Table("Capabilities", ("Capability", "State"),
                              tuple(Row((c, "healthy")) for c in caps))]
    return page_


@page("/platform/nodes/{node_id}", "platform.node.detail")
def node_detail(ctx: Ctx) -> Page:
    return _node_page(ctx, "overview")


@page("/platform/nodes/{node_id}/activity", "platform.node.activity")
def node_activity(ctx: Ctx) -> Page:
    return _node_page(ctx, "activity")


@page("/platform/nodes/{node_id}/capabilities", "platform.node.capabilities")
def node_capabilities(ctx: Ctx) -> Page:
    return _node_page(ctx, "capabilities")

"""Developer docs: portal, downloads and three renderings of the API reference."""

from reference_target.context import Ctx
from reference_target.page_model import Facts, LinkList, Page, Pre, Prose, Row, Table
from reference_target.routing import Registry

page = Registry("docs")

ENDPOINTS = (
    ("GET", "/v1/workloads", "List workloads"),
    ("POST", "/v1/workloads", "Create a workload"),
    ("GET", "/v1/workloads/{id}", "Get a workload"),
    ("POST", "/v1/workloads/{id}/operations/{op}", "Run a lifecycle operation"),
    ("GET", "/v1/storage/buckets", "List buckets"),
    ("GET", "/v1/compute/skus", "List instance types"),
)
# Thrown on load by the console-error fault (a broken analytics snippet, say).
BROKEN_SCRIPT = "window.docsAnalytics.track('portal_view');"
# Swagger UI's web font comes from a CDN this network never reaches (`.invalid` never resolves):
# the browser logs "Failed to load resource: net::ERR_NAME_NOT_RESOLVED", which the product
# accepts (the page falls back to a system font).
SWAGGER_FONT = "https://fonts.gpucloud-cdn.invalid/css2?family=Source+Sans+3"
# The console-unlisted-host fault: a telemetry script from a host nobody accepted.
TELEMETRY_SCRIPT = "https://telemetry.gpucloud-metrics.invalid/collect.js"


@page("/docs", "docs.portal")
def portal(ctx: Ctx) -> Page:
    return Page("docs", "Developer docs", "portal", [
        Prose("Start here", (
            "Use the REST API or the gpucloud CLI to automate everything the console does. "
            "Authenticate with an API token from Access → Credentials.",)),
        LinkList("References", (
            ("API reference", "/docs/api", "browse every endpoint with examples"),
            ("Swagger UI", "/docs/api/swagger", "try requests interactively"),
            ("Redoc", "/docs/api/redoc", "single-page reference"),
            ("Downloads", "/docs/downloads", "CLI binaries and SDKs"),
        )),
        Pre("Quick start", "gpucloud login\ngpucloud workloads list --project vision-research",
            "Quick start commands"),
    ], scripts=(BROKEN_SCRIPT,) if ctx.fault("console-error") else ())


@page("/docs/downloads", "docs.downloads")
def downloads(ctx: Ctx) -> Page:
    return Page("docs", "Downloads", "downloads", [Table("CLI and SDKs", (
        "Package", "Version", "Platform"), (
        Row(("gpucloud CLI", "3.4.1", "Linux x86_64, Linux arm64, macOS, Windows")),
        Row(("Python SDK (gpucloud)", "3.4.0", "Python 3.9+")),
        Row(("Terraform provider", "1.12.2", "Terraform 1.5+")),
    ))])


def _rows() -> tuple[Row, ...]:
    return tuple(Row((path, method, summary)) for method, path, summary in ENDPOINTS)


@page("/docs/api", "docs.api.stoplight")
def api_reference(ctx: Ctx) -> Page:
    return Page("docs", "API reference", "api", [
        Table("Endpoints", ("Path", "Method", "Summary"), _rows()),
        Pre("Example", "curl -H 'Authorization: Bearer $TOKEN' "
            "https://api.gpucloud.example/v1/workloads", "Example request"),
    ], lead="Stoplight Elements rendering of the public OpenAPI document.")


@page("/docs/api/swagger", "docs.api.swagger")
def swagger(ctx: Ctx) -> Page:
    return Page("docs", "Swagger UI", "swagger", [
        Facts("Server", (("Base URL", "https://api.gpucloud.example"),
                         ("Authorization", "Bearer token"))),
        Table("Operations", ("Path", "Method", "Summary"), _rows()),
    ], lead="Interactive requests against the API with your token.", stylesheets=(SWAGGER_FONT,),
        external_scripts=(TELEMETRY_SCRIPT,) if ctx.fault("console-unlisted-host") else ())


@page("/docs/api/redoc", "docs.api.redoc")
def redoc(ctx: Ctx) -> Page:
    return Page("docs", "Redoc reference", "redoc", [
        Prose("Overview", ("All endpoints accept and return JSON. Errors follow RFC 9457 "
                           "problem details.",)),
        Table("Endpoints", ("Path", "Method", "Summary"), _rows()),
    ])

"""The example's Dagster definitions: a small GPU-fleet data platform (assets in two groups, two
jobs, a schedule, a sensor). Loaded by `dagster-webserver -f` as the code location `defs.py`."""

import os

import dagster as dg


@dg.asset(group_name="fleet", description="GPU nodes registered in the fleet.")
def gpu_nodes() -> list[int]:
    return [1, 2, 3]


@dg.asset(group_name="fleet", description="Healthy node count, from the node list.")
def node_health(gpu_nodes: list[int]) -> int:
    return len(gpu_nodes)


@dg.asset(group_name="billing", description="Invoices rolled up from usage.")
def invoices() -> int:
    return 3


nightly = dg.define_asset_job("nightly_refresh", selection=["gpu_nodes", "node_health"])
billing = dg.define_asset_job("billing_rollup", selection=["invoices"])
nightly_schedule = dg.ScheduleDefinition(job=nightly, cron_schedule="0 2 * * *")


@dg.sensor(job=billing)
def invoice_sensor(context: dg.SensorEvaluationContext) -> None:
    return None


# EXAMPLE_FAULTS=no-sensor: the code location loses its sensor (the automation list and the
# sensor's page then differ from the contract).
FAULTS = set(filter(None, os.environ.get("EXAMPLE_FAULTS", "").split(",")))

defs = dg.Definitions(
    assets=[gpu_nodes, node_health, invoices],
    jobs=[nightly, billing],
    schedules=[nightly_schedule],
    sensors=[] if "no-sensor" in FAULTS else [invoice_sensor],
)

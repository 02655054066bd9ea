"""Seed the example's Dagster instance ($DAGSTER_HOME) with finished runs, so the runs list, a
run's page and the assets' materializations have data: both jobs run once, in process."""

from pathlib import Path

import dagster as dg

if __name__ == "__main__":
    import importlib.util

    spec = importlib.util.spec_from_file_location("defs", Path(__file__).with_name("defs.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    instance = dg.DagsterInstance.get()
    for job in ("nightly_refresh", "billing_rollup"):
        module.defs.resolve_job_def(job).execute_in_process(instance=instance)

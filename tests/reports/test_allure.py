"""Allure worth opening: parameters by contract id, the report named after the product, and its
history file carried over (Allure itself is not run here: it comes from npm)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

from harness.plugin.allure_labels import contract_parameters
from harness.reports import allure_report
from tests.reports.conftest import write_results


def test_parameters_are_contract_ids_not_reprs(contract):
    route = contract.route("storage.buckets")
    family = contract.family("storage")
    item = SimpleNamespace(callspec=SimpleNamespace(params={
        "route": route, "nav_item": (family, family.local_nav.items[0]), "n": 3}))
    assert contract_parameters(item) == {
        "route": "storage.buckets", "nav_item": f"storage/{family.local_nav.items[0].key}",
        "n": "3"}
    assert contract_parameters(SimpleNamespace()) == {}


def test_report_is_named_after_the_product_and_keeps_history(tmp_path, monkeypatch, capsys):
    root = tmp_path / "repo"
    run = root / "reports" / "runs" / "20261130T101500Z-1"  # reports/latest is the last run
    (run / "allure-results").mkdir(parents=True)
    (run / "allure-results" / "x-result.json").write_text("{}")
    (root / "reports" / "latest").symlink_to(Path("runs") / run.name)
    write_results(run / "results" / "results-all-main.json", [],
                  contracts=str(tmp_path / "acme-shop"))
    seen = {}

    def fake_run(cmd, **kwargs):
        seen.update(kwargs["env"])
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(allure_report, "ROOT", root)
    monkeypatch.setattr(allure_report.shutil, "which", lambda name: "/usr/bin/npx")
    monkeypatch.setattr(allure_report.subprocess, "run", fake_run)
    history = tmp_path / "previous" / "allure-history.jsonl"
    assert allure_report.allure_report_command(["--history", str(history)]) == 0
    assert seen["CUTOVER_REPORT_NAME"] == "acme-shop: V1 -> V3 cutover"
    assert seen["CUTOVER_ALLURE_HISTORY"] == str(history.resolve())
    assert f"history: {history}" in capsys.readouterr().out
    config = (Path(allure_report.__file__).parents[2] / "allurerc.mjs").read_text()
    assert "process.env.CUTOVER_REPORT_NAME" in config
    assert "historyPath: process.env.CUTOVER_ALLURE_HISTORY" in config

"""The readiness dashboard: every local link resolves, failing gates show their evidence
(finding, contract file:line, screenshot, trace), and the table filters, searches and sorts
within a 1280 px screen."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from harness.reports.readiness.command import build, write_reports
from tests.reports.conftest import fail, healthy_run, write_results

# A real PNG (1 x 1), so the browser test can see the thumbnail load.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201d8b2f8"
                    "9f0000000049454e44ae426082")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)
            if name == "id" and value:
                self.ids.add(value)


def unresolved_links(html_file: Path) -> list[str]:
    """Every local href/src of the page that does not resolve: a file beside it that is not
    there, or an anchor with no element of that id. External links would be errors too: the
    dashboard must work offline."""
    parser = _Links()
    parser.feed(html_file.read_text())
    bad = []
    for ref in parser.refs:
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc:
            bad.append(f"{ref} (not local)")
        elif not parts.path:
            if unquote(parts.fragment) not in parser.ids:
                bad.append(f"{ref} (no such anchor)")
        elif not (html_file.parent / unquote(parts.path)).exists():
            bad.append(f"{ref} (no such file)")
    return bad


@pytest.fixture
def failing_report(contract, tmp_path: Path) -> Path:
    """A dashboard whose failing gate has a screenshot, a trace and one artifact that is gone."""
    artifacts = tmp_path / "run" / "artifacts"
    artifacts.mkdir(parents=True)
    (artifacts / "storage-buckets.png").write_bytes(PNG)
    (artifacts / "trace.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    rows = fail(healthy_run(contract), "test_shell_containment", "storage.buckets", contract,
                artifacts=(str(artifacts / "storage-buckets.png"), str(artifacts / "trace.zip"),
                           str(artifacts / "deleted.png")))
    results = write_results(tmp_path / "run" / "results" / "results-all-main.json", rows,
                            contracts=str(contract.directory), commit="abc123def456",
                            base_url="http://127.0.0.1:9", browser="/usr/bin/chromium",
                            contracts_digest="0123456789ab", role="platform_admin",
                            roles_run=["platform_admin", "user"],
                            finished="2026-11-30T08:00:00Z", target="reference")
    out = tmp_path / "run" / "report"
    write_reports(build(contract, [results], tmp_path / "history"), out, ["html"])
    return out / "readiness.html"


def test_every_local_link_in_the_dashboard_resolves(failing_report):
    assert unresolved_links(failing_report) == []
    text = failing_report.read_text()
    assert 'href="../artifacts/storage-buckets.png"' in text  # relative to the report
    assert 'src="../artifacts/storage-buckets.png"' in text
    assert "../artifacts/deleted.png" not in text and "deleted.png" in text  # named, not linked
    assert "<link" not in text and "<script src" not in text  # self-contained


def test_link_check_catches_dead_links(tmp_path):
    page = tmp_path / "x.html"
    page.write_text("<a href='#here'>a</a><a href='gone.png'>b</a><img src='https://x/y.png'>"
                    "<p id='there'></p>")
    assert unresolved_links(page) == ["#here (no such anchor)", "gone.png (no such file)",
                                      "https://x/y.png (not local)"]


def test_dashboard_shows_verdict_metadata_and_evidence(failing_report, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(failing_report.as_uri())
    assert page.get_by_test_id("verdict").inner_text() == "NOT READY"
    assert "1blocked" in page.get_by_test_id("counts").inner_text().replace(" ", "")
    meta = page.get_by_test_id("run-meta").inner_text()
    for fact in ("abc123def456", "http://127.0.0.1:9", "/usr/bin/chromium", "0123456789ab",
                 "platform_admin, user", "2026-11-30T08:00:00Z"):
        assert fact in meta
    assert "storage" in page.get_by_test_id("blocking-storage").inner_text()
    # it fits: no horizontal scrolling at 1280 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.locator("#routes").get_by_role("link", name="fail").click()
    assert page.url.endswith("#v1.volumes--shell")
    evidence = page.locator("[id='v1.volumes--shell']")
    assert "contracts/v3/routes.yaml:" in evidence.get_by_role("link").first.inner_text()
    # the thumbnail is a file next to the report: it loads after the click, so wait for it
    expect(evidence.get_by_role("img")).to_have_js_property("naturalWidth", 1)
    assert evidence.get_by_role("link", name="trace.zip").count() == 1


def test_table_filters_by_status_family_and_text_and_sorts(failing_report, contract, page):
    page.goto(failing_report.as_uri())
    rows = page.locator("#routes tbody tr")
    shown = page.locator("#routes tbody tr:not([hidden])")
    assert rows.count() == len(contract.legacy)
    page.get_by_role("button", name="blocked 1").click()
    assert shown.count() == 1 and "/volumes" in shown.first.inner_text()
    page.get_by_role("button", name=f"all {len(contract.legacy)}").click()
    page.get_by_role("combobox", name="Family").select_option("workloads")
    assert 0 < shown.count() < rows.count()
    assert all(t == "workloads" for t in shown.locator("td:nth-child(2)").all_inner_texts())
    page.get_by_role("combobox", name="Family").select_option("")
    page.get_by_label("Filter").fill("BILL-V3")  # a passthrough's task
    assert 0 < shown.count() < rows.count()
    page.get_by_label("Filter").fill("")
    verdicts = page.locator("#routes tbody tr td:nth-child(4)")
    page.get_by_role("columnheader", name="verdict").click()
    assert verdicts.first.inner_text() == "blocked"
    page.get_by_role("columnheader", name="verdict").click()
    assert verdicts.first.inner_text() == "ready"

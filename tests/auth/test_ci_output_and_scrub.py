"""CI-native output (GitHub annotations on contract lines, the job summary) and the scrubbing of
secrets from every output file -- on hand-built data."""

from __future__ import annotations

import zipfile

from contracts import BUNDLED_CONTRACT, load_contract
from harness.checks.findings import Finding, FindingsError
from harness.plugin import ci_output
from harness.plugin.role_auth import ExpiryWatch, needed_roles, roles_of
from harness.plugin.secret_scrub import scrub
from harness.reports.readiness.verdicts import Readiness, RouteReadiness
from harness.targets.role_states import Expiry

CONTRACT = load_contract(BUNDLED_CONTRACT)


def test_a_finding_becomes_an_error_annotation_on_its_contract_line():
    finding = Finding(subject="storage.bucket.detail", source="contracts/v3/routes.yaml:120",
                      expected="a back link, to storage.buckets", found="none",
                      url="http://x/storage/buckets/b-1", check="back-link")
    line = ci_output.annotation(finding)
    assert line.startswith("::error file=contracts/v3/routes.yaml,line=120,title=back-link%3A "
                           "storage.bucket.detail::[back-link] storage.bucket.detail")
    assert "\n" not in ci_output.annotation(
        Finding("s", "f.yaml:1", "a\nb", "c", check="x"))


def _readiness() -> Readiness:
    def route(legacy_id: str, verdict: str) -> RouteReadiness:
        return RouteReadiness(legacy_id, f"/{legacy_id}", "redirect", None, "storage", (),
                              verdict)  # type: ignore[arg-type]

    return Readiness(routes=(route("v1.buckets", "blocked"), route("v1.keys", "ready")),
                     families={"storage": {"ready": 1, "blocked": 1}}, criteria=(),
                     verdict="NOT READY")


def test_the_readiness_summary_goes_to_the_job_summary_only_on_github(tmp_path):
    summary = tmp_path / "summary.md"
    ci_output.append_step_summary(_readiness(), {"GITHUB_STEP_SUMMARY": str(summary)})
    assert not summary.exists()  # off CI nothing changes
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    ci_output.append_step_summary(_readiness(), env)
    text = summary.read_text()
    assert "V1 retirement readiness: NOT READY" in text
    assert "| storage | 1 | 1 | 0 | 0 |" in text
    assert "- `/v1.buckets` (v1.buckets)" in text and "v1.keys`" not in text


def test_the_annotations_plugin_is_registered_only_on_github(pytestconfig, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert not ci_output.on_github()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert ci_output.on_github()
    plugin = ci_output.GithubAnnotations()
    report = type("R", (), {})()
    setattr(report, ci_output.ANNOTATIONS_ATTR, ["::error file=a.yaml,line=1::x"])
    plugin.pytest_runtest_logreport(report)  # type: ignore[arg-type]
    assert plugin.lines == ["::error file=a.yaml,line=1::x"]
    assert isinstance(FindingsError([]), AssertionError)


def test_scrub_masks_secrets_in_text_and_inside_trace_zips_and_leaves_pictures(tmp_path):
    (tmp_path / "junit.xml").write_text("<x>Cookie: session=tok-SECRET-1</x>")
    trace = tmp_path / "t" / "trace.zip"
    trace.parent.mkdir()
    with zipfile.ZipFile(trace, "w") as z:
        z.writestr("trace.network", '{"headers": [{"name": "X-Token", "value": "hdr-SECRET"}]}')
    picture = tmp_path / "shot.png"
    picture.write_bytes(b"\x89PNGhdr-SECRET")
    changed = scrub([tmp_path], ["tok-SECRET-1", "hdr-SECRET", ""])
    assert set(changed) == {tmp_path / "junit.xml", trace}
    assert "tok-SECRET-1" not in (tmp_path / "junit.xml").read_text()
    with zipfile.ZipFile(trace) as z:
        assert b"hdr-SECRET" not in z.read("trace.network") and b"***" in z.read("trace.network")
    assert picture.read_bytes() == b"\x89PNGhdr-SECRET"


class _Item:
    def __init__(self, **params: object) -> None:
        self.callspec = type("C", (), {"params": params, "id": "x"})()


def test_the_roles_a_test_acts_as_come_from_its_entry_never_a_substitute():
    run = CONTRACT.default_role
    journey = next(j for j in CONTRACT.journeys if j.role == "user")
    assert roles_of(_Item(journey=journey), run) == ["user"]  # type: ignore[arg-type]
    assert roles_of(_Item(role=CONTRACT.role("project_admin")), run) == ["project_admin"]  # type: ignore[arg-type]
    assert roles_of(_Item(route=CONTRACT.routes[0]), run) == [run.id]  # type: ignore[arg-type]
    items = [_Item(journey=journey), _Item(route=CONTRACT.routes[0])]
    assert needed_roles(items, run) == [run.id, "user"]  # type: ignore[arg-type]


def test_a_test_that_met_the_login_page_is_judged_as_an_expired_session():
    states = type("S", (), {"expiries": [Expiry("user", "/storage/buckets")]})()
    watch = ExpiryWatch()
    assert watch.verdict(_Item(), states, 1, {}) is None  # type: ignore[arg-type]
    verdict = watch.verdict(_Item(), states, 0, {"user": "logged user in again"})  # type: ignore[arg-type]
    assert verdict is not None and verdict.startswith(
        "session of role user expired mid-run: /storage/buckets sent the browser to the login "
        "page; logged user in again.")
    # a later gate of the same entry reads the snapshot taken on the login page: not judged
    later = watch.verdict(_Item(), states, 1, {})  # type: ignore[arg-type]
    assert later is not None and "snapshot was taken after a session expired" in later

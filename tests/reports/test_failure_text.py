"""The failure message of a check: the finding's facts one a line, why the gate exists, and the
artifacts, with nothing of the contract objects behind them."""

from __future__ import annotations

from harness.checks.findings import Finding, FindingsError, failure_text


def test_failure_text_is_the_findings_why_and_artifacts():
    findings = [Finding("storage.buckets", "contracts/v3/routes.yaml:12", "the global shell",
                        "no global shell", url="http://h/storage/buckets",
                        check="shell-containment"),
                Finding("storage.buckets", "contracts/v3/routes.yaml:12", "a title", "none",
                        check="shell-containment")]
    text = failure_text(findings, "pages live in the shell",
                        [("screenshot", "reports/artifacts/a.png"), ("trace", "t/trace.zip")])
    assert text.splitlines() == [
        "[shell-containment] storage.buckets",
        "  contract: contracts/v3/routes.yaml:12",
        "  url:      http://h/storage/buckets",
        "  expected: the global shell",
        "  found:    no global shell",
        "[shell-containment] storage.buckets",
        "  contract: contracts/v3/routes.yaml:12",
        "  expected: a title",
        "  found:    none",
        "  why:      pages live in the shell",
        "  screenshot: reports/artifacts/a.png",
        "  trace:    t/trace.zip",
    ]
    error = FindingsError(findings, "pages live in the shell")
    assert error.why == "pages live in the shell" and error.findings == findings

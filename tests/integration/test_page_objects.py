"""The page objects against the reference target: family-specific verbs and check_path."""

from __future__ import annotations

import pytest

from contracts.models import IdDiscovery


def test_workload_detail_tabs_follow_the_kind(pages, contract):
    workloads = pages.for_family("workloads")
    for kind, shown, absent in (("vm", "terminal", "members"), ("app", "members", "terminal")):
        workloads.open("workloads.detail",
                       IdDiscovery(from_list="workloads.list", query={"kind": kind}))
        assert workloads.shows_tab(shown) and not workloads.shows_tab(absent), kind
        assert (workloads.allocation_alias() or "").startswith("alloc-")


def test_first_bucket_is_wekafs_without_s3(pages):
    storage = pages.for_family("storage")
    storage.open("storage.bucket.detail")
    assert storage.advertises("nfs") and not storage.advertises("s3")


def test_artifact_workbench_rows_and_operations(pages, contract):
    apps = pages.for_family("apps")
    apps.open("apps.artifacts")
    assert apps.workbench_rows.count() > 0
    apps.open_first_row("apps.artifact.detail")
    resource = next(r for r in contract.lifecycle.resources if r.route == "apps.artifact.detail")
    assert apps.artifact_operations() == [op.key for op in resource.operations]


def test_check_path_says_expected_and_got(pages):
    docs = pages.for_family("docs")
    docs.open("docs.portal")
    docs.check_path("docs.portal")
    with pytest.raises(AssertionError, match=r"expected docs.downloads \(/docs/downloads\), "
                                             r"got /docs \(docs.portal\)"):
        docs.check_path("docs.downloads")

"""Resource identity and errors during interaction, on hand-built observations: no browser."""

from __future__ import annotations

from harness.capture.snapshot import LinkState, PageError
from harness.checks.findings import Subject
from harness.checks.observations import DrilldownView
from harness.checks.registry import run
from tests.harness.builders import BASE, healthy

BUCKET = BASE + "/storage/buckets/bkt-1"


def view(contract, route_id="storage.bucket.detail", name="training-datasets",
         row_text="training-datasets", row_url=BUCKET, **changes):
    snap = healthy(contract, route_id, resource_name=name, title=name, **changes)
    return DrilldownView(snap, LinkState(href=row_url, url=row_url, text=row_text),
                         "storage.buckets")


def test_detail_showing_the_followed_row_passes(contract):
    route = contract.route("storage.bucket.detail")
    assert run("resource-identity", route, view(contract, final_url=BUCKET), contract) == []


def test_detail_showing_another_resource_fails_with_both_values(contract):
    route = contract.route("storage.bucket.detail")
    [f] = run("resource-identity", route,
              view(contract, name="model-checkpoints", final_url=BUCKET), contract)
    assert "'training-datasets'" in f.expected and "storage.buckets" in f.expected
    assert "'model-checkpoints'" in f.found and "resource-name" in f.found
    assert f.url == BUCKET and f.check == "resource-identity"


def test_an_alias_field_may_carry_the_rows_label(contract):
    route = contract.route("storage.bucket.detail")
    seen = view(contract, name="Bucket", row_text="alloc-1", final_url=BUCKET,
                aliases={"data-allocation-id": "alloc-1"})
    assert run("resource-identity", route, seen, contract) == []


def test_tab_of_a_detail_must_keep_the_rows_id_in_its_url(contract):
    route = contract.route("storage.bucket.events")
    seen = view(contract, route_id=route.id, final_url=BASE + "/storage/buckets/bkt-2/events")
    [f] = run("resource-identity", route, seen, contract)
    assert "bucket_id 'bkt-1'" in f.expected and "/storage/buckets/bkt-2/events" in f.found


def test_ids_not_from_a_list_are_not_judged(contract):
    route = contract.route("storage.bucket.detail")
    snap = healthy(contract, route.id, resource_name="anything")
    assert run("resource-identity", route, DrilldownView(snap, None), contract) == []


def test_interaction_errors_name_the_action_and_message(contract):
    subject = Subject("account.profile", "contracts/v3/families.yaml:71")
    errors = (PageError("click on local-nav item 'profile'", "uncaught: TypeError: x",
                        BASE + "/account/profile"),)
    [f] = run("interaction-errors", subject, errors, contract)
    assert "after click on local-nav item 'profile'" in f.expected
    assert "TypeError: x" in f.found and f.check == "interaction-errors"




def test_a_name_is_matched_word_for_word_around_its_breadcrumb():
    from harness.checks.identity import _names_row

    # a title row that leads with its breadcrumb holds the row's name
    assert _names_row("billing_rollup", {"Jobs / billing_rollup"}, "Jobs")
    # a row whose link also carries a caption holds the page's name, breadcrumb left out
    assert _names_row("invoice_sensor Standard sensor", {"Automation / invoice_sensor"},
                      "Automation")
    # words, not characters: another resource whose name starts the same is not this one
    assert not _names_row("billing", {"Jobs / billing_rollup"}, "Jobs")
    assert not _names_row("invoice_sensor_v2 Standard sensor", {"Automation / invoice_sensor"},
                          "Automation")
    # without a breadcrumb to leave out, the page's whole title must be in the row
    assert not _names_row("x invoice_sensor", {"Automation / invoice_sensor"}, "")


def test_an_a11y_baseline_target_with_a_star_is_a_glob():
    from harness.checks.quality import baselined

    accepted = {("label", "#checkbox-*"), ("color-contrast", ".btn"),
                ("aria-allowed-attr", 'span[aria-controls="radix-*"]')}
    assert baselined("label", "#checkbox-16", accepted)
    assert baselined("aria-allowed-attr", 'span[aria-controls="radix-:r0:"]', accepted)
    assert not baselined("aria-allowed-attr", 'div[aria-controls="radix-:r0:"]', accepted)
    assert baselined("color-contrast", ".btn", accepted)
    assert not baselined("label", "#radio-3", accepted)  # another element
    assert not baselined("color-contrast", "#checkbox-16", accepted)  # another rule

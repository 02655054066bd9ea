"""Lifecycle framing of every mutable resource, typed confirmation and real state changes."""

import pytest

from tests.reference_target.spec_data import LIFECYCLE
from tests.reference_target.support import TestClient, first_row_href, page

FIELDS = ("op-title", "op-preconditions", "op-result", "op-progress", "op-failure")


@pytest.mark.parametrize("resource", LIFECYCLE)
def test_cards_have_every_field_and_the_right_intents(client: TestClient, resource: str) -> None:
    list_path, ops, typed = LIFECYCLE[resource]
    detail = first_row_href(client, list_path)
    doc = page(client, detail)
    resource_id = detail.rsplit("/", 1)[-1]
    assert doc.one("resource-posture").text
    assert doc.one("activity-timeline").all("activity-entry")
    cards = doc.all("lifecycle-op-card")
    assert {c.get("data-op"): c.get("data-intent") for c in cards} == ops
    for card in cards:
        for field in FIELDS:
            assert card.one(field).text, f"{card.get('data-op')} has {field}"
        evidence = card.one("op-evidence")
        assert evidence.tag == "a"
        pivot = page(client, evidence.get("href") or "")
        assert pivot.one("evidence-subject").text == resource_id
        trigger = card.one("op-trigger")
        assert trigger.tag == "button" and trigger.text
        expected = "typed" if card.get("data-op") == typed else "none"
        assert trigger.get("data-confirm") == expected
    dialogs = doc.all("typed-confirm-dialog")
    assert len(dialogs) == (1 if typed else 0)
    if typed:
        dialog = dialogs[0]
        assert dialog.tag == "dialog" and "open" not in dialog.attrs, "hidden until opened"
        assert dialog.get("data-expected") == doc.one("resource-name").text
        assert dialog.get("data-match") == "exact"
        assert "disabled" in dialog.one("typed-confirm-submit").attrs
        assert dialog.one("typed-confirm-input").tag == "input"
        assert dialog.one("typed-confirm-cancel").get("type") == "button"


def test_s3_card_only_on_buckets_that_advertise_s3(client: TestClient) -> None:
    rows = page(client, "/storage/buckets").all("resource-row-link")
    seen = set()
    for i, link in enumerate(rows):
        doc = page(client, link.get("href") or "")
        capabilities = (doc.one("resource-capabilities").get("data-capabilities") or "").split()
        has_card = any(c.get("data-op") == "s3-credential" for c in doc.all("lifecycle-op-card"))
        assert has_card == ("s3" in capabilities)
        seen.add("s3" in capabilities)
        if i == 0:
            assert capabilities == ["nfs", "posix"], "the first bucket has no s3"
    assert seen == {True, False}
    first_row = page(client, "/storage/buckets").all("resource-row")[0]
    assert "WEKAFS" in first_row.text, "WEKAFS buckets list first"


def test_operation_changes_posture_activity_and_audit(fresh_client: TestClient) -> None:
    detail = "/platform/nodes/node-0001"
    before = page(fresh_client, detail)
    assert before.one("resource-posture").text == "ready"
    entries_before = len(before.one("activity-timeline").all("activity-entry"))
    response = fresh_client.post("/api/nodes/node-0001/operations/drain")
    assert response.status_code == 200 and response.json()["posture"] == "drained"
    after = page(fresh_client, detail)
    assert after.one("resource-posture").text == "drained"
    timeline = after.one("activity-timeline").all("activity-entry")
    assert len(timeline) == entries_before + 1 and "Drain" in timeline[0].text
    assert fresh_client.get("/__audit").json() == [
        {"method": "POST", "path": "/api/nodes/node-0001/operations/drain",
         "time": fresh_client.get("/__audit").json()[0]["time"]}]
    for pivot in ("/platform/evidence", "/access/audit"):
        entries = page(fresh_client, f"{pivot}?resource=node-0001").all("evidence-entry")
        assert any("Drain" in e.text for e in entries)
    assert "Drain" in page(fresh_client, f"{detail}/activity").one("activity-timeline").text
    # Reset restores the seeded state and clears the audit log (and is not audited itself).
    assert fresh_client.post("/__reset").status_code == 200
    assert page(fresh_client, detail).one("resource-posture").text == "ready"
    assert fresh_client.get("/__audit").json() == []


def test_destructive_operation_needs_the_exact_name(fresh_client: TestClient) -> None:
    api = "/api/nodes/node-0002/operations/decommission"
    assert fresh_client.post(api, json={"confirm": "gpu-node"}).status_code == 422
    assert fresh_client.post(api).status_code == 422
    ok = fresh_client.post(api, json={"confirm": "gpu-node-02"})
    assert ok.status_code == 200 and ok.json()["posture"] == "decommissioned"


def test_operation_errors(fresh_client: TestClient) -> None:
    vm = first_row_href(fresh_client, "/workloads?kind=vm").rsplit("/", 1)[-1]
    assert fresh_client.post(f"/api/workloads/{vm}/operations/pause").status_code == 409
    assert fresh_client.post("/api/nodes/node-0001/operations/explode").status_code == 404
    assert fresh_client.post("/api/nodes/node-9999/operations/drain").status_code == 404
    plain = page(fresh_client, "/storage/buckets").all("resource-row-link")[0].get("href") or ""
    bucket = plain.rsplit("/", 1)[-1]
    assert fresh_client.post(f"/api/buckets/{bucket}/operations/s3-credential").status_code == 409
    assert len(fresh_client.get("/__audit").json()) == 4, "every non-GET request is recorded"


def test_app_runtime_operation_shows_on_events_tab(fresh_client: TestClient) -> None:
    detail = first_row_href(fresh_client, "/workloads?kind=app")
    workload_id = detail.rsplit("/", 1)[-1]
    assert fresh_client.post(f"/api/workloads/{workload_id}/operations/pause").status_code == 200
    assert page(fresh_client, detail).one("resource-posture").text == "paused"
    events = page(fresh_client, f"{detail}/events")
    assert events.one("evidence-subject").text == workload_id
    assert "Pause" in events.one("activity-timeline").all("activity-entry")[0].text
    assert "Pause" in page(fresh_client, f"{detail}/operations").text


def test_pages_and_reads_are_not_audited(fresh_client: TestClient) -> None:
    for path in ("/home", "/platform/nodes/node-0001", "/api/nodes", "/api/nodes/node-0001",
                 "/healthz", "/__faults", "/_manifest/routes.json"):
        assert fresh_client.get(path).status_code == 200
    fresh_client.head("/home")
    assert fresh_client.get("/__audit").json() == []


def test_launch_forms_post_to_the_api(fresh_client: TestClient) -> None:
    doc = page(fresh_client, "/compute/launch")
    form = doc.one("launch-form")
    assert form.get("method") is None, "the page never submits a non-GET by itself"
    response = fresh_client.post(form.get("data-api") or "", json={"name": "x"})
    assert response.status_code == 202 and response.json()["status"] == "accepted"

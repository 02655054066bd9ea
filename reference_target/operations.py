"""Running a lifecycle operation: validation, posture change, activity and audit records."""

from dataclasses import dataclass

from reference_target.config import TargetConfig
from reference_target.lifecycle import BY_COLLECTION
from reference_target.seed import Seed
from reference_target.state import TargetState


@dataclass(frozen=True)
class Outcome:
    status: int
    body: dict[str, object]


def _error(status: int, message: str) -> Outcome:
    return Outcome(status, {"error": message})


def run_operation(seed: Seed, state: TargetState, cfg: TargetConfig, collection: str,
                  resource_id: str, op_key: str, confirm: object, actor: str) -> Outcome:
    spec = BY_COLLECTION.get(collection)
    resource = seed.get(collection, resource_id) if spec else None
    if spec is None or resource is None:
        return _error(404, f"no {collection} resource {resource_id!r} with operations")
    if collection == "workloads" and resource.meta["kind"] != "app":
        return _error(409, "only app runtimes have lifecycle operations")
    op = spec.operation(op_key)
    if op is None:
        return _error(404, f"{spec.kind} has no operation {op_key!r}")
    capabilities = resource.meta.get("capabilities", "").split()
    if op.requires_capability and op.requires_capability not in capabilities:
        return _error(409, f"{resource.name} does not advertise {op.requires_capability}")
    # Destructive operations are confirmed by typing the resource name; the server checks too.
    if op.typed and confirm != resource.name:
        return _error(422, f"type {resource.name!r} exactly to confirm {op.label.lower()}")
    entry = state.record_operation(
        resource, op.label, op.result, actor, op.posture_after,
        with_activity=not cfg.has("mutation-no-activity"))
    return Outcome(200, {
        "resource": resource.id,
        "operation": op.key,
        "intent": op.intent,
        "status": "succeeded",
        "posture": state.posture_of(resource),
        "message": op.result,
        "time": entry.time,
    })

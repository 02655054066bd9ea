"""Per-request context handed to page builders: config, data, state, role and URL parameters."""

from dataclasses import dataclass

from starlette.datastructures import QueryParams
from starlette.requests import Request

from reference_target.config import TargetConfig
from reference_target.nav import Role, role_named
from reference_target.seed import Resource, Seed
from reference_target.state import TargetState


class NotFound(Exception):
    """A page builder's way to answer 404 (unknown id, or a tab the resource kind lacks)."""


@dataclass(frozen=True)
class Ctx:
    request: Request
    cfg: TargetConfig
    seed: Seed
    state: TargetState
    role: Role

    @property
    def params(self) -> dict[str, str]:
        return self.request.path_params

    @property
    def query(self) -> QueryParams:
        return self.request.query_params

    def fault(self, name: str) -> bool:
        return self.cfg.has(name)

    def resource(self, collection: str, param: str) -> Resource:
        found = self.seed.get(collection, self.params[param])
        if found is None:
            raise NotFound
        return found

    def posture(self, resource: Resource) -> str:
        return self.state.posture_of(resource)


def ctx_for(request: Request) -> Ctx:
    app_state = request.app.state
    return Ctx(request, app_state.cfg, app_state.seed, app_state.target_state,
               role_named(request.cookies.get("role")))

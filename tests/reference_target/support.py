"""In-process clients of the reference target (healthy or faulted) and page helpers."""

import re
import warnings

from reference_target import TargetConfig, create_app
from tests.reference_target.markup import Element, parse

with warnings.catch_warnings():
    # Starlette nags about httpx vs httpx2 on import; the client works the same either way.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

def make_client(*faults: str, role: str | None = None, ui_version: str | None = None,
                **config: object) -> TestClient:
    client = TestClient(create_app(TargetConfig(faults=frozenset(faults), **config)),
                        follow_redirects=False)
    if role:
        client.cookies.set("role", role)
    if ui_version:
        client.cookies.set("ui_version", ui_version)
    return client


def page(client: TestClient, path: str, status: int = 200) -> Element:
    response = client.get(path)
    assert response.status_code == status, f"GET {path}: {response.status_code}"
    return parse(response.text)


def first_row_href(client: TestClient, list_path: str) -> str:
    rows = page(client, list_path).all("resource-row-link")
    assert rows, f"{list_path} has no resource rows"
    href = rows[0].get("href")
    assert href
    return href


def template_matches(template: str, path: str) -> bool:
    """Whether a route template (`/a/{x}`, Starlette's `{rest:path}`) serves a concrete path."""
    pattern = re.sub(r"\\{[A-Za-z_]\w*(:path)?\\}",
                     lambda m: ".+" if m.group(1) else "[^/]+", re.escape(template))
    return re.fullmatch(pattern, path.split("?", 1)[0]) is not None

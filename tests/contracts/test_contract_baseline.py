"""The accessibility baseline file: round trip, empty shipped baseline, precise errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracts import ContractError, load_a11y_baseline, write_a11y_baseline

V3 = Path(__file__).resolve().parents[2] / "contracts" / "v3"


def test_shipped_baseline_is_empty() -> None:
    assert load_a11y_baseline(V3 / "a11y-baseline.yaml") == {}


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a11y-baseline.yaml"
    data = {
        "apps.catalog": {("image-alt", "img.icon"), ("color-contrast", "#x")},
        "docs.portal": set(),
    }
    write_a11y_baseline(path, data)
    assert path.read_text().startswith("# Accessibility baseline")
    assert load_a11y_baseline(path) == {"apps.catalog": data["apps.catalog"]}
    first = path.read_text()
    write_a11y_baseline(path, load_a11y_baseline(path))
    assert path.read_text() == first  # deterministic: regenerating is a no-op diff


def test_missing_file_is_empty(tmp_path: Path) -> None:
    assert load_a11y_baseline(tmp_path / "nope.yaml") == {}


def test_bad_entry_names_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("b.yaml").write_text("routes:\n  apps.catalog:\n    - {rule: image-alt}\n")
    with pytest.raises(ContractError) as raised:
        load_a11y_baseline(Path("b.yaml"))
    assert str(raised.value) == (
        "b.yaml:3: routes.apps.catalog[0].target: field required"
    )

"""Read a contract directory: parse every file, merge sections, validate, lint, build.

Every stage keeps going after a problem so `cutover lint` can list all of them in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from contracts.auth import Auth
from contracts.contract import SECTIONS, Contract
from contracts.degraded import DegradedBackend
from contracts.draft import LIST_SECTIONS, Draft
from contracts.errors import translate
from contracts.issues import (
    ContractError,
    ContractIssue,
    LintReport,
    Locator,
    did_you_mean,
    display_field,
    type_name,
)
from contracts.known_defects import KnownDefect
from contracts.lint import run_lint
from contracts.lint_baselines import lint_baselines
from contracts.models import (
    AccessibilitySettings,
    ConsoleSettings,
    CrawlSettings,
    DoneCriterion,
    Family,
    Journey,
    LegacyRoute,
    Lifecycle,
    LifecycleResource,
    ParityRow,
    Placeholders,
    Role,
    RoleLimits,
    Route,
    SectionRedirect,
    Selectors,
    V3Flag,
)
from contracts.readiness import Readiness, SetupStep
from contracts.settings import NotFound
from contracts.slices import Slice
from contracts.sources import (
    Loc,
    ParsedYaml,
    SourceError,
    SourceRef,
    display_path,
    read_yaml,
)
from contracts.wording import Wording

ITEM_MODELS: dict[str, type[BaseModel]] = {
    "families": Family,
    "routes": Route,
    "redirects": SectionRedirect,
    "legacy": LegacyRoute,
    "slices": Slice,
    "lifecycle_resources": LifecycleResource,
    "journeys": Journey,
    "roles": Role,
    "parity": ParityRow,
    "criteria": DoneCriterion,
    "known_defects": KnownDefect,
    "setup": SetupStep,
}
MAPPING_MODELS: dict[str, type[BaseModel]] = {
    "selectors": Selectors,
    "v3_flag": V3Flag,
    "placeholders": Placeholders,
    "crawl": CrawlSettings,
    "accessibility": AccessibilitySettings,
    "console": ConsoleSettings,
    "wording": Wording,
    "degraded": DegradedBackend,
    "role_limits": RoleLimits,
    "not_found": NotFound,
    "readiness": Readiness,
    "auth": Auth,
}
REQUIRED = ("families", "routes", "roles")
# Sections that may be absent and then are None: not every product has a V1/V3 switch.
OPTIONAL = ("v3_flag",)
CONTRACT_SUFFIXES = (".yaml", ".yml")


@dataclass
class _File:
    name: str  # as shown in issues
    doc: ParsedYaml | None  # None when unreadable or not YAML
    issue: ContractIssue | None = None


def _read_files(directory: Path, display: str, issues: list[ContractIssue]) -> dict[str, _File]:
    """Every *.yaml file by file name, parsed; directory-level problems go to `issues`."""
    if not directory.exists():
        issues.append(ContractIssue(display, 0, "(contract)", "contract directory not found"))
        return {}
    if not directory.is_dir():
        issues.append(ContractIssue(display, 0, "(contract)", "not a directory"))
        return {}
    try:
        # Symlinks are kept even when broken or looping: reading them reports why (never skip).
        paths = sorted(
            p
            for p in directory.iterdir()
            if p.suffix in CONTRACT_SUFFIXES and (p.is_symlink() or not p.is_dir())
        )
    except OSError as exc:
        issues.append(ContractIssue(display, 0, "(contract)", f"cannot list: {exc.strerror}"))
        return {}
    if not paths:
        issues.append(ContractIssue(display, 0, "(contract)", "no contract files (*.yaml) found"))
    files: dict[str, _File] = {}
    for path in paths:
        name = display_path(path)
        try:
            files[path.name] = _File(name, read_yaml(path))
        except SourceError as exc:
            problem = ContractIssue(name, exc.line, exc.field, exc.message)
            files[path.name] = _File(name, None, problem)
    return files


def _baseline_name(files: dict[str, _File]) -> str:
    # The accessibility baseline lives next to the contract but is not part of it.
    for file in files.values():
        data = file.doc.data if file.doc else None
        acc = data.get("accessibility") if isinstance(data, dict) else None
        if isinstance(acc, dict) and isinstance(acc.get("baseline"), str):
            return Path(acc["baseline"]).name
    return AccessibilitySettings().baseline


def _merge(directory: Path) -> Draft:
    display = display_path(directory)
    issues: list[ContractIssue] = []
    files = _read_files(directory, display, issues)
    files.pop(_baseline_name(files), None)
    raw: dict[str, Any] = {}
    lines: dict[Loc, SourceRef] = {}
    all_parsed = not issues
    for file in files.values():
        name, doc = file.name, file.doc
        if doc is None:
            issues.extend([file.issue] if file.issue else [])
            all_parsed = False
            continue
        if not isinstance(doc.data, dict):
            what = "an empty file" if doc.data is None else type_name(doc.data)
            issues.append(
                ContractIssue(
                    name,
                    doc.lines.get((), 1),
                    "(file)",
                    f"must be a mapping of sections, got {what}",
                )
            )
            all_parsed = False
            continue
        file_lines = {loc: SourceRef(name, line) for loc, line in doc.lines.items()}
        for loc, line, message in doc.problems:
            field = display_field(loc, doc.data) or "(file)"
            issues.append(ContractIssue(name, line, field, message))
        for key, value in doc.data.items():
            key_ref = file_lines[(key,)]
            if key not in SECTIONS:
                hint = did_you_mean(key, SECTIONS)
                issues.append(
                    ContractIssue(name, key_ref.line, str(key), f"unknown section '{key}'{hint}")
                )
                continue
            if key in raw:
                first = lines[(key,)]
                issues.append(
                    ContractIssue(
                        name, key_ref.line, key, f"section '{key}' is also defined at {first}"
                    )
                )
                continue
            raw[key] = value
            lines.update({loc: ref for loc, ref in file_lines.items() if loc[:1] == (key,)})
    return Draft(Locator(display, raw, lines), issues, all_files_parsed=all_parsed)


def _attach_sources(value: Any, loc: Loc, locator: Locator) -> None:
    if isinstance(value, BaseModel):
        # The models' `source` cached_property reads from __dict__ (see models.Entity).
        value.__dict__["source"] = locator.ref(loc)
        for name in type(value).model_fields:
            _attach_sources(getattr(value, name), (*loc, name), locator)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _attach_sources(item, (*loc, i), locator)
    elif isinstance(value, dict):
        for key, item in value.items():
            _attach_sources(item, (*loc, key), locator)


def _validate(draft: Draft, model: type[BaseModel], value: Any, loc: Loc) -> Any:
    try:
        result = model.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            rel, message = translate(error, model)
            draft.add((*loc, *rel), message)
        return None
    _attach_sources(result, loc, draft.locator)
    return result


def _validate_list(draft: Draft, section: str, model: type[BaseModel], value: Any) -> None:
    loc = LIST_SECTIONS[section]
    if not isinstance(value, list):
        draft.add(loc, f"must be a list, got {type_name(value)}")
        return
    draft.items[section] = [
        (i, m) for i, item in enumerate(value) if (m := _validate(draft, model, item, (*loc, i)))
    ]


def _validate_sections(draft: Draft) -> None:
    raw = draft.raw
    for section, model in MAPPING_MODELS.items():
        if section in raw:
            draft.models[section] = _validate(draft, model, raw[section], (section,))
        else:  # a missing required section is reported once, below, not field by field
            draft.models[section] = None if section in REQUIRED + OPTIONAL else model()
    manifest = raw.get("route_manifest")
    if manifest is not None and not (isinstance(manifest, str) and manifest.startswith("/")):
        draft.add(("route_manifest",), f"must be a path starting with '/', got {manifest!r}")
    lifecycle = raw.get("lifecycle", {})
    if isinstance(lifecycle, dict):
        rest = {k: v for k, v in lifecycle.items() if k != "resources"}
        draft.models["lifecycle"] = _validate(draft, Lifecycle, rest, ("lifecycle",))
        if "resources" in lifecycle:
            _validate_list(draft, "lifecycle_resources", LifecycleResource, lifecycle["resources"])
    else:
        draft.add(("lifecycle",), f"must be a mapping, got {type_name(lifecycle)}")
        draft.models["lifecycle"] = None
    for section, model in ITEM_MODELS.items():
        if section != "lifecycle_resources" and section in raw:
            _validate_list(draft, section, model, raw[section])
    if draft.all_files_parsed:
        for section in REQUIRED:
            if section not in raw:
                draft.add((section,), "section required (no contract file defines it)")


def _analyse(path: Path | str) -> Draft:
    draft = _merge(Path(path))
    if draft.raw:
        _validate_sections(draft)
        run_lint(draft)
        lint_baselines(draft, Path(path))  # a run reads them too: a bad one must stop it here
    draft.issues.sort()
    draft.warnings.sort()
    return draft


def lint_contract(path: Path | str) -> LintReport:
    """Every problem of a contract directory (empty `errors` when it is fine), and what lint
    can only suspect (`warnings`: they never stop a run)."""
    draft = _analyse(path)
    return LintReport(counts=draft.counts(), errors=draft.issues, warnings=draft.warnings)


def load_contract(path: Path | str) -> Contract:
    """The linted contract; raises `ContractError` listing every problem found."""
    draft = _analyse(path)
    if draft.issues:
        raise ContractError(draft.issues)
    lifecycle = draft.models["lifecycle"].model_copy(
        update={"resources": tuple(m for _, m in draft.valid("lifecycle_resources"))}
    )
    sections: dict[str, Any] = {k: draft.models[k] for k in MAPPING_MODELS}
    sections.update({k: tuple(m for _, m in draft.valid(k)) for k in ITEM_MODELS})
    del sections["lifecycle_resources"]
    contract = Contract(
        directory=Path(path),
        route_manifest=draft.raw.get("route_manifest"),
        lifecycle=lifecycle,
        **sections,
    )
    contract.__dict__["field_sources"] = draft.locator.field_sources()
    return contract

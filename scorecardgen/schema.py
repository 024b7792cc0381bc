"""JSON Schema of each kind of content file, from the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter

from scorecardgen.model import Contract, Kpi, Measurement, Note, Site, Vendor

KINDS: dict[str, tuple[str, Any]] = {
    "site": ("content/site.yaml", Site),
    "kpi": ("content/kpis/<kpi-id>.yaml", Kpi),
    "vendor": ("content/vendors/<vendor-id>/vendor.yaml", Vendor),
    "contract": ("content/vendors/<vendor-id>/contracts/<contract-id>.yaml", Contract),
    "measurements": ("content/vendors/<vendor-id>/measurements/*.yaml", list[Measurement]),
    "note": ("front matter of content/vendors/<vendor-id>/notes/*.md", Note),
}

# glob patterns for yaml-language-server / VS Code "yaml.schemas"
FILE_PATTERNS: dict[str, str] = {
    "site": "content/site.yaml",
    "kpi": "content/kpis/*.yaml",
    "vendor": "content/vendors/*/vendor.yaml",
    "contract": "content/vendors/*/contracts/*.yaml",
    "measurements": "content/vendors/*/measurements/*.yaml",
}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    title, model = KINDS[kind]
    if isinstance(model, type) and issubclass(model, BaseModel):
        schema = model.model_json_schema()
    else:
        schema = TypeAdapter(model).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"scorecardgen-{kind}.schema.json",
        "title": schema.pop("title", title) if kind != "measurements" else "Measurements",
        "description": f"scorecardgen {title}",
        **schema,
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every kind's schema, keyed by kind."""
    return {kind: schema_for(kind) for kind in KINDS}

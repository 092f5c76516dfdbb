"""docs/schema.json is the JSON Schema generated from the pydantic models; it must not drift from them."""

from __future__ import annotations

import json
from pathlib import Path

from cnfiscal.models import json_schema

SCHEMA = Path(__file__).parent.parent / "docs" / "schema.json"
SPEC_FIELDS = {
    "DocumentRecord": [
        "schema_version",
        "doc_type",
        "unit_name",
        "year",
        "fill_date",
        "source",
        "self_evals",
        "tables",
        "claims",
        "findings",
        "warnings",
    ],
    "Source": ["path", "sha256", "pages", "input_kind", "ocr"],
    "Money": ["yuan", "raw", "unit", "page"],
    "SelfEval": [
        "kind",
        "unit_name",
        "project_name",
        "year",
        "page_start",
        "page_end",
        "funding",
        "goals",
        "indicators",
        "total",
        "conclusion",
        "contact",
    ],
    "FundingRow": ["source", "canonical", "initial_budget", "annual_budget", "executed", "weight", "rate", "score"],
    "Indicator": ["level1", "level2", "level3", "target", "actual", "weight", "score", "reason", "is_subtotal", "page"],
    "Measure": ["raw", "op", "value", "unit", "kind"],
    "Table": ["name", "code", "unit", "page_start", "page_end", "columns", "rows"],
    "TableRow": ["code", "name", "level", "values"],
    "Claim": ["text", "page", "kind", "subject", "value", "base"],
    "Finding": ["rule", "severity", "message", "stated", "recomputed", "difference", "tolerance", "page", "evidence"],
}


def test_docs_schema_is_generated_from_the_models() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json_schema(), "run `make schema`"


def test_every_spec_field_is_in_the_schema() -> None:
    schema = json_schema()
    defs = {"DocumentRecord": schema, **schema["$defs"]}  # type: ignore[dict-item]
    for model, fields in SPEC_FIELDS.items():
        props = defs[model]["properties"]  # type: ignore[index]
        assert [f for f in fields if f not in props] == [], model


def test_a_finding_keeps_its_identity_whatever_its_message() -> None:
    from cnfiscal.models import Finding

    sha = "ab" * 32
    f = Finding(rule="r.x", severity="error", message="stated 1", stated="1", recomputed="2", page=3, where="tables[0]")
    assert f.identity(sha) == f.model_copy(update={"message": "表中为1，重算为2"}).identity(sha)
    assert len(f.identity(sha)) == 16
    assert f.identity(sha) != f.identity("cd" * 32)
    assert f.identity(sha) != f.model_copy(update={"where": "tables[1]"}).identity(sha)

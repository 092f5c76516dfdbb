"""Records of the real sample budgets, processed once per session (the Jiangsu files take a few seconds each)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cnfiscal.models import DocumentRecord

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "pdf"
EXPECTED = Path(__file__).resolve().parents[2] / "data" / "expected" / "crossdoc"

# The groups of issue 14: one office's budgets of successive years, and offices that must stay apart.
FILES = (
    "sh_putuo_wanli_subdistrict_2023_budget.pdf",
    "budget_wanli_2024.pdf",
    "js_npcsc_office_2017_budget_full.pdf",
    "js_npcsc_office_2018_budget_full.pdf",
    "js_npcsc_office_2019_budget_full.pdf",
    "js_npcsc_office_2019_budget_tables.pdf",
    "js_party_cttee_office_2017_budget_full.pdf",
    "js_party_cttee_office_2017_budget_tables.pdf",
    "js_party_cttee_office_2018_budget_full.pdf",
    "js_party_cttee_office_2018_budget_tables.pdf",
    "budget_justice_dept_2026.pdf",
    "budget_govoffice_dept_2025.pdf",
    "budget_commerce_dept_2025.pdf",
    "sh_putuo_welfare_home_2024_unit_budget.pdf",
)


@pytest.fixture(scope="session")
def records() -> dict[str, DocumentRecord]:
    from cnfiscal.pipeline import process

    return {name: process(SAMPLES / name) for name in FILES}


@pytest.fixture(scope="session")
def by_sha(records: dict[str, DocumentRecord]) -> dict[str, str]:
    """sha256 → file name."""
    return {r.source.sha256: name for name, r in records.items()}


def expected(name: str) -> dict:
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"))

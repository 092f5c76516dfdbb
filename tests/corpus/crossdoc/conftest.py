"""Records of the real sample budgets, processed once per session (the Jiangsu files take a few seconds each)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from cnfiscal.models import DocumentRecord, Money

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "pdf"
EXPECTED = Path(__file__).resolve().parents[2] / "data" / "expected" / "crossdoc"

WANLI = ("sh_putuo_wanli_subdistrict_2023_budget.pdf", "budget_wanli_2024.pdf")
NPCSC = ("js_npcsc_office_2017_budget_full.pdf", "js_npcsc_office_2018_budget_full.pdf")
PARTY = (
    "js_party_cttee_office_2017_budget_full.pdf",
    "js_party_cttee_office_2017_budget_tables.pdf",
    "js_party_cttee_office_2018_budget_full.pdf",
)

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


def altered(record: DocumentRecord, raw_old: str, raw_new: str, yuan_new: Decimal) -> DocumentRecord:
    """The record with every amount printed ``raw_old`` (narrative and tables) printed ``raw_new`` instead."""

    def fix(money: Money | None) -> Money | None:
        if money is None or money.raw.replace(",", "").removesuffix(money.unit) != raw_old:
            return money
        suffix = money.unit if money.raw.endswith(money.unit) else ""
        return money.model_copy(update={"raw": raw_new + suffix, "yuan": yuan_new})

    claims = [c.model_copy(update={"amount": fix(c.amount)}) for c in record.claims]
    tables = [
        t.model_copy(update={"rows": [r.model_copy(update={"values": {k: fix(v) for k, v in r.values.items()}})
                                      for r in t.rows]})
        for t in record.tables
    ]  # fmt: skip
    source = record.source.model_copy(update={"sha256": "f" * 64})
    return record.model_copy(update={"claims": claims, "tables": tables, "source": source})

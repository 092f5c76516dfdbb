"""The auditor's workbook read back with pandas: its findings are the database's findings, amounts exact."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pandas as pd

from cnfiscal.corpus.store import load
from tests.report.conftest import WrittenReport
from tests.report.records import SEED000_PDF

FINDING_FIELDS = [
    "rule",
    "severity",
    "message",
    "stated",
    "recomputed",
    "difference",
    "tolerance",
    "page",
    "location",
    "evidence",
    "sha256",
]


def nullable(value: object) -> object:
    return None if pd.isna(value) else value  # type: ignore[arg-type]


def test_findings_sheet_matches_the_database(db_report: WrittenReport) -> None:
    sheet = pd.read_excel(db_report.xlsx, sheet_name="findings", dtype=str)
    db = load(db_report.db)["findings"]
    assert len(sheet) == len(db) == 3
    got = sorted(tuple(nullable(v) for v in row) for row in sheet[FINDING_FIELDS].itertuples(index=False))
    want = sorted(
        tuple(None if pd.isna(v) else str(v) for v in row) for row in db[FINDING_FIELDS].itertuples(index=False)
    )
    assert got == want
    docs = load(db_report.db)["documents"].set_index("sha256")["path"]
    assert list(sheet["path"]) == [docs[s] for s in sheet["sha256"]]  # every finding says which file it is from


def test_workbook_sheets_have_frozen_headers_and_filters(db_report: WrittenReport) -> None:
    book = openpyxl.load_workbook(db_report.xlsx)
    assert book.sheetnames == ["documents", "findings", "corpus_findings", "funding", "indicators"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions


def test_amounts_are_exact_yuan(db_report: WrittenReport) -> None:
    funding = pd.read_excel(db_report.xlsx, sheet_name="funding")
    total = funding[(funding["path"] == SEED000_PDF) & (funding["canonical"] == "total")].iloc[0]
    assert Decimal(str(total["annual_budget_yuan"])) == Decimal("22269800")
    assert Decimal(str(total["executed_yuan"])) == Decimal("21999800")
    assert total["annual_budget_raw"] == "2226.98万元"
    assert Decimal(str(total["rate"])) == Decimal("0.9878")
    documents = pd.read_excel(db_report.xlsx, sheet_name="documents")
    assert sorted(documents["status"]) == ["failed", "ok", "ok"]


def test_funding_and_indicator_rows_name_their_self_evaluation(db_report: WrittenReport) -> None:
    indicators = pd.read_excel(db_report.xlsx, sheet_name="indicators")
    mine = indicators[indicators["path"] == SEED000_PDF]
    assert list(mine["level3"]) == ["新增平台经济企业", "平台经济客户使用满意度"]
    assert set(mine["se_kind"]) == {"dept"}
    assert list(mine["target_raw"]) == ["≧6户", "≧95%"]

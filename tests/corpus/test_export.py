"""Export round trips: Parquet keeps DECIMAL; CSV and JSON Lines keep exact decimal text; xlsx is auditor-ready."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from cnfiscal.corpus import record_to_rows, store
from cnfiscal.corpus.export import export
from cnfiscal.corpus.reviews import DECISIONS, Decision, record_decision
from cnfiscal.corpus.schema import ALL_TABLES
from cnfiscal.models import DocumentRecord
from tests.corpus.factory import rich_record

EXPORTED = (*ALL_TABLES, DECISIONS)  # every table, and the decision that holds per finding (derived from reviews)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "c.duckdb"
    con = store.connect(path)
    store.write_document(con, record_to_rows(rich_record()))
    con.close()
    return path


def test_parquet_keeps_decimal_types_and_values(db, tmp_path):
    written = export(db, "parquet", tmp_path / "pq")
    assert sorted(p.name for p in written) == sorted(f"{t.name}.parquet" for t in EXPORTED)
    funding = pq.read_table(tmp_path / "pq/funding.parquet")
    assert funding.schema.field("annual_budget_yuan").type == pa.decimal128(38, 6)
    assert funding.schema.field("rate").type == pa.decimal128(38, 10)
    assert funding.column("annual_budget_yuan").to_pylist() == [Decimal("197045700"), None]
    assert funding.column("rate").to_pylist()[0] == Decimal("0.9878")
    docs = pq.read_table(tmp_path / "pq/documents.parquet")
    assert docs.schema.field("fill_date").type == pa.date32()


def test_csv_keeps_exact_decimal_text(db, tmp_path):
    export(db, "csv", tmp_path / "csv")
    funding = pd.read_csv(tmp_path / "csv/funding.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert Decimal(funding.loc[0, "annual_budget_yuan"]) == Decimal("197045700")
    assert funding.loc[0, "annual_budget_raw"] == "19, 704. 57"
    assert funding.loc[1, "executed_yuan"] == ""  # empty stays empty, never 0
    assert (tmp_path / "csv/documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_jsonl_rows_and_whole_records(db, tmp_path):
    export(db, "jsonl", tmp_path / "jl")
    rows = [json.loads(line) for line in (tmp_path / "jl/table_values.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["column_name"] for r in rows] == ["决算数", "预算数"]
    assert Decimal(rows[0]["value_yuan"]) == Decimal("197045700") and rows[1]["value_yuan"] is None
    records = (tmp_path / "jl/records.jsonl").read_text(encoding="utf-8").splitlines()
    assert DocumentRecord.model_validate_json(records[0]) == rich_record()


def test_xlsx_one_sheet_per_table_with_frozen_headers(db, tmp_path):
    out = tmp_path / "corpus.xlsx"
    export(db, "xlsx", out)
    wb = load_workbook(out)
    assert wb.sheetnames == [t.name for t in EXPORTED if t.name != "records"]
    ws = wb["funding"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == [c for c, _ in next(t for t in ALL_TABLES if t.name == "funding").columns]
    row = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert row["annual_budget_yuan"] == 197045700 and row["annual_budget_raw"] == "19, 704. 57"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}3"


def test_xlsx_long_table_continues_on_another_sheet(db, tmp_path, monkeypatch):
    from cnfiscal.corpus import export as export_module

    monkeypatch.setattr(export_module, "XLSX_MAX_ROWS", 1)
    out = tmp_path / "split.xlsx"
    export(db, "xlsx", out)
    wb = load_workbook(out)
    assert "funding (2)" in wb.sheetnames and "funding (3)" not in wb.sheetnames
    assert [c.value for c in wb["funding (2)"][2]][:3] == [rich_record().source.sha256, 0, 1]
    assert wb["funding (2)"].freeze_panes == "A2"


def test_decisions_export_the_decision_that_holds(tmp_path):
    """``reviews`` keeps every decision; ``decisions`` the one that holds per finding (the latest)."""
    path = tmp_path / "c.duckdb"
    con = store.connect(path)
    store.write_document(con, record_to_rows(rich_record()))
    fid = con.execute("SELECT finding_id FROM findings WHERE finding_id IS NOT NULL LIMIT 1").fetchone()[0]
    record_decision(con, fid, Decision.PENDING, "先看原件", who="甲")
    record_decision(con, fid, Decision.CONFIRMED, "已核对", who="乙")
    con.close()
    export(path, "csv", tmp_path / "csv")
    history = pd.read_csv(tmp_path / "csv" / "reviews.csv", dtype=str)
    held = pd.read_csv(tmp_path / "csv" / "decisions.csv", dtype=str)
    assert len(history) == 2
    assert held[["finding_id", "decision", "note", "who"]].values.tolist() == [[fid, "confirmed", "已核对", "乙"]]

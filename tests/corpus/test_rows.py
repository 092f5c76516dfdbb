"""record → rows → DuckDB → DataFrames keeps every value exactly (Decimal, dates, provenance)."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnfiscal.corpus import load, record_to_rows, store
from cnfiscal.corpus.schema import ALL_TABLES
from cnfiscal.models import DocumentRecord, Money
from tests.corpus.factory import SHA, rich_record


def write(db, record):
    con = store.connect(db)
    try:
        return store.write_document(con, record_to_rows(record))
    finally:
        con.close()


def test_every_table_has_rows_in_schema_order():
    rows = record_to_rows(rich_record())
    assert set(rows) == {spec.name for spec in ALL_TABLES}
    for spec in ALL_TABLES:
        for row in rows[spec.name]:
            assert list(row) == spec.column_names, spec.name
    counts = {name: len(r) for name, r in rows.items()}
    assert counts == {
        "documents": 1,
        "self_evals": 1,
        "funding": 2,
        "indicators": 2,
        "tables": 1,
        "table_rows": 1,
        "table_values": 2,
        "claims": 1,
        "findings": 1,
        "warnings": 2,
        "errors": 1,
        "records": 1,
        "reviews": 0,  # decisions are written by `cnfiscal review`, never by the record
        # cross-document tables are written by corpus.crossdoc after the documents, never by one record
        "offices": 0,
        "office_links": 0,
        "corpus_findings": 0,
        "corpus_checks": 0,
    }


def test_round_trip_keeps_exact_values(tmp_path):
    db = tmp_path / "c.duckdb"
    record = rich_record()
    assert write(db, record) == 1
    frames = load(db)
    f0 = frames["funding"].iloc[0]
    assert f0["annual_budget_yuan"] == Decimal("197045700")
    assert isinstance(f0["annual_budget_yuan"], Decimal)
    assert f0["annual_budget_raw"] == "19, 704. 57"
    assert f0["rate"] == Decimal("0.9878") and f0["annual_budget_page"] == 1
    assert pd.isna(f0["bbox"])  # the row has no box of its own; its amounts do (see table_values)
    breakdown = frames["funding"].iloc[1]
    assert breakdown["is_breakdown"] and breakdown["executed_yuan"] is None  # empty stays null, never 0
    ind = frames["indicators"].iloc[0]
    assert (ind["target_op"], ind["target_value"], ind["target_unit"]) == ("≥", Decimal("6"), "户")
    assert frames["indicators"].iloc[1]["target_value"] == Decimal("0.95")
    cell = frames["table_values"]
    assert list(cell["column_name"]) == ["决算数", "预算数"]
    assert cell.iloc[0]["value_yuan"] == Decimal("197045700") and cell.iloc[1]["value_yuan"] is None
    assert cell.iloc[0]["value_bbox"] == "[10.0, 20.0, 30.5, 40.25]" and cell.iloc[0]["value_page"] == 3
    doc = frames["documents"].iloc[0]
    assert (doc["doc_id"], doc["status"], doc["version"], bool(doc["superseded"])) == (SHA, "ok", 1, False)
    assert str(doc["fill_date"]) == "2024-03-01" and doc["path"] == "/data/示例 部门/自评表.pdf"
    assert frames["findings"].iloc[0]["location"] == "self_evals[0].funding[0]"
    back = DocumentRecord.model_validate_json(frames["records"].iloc[0]["record_json"])
    assert back == record


def test_rewriting_a_document_replaces_its_rows(tmp_path):
    db = tmp_path / "c.duckdb"
    write(db, rich_record())
    write(db, rich_record())
    frames = load(db)
    assert len(frames["documents"]) == 1 and len(frames["funding"]) == 2
    assert frames["documents"].iloc[0]["version"] == 1  # same key again: replaced, not a new version


def test_new_hash_at_same_path_is_a_new_version(tmp_path):
    db = tmp_path / "c.duckdb"
    write(db, rich_record())
    write(db, rich_record(sha="b" * 64))
    docs = load(db)["documents"].sort_values("version")
    assert list(docs["version"]) == [1, 2]
    assert list(docs["superseded"]) == [True, False]
    assert docs.iloc[0]["superseded_by"] == "b" * 64
    assert len(load(db)["funding"]) == 4  # the old version's rows are kept


@pytest.fixture(scope="module")
def memory_db():
    con = store.connect(":memory:")
    yield con
    con.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=6, allow_nan=False))
def test_money_round_trips_exactly(memory_db, value):
    record = rich_record()
    se = record.self_evals[0]
    row = se.funding[0].model_copy(update={"executed": Money(yuan=value, raw=str(value), unit="元")})
    record = record.model_copy(update={"self_evals": [se.model_copy(update={"funding": [row]})]})
    store.write_document(memory_db, record_to_rows(record))  # same key each time: replaces the previous example
    assert load(memory_db, ["funding"])["funding"].iloc[0]["executed_yuan"] == value


def test_a_database_of_another_layout_is_refused(tmp_path):
    from cnfiscal.errors import CorpusError

    db = tmp_path / "old.duckdb"
    store.connect(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE corpus_meta SET value = 'cnfiscal-corpus-0' WHERE key = 'schema'")
    con.close()
    with pytest.raises(CorpusError, match="ingest into a new database file"):
        store.connect(db)


def test_partial_record_is_ok_in_status_and_partial_in_record_status():
    from cnfiscal.models import Status

    row = record_to_rows(rich_record().model_copy(update={"status": Status.PARTIAL}))["documents"][0]
    assert (row["status"], row["record_status"]) == ("ok", "partial")

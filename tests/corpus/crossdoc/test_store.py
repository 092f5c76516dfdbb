"""The cross-document tables in the corpus database: filled after each document, re-checked per office group only,
retracted when a document stops being live, and the same whether or not a run was cut short."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnfiscal.corpus import (
    ingest,  # the function (importing the module would shadow it in the package)
    load,
    record_to_rows,
    store,
)
from cnfiscal.corpus.crossdoc import store as crossdoc
from cnfiscal.corpus.crossdoc.identity.offices import link
from cnfiscal.corpus.crossdoc.tables import CROSSDOC_TABLES
from cnfiscal.models import DocumentRecord, Status
from tests.corpus.crossdoc.conftest import SAMPLES, WANLI
from tests.corpus.crossdoc.conftest import altered as _altered


def _write(con, record: DocumentRecord, refresh: bool = True) -> list[str]:
    store.write_document(con, record_to_rows(record))
    return crossdoc.refresh(con) if refresh else []


@pytest.fixture
def con(tmp_path):
    connection = store.connect(tmp_path / "c.duckdb")
    yield connection
    connection.close()


def _rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_every_live_document_gets_its_office(con, records):
    for record in records.values():
        _write(con, record)
    docs = dict(_rows(con, "SELECT sha256, office_id FROM documents"))
    for record in records.values():
        assert docs[record.source.sha256] == link(record).office_id
    offices = _rows(con, "SELECT office_id, n_documents, n_findings FROM offices ORDER BY office_id")
    assert len(offices) == len({v for v in docs.values() if v})
    assert sum(n for _, n, _ in offices) == sum(1 for v in docs.values() if v)
    assert _rows(con, "SELECT count(*) FROM office_links")[0][0] == len(records)
    assert _rows(con, "SELECT count(*) FROM corpus_findings")[0][0] == 0  # the real groups agree (yoy.json)
    agrees = _rows(con, "SELECT count(*) FROM corpus_checks WHERE outcome = 'agrees'")[0][0]
    assert agrees >= 81


def test_a_new_document_rechecks_only_its_office(con, records):
    _write(con, records[WANLI[0]])
    _write(con, records["js_npcsc_office_2017_budget_full.pdf"])
    checked = _write(con, records[WANLI[1]])
    assert checked == [link(records[WANLI[1]]).office_id]
    assert crossdoc.refresh(con) == []  # nothing changed: nothing re-checked


def test_a_superseded_document_retracts_its_findings(con, records):
    altered = _altered(records[WANLI[0]], "1.35", "2.35", Decimal("23500"))
    _write(con, altered)
    _write(con, records[WANLI[1]])
    found = _rows(con, "SELECT rule, severity, sha256_a, page_a, sha256_b FROM corpus_findings")
    assert found == [("corpus.yoy.flat", "error", records[WANLI[1]].source.sha256, 32, "f" * 64)]
    _write(con, records[WANLI[0]])  # the same path, corrected: a new version supersedes the altered one
    assert _rows(con, "SELECT count(*) FROM corpus_findings")[0][0] == 0
    assert _rows(con, f"SELECT count(*) FROM office_links WHERE sha256 = '{'f' * 64}'")[0][0] == 0


def test_an_office_left_without_a_live_document_is_removed(con, records):
    welfare = records["sh_putuo_welfare_home_2024_unit_budget.pdf"]
    _write(con, welfare)
    assert _rows(con, "SELECT count(*) FROM offices")[0][0] == 1
    failed = welfare.model_copy(
        update={"status": Status.FAILED, "source": welfare.source.model_copy(update={"sha256": "e" * 64})}
    )
    _write(con, failed)
    assert _rows(con, "SELECT count(*) FROM offices")[0][0] == 0
    assert _rows(con, "SELECT count(*) FROM corpus_checks")[0][0] == 0


def _crossdoc_tables(con) -> dict:
    frames = load(con, [spec.name for spec in CROSSDOC_TABLES])
    return {name: frame.drop(columns=["checked_at"], errors="ignore") for name, frame in frames.items()}


def test_cut_short_before_the_refresh_then_refreshed_equals_a_run_never_cut(tmp_path, records):
    altered = _altered(records[WANLI[0]], "1.35", "2.35", Decimal("23500"))
    docs = [altered, records[WANLI[1]], *(records[n] for n in ("js_npcsc_office_2017_budget_full.pdf",
                                                               "js_npcsc_office_2018_budget_full.pdf"))]  # fmt: skip
    clean = store.connect(tmp_path / "clean.duckdb")
    cut = store.connect(tmp_path / "cut.duckdb")
    try:
        for record in docs:
            _write(clean, record)
        for i, record in enumerate(docs):
            _write(cut, record, refresh=i < 2)  # as if killed after the third document's commit
        crossdoc.refresh(cut)
        a, b = _crossdoc_tables(clean), _crossdoc_tables(cut)
        for name in a:
            assert a[name].equals(b[name]), name
        assert len(a["corpus_findings"]) == 1
    finally:
        clean.close()
        cut.close()


def test_ingest_links_and_checks_as_it_stores(tmp_path):
    db = tmp_path / "c.duckdb"
    ingest([SAMPLES / WANLI[0], SAMPLES / WANLI[1]], db=db, workers=0, progress=False)
    frames = load(db, ["documents", "offices", "corpus_checks"])
    assert frames["documents"]["office_id"].nunique() == 1
    assert frames["offices"]["n_documents"].tolist() == [2]
    assert (frames["corpus_checks"]["outcome"] == "agrees").sum() == 11  # yoy.json: 万里街道 2024 against 2023


def test_every_export_carries_the_cross_document_findings(tmp_path, records):
    import json

    from cnfiscal.corpus.export import export

    db = tmp_path / "c.duckdb"
    con = store.connect(db)
    try:
        _write(con, _altered(records[WANLI[0]], "1.35", "2.35", Decimal("23500")))
        _write(con, records[WANLI[1]])
    finally:
        con.close()
    export(db, "jsonl", tmp_path / "jsonl")
    rows = [json.loads(line) for line in (tmp_path / "jsonl/corpus_findings.jsonl").read_text("utf-8").splitlines()]
    assert [(r["rule"], r["stated"], r["recomputed"], r["page_a"]) for r in rows] == [
        ("corpus.yoy.flat", "13500", "23500", 32)
    ]
    assert rows[0]["page_b"] in (28, 29)  # the 2023 三公 table (p28) or its sentence (p29)
    assert rows[0]["message"].startswith("2024年文件称公务接待费1.35万元")
    for fmt in ("parquet", "csv"):
        written = export(db, fmt, tmp_path / fmt)
        assert {p.name for p in written} >= {f"{t}.{fmt}" for t in ("offices", "office_links", "corpus_findings")}
    export(db, "xlsx", tmp_path / "c.xlsx")
    from openpyxl import load_workbook

    assert {"offices", "corpus_findings", "corpus_checks"} <= set(load_workbook(tmp_path / "c.xlsx").sheetnames)

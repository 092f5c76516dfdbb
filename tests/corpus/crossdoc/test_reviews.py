"""Decisions on findings across documents: written in the workbook's ``corpus_findings`` sheet, read back by
``cnfiscal review --import`` or given on the command line, inherited when a document of the pair gets a new version
with the finding unchanged, and a dismissed one never comes back in the nightly digest's ``dismissed_ids``.

The finding is the one of ``test_store``: the real 万里街道 2024 budget says 公务接待费 “与上年预算数持平” (p32) and a
copy of the 2023 budget altered to print 2.35万元 where its pages print 1.35 (p28 table, p29 情况说明) contradicts it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from cnfiscal.cli import app
from cnfiscal.corpus import record_to_rows, store
from cnfiscal.corpus.crossdoc import store as crossdoc
from cnfiscal.corpus.review_import import import_workbook
from cnfiscal.corpus.reviews import Decision, decisions, dismissed_ids, record_decision
from tests.corpus.crossdoc.conftest import WANLI
from tests.corpus.crossdoc.conftest import altered as _altered

RUNNER = CliRunner()


def _db(tmp_path: Path, records: dict, sha_fill: str = "f") -> Path:
    db = tmp_path / "c.duckdb"
    con = store.connect(db)
    try:
        for record in (_copy(records[WANLI[0]], sha_fill), records[WANLI[1]]):
            store.write_document(con, record_to_rows(record))
            crossdoc.refresh(con)
    finally:
        con.close()
    return db


def _copy(record, sha_fill: str):
    changed = _altered(record, "1.35", "2.35", Decimal("23500"))
    return changed.model_copy(update={"source": changed.source.model_copy(update={"sha256": sha_fill * 64})})


def _cross_ids(db: Path) -> list[str]:
    con = store.connect(db, read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT finding_id FROM corpus_findings").fetchall()]
    finally:
        con.close()


def test_a_cross_document_finding_is_decided_in_the_workbook(tmp_path, records):
    db = _db(tmp_path, records)
    (fid,) = _cross_ids(db)
    xlsx = tmp_path / "findings.xlsx"
    result = RUNNER.invoke(app, ["report", "--db", str(db), "-o", str(tmp_path / "html"), "--xlsx", str(xlsx)])
    assert result.exit_code == 0, result.output
    book = load_workbook(xlsx)
    ws = book["corpus_findings"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["finding_id", "decision", "note"]
    row = {h: c.value for h, c in zip(header, ws[2], strict=True)}
    assert row["finding_id"] == fid
    assert row["rule"] == "corpus.yoy.flat" and row["severity"] == "error"
    assert (row["page_a"], row["page_b"]) == (32, 29)  # 2023 p29's 情况说明 prints the 1.35 of the p28 table
    assert row["path_a"].endswith(WANLI[1]) and row["path_b"].endswith(WANLI[0])
    ws.cell(2, 2).value, ws.cell(2, 3).value = "驳回", "改动过的副本，非真实文件"
    book.save(xlsx)

    con = store.connect(db)
    try:
        summary = import_workbook(con, xlsx, who="审计员甲")
        assert (summary.recorded, summary.problems) == (1, [])
        assert dismissed_ids(con) == {fid}
        held = decisions(con).set_index("finding_id")
        assert held.loc[fid, "decision"] == "dismissed"
        assert held.loc[fid, "who"] == "审计员甲"
    finally:
        con.close()
    again = tmp_path / "again.xlsx"
    result = RUNNER.invoke(app, ["report", "--db", str(db), "-o", str(tmp_path / "html2"), "--xlsx", str(again)])
    assert result.exit_code == 0, result.output
    book = load_workbook(again, read_only=True)
    rows = list(book["corpus_findings"].iter_rows(values_only=True))
    book.close()
    assert rows[1][:3] == (fid, "驳回", "改动过的副本，非真实文件")  # the new workbook shows the decision
    (page,) = (tmp_path / "html2" / "office").glob("*.html")  # and the office page, by the finding
    html = page.read_text(encoding="utf-8")
    assert fid in html and "驳回：改动过的副本，非真实文件" in html


def test_a_new_version_with_the_same_finding_inherits_the_decision(tmp_path, records):
    db = _db(tmp_path, records)
    (fid,) = _cross_ids(db)
    con = store.connect(db)
    try:
        record_decision(con, fid, Decision.CONFIRMED, "两页核对无误")
        # the same altered budget again with other bytes (a re-published copy): the finding is re-made with another id
        store.write_document(con, record_to_rows(_copy(records[WANLI[0]], "e")))
        crossdoc.refresh(con)
        (new,) = [r[0] for r in con.execute("SELECT finding_id FROM corpus_findings").fetchall()]
        assert new != fid
        held = decisions(con).set_index("finding_id")
        assert held.loc[new, "decision"] == "confirmed"
        assert held.loc[new, "inherited_from"] == fid
    finally:
        con.close()


def test_review_on_the_command_line_takes_a_cross_document_id(tmp_path, records):
    db = _db(tmp_path, records)
    (fid,) = _cross_ids(db)
    result = RUNNER.invoke(app, ["review", fid, "--dismiss", "副本", "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = store.connect(db, read_only=True)
    try:
        assert dismissed_ids(con) == {fid}
    finally:
        con.close()

"""Review decisions round-trip: written in the workbook, read by ``cnfiscal review --import``, kept over a re-ingest
of the same files and inherited by an unchanged finding of a new version; shown in a new workbook and the report;
``dismissed_ids`` (for the nightly digest) lists the dismissed ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cnfiscal.cli import app
from cnfiscal.corpus.reviews import decisions, dismissed_ids
from cnfiscal.corpus.store import connect
from cnfiscal.models import DocumentRecord
from tests.report.conftest import write_db
from tests.report.records import SHA_SEED000, SHA_SEED004, corpus, seed000

RUNNER = CliRunner()


def _report(db: Path, out: Path) -> Path:
    xlsx = out / "findings.xlsx"
    result = RUNNER.invoke(app, ["report", "--db", str(db), "-o", str(out / "html"), "--xlsx", str(xlsx)])
    assert result.exit_code == 0, result.output
    return xlsx


def _sheet(xlsx: Path) -> list[dict[str, object]]:
    book = load_workbook(xlsx, read_only=True)
    rows = list(book["findings"].iter_rows(values_only=True))
    book.close()
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _decide(xlsx: Path, choices: dict[str, tuple[str, str]]) -> None:
    """Write decisions into the workbook as an auditor would (by finding_id)."""
    book = load_workbook(xlsx)
    ws = book["findings"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("finding_id", "decision", "note")}
    for row in range(2, ws.max_row + 1):
        fid = ws.cell(row, col["finding_id"]).value
        if fid in choices:
            ws.cell(row, col["decision"]).value, ws.cell(row, col["note"]).value = choices[fid]
    book.save(xlsx)


def _ids(db: Path) -> dict[tuple[str, str], str]:
    con = connect(db, read_only=True)
    try:
        rows = con.execute("SELECT sha256, rule, finding_id FROM findings").fetchall()
    finally:
        con.close()
    return {(sha, rule): fid for sha, rule, fid in rows}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return write_db(tmp_path / "corpus.duckdb", corpus())


def test_workbook_decisions_round_trip(db: Path, tmp_path: Path) -> None:
    ids = _ids(db)
    dismissed = ids[(SHA_SEED000, "funding.rate")]
    confirmed = ids[(SHA_SEED004, "funding.executed_over_budget")]
    first = _report(db, tmp_path / "r1")
    assert [c for c in _sheet(first)[0]][:3] == ["finding_id", "decision", "note"]
    _decide(first, {dismissed: ("驳回", "98.78% 为截断，非错误"), confirmed: ("确认", "已核对原件")})

    result = RUNNER.invoke(app, ["review", "--import", str(first), "--db", str(db), "--who", "张审计"])
    assert result.exit_code == 0, result.output
    assert "recorded 2" in result.output

    again = RUNNER.invoke(app, ["review", "--import", str(first), "--db", str(db)])  # nothing new
    assert "recorded 0, 未变 unchanged 2" in again.output

    write_db(db, corpus())  # a re-ingest of the same files
    rows = {r["finding_id"]: r for r in _sheet(_report(db, tmp_path / "r2"))}
    assert (rows[dismissed]["decision"], rows[dismissed]["note"]) == ("驳回", "98.78% 为截断，非错误")
    assert (rows[confirmed]["decision"], rows[confirmed]["decision_who"]) == ("确认", "张审计")
    page = (tmp_path / "r2" / "html" / "doc" / f"{SHA_SEED000[:16]}.html").read_text(encoding="utf-8")
    assert "驳回" in page and "98.78% 为截断，非错误" in page

    con = connect(db, read_only=True)
    try:
        assert dismissed_ids(con) == {dismissed}
    finally:
        con.close()


def _new_version(record: DocumentRecord, sha: str, stated: str | None = None) -> DocumentRecord:
    findings = [
        f.model_copy(update={"stated": stated}) if stated and f.rule == "funding.rate" else f for f in record.findings
    ]
    source = record.source.model_copy(update={"sha256": sha})
    return record.model_copy(update={"source": source, "findings": findings})


def test_an_unchanged_finding_of_a_new_version_keeps_its_decision(db: Path) -> None:
    fid = _ids(db)[(SHA_SEED000, "funding.rate")]
    assert RUNNER.invoke(app, ["review", fid, "--dismiss", "截断", "--db", str(db)]).exit_code == 0
    write_db(db, [_new_version(seed000(), "c1" * 32)])  # same path, new content, the same finding
    con = connect(db, read_only=True)
    try:
        new_id = next(i for (sha, rule), i in _ids(db).items() if sha == "c1" * 32 and rule == "funding.rate")
        assert new_id != fid
        assert dismissed_ids(con) == {new_id}
        held = decisions(con).set_index("finding_id")
        assert held.loc[new_id, "inherited_from"] == fid
    finally:
        con.close()
    write_db(db, [_new_version(seed000(), "c2" * 32, stated="0.9777")])  # the figure changed: decide again
    con = connect(db, read_only=True)
    try:
        assert dismissed_ids(con) == set()
    finally:
        con.close()


def test_review_on_the_command_line(db: Path) -> None:
    fid = _ids(db)[(SHA_SEED004, "funding.executed_over_budget")]
    ok = RUNNER.invoke(app, ["review", fid, "--confirm", "属实", "--db", str(db), "--who", "李"])
    assert ok.exit_code == 0 and f"{fid}: confirmed (李" in ok.output
    pending = RUNNER.invoke(app, ["review", fid, "--pending", "再查", "--db", str(db)])
    assert pending.exit_code == 0
    con = connect(db, read_only=True)
    try:
        assert decisions(con).set_index("finding_id").loc[fid, "decision"] == "pending"  # the latest counts
    finally:
        con.close()
    assert RUNNER.invoke(app, ["review", "0" * 16, "--dismiss", "x", "--db", str(db)]).exit_code == 1
    assert RUNNER.invoke(app, ["review", fid, "--db", str(db)]).exit_code == 2  # no decision given


def test_a_bad_decision_in_the_workbook_is_reported_with_its_row(db: Path, tmp_path: Path) -> None:
    xlsx = _report(db, tmp_path / "r")
    fid = _ids(db)[(SHA_SEED000, "funding.rate")]
    _decide(xlsx, {fid: ("也许", "")})
    result = RUNNER.invoke(app, ["review", "--import", str(xlsx), "--db", str(db)])
    assert result.exit_code == 1
    assert "row " in result.output and "也许" in result.output


def test_a_database_from_before_reviews_is_upgraded(db: Path, tmp_path: Path) -> None:
    import duckdb

    con = duckdb.connect(str(db))
    con.execute("DROP TABLE reviews")
    for column in ("bbox_b", "page_b", "message_params", "message_key", "finding_id"):
        con.execute(f'ALTER TABLE findings DROP COLUMN "{column}"')
    con.close()
    rows = _sheet(_report(db, tmp_path / "old"))
    assert len(rows) == 3 and all(r["finding_id"] is None for r in rows)  # ids come with the next ingest
    write_db(db, corpus())
    assert all(r["finding_id"] for r in _sheet(_report(db, tmp_path / "new")))

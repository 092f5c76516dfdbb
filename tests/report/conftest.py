"""Shared fixtures: a corpus database holding the hand-built records, and a report written from it by the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cnfiscal.cli import app
from cnfiscal.corpus.rows import record_to_rows
from cnfiscal.corpus.store import connect, write_document
from cnfiscal.models import DocumentRecord
from tests.report.records import corpus


def write_db(path: Path, records: list[DocumentRecord]) -> Path:
    con = connect(path)
    try:
        for record in records:
            write_document(con, record_to_rows(record))
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_db(tmp_path_factory.mktemp("db") / "corpus.duckdb", corpus())


@dataclass(frozen=True)
class WrittenReport:
    db: Path
    out: Path
    xlsx: Path
    exit_code: int
    stderr: str


@pytest.fixture(scope="session")
def db_report(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> WrittenReport:
    out = tmp_path_factory.mktemp("report")
    xlsx = out / "findings.xlsx"
    result = CliRunner().invoke(app, ["report", "--db", str(corpus_db), "-o", str(out / "html"), "--xlsx", str(xlsx)])
    return WrittenReport(corpus_db, out / "html", xlsx, result.exit_code, result.output)

"""``cnfiscal export`` keeps the watch tables (when the database has them), like every corpus table."""

from __future__ import annotations

import duckdb
import openpyxl
import pyarrow.parquet as pq

from cnfiscal.corpus.export import export
from cnfiscal.corpus.watch import watch
from tests.corpus.watch.conftest import TEXT_2023, fast_config
from tests.corpus.watch.site import Route


def test_watch_tables_are_exported(site, tmp_path):
    site.add("/e/index.html", Route(b'<html><body><a href="a.txt">a</a><a href="gone.pdf">b</a></body></html>'))
    site.add("/e/a.txt", Route(TEXT_2023.read_bytes()))
    db = tmp_path / "c.duckdb"
    watch([site.url("/e/index.html")], db, fast_config(tmp_path))
    written = {p.name for p in export(db, "parquet", tmp_path / "pq")}
    assert {"watch_urls.parquet", "watch_versions.parquet", "watch_runs.parquet", "watch_sources.parquet"} <= written
    urls = pq.read_table(tmp_path / "pq/watch_urls.parquet").to_pylist()
    assert [(u["url"].rsplit("/", 1)[-1], u["kind"], u["status"]) for u in urls] == [
        ("a.txt", "file", "ok"),
        ("gone.pdf", "file", "failed"),
        ("index.html", "page", "ok"),
    ]
    con = duckdb.connect(str(db), read_only=True)
    sha = con.execute("SELECT sha256 FROM documents").fetchone()
    con.close()
    assert urls[0]["sha256"] == sha[0] if sha else False
    export(db, "xlsx", tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True)
    assert {"watch_urls", "watch_versions", "watch_runs", "watch_sources"} <= set(book.sheetnames)
    assert [c.value for c in next(book["watch_versions"].iter_rows(max_row=1))] == [
        "url",
        "sha256",
        "previous_sha256",
        "run_id",
        "seen_at",
    ]
    book.close()


def test_a_corpus_without_watch_has_no_watch_files(tmp_path):
    from cnfiscal.corpus.ingest import ingest

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TEXT_2023.read_bytes())
    ingest([folder], db=tmp_path / "c.duckdb", workers=0, progress=False)
    written = {p.name for p in export(tmp_path / "c.duckdb", "csv", tmp_path / "csv")}
    assert "documents.csv" in written and not {n for n in written if n.startswith("watch_")}

"""Incremental ingest: a re-run does no work; a changed file becomes a new version; the CLI's exit codes."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from cnfiscal.cli import app
from cnfiscal.corpus import ingest, load
from tests.corpus.helpers import TEXTS, make_corpus


def test_rerun_does_no_work(tmp_path):
    folder = tmp_path / "docs"
    files = make_corpus(folder, pdfs=False)
    db = tmp_path / "c.duckdb"
    first = ingest([folder], db=db, workers=1, progress=False)
    assert (first.found, first.done, first.failed, first.skipped) == (len(files), len(files), 0, 0)
    assert first.pages == len(files)  # a text file is one page
    second = ingest([folder], db=db, workers=1, progress=False)
    assert (second.done, second.failed, second.skipped) == (0, 0, len(files))
    assert second.workers == 0  # no worker was even started
    docs = load(db, ["documents"])["documents"]
    assert len(docs) == len(files) and set(docs["status"]) == {"ok"}


def test_same_content_twice_is_stored_once(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copyfile(TEXTS[0], folder / "a.txt")
    shutil.copyfile(TEXTS[0], folder / "b.txt")
    summary = ingest(str(folder), db=tmp_path / "c.duckdb", workers=0, progress=False)  # one path, not a list
    assert (summary.done, summary.skipped) == (1, 1)


def test_changed_file_is_a_new_version_and_the_old_is_superseded(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    target = folder / "report.txt"
    shutil.copyfile(TEXTS[0], target)
    db = tmp_path / "c.duckdb"
    ingest([folder], db=db, workers=0, progress=False)
    with target.open("ab") as f:
        f.write("\n补充说明\n".encode())
    summary = ingest([folder], db=db, workers=0, progress=False)
    assert (summary.done, summary.superseded) == (1, 1)
    docs = load(db, ["documents"])["documents"].sort_values("version")
    assert list(docs["version"]) == [1, 2]
    assert list(docs["superseded"]) == [True, False]
    assert docs.iloc[0]["superseded_by"] == docs.iloc[1]["sha256"]
    assert set(docs["path"]) == {str(target)}


def test_cli_ingest_and_export_exit_codes(tmp_path):
    folder = tmp_path / "docs"
    make_corpus(folder, pdfs=False)
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    ok = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "0"])
    assert ok.exit_code == 0, ok.output
    assert "4 done, 0 skipped, 0 failed" in ok.output
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    bad = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "0"])
    assert bad.exit_code == 1
    assert "0 done, 4 skipped, 1 failed" in bad.output and "broken.pdf" in bad.output
    assert runner.invoke(app, ["ingest", "--db", str(db)]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "xml", "-o", str(tmp_path / "x")]).exit_code == 2
    out = tmp_path / "out"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(out)]).exit_code == 0
    assert (out / "documents.csv").exists()
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv", "-o", str(out)])
    assert missing.exit_code == 1


def test_retry_failed_after_raising_a_limit(tmp_path):
    import pymupdf

    folder = tmp_path / "docs"
    folder.mkdir()
    doc = pymupdf.open()
    for i in range(3):
        doc.new_page().insert_text((72, 72), f"第{i + 1}页")
    doc.save(folder / "three_pages.pdf")
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    base = ["ingest", str(folder), "--db", str(db), "--workers", "0"]
    refused = runner.invoke(app, [*base, "--max-pages", "2"])
    assert refused.exit_code == 1 and "too many pages (3 > limit 2)" in refused.output
    assert "0 done, 1 skipped" in runner.invoke(app, [*base, "--max-pages", "5"]).output  # known hash: skipped
    retried = runner.invoke(app, [*base, "--max-pages", "5", "--retry-failed"])
    assert retried.exit_code == 0 and "1 done, 0 skipped, 0 failed" in retried.output
    docs = load(db, ["documents"])["documents"]
    assert len(docs) == 1 and (docs.iloc[0]["status"], docs.iloc[0]["pages"], docs.iloc[0]["version"]) == ("ok", 3, 1)


def test_a_file_reverted_to_an_earlier_content_makes_that_version_live_again(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    target = folder / "report.txt"
    original = TEXTS[0].read_bytes()
    db = tmp_path / "c.duckdb"
    target.write_bytes(original)
    ingest([folder], db=db, workers=0, progress=False)
    target.write_bytes(original + "\n更正\n".encode())
    ingest([folder], db=db, workers=0, progress=False)
    target.write_bytes(original)
    summary = ingest([folder], db=db, workers=0, progress=False)
    assert (summary.done, summary.skipped) == (0, 1)  # no work: the content is known
    docs = load(db, ["documents"])["documents"].sort_values("version")
    assert list(docs["superseded"]) == [False, True]
    assert docs.iloc[1]["superseded_by"] == docs.iloc[0]["sha256"]

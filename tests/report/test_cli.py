"""``cnfiscal report``: database mode, single-file mode, usage errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cnfiscal.cli import app
from cnfiscal.pipeline import process
from cnfiscal.report.data import doc_stem
from tests.report.records import ROOT

runner = CliRunner()


def test_usage_errors_exit_2(tmp_path: Path, corpus_db: Path) -> None:
    assert runner.invoke(app, ["report", "-o", str(tmp_path)]).exit_code == 2  # neither --db nor files
    both = runner.invoke(app, ["report", "--db", str(corpus_db), str(ROOT / "samples/text"), "-o", str(tmp_path)])
    assert both.exit_code == 2


def test_missing_database_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb"), "-o", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "no such database" in result.output
    assert not (tmp_path / "r" / "index.html").exists()


def test_single_file_that_fails_is_reported_with_its_reason(tmp_path: Path) -> None:
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"<html><body>not a pdf</body></html>")
    result = runner.invoke(app, ["report", str(fake), "-o", str(tmp_path / "r")])
    assert result.exit_code == 1
    reason = process(fake).errors[0].reason
    assert reason in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")


def test_single_pdf_without_a_database(tmp_path: Path) -> None:
    pdf = ROOT / "samples/pdf/self_eval_seed000_dept_2021.pdf"
    record = process(pdf)
    result = runner.invoke(app, ["report", str(pdf), "-o", str(tmp_path / "r"), "--xlsx", str(tmp_path / "f.xlsx")])
    assert result.exit_code == (1 if record.status == "failed" else 0), result.output
    page = tmp_path / "r" / "doc" / f"{doc_stem(record.source.sha256)}.html"
    html = page.read_text(encoding="utf-8")
    assert "self_eval_seed000_dept_2021.pdf" in html
    assert len(record.findings) == html.count('class="finding"')
    assert (tmp_path / "f.xlsx").is_file()


def test_a_folder_without_a_database(tmp_path: Path) -> None:
    folder = ROOT / "samples/text"
    result = runner.invoke(app, ["report", str(folder), "-o", str(tmp_path / "r")])
    assert result.exit_code in (0, 1), result.output
    names = sorted(p.name for p in folder.glob("*.txt"))
    assert len(names) == 4
    index = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert name in index
    assert len(list((tmp_path / "r" / "doc").glob("*.html"))) == 4


def test_lang_en_for_extract_and_report(tmp_path: Path) -> None:
    """Messages are Chinese by default; ``--lang en`` renders the same findings (same ids, values) in English."""
    text = ROOT / "samples/text/seed000_dept_self_eval_qiannan_bigdata_2021.txt"
    zh = json.loads(runner.invoke(app, ["extract", str(text)]).output)
    en = json.loads(runner.invoke(app, ["extract", str(text), "--lang", "en"]).output)
    assert [f["finding_id"] for f in zh["findings"]] == [f["finding_id"] for f in en["findings"]]
    rate = next(f for f in en["findings"] if f["rule"] == "selfeval.funding.rate")
    assert rate["message"] == (
        "年度资金总额 执行率: executed 2199.98万元 ÷ budget 2226.98万元 = 98.79%, the table prints 98.78%"
    )
    assert runner.invoke(app, ["extract", str(text), "--lang", "fr"]).exit_code == 2
    result = runner.invoke(app, ["report", str(text), "-o", str(tmp_path / "r"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = next((tmp_path / "r" / "doc").glob("*.html")).read_text(encoding="utf-8")
    assert "the table prints 98.78%" in page and "表中为98.78%" not in page

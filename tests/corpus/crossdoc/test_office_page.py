"""The report's office page: documents and why they are linked, figures year by year, cross-document findings
pointing at both documents' pages."""

from __future__ import annotations

from decimal import Decimal

from cnfiscal.corpus import record_to_rows, store
from cnfiscal.corpus.crossdoc import store as crossdoc
from cnfiscal.report.offices import office_pages
from tests.corpus.crossdoc.conftest import WANLI, altered


def wanli_db(tmp_path, records):
    """The 万里街道 pair in a corpus database, the 2023 budget's 公务接待费 altered from 1.35 to 2.35 万元."""
    db = tmp_path / "c.duckdb"
    con = store.connect(db)
    try:
        for record in (altered(records[WANLI[0]], "1.35", "2.35", Decimal("23500")), records[WANLI[1]]):
            store.write_document(con, record_to_rows(record))
        crossdoc.refresh(con)
    finally:
        con.close()
    return db


def test_the_office_page_shows_the_years_and_points_at_both_pages(tmp_path, records):
    db = wanli_db(tmp_path, records)
    pages = office_pages(db, tmp_path / "report")  # what `cnfiscal report --db` writes beside the other pages
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "<h1>上海市普陀区人民政府万里街道办事处</h1>" in page
    assert "15,621.11" in page and "16,497.86" in page  # 支出总计 of 2024 and of 2023, 万元
    assert "2024年文件称公务接待费1.35万元，与上年持平" in page
    sha_2024 = records[WANLI[1]].source.sha256
    assert f'href="../doc/{sha_2024[:16]}.html">budget_wanli_2024.pdf</a> p32' in page
    assert f'href="../doc/{"f" * 16}.html">' in page  # side B: the (altered) 2023 budget


def test_the_office_page_in_english(tmp_path, records):
    db = wanli_db(tmp_path, records)
    page = office_pages(db, tmp_path / "report", lang="en")[0].read_text(encoding="utf-8")
    assert "the 2024 document says 公务接待费 1.35万元, the same as the previous year" in page


def test_the_overview_links_each_office_page_with_its_counts(tmp_path, records):
    from cnfiscal.report.build import report_from_db

    db = wanli_db(tmp_path, records)
    con = store.connect(db, read_only=True)
    try:
        agrees, found = con.execute(
            "SELECT count(*) FILTER (WHERE outcome = 'agrees'), count(*) FILTER (WHERE outcome = 'finding') "
            "FROM corpus_checks"
        ).fetchone()
    finally:
        con.close()
    result = report_from_db(db, tmp_path / "report")
    index = result.index.read_text(encoding="utf-8")
    href = result.offices[0].relative_to(tmp_path / "report").as_posix()
    assert (agrees, found) == (10, 1)  # the 11 statements of 2024 about 2023, the altered 公务接待费 one differing
    row = f'<a href="{href}">上海市普陀区人民政府万里街道办事处</a></td><td class="num">2</td>'
    assert row + f'<td class="num">{agrees}</td><td class="num">{found}</td>' in index

"""The HTML files themselves (without a browser): what the overview and the document pages say."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from cnfiscal.models import DocType, DocumentRecord, InputKind, Severity, Source
from cnfiscal.report.build import report_from_records
from cnfiscal.report.data import doc_stem
from tests.report.conftest import WrittenReport
from tests.report.records import SHA_FAILED, SHA_SEED000, SHA_SEED004, corpus, seed000, seed004


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def refs(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.refs


def report_data(index: Path) -> dict:
    """The JSON the overview's lists are drawn from."""
    html = index.read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="report-data">') + len(
        '<script type="application/json" id="report-data">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_report_from_db_writes_overview_pages_and_pictures(db_report: WrittenReport) -> None:
    assert db_report.exit_code == 0, db_report.stderr
    out = db_report.out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in index
    for name in ("execution_rate", "score_vs_rate", "findings_by_rule", "budget_vs_executed"):
        assert f'src="charts/{name}.png"' in index
    assert "the PDF needs a password" in index  # the failure and its reason
    for sha in (SHA_SEED000, SHA_SEED004, SHA_FAILED):
        assert (out / "doc" / f"{doc_stem(sha)}.html").is_file()
    for ref in refs(out / "index.html"):  # every local link and image exists: nothing fetched from the internet
        assert not ref.startswith(("http:", "https:", "//")), ref
        assert (out / ref).exists(), ref


def test_document_page_shows_tables_findings_and_evidence(db_report: WrittenReport) -> None:
    page = db_report.out / "doc" / f"{doc_stem(SHA_SEED000)}.html"
    html = page.read_text(encoding="utf-8")
    for text in (
        "2226.98万元",
        "2199.98万元",
        "98.78%",
        "≧6户",
        "28户",
        "funding.rate",
        "0.98788",
        "-0.00008",
        "selfeval.level1_weight",
    ):
        assert text in html, text
    assert 'title="= 22269800 元"' in html  # the exact 元 value behind the printed amount
    images = [r for r in refs(page) if r.endswith(".png")]
    assert len(images) == 2
    for ref in refs(page):
        if ref.startswith("#"):  # a place on this page
            assert f"id='{ref[1:]}'" in html or f'id="{ref[1:]}"' in html, ref
        else:
            assert (page.parent / ref.split("#", 1)[0]).exists(), ref


def test_text_input_page_says_why_there_is_no_picture(db_report: WrittenReport) -> None:
    html = (db_report.out / "doc" / f"{doc_stem(SHA_SEED004)}.html").read_text(encoding="utf-8")
    assert "funding.executed_over_budget" in html
    assert "source PDF not available" in html
    assert "<img" not in html
    assert "自评结论 优" in html


def test_text_is_escaped(tmp_path: Path) -> None:
    record = DocumentRecord(
        doc_type=DocType.UNKNOWN,
        unit_name="<script>alert(1)</script>单位",
        source=Source(path="x.txt", sha256="d" * 64, input_kind=InputKind.TEXT),
    )
    result = report_from_records([record], tmp_path)
    for path in [result.index, *result.pages]:
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html  # the overview's own list script is the only script
        assert "&lt;script&gt;alert(1)&lt;/script&gt;单位" in html
    data = report_data(result.index)
    assert data["docs"][0]["o"] == "<script>alert(1)</script>单位"  # inside the JSON: \u003c, not a tag


def test_error_findings_are_listed_on_the_overview_and_link_to_their_place(tmp_path: Path) -> None:
    record = seed000()
    error = record.findings[0].model_copy(
        update={"rule": "selfeval.funding.sum", "severity": Severity.ERROR, "message": "parts do not add up"}
    )
    record = record.model_copy(update={"findings": [*record.findings, error]})
    result = report_from_records([record], tmp_path)
    index = result.index.read_text(encoding="utf-8")
    href = f"doc/{doc_stem(SHA_SEED000)}.html#finding-2"
    first = report_data(result.index)["findings"][0]  # the list's rows, errors first (drawn by the page's script)
    assert (first["h"], first["s"], first["m"]) == (href, "error", "parts do not add up")
    assert "错误 error findings (1)" in index
    page = (tmp_path / href.split("#", maxsplit=1)[0]).read_text(encoding="utf-8")
    assert 'id="finding-2"' in page
    assert page.index('id="finding-2"') < page.index('id="finding-1"') < page.index('id="finding-0"')  # errors first


def test_where_links_to_the_part_of_the_page(db_report: WrittenReport) -> None:
    html = (db_report.out / "doc" / f"{doc_stem(SHA_SEED000)}.html").read_text(encoding="utf-8")
    assert '<a href="#se-0">self_evals[0].funding[0]</a>' in html
    assert "<h2 id='se-0'>" in html


def test_a_second_report_in_the_same_folder_leaves_no_stale_page(tmp_path: Path) -> None:
    first = report_from_records(corpus(), tmp_path)
    assert len(first.pages) == 3
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    second = report_from_records([seed004()], tmp_path)
    assert sorted((tmp_path / "doc").glob("*.html")) == second.pages
    assert not list((tmp_path / "evidence").glob("*.png"))  # seed000's pictures are gone
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"  # other files are left alone

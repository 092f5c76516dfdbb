"""Evidence you can see, on a real report (final_finance_2024.pdf): a narrative finding's sentence is found on its
page and framed; a comparison of the narrative with a table printed on another page shows both sides framed."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from cnfiscal.pipeline import process
from cnfiscal.report.build import report_from_records
from cnfiscal.report.evidence import locate, needles
from tests.report.records import ROOT

PDF = ROOT / "samples/pdf/final_finance_2024.pdf"


@pytest.fixture(scope="module")
def page_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    result = report_from_records([process(PDF)], tmp_path_factory.mktemp("framing"))
    return result.pages[0].read_text(encoding="utf-8")


def _finding_block(html: str, text: str) -> str:
    start = html.rindex('<div class="finding', 0, html.index(text))
    return html[start : html.index('<div class="finding', start + 10)]


def test_the_narrative_sentence_is_framed(page_html: str) -> None:
    block = _finding_block(page_html, "一般公共服务支出（类）占比")  # claim.share, p.21: 占71.73% for 71.65%
    assert "data-framed" in block and "在页面上找到原文并框出" in block


def test_both_sides_of_a_comparison_across_pages(page_html: str) -> None:
    block = _finding_block(page_html, "文中为0.3万元")  # p.21 narrative vs 财政拨款收入支出决算总表 on p.13
    assert "第21页" in block and "对照数 the other figure — 第13页" in block
    assert block.count("data-framed") == 2


def test_locate_finds_a_wrapped_sentence_by_its_clauses() -> None:
    with pymupdf.open(PDF) as doc:
        found = locate(doc[20], "一般公共服务支出（类）2106.66万元，占71.73%；")
        assert found is not None
        assert "2106.66" in doc[20].get_textbox(pymupdf.Rect(found))
    assert needles("line 3: 项目支出603.14万元，占20.51% [603.14 / 2940.05]")[0] == "项目支出603.14万元，占20.51%"
    assert needles("短") == []


def test_text_inputs_have_no_picture(tmp_path: Path) -> None:
    record = process(ROOT / "samples/text/seed000_dept_self_eval_qiannan_bigdata_2021.txt")
    html = report_from_records([record], tmp_path).pages[0].read_text(encoding="utf-8")
    assert "<img" not in html and "data-framed" not in html

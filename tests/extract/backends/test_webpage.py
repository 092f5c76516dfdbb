"""Saved web pages: the header block is metadata (the title kept), a copied 决算/预算 table becomes tab rows."""

from __future__ import annotations

from pathlib import Path

from cnfiscal.extract.backends.webpage import table_lines, without_page_header
from cnfiscal.extract.layout import Line
from cnfiscal.extract.stdtables.office import office_of, year_of
from cnfiscal.pipeline import process

HEADER = [
    "标题: 某县某局2014年收入支出决算批复",
    "发布时间: 2015-11-11 09:11",
    "文号: ",
    "栏目: 部门决算公开",
    "原文链接: https://example.org/t.htm",
    "页面链接与图片详见 links.tsv(同目录)",
    "==================== 正文 ====================",
    "当前位置： 首页 …",
]


def test_header_block_keeps_the_title_only() -> None:
    out = without_page_header(HEADER)
    assert out[0] == "某县某局2014年收入支出决算批复"  # no 标题: prefix
    assert out[1:7] == [""] * 6  # the other fields and the 正文 line blanked, numbers kept
    assert out[7] == HEADER[7]


def test_office_and_year_from_the_page_title() -> None:
    lines = [Line(t, 1, None, i + 1) for i, t in enumerate(without_page_header(HEADER))]
    office, year = office_of(lines), year_of(lines, [])
    assert office is not None and office.value == "某县某局"
    assert year is not None and year.value == "2014"


def test_text_without_header_block_is_unchanged() -> None:
    lines = ["标题: 一行", "正文第一行"]
    assert without_page_header(lines) == lines


def test_pipe_rows_and_one_cell_lines_become_tab_rows() -> None:
    piped = ["2015年某局部门“三公”经费情况统计表 | ||", "项 目 | 本年预算数 |", "合 计 | 34.35 |"]
    assert [t for _, t in table_lines(piped) or []] == [
        "2015年某局部门“三公”经费情况统计表",
        "项 目\t本年预算数",
        "合 计\t34.35",
    ]
    cells = ["2021年区本级“三公”经费预算支出表", "单位:万元", "项目 |", "预算数 |", "合计 |", "4432 |"]
    cells += ["1.因公出国(境)费用 |", "39 |"]
    out = table_lines(cells) or []
    assert [t for _, t in out] == [cells[0], "单位:万元", "项目\t预算数", "合计\t4432", "1.因公出国(境)费用\t39"]
    assert [n for n, _ in out] == [1, 2, 3, 5, 7]  # a rebuilt row keeps its first cell's line


def test_page_without_a_standard_table_title_is_left_to_other_readers() -> None:
    assert table_lines(["项目名称 | 某项目 |", "年度资金总额 | 90 |"]) is None


def test_a_copied_table_without_any_unit_is_warned_not_scaled(tmp_path: Path) -> None:
    rows = ["项目 |", "预算数 |", "合计 |", "4432 |", "1.因公出国(境)费用 |", "39 |", "2.公务接待费 |", "323 |"]
    page = tmp_path / "page.txt"
    page.write_text("\n".join(["2021年区本级“三公”经费预算支出表", *rows, "3.公务用车购置及运行维护费 |", "4070 |"]))
    record = process(page)
    [table] = record.tables
    assert all(v is None for r in table.rows for v in r.values.values())  # no scale guessed
    assert any("no 单位 printed" in w for w in record.warnings)
    assert [f for f in record.findings if f.severity.value == "error"] == []

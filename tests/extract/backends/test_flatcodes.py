"""Code rows of a flattened table: amounts put in columns only where that is certain (see backends.flatcodes)."""

from __future__ import annotations

from cnfiscal.extract.backends.flatcodes import code_rows
from cnfiscal.vocab.tables import UNPLACED_CELL as U
from cnfiscal.vocab.webpages import FLAT_CODE_HEADERS

HEADER = (
    "项 目 年初结转和结余 本年收入 本年支出 年末结转和结余 支出功能分类科目编码 科目名称 合计 基本支出 项目支出 合计 "
    "基本支出 项目支出 合计 基本支出结转 项目支出结转和结余 小计 人员经费 日常公用经费 类款项 "
)
FULL = "161.90 45.03 116.87 1,388.01 1,289.86 1,227.97 925.42 302.55 61.89 260.05 32.16 227.89"


def _rows(text: str) -> tuple[list[list[str]], list[str]]:
    warnings: list[str] = []
    out = code_rows(HEADER + text, warnings) or []
    return [ln.split("\t") for ln in out], warnings


def test_the_known_header_names_the_columns_and_a_full_row_fills_them() -> None:
    rows, warnings = _rows(f"合计 {FULL} 204 公共安全支出 {FULL}")
    assert rows[0] == ["科目编码", "科目名称", *FLAT_CODE_HEADERS[0].columns]
    assert rows[1] == ["", "合计", *FULL.split()]
    assert rows[2][:2] == ["204", "公共安全支出"] and rows[2][2:] == FULL.split()
    assert warnings == []


def test_a_short_row_keeps_only_what_its_sums_make_certain() -> None:
    # 行政运行 prints 9 of 12 cells: 年初 45.03 45.03 is 合计 and 基本 or 项目 (either sum holds) → 合计 only
    rows, warnings = _rows("2040401 行政运行 45.03 45.03 1,215.10 1,227.97 1,227.97 925.42 302.55 32.16 32.16")
    cells = rows[1][2:]
    assert cells == ["45.03", U, U, "1,215.10", "1,227.97", "1,227.97", "925.42", "302.55", "", "32.16", U, U]
    assert len(warnings) == 1 and "2040401" in warnings[0]


def test_a_row_of_equal_amounts_is_all_uncertain() -> None:
    rows, warnings = _rows("2210201 住房公积金 95.79 95.79 95.79 95.79")
    assert rows[1][2:] == [U] * 12
    assert "left unread: all" in warnings[0]


def test_no_code_rows() -> None:
    assert code_rows("项目 金额 年初结转和结余161.90 本年收入合计3,804.70", []) is None

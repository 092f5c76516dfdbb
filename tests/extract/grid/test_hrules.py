"""Tables ruled with horizontal lines only: columns inferred from the words (``grid.hrules``, ``grid.hcolumns``).

The page is laid out by hand (points): a table from x 0 to 400 with columns 科目编码 [0, 56], 科目名称 [56, 200],
合计 [200, 300] and 基本支出 [300, 400]; amounts right-aligned 2 pt inside their cell; a header row with 项目
centred over the first two columns and 本年支出 over the last two. Each expected row is read off that layout.
"""

from __future__ import annotations

from cnfiscal.extract.grid.join import to_grid
from cnfiscal.extract.grid.lines import Rulings, Segment
from cnfiscal.extract.grid.tables import PageTable, find_page_tables
from cnfiscal.extract.layout import Word


def _w(text: str, x0: float, y0: float, x1: float, y1: float) -> Word:
    return Word(text, (x0, y0, x1, y1), 1)


WORDS = [
    _w("项目", 90, 3, 110, 12),  # centred over [0, 200]
    _w("本年支出", 280, 3, 320, 12),  # centred over [200, 400]
    _w("科目编码", 10, 18, 50, 27),
    _w("科目名称", 110, 18, 150, 27),
    _w("合计", 240, 18, 260, 27),
    _w("基本支出", 330, 18, 370, 27),
    _w("2010301", 2, 33, 40, 42),
    _w("行政运行", 62, 33, 100, 42),
    _w("1,234.56", 258, 33, 298, 42),
    _w("1,234.56", 358, 33, 398, 42),
    _w("20103", 2, 53, 30, 62),
    _w("政府办公厅(室)及", 62, 48, 150, 57),  # a name wrapped over two lines
    _w("相关机构事务", 62, 58, 120, 67),
    _w("99.00", 278, 53, 298, 62),  # 基本支出 left empty
    _w("201", 2, 78, 20, 87),
    _w("一般公共服务支出", 62, 78, 140, 87),
    _w("12,345,678.", 240, 73, 298, 82),  # an amount wrapped in its cell
    _w("90", 288, 83, 298, 92),
    _w("5.00", 378, 78, 398, 87),
]
HEADER = [["项目", "本年支出"], ["科目编码", "科目名称", "合计", "基本支出"]]
BODY = [
    ["2010301", "行政运行", "1,234.56", "1,234.56"],
    ["20103", "政府办公厅(室)及相关机构事务", "99.00", ""],
    ["201", "一般公共服务支出", "12,345,678.90", "5.00"],
]


def _rules(*ys: float) -> Rulings:
    return Rulings(tuple(Segment(y, 0, 400) for y in ys), ())


def _rows(t: PageTable) -> list[list[str]]:
    return [t.row_texts(r) for r in range(t.n_rows)]


def test_every_row_ruled() -> None:
    """Rules under each row: the code and the name stay apart, a wrapped name or amount stays one cell, an empty
    amount cell stays empty, and the header cells centred over two columns span them."""
    (t,) = find_page_tables(1, _rules(0, 15, 30, 45, 70, 95), WORDS)
    assert t.inferred and t.n_cols == 4
    assert _rows(t) == HEADER + BODY
    assert [(c.c0, c.c1) for c in t.cells if c.r0 == 0] == [(0, 2), (2, 4)]


def test_three_rules_rows_from_amount_lines() -> None:
    """三线表 (top, under the header, bottom; here the header keeps its inner rule): the body's rows are the
    lines with amounts, each wrapped line going with the nearest one."""
    (t,) = find_page_tables(1, _rules(0, 15, 30, 95), WORDS)
    assert _rows(t)[2:] == BODY


def test_empty_column_named_by_its_header() -> None:
    """A column with no amount at all is still a column: its header stands over it."""
    words = [w for w in WORDS if w.bbox[0] < 300 or w.bbox[1] < 30]  # nothing under 基本支出
    (t,) = find_page_tables(1, _rules(0, 15, 30, 45, 70, 95), words)
    assert t.n_cols == 4 and _rows(t)[1] == HEADER[1]
    assert _rows(t)[2] == ["2010301", "行政运行", "1,234.56", ""]


def test_no_table_from_loose_rules() -> None:
    """Two rules around words without amounts (here the header), or rules with no words between them, are no
    table."""
    assert find_page_tables(1, _rules(0, 30), WORDS) == []
    assert find_page_tables(1, _rules(200, 210, 220), WORDS) == []


def test_two_rules_around_rows_of_amounts() -> None:
    """Two rules around several rows with amounts (a 三线表 continued on a page without its header) are a table."""
    (t,) = find_page_tables(1, _rules(30, 95), WORDS)
    assert _rows(t) == BODY


def test_ruled_table_untouched() -> None:
    """Rules that meet vertical rules are a ruled table: nothing is inferred."""
    rulings = Rulings(
        tuple(Segment(y, 0, 400) for y in (0, 30, 95)), tuple(Segment(x, 0, 95) for x in (0, 56, 200, 300, 400))
    )
    (t,) = find_page_tables(1, rulings, WORDS)
    assert not t.inferred and t.xs == (0, 56, 200, 300, 400)


def test_continuation_on_the_head_columns() -> None:
    """A continuation's inferred borders (moved by its own words) are put on its head's columns."""
    head = PageTable(1, (0, 56, 200, 300, 400), (0, 10), (), inferred=True)
    cont = PageTable(2, (0, 50, 190, 305, 400), (0, 10), (), inferred=True)
    assert to_grid([head, cont]).n_cols == 4


def test_two_tables_of_one_width() -> None:
    """A second table of the same width below the first (its title and unit line between them: 75 pt, more than
    2.5 of the first one's rows, 65 / 3 pt each) is a table of its own; the first keeps its own rows only."""
    title = [_w("表二", 180, 140, 220, 153), _w("单位：万元", 350, 158, 398, 166)]
    below = [_w(w.text, w.bbox[0], w.bbox[1] + 170, w.bbox[2], w.bbox[3] + 170) for w in WORDS]
    rules = _rules(0, 15, 30, 95, 170, 185, 200, 265)  # 三线表 (with a header rule) twice
    first, second = find_page_tables(1, rules, [*WORDS, *title, *below])
    assert _rows(first) == HEADER + BODY and _rows(second) == HEADER + BODY


def test_three_rules_header_rows_without_rule() -> None:
    """A 三线表 whose two header rows have no rule between them: the rows are told apart under the line with
    cells over several columns (项目, 本年支出), and those cells still span their columns."""
    (t,) = find_page_tables(1, _rules(0, 30, 95), WORDS)
    assert _rows(t) == [*HEADER, *BODY]
    assert [(c.c0, c.c1) for c in t.cells if c.r0 == 0] == [(0, 2), (2, 4)]


def test_three_rules_header_label_over_both_rows() -> None:
    """A 三线表 header whose amount columns are headed by labels centred over both header rows (上年结转, 基本支出
    at y 10.5-19.5): the cut under 项目 (y 15) runs under 科目编码 | 科目名称 only; the labels stay one cell each,
    over both rows."""
    labels = [_w("上年结转", 230, 10.5, 270, 19.5), _w("基本支出", 330, 10.5, 370, 19.5)]
    words = [WORDS[0], WORDS[2], WORDS[3], *labels, *WORDS[6:]]
    (t,) = find_page_tables(1, _rules(0, 30, 95), words)
    assert [(c.r0, c.c0, c.r1, c.c1, c.text) for c in t.cells if c.r0 < 2 and c.text] == [
        (0, 0, 1, 2, "项目"),
        (0, 2, 2, 3, "上年结转"),
        (0, 3, 2, 4, "基本支出"),
        (1, 0, 2, 1, "科目编码"),
        (1, 1, 2, 2, "科目名称"),
    ]
    assert _rows(t)[2:] == BODY


def test_three_rules_row_without_amounts() -> None:
    """A 三线表 body row with no amount (四、其他收入, y 98-107, between two rows with amounts) is a row of its own;
    it does not fill its cell, so it does not continue the row above."""
    row = [_w("四、其他收入", 62, 98, 120, 107)]
    last = [_w("总计", 62, 113, 80, 122), _w("1,234.56", 258, 113, 298, 122)]
    (t,) = find_page_tables(1, _rules(0, 15, 30, 125), [*WORDS, *row, *last])
    assert _rows(t)[2:] == [*BODY, ["", "四、其他收入", "", ""], ["", "总计", "1,234.56", ""]]

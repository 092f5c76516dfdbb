"""Table grids from ruling lines + word boxes (synthetic pages) and on the bundled PDFs (hand-checked rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnfiscal.extract.backends.pdf import read_pdf, reading_order
from cnfiscal.extract.grid.join import grid_rows, join_tables, row_labels, to_grid
from cnfiscal.extract.grid.lines import Rulings, Segment, merge_collinear, page_rulings
from cnfiscal.extract.grid.tables import PageTable, TableCell, find_page_tables
from cnfiscal.extract.grid.text import Piece, cell_text, split_word
from cnfiscal.extract.inputs import open_input
from cnfiscal.extract.layout import Page, Word
from cnfiscal.options import Options

PDF = Path(__file__).resolve().parents[3] / "samples" / "pdf"


def _line(x0: float, y0: float, x1: float, y1: float) -> dict:
    return {"type": "s", "color": (0, 0, 0), "items": [("l", (x0, y0), (x1, y1))]}


def _rect(x0: float, y0: float, x1: float, y1: float, fill: tuple = (0, 0, 0), kind: str = "f") -> dict:
    return {"type": kind, "fill": fill, "color": (0, 0, 0), "items": [("re", (x0, y0, x1, y1), -1)]}


# --- ruling lines ----------------------------------------------------------------------------------


def test_thin_filled_rectangles_are_rules_and_white_fills_are_not():
    r = page_rulings([_rect(10, 100, 300, 101), _rect(10, 100, 11, 200), _rect(20, 120, 290, 190, fill=(1, 1, 1))])
    assert r.horizontal == (Segment(100.5, 10, 300),)
    assert r.vertical == (Segment(10.5, 100, 200),)


def test_stroked_box_gives_its_four_edges():
    r = page_rulings([_rect(0, 0, 100, 50, kind="s")])
    assert len(r.horizontal) == 2 and len(r.vertical) == 2


def test_short_collinear_pieces_are_merged_like_onlyoffice_cell_edges():
    pieces = [Segment(100.0, 0, 50), Segment(100.4, 50, 90), Segment(100.2, 91.5, 140), Segment(100.0, 200, 250)]
    merged = merge_collinear(pieces)
    assert [(round(s.lo), round(s.hi)) for s in merged] == [(0, 140), (200, 250)]


def test_diagonal_lines_are_ignored():
    assert page_rulings([_line(0, 0, 50, 50)]) == Rulings((), ())


# --- cell text --------------------------------------------------------------------------------------


def test_cell_text_joins_cjk_lines_without_space_and_reads_by_position():
    pieces = [Piece("缴费支出", (10, 22, 50, 30)), Piece("机关事业单位基本养老保险", (10, 10, 120, 18))]
    assert cell_text(pieces) == "机关事业单位基本养老保险缴费支出"


def test_cell_text_keeps_spaces_next_to_latin_and_numbers():
    assert cell_text([Piece("1.", (0, 0, 8, 10)), Piece("一般公共预算资金", (12, 0, 90, 10))]) == "1. 一般公共预算资金"
    assert cell_text([Piece("FAST", (0, 0, 20, 10)), Piece("数据", (24, 0, 40, 10))]) == "FAST 数据"
    assert cell_text([Piece("19,", (0, 0, 12, 10)), Piece("704.", (14, 0, 30, 10)), Piece("57", (32, 0, 40, 10))]) == (
        "19, 704. 57"
    )


def test_a_number_wrapped_over_two_lines_stays_one_number():
    assert cell_text([Piece("1,234,", (0, 0, 30, 10)), Piece("567.00", (0, 12, 30, 22))]) == "1,234,567.00"


def test_split_word_at_a_cell_border():
    # "371,514,655.00一、一般" written as one word over two cells: ASCII half width, CJK full width
    text = "655.00一、支出"
    pieces = split_word(text, (0, 0, 70, 10), [30.0])
    assert [p.text for p in pieces] == ["655.00", "一、支出"]


# --- grids on a synthetic page ----------------------------------------------------------------------


def _grid_page() -> tuple[Rulings, list[Word]]:
    """A 3x3 table: the header cell spans columns 1-2; the left label spans rows 1-2."""
    hs = [Segment(0, 0, 300), Segment(20, 0, 300), Segment(40, 100, 300), Segment(60, 0, 300)]
    vs = [Segment(0, 0, 60), Segment(100, 0, 60), Segment(200, 20, 60), Segment(300, 0, 60)]
    words = [
        Word("项目", (30, 5, 60, 15), 1),
        Word("金额", (180, 5, 210, 15), 1),
        Word("支出", (30, 35, 60, 45), 1),
        Word("一月", (130, 25, 160, 35), 1),
        Word("1,000.00", (230, 25, 270, 35), 1),
        Word("二月", (130, 45, 160, 55), 1),
        Word("标题", (30, -30, 60, -20), 1),  # outside the table
    ]
    return Rulings(tuple(hs), tuple(vs)), words


def test_merged_cells_get_rowspan_and_colspan():
    rulings, words = _grid_page()
    (table,) = find_page_tables(1, rulings, words)
    assert (table.n_rows, table.n_cols) == (3, 3)
    grid = to_grid([table])
    cells = {(c.row, c.col): c for c in grid.cells}
    assert (cells[0, 0].text, cells[0, 0].colspan) == ("项目", 1)
    assert (cells[0, 1].text, cells[0, 1].colspan) == ("金额", 2)
    assert (cells[1, 0].text, cells[1, 0].rowspan) == ("支出", 2)
    assert [c.text for c in grid.row(2)] == ["二月", ""]
    assert [c.text for c in row_labels(grid, 2)] == ["支出"]


def test_grid_rows_keep_page_bbox_and_column():
    rulings, words = _grid_page()
    grid = to_grid(find_page_tables(1, rulings, words))
    rows = grid_rows(grid)
    assert rows[1].texts == ["支出", "一月", "1,000.00"]
    cell = rows[1].cells[2]
    assert (cell.page, cell.col, cell.bbox) == (1, 2, (200, 20, 300, 40))


def test_lines_that_do_not_form_a_grid_are_not_a_table():
    underline = Rulings((Segment(100, 0, 300), Segment(120, 0, 300)), ())
    assert find_page_tables(1, underline, []) == []


# --- joining over pages -----------------------------------------------------------------------------


def _part(page: int, rows: list[list[str]], top: float = 100) -> PageTable:
    xs = (0.0, 100.0, 200.0)
    ys = tuple(top + 20 * i for i in range(len(rows) + 1))
    cells = tuple(
        TableCell(r, c, r + 1, c + 1, (xs[c], ys[r], xs[c + 1], ys[r + 1]), t)
        for r, row in enumerate(rows)
        for c, t in enumerate(row)
    )
    return PageTable(page, xs, ys, cells)


def test_continued_table_is_joined_and_a_repeated_header_dropped():
    head = _part(1, [["项目", "金额"], ["一", "1.00"]], top=600)
    cont = _part(2, [["项目", "金额"], ["二", "2.00"], ["合计", "3.00"]], top=50)
    pages = [Page(1, words=[Word("表一", (0, 580, 30, 590), 1), Word("3", (100, 800, 105, 810), 1)]), Page(2)]
    (grid,) = join_tables([[head], [cont]], pages)
    assert (grid.page_start, grid.page_end, grid.n_rows) == (1, 2, 4)
    assert [r.texts for r in grid_rows(grid)] == [["项目", "金额"], ["一", "1.00"], ["二", "2.00"], ["合计", "3.00"]]
    assert [r.page for r in grid_rows(grid)] == [1, 1, 2, 2]


def test_a_title_above_the_next_table_starts_a_new_table():
    head = _part(1, [["项目", "金额"], ["一", "1.00"]], top=600)
    nxt = _part(2, [["项目", "金额"], ["二", "2.00"]], top=80)
    pages = [Page(1), Page(2, words=[Word("支出决算表", (0, 50, 60, 60), 2)])]
    assert len(join_tables([[head], [nxt]], pages)) == 2


def test_reading_order_is_by_position_not_text_layer_order():
    words = [(200, 10, 220, 20, "b"), (10, 30, 30, 40, "c"), (10, 11, 30, 21, "a")]
    assert [w[4] for w in reading_order(words)] == ["a", "b", "c"]


# --- the bundled PDFs (rows checked by hand against the rendered pages) -----------------------------


@pytest.fixture(scope="module")
def docs():
    options = Options()
    names = ["budget_commerce_dept_2025.pdf", "budget_wanli_2024.pdf", "final_finance_2024.pdf"]
    names += ["self_eval_seed000_dept_2021.pdf"]
    return {n: read_pdf(open_input(PDF / n, options), options) for n in names}


def _grids(doc):
    return [g for p in doc.pages for g in p.grids]


def test_wps_table_two_sided_totals_table(docs):
    grid = _grids(docs["budget_commerce_dept_2025.pdf"])[0]
    rows = [r.texts for r in grid_rows(grid)]
    assert grid.page_start == 9
    assert rows[0] == ["本年收入", "本年支出"]
    assert rows[3] == ["1. 一般公共预算资金", "371,514,655.00", "二、科学技术支出", "17,200,000.00"]
    assert rows[-1] == ["收入总计", "371,514,655.00", "支出总计", "371,514,655.00"]


def test_wps_table_continued_over_five_pages_ends_with_its_total_row(docs):
    grid = _grids(docs["budget_wanli_2024.pdf"])[1]
    assert (grid.page_start, grid.page_end, grid.n_rows) == (11, 15, 70)
    rows = grid_rows(grid)
    assert rows[-1].texts == ["合计", "156,211,123", "156,211,123", "0", "0", "0"]
    assert rows[-1].page == 15
    assert rows[-2].texts == ["221", "03", "99", "其他城乡社区住宅支出", "2,177,200", "2,177,200", "0", "0", "0"]


def test_onlyoffice_merged_header_and_wrapped_names(docs):
    grid = next(g for g in _grids(docs["final_finance_2024.pdf"]) if g.page_start == 8)
    rows = [r.texts for r in grid_rows(grid)]
    header = ["项目", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入"]
    assert rows[0] == [*header, "其他收入"]
    assert grid.cells[0].colspan == 4
    assert rows[3] == ["类", "款", "项", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"]
    assert rows[13][3:6] == ["机关事业单位基本养老保险缴费支出", "160.75", "160.75"]
    assert grid.page_end == 9


def test_libreoffice_self_evaluation_form_over_two_pages(docs):
    (grid,) = _grids(docs["self_eval_seed000_dept_2021.pdf"])
    assert (grid.page_start, grid.page_end, grid.n_rows, grid.n_cols) == (1, 2, 47, 9)
    rows = grid_rows(grid)
    assert rows[2].texts == ["年度资金总额：", "1268万元", "2226.98万元", "2199.98万元", "10", "98.78%", "9.88"]
    label = next(c for c in grid.cells if c.text == "产出指标(50分)")
    assert (label.rowspan, label.page) == (21, 1)
    assert rows[31].page == 2 and rows[31].texts[0] == "绩效指标"
    assert rows[-2].texts == ["总分", "100", "100", ""]


def test_a_word_printed_across_a_cell_border_is_split_between_the_cells():
    rulings = Rulings(
        (Segment(0, 0, 200), Segment(20, 0, 200)), (Segment(0, 0, 20), Segment(60, 0, 20), Segment(200, 0, 20))
    )
    # "655.00" (6 half-width chars = 30 pt) ends at the border x=60; "一、支出" (4 full-width = 40 pt) follows
    (table,) = find_page_tables(1, rulings, [Word("655.00一、支出", (30, 5, 100, 15), 1)])
    assert table.row_texts(0) == ["655.00", "一、支出"]


def test_text_layer_usable_agrees_with_the_ocr_probe_measure():
    from cnfiscal.extract.backends.pdf import text_layer_usable

    def page(text: str) -> Page:
        return Page(1, words=[Word(text, (0, 0, 10, 10), 1)])

    assert text_layer_usable(page("部门整体支出绩效目标自评表（2021年度）"))
    assert not text_layer_usable(page("\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a"))
    assert not text_layer_usable(page("短"))  # too little text: the OCR hook decides
    assert text_layer_usable(page("单位：万元 ①②③ ≥95% ≦3"))  # readable outside the fast path's ranges


def test_row_band_is_the_row_itself_not_the_labels_merged_below():
    from cnfiscal.extract.grid.join import row_band

    rulings, words = _grid_page()
    rows = grid_rows(to_grid(find_page_tables(1, rulings, words)))
    assert row_band(rows[1]) == (0, 20, 300, 40)  # 支出 spans rows 1-2 (y 20-60); the row ends at 40
    assert row_band(rows[2]) == (100, 40, 300, 60)


def test_a_narrow_word_next_to_a_border_goes_to_the_cell_of_its_centre():
    rulings = Rulings(
        (Segment(0, 0, 200), Segment(20, 0, 200)), (Segment(0, 0, 20), Segment(101.6, 0, 20), Segment(200, 0, 20))
    )
    words = [
        Word("年度资金总额", (40, 5, 97, 15), 1),
        Word("：", (98, 5, 101.5, 15), 1),
        Word("1268", (150, 5, 170, 15), 1),
    ]
    (table,) = find_page_tables(1, rulings, words)
    assert table.row_texts(0) == ["年度资金总额：", "1268"]

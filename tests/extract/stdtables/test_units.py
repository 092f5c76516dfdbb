"""Small pinned cases of the 决算/预算 readers: titles, 目录, text tables, ruled grids, OCR repairs."""

from __future__ import annotations

from cnfiscal.extract.layout import Cell, ExtractedDocument, Grid, Line, Page
from cnfiscal.extract.stdtables.grid import read_grid
from cnfiscal.extract.stdtables.segments import match_title, segment
from cnfiscal.models import InputKind
from cnfiscal.vocab.tables import TableKind


def _doc(*texts: str) -> ExtractedDocument:
    lines = [Line(t, 1, None, i + 1) for i, t in enumerate(texts)]
    return ExtractedDocument("x.txt", "0", InputKind.TEXT, [Page(1, lines=lines)])


def test_titles_with_year_quotes_and_department_prefix() -> None:
    assert match_title("2025年部门“三公”经费和机关运行经费预算表").kind is TableKind.BUDGET_SANGONG  # type: ignore[union-attr]
    assert match_title('财政拨款"三公"经费支出决算表').kind is TableKind.FINAL_SANGONG  # type: ignore[union-attr]
    assert match_title("一般公共预算财政拨款基本支出决算明细表").kind is TableKind.FINAL_GENERAL_BASIC  # type: ignore[union-attr]
    assert match_title("一、收入支出决算总体情况说明") is None
    assert match_title("第二部分 2024年度部门决算表") is None


def test_toc_entries_are_not_tables_and_listed_tables_are_known() -> None:
    segs = segment(
        _doc(
            "目录",
            "- 一、收入支出决算总表",
            "- 二、收入决算表",
            "第一部分 概况",
            "正文",
            "收入支出决算总表",
            "公开01表",
            "单位: 万元",
            "收入\t\t\t支出",
            "项目\t行\t金额\t项目\t行\t金额",
            "本年收入合计\t27\t20, 141. 33\t本年支出合计\t58\t19, 964. 57",
            "注: 本表反映部门本年度的总收支。",
        )
    )
    assert [t.spec.kind for t in segs.tables] == [TableKind.FINAL_TOTAL]
    assert segs.toc_kinds == [TableKind.FINAL_TOTAL, TableKind.FINAL_INCOME]
    t = segs.tables[0]
    assert (t.code, t.unit, t.notes) == ("公开01表", "万元", ["注: 本表反映部门本年度的总收支。"])


def test_two_sided_text_table_with_ocr_spaces() -> None:
    from cnfiscal.extract.stdtables.text import read_text_table

    segs = segment(
        _doc(
            "收入支出决算总表",
            "单位: 万元",
            "收入\t\t\t支出",
            "项目\t行\t金额\t项目\t行\t金额",
            "本年收入合计\t27\t20, 141. 33\t本年支出合计\t58\t19, 964. 57",
            "注: 本表反映总收支。",
        )
    )
    raw = read_text_table(segs.tables[0])
    got = [(r.side, r.name, {k: v.text for k, v in r.cells.items()}) for r in raw.rows]
    assert got == [("收入", "本年收入合计", {"金额": "20, 141. 33"}), ("支出", "本年支出合计", {"金额": "19, 964. 57"})]


def test_ocr_decimal_comma_is_read_with_a_warning() -> None:
    from cnfiscal.extract.stdtables.raw import RawCell, RawRow, RawTable
    from cnfiscal.extract.stdtables.segments import TableSegment
    from cnfiscal.normalize.tables import to_table
    from cnfiscal.vocab.tables import SPEC_BY_KIND

    seg = TableSegment(SPEC_BY_KIND[TableKind.FINAL_TOTAL], "收入支出决算总表", 1, 1, Line("x", 1))
    raw = RawTable(["金额"], [RawRow(None, "总计", {"金额": RawCell("19, 720, 76", 1)})])
    table, warnings = to_table(seg, raw, "万元", 2024)
    money = table.rows[0].values["金额"]
    assert money is not None and str(money.yuan) == "197207600"
    assert any("decimal comma" in w for w in warnings)


def _cell(row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(row, col, text, (col * 10.0, row * 10.0, col * 10.0 + 9, row * 10.0 + 9), 1, rowspan, colspan)


def test_grid_with_merged_header_and_split_codes() -> None:
    cells = (
        _cell(0, 0, "项目", colspan=4),
        _cell(0, 4, "一般公共预算支出", colspan=3),
        _cell(1, 0, "功能分类科目编码", colspan=3),
        _cell(1, 3, "功能分类科目名称", rowspan=2),
        _cell(1, 4, "合计", rowspan=2),
        _cell(1, 5, "基本支出", rowspan=2),
        _cell(1, 6, "项目支出", rowspan=2),
        _cell(2, 0, "类"),
        _cell(2, 1, "款"),
        _cell(2, 2, "项"),
        _cell(3, 0, "201"),
        _cell(3, 1, "13"),
        _cell(3, 2, "1"),
        _cell(3, 3, "行政运行"),
        _cell(3, 4, "9,389,913.00"),
        _cell(3, 5, "9,389,913.00"),
        _cell(3, 6, ""),
    )
    raw = read_grid(Grid(cells, 4, 7, 1, 1))
    assert raw.columns == ["一般公共预算支出合计", "基本支出", "项目支出"]
    row = raw.rows[0]
    assert (row.code, row.name, sorted(row.cells)) == ("2011301", "行政运行", ["一般公共预算支出合计", "基本支出"])


def test_words_by_position_agree_with_the_ruled_grid() -> None:
    """The fallback reader (no grid on the page) gives the grid's figures on a WPS budget table."""
    from pathlib import Path

    from cnfiscal.extract.inputs import open_input
    from cnfiscal.extract.reader import read_document
    from cnfiscal.extract.stdtables.grid import grid_for
    from cnfiscal.extract.stdtables.pos import read_positioned
    from cnfiscal.options import Options

    path = Path(__file__).resolve().parents[3] / "samples" / "pdf" / "budget_commerce_dept_2025.pdf"
    opts = Options()
    doc = read_document(open_input(path, opts), opts)
    seg = next(t for t in segment(doc).tables if t.spec.kind is TableKind.BUDGET_EXPENSE)
    by_grid = {(r.code, r.name): {k: v.text for k, v in r.cells.items()} for r in read_grid(grid_for(doc, seg)).rows}  # type: ignore[arg-type]
    by_pos = {(r.code, r.name): {k: v.text for k, v in r.cells.items()} for r in read_positioned(doc, seg).rows}
    assert len(by_pos) == len(by_grid) == 31
    assert by_pos[("2011301", "行政运行")] == {"合计": "9,389,913.00", "基本支出": "9,389,913.00"}
    assert (
        by_pos[(None, "合计")]
        == by_grid[(None, "合计")]
        == {"合计": "371,514,655.00", "基本支出": "19,830,655.00", "项目支出": "351,684,000.00"}
    )
    assert {k: list(v.values()) for k, v in by_pos.items()} == {k: list(v.values()) for k, v in by_grid.items()}


def test_seed003_attachments_are_handed_over_not_narrative() -> None:
    from pathlib import Path

    from cnfiscal.extract.inputs import open_input
    from cnfiscal.extract.reader import read_document
    from cnfiscal.options import Options

    path = Path(__file__).resolve().parents[3] / "samples" / "text" / "seed003_final_account_guiyang_bigdata_2024.txt"
    opts = Options()
    segs = segment(read_document(open_input(path, opts), opts))
    assert segs.attachments[0].text.strip() == "第五部分 附件" and segs.attachments[0].number == 654
    assert all((ln.number or 0) < 654 for ln in segs.narrative)
    assert len(segs.tables) == 10 and len(segs.toc_kinds) == 10


def test_a_table_listed_in_the_toc_but_missing_is_a_finding() -> None:
    from cnfiscal.extract.stdtables.section import parse
    from cnfiscal.models import DocType, DocumentRecord, Source
    from cnfiscal.validate.tables_doc import missing_table

    found = parse(
        _doc(
            "某局2024年度部门决算",
            "目录",
            "- 一、收入支出决算总表",
            "- 二、收入决算表",
            "第一部分 概况",
            "正文",
            "收入支出决算总表",
            "单位: 万元",
            "收入\t\t\t支出",
            "项目\t行\t金额\t项目\t行\t金额",
            "本年收入合计\t27\t1.00\t本年支出合计\t58\t1.00",
            "注: 本表反映总收支。",
        ),
        DocType.FINAL_ACCOUNT,
    )
    assert "目录 lists 收入决算表 but the table was not found" in found.warnings
    record = DocumentRecord(
        doc_type=DocType.FINAL_ACCOUNT,
        source=Source(path="x", sha256="0", input_kind=InputKind.TEXT),
        tables=found.tables,
        warnings=found.warnings,
        year=found.year,
    )
    assert [f.stated for f in missing_table(record) if f.message.startswith("目录")] == ["收入决算表"]

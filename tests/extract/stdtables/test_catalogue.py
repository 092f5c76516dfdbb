"""Issue 12, one regression test per class of failure: tables named by other templates, tables-only files,
offices and years from reliable cues, a report whose tables are published separately, list items inside a
paragraph, and percentages compared at their printed precision."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnfiscal.extract.layout import ExtractedDocument, Line, Page
from cnfiscal.extract.narrative.claims import extract_claims
from cnfiscal.extract.stdtables.office import is_office, office_of, year_of
from cnfiscal.extract.stdtables.section import parse
from cnfiscal.extract.stdtables.segments import fold_title, match_title, segment
from cnfiscal.models import DocType, DocumentRecord, InputKind, Source
from cnfiscal.validate.tables_claims import change_findings
from cnfiscal.validate.tables_doc import missing_table
from cnfiscal.vocab.tables import TableKind as K


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收支预算总表", K.BUDGET_TOTAL),
        ("2024年预算单位财务收支预算总表", K.BUDGET_TOTAL),
        ("部门收支总表", K.BUDGET_TOTAL),
        ("公开01表 收支预算总表", K.BUDGET_TOTAL),
        ("收入预算总表", K.BUDGET_INCOME),
        ("财政拨款收支预算总表", K.BUDGET_FISCAL_TOTAL),
        ("财政拨款支出预算表（功能科目）", K.BUDGET_FISCAL_EXPENSE),
        ("财政拨款基本支出预算表（经济科目）", K.BUDGET_FISCAL_BASIC),
        ("一般公共预算支出预算表", K.BUDGET_GENERAL),
        ("一般公共预算支出表", K.BUDGET_GENERAL),
        ("一般公共预算基本支出预算表（经济科目）", K.BUDGET_GENERAL_BASIC),
        ("财政拨款政府性基金支出预算表", K.BUDGET_FUND),
        ("政府性基金预算财政拨款支出预算表", K.BUDGET_FUND),
        ("“三公”经费、会议费、培训费支出预算表", K.BUDGET_SANGONG),
        ("一般公共预算“三公”经费支出预算表", K.BUDGET_SANGONG),
        ("单位“三公”经费和机关运行经费预算表", K.BUDGET_SANGONG),
        ("一般公共预算机关运行经费支出预算表", K.BUDGET_OFFICE_COST),
        ("2019年政府采购预算表", K.BUDGET_PROCUREMENT),
        ("表3 项目支出预算表", K.BUDGET_PROJECT),
        ("公开表十一 一般公共预算机关运行经费支出预算表", K.BUDGET_OFFICE_COST),
    ],
)
def test_titles_of_the_templates_whatever_the_numbering(title: str, kind: K) -> None:
    spec = match_title(title)
    assert spec is not None and spec.kind is kind


def test_headings_and_list_entries_are_no_titles() -> None:
    assert match_title("第二部分 2019年度部门预算表") is None
    assert match_title("十二、政府采购支出预算表") is None  # a 目录 entry (list number): read by the 目录 reader
    assert fold_title("公开表九 “三公”经费、会议费、培训费支出预算表") == "三公经费、会议费、培训费支出预算表"


def _pdf(*pages: list[tuple[str, float]]) -> ExtractedDocument:
    """Pages of positioned lines (text, y)."""
    out = []
    for n, lines in enumerate(pages, start=1):
        out.append(Page(n, 595, 842, lines=[Line(t, n, (60.0, y, 400.0, y + 12)) for t, y in lines]))
    return ExtractedDocument("x.pdf", "0", InputKind.PDF_TEXT, out)


def test_a_list_page_is_no_table_and_a_title_wrapped_over_two_lines_is_one() -> None:
    doc = _pdf(
        [("收支预算总表", 50), ("收入预算总表", 70), ("支出预算总表", 90), ("财政拨款收支预算总表", 110)],
        [
            ("收支预算总表", 50),
            ("部门：", 70),
            ("某某厅", 70.5),
            ("单位：万元", 90),
            ("收入合计", 110),
            ("1.00", 110.5),
        ],
        [("“三公”经费、会议费、培训费支出预算", 50), ("表", 64), ("单位：万元", 90), ("1.00", 110)],
    )
    segs = segment(doc)
    assert [(t.spec.kind, t.page_start) for t in segs.tables] == [(K.BUDGET_TOTAL, 2), (K.BUDGET_SANGONG, 3)]
    assert segs.toc_kinds[:2] == [K.BUDGET_TOTAL, K.BUDGET_INCOME]


def test_office_from_the_label_line_never_a_code_or_a_place() -> None:
    lines = [Line("公开表一", 1), Line("部门：", 1), Line("江苏省人大常委会办公厅", 1), Line("单位：万元", 1)]
    ev = office_of(lines)
    assert ev is not None and (ev.value, ev.page) == ("江苏省人大常委会办公厅", 1)
    assert not is_office("公开表一") and not is_office("三、") and not is_office("江苏省") and not is_office("表一")


def test_office_from_a_cover_title_over_two_lines_and_year_from_table_titles() -> None:
    cover = [Line("中共上海市普陀区委", 1), Line("社会工作部2024 年度", 1), Line("部门决算", 1)]
    assert office_of(cover).value == "中共上海市普陀区委社会工作部"  # type: ignore[union-attr]
    assert year_of(cover, []).value == "2024"  # type: ignore[union-attr]
    assert year_of([Line("收支预算总表", 1)], [2019, 2019]).value == "2019"  # type: ignore[union-attr]


def _record(found: object, doc_type: DocType = DocType.BUDGET) -> DocumentRecord:
    return DocumentRecord(
        doc_type=doc_type,
        source=Source(path="x", sha256="0", input_kind=InputKind.PDF_TEXT),
        tables=found.tables,  # type: ignore[attr-defined]
        warnings=found.warnings,  # type: ignore[attr-defined]
    )


def test_tables_published_separately_are_not_missing() -> None:
    doc = _pdf(
        [("目录", 40), ("一、收支预算总表", 60), ("二、收入预算总表", 80), ("第一部分 部门概况", 100)],
        [
            ("第一部分 部门概况", 40),
            ("正文。", 60),
            ("第二部分 2019年度部门预算表", 80),
            ("2019年部门预算公开表附后", 100),
        ],
    )
    found = parse(doc, DocType.BUDGET)
    assert list(missing_table(_record(found))) == []


def test_missing_is_judged_by_the_template_family_the_tables_belong_to() -> None:
    from cnfiscal.validate.tables_doc import _family_missing

    twelve = {k.value for k in (K.BUDGET_TOTAL, K.BUDGET_INCOME, K.BUDGET_EXPENSE, K.BUDGET_FISCAL_TOTAL,
                                K.BUDGET_FISCAL_EXPENSE, K.BUDGET_FISCAL_BASIC, K.BUDGET_GENERAL,
                                K.BUDGET_GENERAL_BASIC, K.BUDGET_OFFICE_COST, K.BUDGET_PROCUREMENT)}  # fmt: skip
    assert _family_missing(twelve) == [K.BUDGET_SANGONG]  # 12-table family: no 国有资本经营 table expected
    assert _family_missing({K.BUDGET_TOTAL.value, K.BUDGET_INCOME.value}) == []  # no family fits: nothing judged


def _claims_record(*texts: str) -> DocumentRecord:
    lines = [Line(t, 1, (60.0, 50.0 + 20 * i, 500.0, 62.0 + 20 * i)) for i, t in enumerate(texts)]
    return DocumentRecord(
        doc_type=DocType.BUDGET,
        source=Source(path="x", sha256="0", input_kind=InputKind.PDF_TEXT),
        claims=extract_claims(lines),
    )


def test_each_list_item_of_a_paragraph_is_checked_with_its_own_amounts() -> None:
    rec = _claims_record(
        "1.人大事务（款）行政运行（项）支出7448.2万元，与上年相比增加1075.88万元，增长16.88%。2.人大事务（款）一般行"
        "政管理事务（项）支出2464.02万元，与上年相比增加123.67万元，增长5.28%。主要原因是相关运转类经费压减10%，增加综合"
        "管理费209万元。"
    )
    severities = sorted(f.severity.value for f in change_findings(rec))
    assert severities == ["info", "info"]  # 1075.88/6372.32 = 16.88%; 123.67/2340.35 = 5.284%


def test_a_percentage_printed_whole_is_compared_at_its_printed_precision() -> None:
    rec = _claims_record("项目支出1226.00万元，比上年增加221.00万元，增长22%。")
    (f,) = change_findings(rec)  # 221/1005 = 21.99%: printed 22%
    assert (f.severity.value, f.stated) == ("info", "0.22")
    assert Decimal(f.recomputed or "0") < Decimal("0.22")


def test_a_title_with_nothing_under_it_before_the_same_title_is_no_table() -> None:
    doc = _pdf(
        [("财政拨款支出预算表", 20), ("合计", 60), ("13,649.07", 60.5), ("财政拨款基本支出预算表", 830)],
        [("财政拨款基本支出预算表", 50), ("单位：万元", 70), ("合计", 90), ("7,666.68", 90.5)],
    )
    segs = segment(doc)
    assert [(t.spec.kind, t.page_start) for t in segs.tables] == [
        (K.BUDGET_FISCAL_EXPENSE, 1),
        (K.BUDGET_FISCAL_BASIC, 2),
    ]


def test_a_page_footer_inside_a_sentence_and_an_items_next_sentence_are_read_through() -> None:
    lines = [
        Line("2．社会保障和就业（类）支出1289.52万元，主要用于离退休", 5, (122.0, 700.0, 505.0, 712.0)),
        Line("人员支出。", 5, (90.0, 720.0, 200.0, 732.0)),
        Line("与上年相比减少710.87万元，减少", 5, (90.0, 744.0, 505.0, 756.0)),
        Line("— 5 —", 5, (278.0, 782.0, 318.0, 798.0)),
        Line("35.54%。主要原因是退休人员工资改由社保发放。", 6, (90.0, 82.0, 505.0, 94.0)),
    ]
    rec = DocumentRecord(
        doc_type=DocType.BUDGET,
        source=Source(path="x", sha256="0", input_kind=InputKind.PDF_TEXT),
        claims=extract_claims(lines),
    )
    (f,) = change_findings(rec)  # 710.87 / (1289.52 + 710.87) = 35.536%
    assert (f.severity.value, f.stated) == ("info", "-0.3554")


def test_an_item_named_by_kuan_and_xiang_only_is_compared_with_its_row() -> None:
    from cnfiscal.models import Money, Table, TableRow
    from cnfiscal.validate.tables_narrative import class_lines

    def row(code: str, name: str, level: str, raw: str) -> TableRow:
        money = Money(yuan=Decimal(raw.replace(",", "")) * 10000, raw=raw, unit="万元")
        return TableRow(code=code, name=name, level=level, values={"金额": money})  # type: ignore[arg-type]

    table = Table(
        name="一般公共预算支出预算表",
        kind="budget.general",
        unit="万元",
        rows=[
            row("201", "一般公共服务支出", "类", "8,400.00"),
            row("20101", "人大事务", "款", "8,400.00"),
            row("2010101", "行政运行", "项", "6,372.32"),
            row("2010199", "其他人大事务支出", "项", "580.00"),
        ],
    )
    lines = [
        Line("（一）一般公共服务（类）", 1, (122.0, 50.0, 300.0, 62.0)),
        Line("1.人大事务（款）行政运行（项）支出6372.32万元。", 1, (122.0, 70.0, 500.0, 82.0)),
        Line("2.人大事务（款）其他人大事务（项）支出508万元。", 1, (122.0, 90.0, 500.0, 102.0)),
    ]
    rec = DocumentRecord(
        doc_type=DocType.BUDGET,
        source=Source(path="x", sha256="0", input_kind=InputKind.PDF_TEXT),
        tables=[table],
        claims=extract_claims(lines),
    )
    (f,) = class_lines(rec)  # 6372.32 equals its row: no finding; 508 is not 580.00 (其他人大事务支出)
    assert (f.rule, f.severity.value, f.stated, f.recomputed) == ("claim.table", "error", "5080000", "5800000")


def test_a_three_part_total_table_reads_both_expense_blocks() -> None:
    from cnfiscal.extract.layout import Cell, Grid
    from cnfiscal.extract.stdtables.grid import read_grid

    def cell(row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
        return Cell(row, col, text, (col * 10.0, row * 10.0, col * 10.0 + 9, row * 10.0 + 9), 1, rowspan, colspan)

    cells = (
        cell(0, 0, "收入", colspan=2),
        cell(0, 2, "支出", colspan=4),
        cell(1, 0, "项目名称", rowspan=2),
        cell(1, 1, "金额", rowspan=2),
        cell(1, 2, "功能分类", colspan=2),
        cell(1, 4, "支出用途", colspan=2),
        cell(2, 2, "功能科目名称"),
        cell(2, 3, "金额"),
        cell(2, 4, "项目名称"),
        cell(2, 5, "金额"),
        cell(3, 0, "一、财政拨款"),
        cell(3, 1, "15897.44"),
        cell(3, 2, "一、一般公共服务支出"),
        cell(3, 3, "12706.28"),
        cell(3, 4, "一、基本支出"),
        cell(3, 5, "7877.76"),
        cell(4, 0, "收入合计"),
        cell(4, 1, "15897.44"),
        cell(4, 2, "支出合计", colspan=3),
        cell(4, 5, "15897.44"),
    )
    raw = read_grid(Grid(cells, 5, 6, 1, 1))
    got = [(r.side, r.name, {k: v.text for k, v in r.cells.items()}) for r in raw.rows if r.cells]
    assert ("支出", "一、一般公共服务支出", {"金额": "12706.28"}) in got
    assert ("支出", "一、基本支出", {"支出用途金额": "7877.76"}) in got
    assert ("支出", "支出合计", {"支出用途金额": "15897.44"}) in got


def test_the_content_confirms_the_title_or_says_what_it_looks_like() -> None:
    from cnfiscal.models import Money, Table, TableRow
    from cnfiscal.normalize.table_content import content_warning

    money = Money(yuan=Decimal("2542600"), raw="254.26", unit="万元")
    sangong_like = [TableRow(name=None, values={"因公出国（境）费": money, "公务接待费": money})]
    titled_procurement = Table(name="政府采购支出预算表", kind="budget.procurement", page_start=20, rows=sangong_like)
    warning = content_warning(titled_procurement)
    assert warning is not None and warning.startswith("政府采购支出预算表: 表中内容不似该表（p.20），似")
    assert "三公" in warning
    titled_sangong = titled_procurement.model_copy(update={"name": "三公", "kind": "budget.sangong"})
    assert content_warning(titled_sangong) is None
    assert content_warning(titled_procurement.model_copy(update={"empty": True})) is None  # an empty table: not judged


def test_empty_tables_sharing_a_page_are_tables_not_a_list() -> None:
    titles = [
        "政府性基金预算支出预算表",
        "国有资本经营预算支出预算表",
        "一般公共预算机关运行经费支出预算表",
        "政府采购支出预算表",
    ]
    page: list[tuple[str, float]] = []
    for k, title in enumerate(titles):
        y = 40.0 + 150 * k
        page += [(title, y), ("单位：万元", y + 20), ("项目", y + 40), ("合计", y + 60), ("本表无数据", y + 80)]
    segs = segment(_pdf(page))
    assert [t.spec.kind for t in segs.tables] == [
        K.BUDGET_FUND,
        K.BUDGET_STATE_CAPITAL,
        K.BUDGET_OFFICE_COST,
        K.BUDGET_PROCUREMENT,
    ]

"""Year over year against a previous year that states an item only by a blank row of its summary table, and the
carry-over income (上年结转) as an item of its own year. Made records: the figures are the 2017/2018 人大常委会办公厅
ones (2017 p7 收支预算总表: 1.一般公共预算 13,649.07, 2.政府性基金预算 blank, 上年结转资金 blank,
收入合计 13,649.07)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from cnfiscal.corpus.crossdoc import check_records
from cnfiscal.models import Claim, DocType, DocumentRecord, Money, Severity, Source, Table, TableRow


def _money(raw: str, page: int = 7) -> Money:
    return Money(yuan=Decimal(raw.replace(",", "")) * 10000, raw=raw, unit="万元", page=page)


def _row(name: str, raw: str | None = None, *, unreadable: bool = False) -> TableRow:
    values: dict[str, Money | None] = {"金额": _money(raw)} if raw else {}
    if unreadable:
        values = {"金额": None}
    return TableRow(name=name, side="收入", values=values, page=7)


def _total_table(*rows: TableRow) -> Table:
    return Table(
        name="部门财务收支预算总表", kind="budget.total", unit="万元", page_start=7, page_end=9, rows=list(rows)
    )


def _budget(year: int, sha: str, claims: Sequence[Claim] = (), tables: Sequence[Table] = ()) -> DocumentRecord:
    return DocumentRecord(
        doc_type=DocType.BUDGET,
        unit_name="某省人大常委会办公厅",
        year=year,
        source=Source(path=f"b{year}.pdf", sha256=sha * 64, input_kind="pdf-text"),
        claims=list(claims),
        tables=list(tables),
    )


def _statement(subject: str, raw: str, delta: str | None, page: int = 19) -> list[Claim]:
    """``{subject}{raw}万元，与上年相比增加{delta}万元`` (``delta`` None: ``与上年持平``)."""
    money = _money(raw, page)
    words = f"与上年相比增加{delta}万元" if delta is not None else "与上年持平"
    text = f"{subject}{raw}万元，{words}。"
    amount = Claim(text=text, page=page, kind="amount", subject=subject, value=money.yuan, unit="万元",
                   amount=money, group=f"p{page}{subject}", role="budget")  # fmt: skip
    if delta is None:
        change = Claim(text=text, page=page, kind="change", subject=subject, base="上年", group=f"p{page}{subject}",
                       role="flat")  # fmt: skip
    else:
        d = _money(delta, page)
        change = Claim(text=text, page=page, kind="change", subject=subject, value=d.yuan, unit="万元", amount=d,
                       base="上年", group=f"p{page}{subject}", role="change")  # fmt: skip
    return [amount, change]


def _whole_2017(fund: TableRow | None = None) -> Table:
    return _total_table(
        _row("一、财政拨款", "13,649.07"),
        _row("1.一般公共预算", "13,649.07"),
        fund or _row("2.政府性基金预算"),
        _row("上年结转资金"),
        _row("收入合计", "13,649.07"),
    )


def _checks(earlier: DocumentRecord, later: DocumentRecord, item: str):
    result = check_records([earlier, later])
    return [c for c in result.checks if c.item == item], [f for f in result.findings if f.item == item]


def test_a_blank_row_of_a_table_read_whole_is_0_and_a_statement_of_0_agrees():
    earlier = _budget(2017, "1", tables=[_whole_2017()])
    later = _budget(2018, "2", claims=_statement("政府性基金收入预算", "0", "0"))
    checks, findings = _checks(earlier, later, "政府性基金.收入")
    assert [(c.outcome, c.page_b, c.year_b) for c in checks] == [("agrees", 7, 2017)]
    assert "部门财务收支预算总表：政府性基金预算 空白" in (checks[0].reason or "")  # the row it was read from
    assert not findings


def test_a_statement_implying_money_against_a_blank_row_is_only_a_warning():
    # 2018 says 50, up 20 → 2017 had 30; 2017's row is blank: perhaps a cell the reader missed, never an error
    earlier = _budget(2017, "1", tables=[_whole_2017()])
    later = _budget(2018, "2", claims=_statement("政府性基金收入预算", "50", "20"))
    checks, findings = _checks(earlier, later, "政府性基金.收入")
    assert [c.outcome for c in checks] == ["finding"]
    assert [(f.rule, f.severity, f.stated, f.recomputed, f.page_b) for f in findings] == [
        ("corpus.yoy.change", Severity.WARNING, "300000", "0", 7)
    ]
    assert findings[0].message_key == "corpus.yoy.change:blank"
    assert "“政府性基金预算 空白”，视为0（也可能是提取遗漏）" in findings[0].message


def test_flat_against_a_blank_row():
    earlier = _budget(2017, "1", tables=[_whole_2017()])
    zero = _budget(2018, "2", claims=_statement("政府性基金收入预算", "0", None))
    assert [c.outcome for c in _checks(earlier, zero, "政府性基金.收入")[0]] == ["agrees"]
    some = _budget(2018, "2", claims=_statement("政府性基金收入预算", "5", None))
    assert [(f.rule, f.severity) for f in _checks(earlier, some, "政府性基金.收入")[1]] == [
        ("corpus.yoy.flat", Severity.WARNING)
    ]


def test_a_blank_row_is_no_figure_when_the_printed_sources_miss_the_total():
    # the 一般公共预算 row printing 13,000.00 of a 13,649.07 total: some source holds money the reader did not see
    table = _total_table(_row("1.一般公共预算", "13,000.00"), _row("2.政府性基金预算"), _row("收入合计", "13,649.07"))
    earlier = _budget(2017, "1", tables=[table])
    later = _budget(2018, "2", claims=_statement("政府性基金收入预算", "0", "0"))
    checks, findings = _checks(earlier, later, "政府性基金.收入")
    assert [(c.outcome, c.reason) for c in checks] == [("unchecked", "the 2017 budget does not state this item")]
    assert not findings


def test_an_unreadable_cell_is_no_blank():
    table = _whole_2017(fund=_row("2.政府性基金预算", unreadable=True))
    earlier = _budget(2017, "1", tables=[table])
    later = _budget(2018, "2", claims=_statement("政府性基金收入预算", "0", "0"))
    assert [c.outcome for c in _checks(earlier, later, "政府性基金.收入")[0]] == ["unchecked"]


def test_a_printed_figure_is_preferred_to_a_blank_row():
    # the 2017 text prints 30万元 for the item its table leaves blank: the statement is checked against 30
    says = _statement("政府性基金收入预算", "30", None, page=23)[:1]
    earlier = _budget(2017, "1", claims=says, tables=[_whole_2017()])
    later = _budget(2018, "2", claims=_statement("政府性基金收入预算", "50", "20"))
    checks, findings = _checks(earlier, later, "政府性基金.收入")
    assert [(c.outcome, c.page_b) for c in checks] == [("agrees", 23)]
    assert not findings


def test_the_carry_over_is_an_item_of_its_own_year():
    # 2018 p20 '4．上年结转资金预算数为0万元' against 2017 p9 '上年结转资金' blank; 2019 p9 against 2018's words
    earlier = _budget(2017, "1", tables=[_whole_2017()])
    later = _budget(2018, "2", claims=_statement("上年结转资金预算数", "0", "0", page=20))
    checks, _ = _checks(earlier, later, "上年结转.收入")
    assert [(c.outcome, c.page_b) for c in checks] == [("agrees", 7)]
    assert "上年结转资金 空白" in (checks[0].reason or "")
    stated = _budget(2018, "2", claims=_statement("上年结转资金预算数", "120", "0", page=20)[:1])
    up = _budget(2019, "3", claims=_statement("上年结转资金预算数", "150", "30", page=9))
    checks, findings = _checks(stated, up, "上年结转.收入")
    assert [(c.outcome, c.page_b) for c in checks] == [("agrees", 20)]
    wrong = _budget(2019, "3", claims=_statement("上年结转资金预算数", "150", "40", page=9))
    _, findings = _checks(stated, wrong, "上年结转.收入")
    assert [(f.severity, f.stated, f.recomputed) for f in findings] == [(Severity.WARNING, "1100000", "1200000")]


def test_a_carry_over_of_another_period_is_no_figure_of_the_year():
    # ``上年结转资金执行数``: the words after 上年结转 name another period
    other = _statement("上年结转资金执行数", "120", "0", page=20)[:1]
    earlier = _budget(2017, "1", claims=other)
    later = _budget(2018, "2", claims=_statement("上年结转资金预算数", "150", "30", page=9))
    checks, _ = _checks(earlier, later, "上年结转.收入")
    assert [c.outcome for c in checks] == ["unchecked"]


def test_the_previous_year_of_a_comparison_is_no_carry_over():
    # ``基本支出…比上年增加``: 上年 is the base of the comparison, the item stays 基本支出
    earlier = _budget(2017, "1", claims=_statement("基本支出预算数", "7666.68", "0", page=21)[:1])
    later = _budget(2018, "2", claims=_statement("基本支出预算数", "7877.76", "211.08", page=21))
    checks, findings = _checks(earlier, later, "基本支出")
    assert [c.outcome for c in checks] == ["agrees"] and not findings
    assert not [c for c in check_records([earlier, later]).checks if c.item == "上年结转.收入"]


def _none(subject: str, text: str, page: int = 9) -> Claim:
    return Claim(text=text, page=page, kind="none", subject=subject, group="none1", role="none")


def test_words_saying_there_is_none_are_0():
    # 委办公厅 2018 p11 '政府性基金支出预算支出0万元，与上年数一致' against 2017 p9 '本部门无政府性基金预算'
    earlier = _budget(2017, "1", claims=[_none("政府性基金预算", "本部门无政府性基金预算")])
    later = _budget(2018, "2", claims=_statement("政府性基金支出预算支出", "0", None, page=11))
    checks, findings = _checks(earlier, later, "政府性基金.支出")
    assert [(c.outcome, c.page_b) for c in checks] == [("agrees", 9)]
    assert "本部门无政府性基金预算" in (checks[0].reason or "") and not findings
    some = _budget(2018, "2", claims=_statement("政府性基金支出预算支出", "8", None, page=11))
    checks, findings = _checks(earlier, some, "政府性基金.支出")
    assert [(f.severity, f.stated, f.recomputed) for f in findings] == [(Severity.WARNING, "80000", "0")]
    assert "says there is none" in (checks[0].reason or "")


def test_none_of_a_part_of_a_fund_is_no_figure_of_the_fund():
    # 人大常委会办公厅 2017 p27 '七、政府性基金基本支出预算表情况说明 无': only the basic expense is said to be none
    earlier = _budget(2017, "1", claims=[_none("政府性基金基本支出预算表", "七、政府性基金基本支出预算表情况说明无")])
    later = _budget(2018, "2", claims=_statement("政府性基金支出预算支出", "0", "0", page=28))
    assert [c.outcome for c in _checks(earlier, later, "政府性基金.支出")[0]] == ["unchecked"]
    assert not [c for c in check_records([earlier, later]).checks if c.item == "基本支出"]


def _fund_table(*rows: TableRow, notes: list[str]) -> Table:
    return Table(name="部门政府性基金预算支出功能分类预算表", kind="budget.fund", page_start=15, rows=list(rows),
                 notes=notes, empty=not rows)  # fmt: skip


def test_a_fund_table_with_no_amount_saying_none_is_0():
    # 人大常委会办公厅 2017 p15: header, 合计 blank, '(无政府性基金支出）'
    later = _budget(2018, "2", claims=_statement("政府性基金支出预算支出", "0", "0", page=28))
    earlier = _budget(2017, "1", tables=[_fund_table(notes=["(无政府性基金支出）"])])
    assert [(c.outcome, c.page_b) for c in _checks(earlier, later, "政府性基金.支出")[0]] == [("agrees", 15)]
    # the same note beside a row with an amount: the words are not taken
    row = TableRow(code="229", name="其他支出", values={"金额": _money("5.00", 15)}, page=15)
    earlier = _budget(2017, "1", tables=[_fund_table(row, notes=["(无政府性基金支出）"])])
    assert [c.outcome for c in _checks(earlier, later, "政府性基金.支出")[0]] == ["unchecked"]
    # a table with no amount and no words: nothing said
    earlier = _budget(2017, "1", tables=[_fund_table(notes=[])])
    assert [c.outcome for c in _checks(earlier, later, "政府性基金.支出")[0]] == ["unchecked"]

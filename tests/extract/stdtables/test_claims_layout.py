"""How 情况说明 lines are joined before their claims are read: a statement whose subject is cut by a line or page
break must come out as one paragraph. The lines and their positions are those of the real pages named in each
test (PyMuPDF text lines, points)."""

from __future__ import annotations

from cnfiscal.extract.layout import Line
from cnfiscal.extract.narrative.claims import extract_claims, paragraphs


def _line(text: str, page: int, x0: float, y0: float, x1: float) -> Line:
    return Line(text, page, (x0, y0, x1, y0 + 17))


def test_a_numbered_line_running_to_the_right_margin_is_no_heading() -> None:
    # 人大常委会办公厅 2018 p25: the first line is short enough to look like a heading, but it fills the line
    lines = [
        _line("（二）社会保障和就业（类）", 25, 111, 371, 319),
        _line("1．行政事业单位离退休（类）未归口管理的行政单位离退", 25, 111, 401, 516),
        _line("休支出（项）256.76万元，与上年相比减少1351.75万元，减", 25, 79, 431, 516),
        _line("少84.04%。主要原因是退休人员工资由社保部门统一发放。", 25, 79, 461, 516),
    ]
    texts = [p.text for p in paragraphs(lines)]
    assert texts[0] == "（二）社会保障和就业（类）"  # a real heading: short, ends well before the margin
    assert texts[1].startswith("1．行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）256.76万元")
    amount = next(c for c in extract_claims(lines) if c.kind == "amount")
    assert amount.subject == "行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）"


def test_a_bare_page_number_between_two_pages_is_skipped() -> None:
    # 2018 p24 ends '…提升（项）支出403.75', its page number 24 below; p25 opens '万元，与上年相比持平。'
    lines = [
        _line("5.人大事务（款）人大监督（项）支出418.75万元，与上年", 24, 111, 641, 516),
        _line("相比持平。", 24, 79, 671, 159),
        _line("6.人大事务（款）人大代表履职能力提升（项）支出403.75", 24, 111, 701, 516),
        _line("24", 24, 293, 782, 302),
        _line("万元，与上年相比持平。", 25, 79, 101, 255),
    ]
    last = "6.人大事务（款）人大代表履职能力提升（项）支出403.75万元，与上年相比持平。"
    assert [p.text for p in paragraphs(lines)][-1] == last
    flat = [c.subject for c in extract_claims(lines) if c.role == "flat"]
    assert flat == ["人大事务（款）人大监督（项）支出", "人大事务（款）人大代表履职能力提升（项）支出"]


def test_a_whole_amount_wrapped_to_the_top_of_a_page_is_no_page_number() -> None:
    lines = [
        _line("9.人大事务（款）其他人大事务（项）支出", 24, 111, 701, 516),
        _line("580", 25, 79, 101, 100),  # larger than the page's index: an amount, not the page's number
        _line("万元，与上年相比增加480万元。", 25, 79, 131, 300),
    ]
    amount = next(c for c in extract_claims(lines) if c.kind == "amount")
    assert (amount.value, amount.subject) == (5800000, "人大事务（款）其他人大事务（项）支出")


def test_spans_on_one_row_are_one_line() -> None:
    # 2018 p28: a form's blank filled in — '少）', '0', '万元，…' are three spans on one row
    lines = [
        _line("（1）公务用车购置预算支出0万元，比上年预算增加（减", 28, 111, 251, 516),
        _line("少）", 28, 79, 281, 111),
        _line("0", 28, 127, 281, 135),
        _line("万元，主要原因无此项预算。", 28, 151, 281, 359),
    ]
    assert len(paragraphs(lines)) == 1
    change = [c for c in extract_claims(lines) if c.kind == "change"]
    assert [(c.role, c.value) for c in change] == [("change", 0)]  # 增加（减少）0万元: a change of 0


def test_a_forms_two_words_before_a_non_zero_amount_are_no_change() -> None:
    claims = extract_claims([_line("公务接待费支出27万元，比上年增加（减少）3万元。", 1, 79, 100, 400)])
    assert not [c for c in claims if c.kind == "change"]  # which of the two? no direction, no statement


def test_a_new_item_is_a_change_by_its_whole_amount() -> None:
    # 2018 p25: '2．…机关事业单位基本养老保险缴费支出（项）580.01万元，此项支出是今年新增支出。'
    said = "2．行政事业单位离退休（类）机关事业单位基本养老保险缴费支出（项）580.01万元，此项支出是今年新增支出。"
    lines = [_line(said, 25, 111, 521, 516)]
    new = [c for c in extract_claims(lines) if c.role == "new"]
    assert len(new) == 1 and new[0].value == 5800100 and new[0].kind == "change"
    assert new[0].subject == "行政事业单位离退休（类）机关事业单位基本养老保险缴费支出（项）"
    # with its own 比上年 the paragraph says it once: no second statement
    said = "3．…职业年金缴费（项）支出297.36万元，与上年相比增加297.36万元。此项级科目为今年新增科目。"
    assert not [c for c in extract_claims([_line(said, 9, 111, 218, 516)]) if c.role == "new"]


def test_same_as_the_previous_year_only_right_after_yu_shang_nian() -> None:
    lines = [
        _line("1．因公出国（境）费预算支出70万元，与上年预算数一致。", 11, 111, 100, 400),
        _line("财政拨款支出安排数应与《财政拨款收支预算总表》的财政拨款数一致。", 12, 111, 100, 516),
    ]
    flat = [c for c in extract_claims(lines) if c.role == "flat"]
    assert [(c.page, c.subject) for c in flat] == [(11, "因公出国（境）费预算支出")]

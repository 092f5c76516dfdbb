"""Words saying an item is not there become ``none`` claims (subject: the item the words or the heading name).
Lines as printed in the 2017 budgets of the 委办公厅 (p9) and of the 人大常委会办公厅 (p27)."""

from __future__ import annotations

from cnfiscal.extract.layout import Line
from cnfiscal.extract.narrative.claims import extract_claims


def _lines(*texts: str) -> list[Line]:
    return [Line(text=t, page=9, number=i + 1) for i, t in enumerate(texts)]


def _none(*texts: str) -> list[tuple[str | None, str]]:
    return [(c.subject, c.text) for c in extract_claims(_lines(*texts)) if c.kind == "none"]


def test_words_naming_the_item():
    assert _none("七、政府性基金支出预算表情况说明", "本部门无政府性基金预算") == [
        ("政府性基金预算", "本部门无政府性基金预算")
    ]


def test_a_bare_none_under_a_heading_names_the_headings_item():
    assert _none("七、政府性基金基本支出预算表情况说明", "无") == [
        ("政府性基金基本支出预算表", "七、政府性基金基本支出预算表情况说明无")
    ]


def test_no_none_claim_without_words_or_heading():
    assert _none("本部门2017年度支出预算13649.07万元。", "无") == []  # a bare 无 under no heading
    assert _none("主要原因是无新增项目。") == []  # 无 inside a sentence names no item

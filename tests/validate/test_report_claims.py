"""Narrative report claims (seed001 and small hand-written paragraphs) and the report rules on them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnfiscal.extract.layout import ExtractedDocument, Line, Page
from cnfiscal.extract.narrative.paragraphs import paragraphs
from cnfiscal.models import DocType, InputKind
from cnfiscal.normalize.claims.mentions import claims_of, cn_int
from cnfiscal.normalize.claims.report import parse_report
from cnfiscal.pipeline import process

from .builders import record
from .expected import actual, expected

SEED001 = Path(__file__).resolve().parents[2] / "samples" / "text" / "seed001_self_eval_report_qiannan_bigdata_2023.txt"


def _doc(*lines: str) -> ExtractedDocument:
    page = Page(number=1, lines=[Line(t, 1, None, i + 1) for i, t in enumerate(lines)])
    return ExtractedDocument("mem", "0", InputKind.TEXT, [page])


def _findings(*lines: str) -> list[tuple[str, str, str | None, str | None]]:
    from cnfiscal.validate.rules import RULES

    rec = record().model_copy(update={"claims": claims_of(paragraphs(_doc(*lines)))})
    return [
        (f.rule, f.severity.value, f.stated, f.recomputed)
        for r in RULES
        if r.id.startswith("report.")
        for f in r.check(rec)
    ]


@pytest.fixture(scope="module")
def seed001():  # type: ignore[no-untyped-def]
    return process(SEED001)


def test_seed001_findings_match_hand_checked_file(seed001) -> None:  # type: ignore[no-untyped-def]
    assert seed001.doc_type is DocType.SELF_EVAL_REPORT
    assert actual(seed001) == expected("seed001")


def test_seed001_lists_and_counts(seed001) -> None:  # type: ignore[no-untyped-def]
    groups: dict[str, list] = {}
    for c in seed001.claims:
        if c.group and c.group.startswith("list"):
            groups.setdefault(c.group, []).append(c)
    by_count = {
        next(c.value for c in g if c.role == "count"): g for g in groups.values() if any(c.role == "count" for c in g)
    }
    assert set(by_count) == {Decimal(2), Decimal(14), Decimal(16)}
    fourteen = by_count[Decimal(14)]
    items = [c for c in fourteen if c.role == "item"]
    assert len(items) == 14
    assert items[11].subject == "州委大楼网络运维外包服务经费" and items[11].value == Decimal(98000)
    assert sum(c.value for c in items) == Decimal(15635300)
    children = [c.value for c in by_count[Decimal(16)] if c.role == "child"]
    assert children == [Decimal(20800), Decimal(15635300)]


def test_seed001_wrapped_amount_keeps_its_unit(seed001) -> None:  # type: ignore[no-untyped-def]
    # line 84 ends "预算批复数 85.6万", line 86 starts "元(其中: …": one amount, 856000 元, line 84.
    budget = next(c for c in seed001.claims if c.role == "budget" and c.line == 84)
    assert (budget.value, budget.unit, budget.amount.raw) == (Decimal(856000), "万元", "85.6万元")


def test_parts_with_mixed_units_and_no_parentheses() -> None:
    ok = _findings(
        "- (1)资金使用情况：全年预算数 10.5 万元，其中：财政拨款资金 10 万元，其他资金 5000 元，"
        "执行数 10.5 万元，执行率 100%。"
    )
    assert ok == []
    # "10 万元" may be rounded from anything in [9.5, 10.5) 万元: 4500 元 missing is inside ±5500 → info …
    loose = _findings("- (1)资金使用情况：全年预算数 10.5 万元，其中：财政拨款资金 10 万元，其他资金 500 元。")
    assert loose == [("report.parts_sum", "info", "105000", "100500")]
    # … but not when the part shows its 分: ±550 元.
    bad = _findings("- (1)资金使用情况：全年预算数 10.5 万元，其中：财政拨款资金 10.00 万元，其他资金 500 元。")
    assert bad == [("report.parts_sum", "error", "105000", "100500")]


def test_rate_mismatch_is_an_error() -> None:
    assert _findings("- 2. 某项目预算数 80 万元，执行数 60 万元，执行率 80%。") == [
        ("report.rate", "error", "0.8", "0.75")
    ]


def test_list_sum_and_count() -> None:
    lines = ("- 4. 安排项目三个，项目总资金为 10 万元。项目为: 1. 甲项目 2 万元。 2. 乙项目 3 万元。",)
    assert sorted(_findings(*lines)) == [
        ("report.count", "error", "3", "2"),
        ("report.list_sum", "error", "100000", "50000"),
    ]


def test_only_self_eval_reports_get_report_claims() -> None:
    doc = _doc("- (1)资金使用情况: 预算数 9.8 万元(其中: 财政拨款资金 5 万元,其他资金 0 元)")
    assert parse_report(doc, DocType.FINAL_ACCOUNT) == []
    assert len(parse_report(doc, DocType.SELF_EVAL_REPORT)) == 3


@pytest.mark.parametrize(("text", "n"), [("14", 14), ("两", 2), ("十四", 14), ("二十", 20), ("三", 3)])
def test_cn_int(text: str, n: int) -> None:
    assert cn_int(text) == n


CN = "零一二三四五六七八九十"


def _wan(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _report(amounts: list[int], total: int, count: int, chinese: bool) -> str:
    n = CN[count] if chinese and count <= 10 else str(count)
    items = " ".join(f"{k}. 项目{CN[k % 10]}号 {_wan(a)} 万元。" for k, a in enumerate(amounts, 1))
    return f"- 4. 本级安排项目{n}个，项目总资金为 {_wan(total)} 万元。项目为: {items}"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 10**7), min_size=1, max_size=12), st.booleans(), st.integers(0, 2))
def test_generated_lists(amounts: list[int], chinese: bool, change: int) -> None:
    total, count = sum(amounts), len(amounts)
    assert _findings(_report(amounts, total, count, chinese)) == []
    if change == 1:  # the total off by at least 1 万元 (beyond ±0.005 万元 per rounded part)
        got = _findings(_report(amounts, total + 100, count, chinese))
        assert [(r, s) for r, s, _, _ in got] == [("report.list_sum", "error")]
    elif change == 2 and count < 10:
        got = _findings(_report(amounts, total, count + 1, chinese))
        assert got == [("report.count", "error", str(count + 1), str(count))]


@settings(max_examples=40, deadline=None)
@given(st.integers(100, 10**7), st.integers(0, 10**7), st.integers(0, 100))
def test_generated_rate_and_parts(budget: int, other_yuan: int, spent_pct: int) -> None:
    executed = budget * spent_pct // 100
    rate = (Decimal(executed) / Decimal(budget) * 100).quantize(Decimal("0.01"))
    fiscal = budget * 100 - other_yuan  # 元, so that fiscal (元) + other (元) = budget (万元 cents → 元)
    if fiscal < 0:
        return
    line = (
        f"- (1)资金使用情况: 预算数 {_wan(budget)} 万元(其中: 财政拨款资金 {fiscal} 元, 其他资金 {other_yuan} 元),"
        f" 执行数 {_wan(executed)} 万元, 执行率 {rate}%。"
    )
    assert [f for f in _findings(line) if f[1] != "info"] == []
    wrong = line.replace(f"执行率 {rate}%", f"执行率 {rate + 5}%")
    assert [(r, s) for r, s, _, _ in _findings(wrong) if s != "info"] == [("report.rate", "error")]


def test_low_ocr_confidence_downgrades_report_error() -> None:
    from cnfiscal.validate.rules import RULES

    page = Page(
        number=1,
        lines=[
            Line(
                "- (1)资金使用情况: 预算数 9.8 万元(其中: 财政拨款资金 5 万元,其他资金 0 元)",
                1,
                (10.0, 20.0, 300.0, 32.0),
                None,
                0.42,
            )
        ],
    )
    doc = ExtractedDocument("scan.pdf", "0", InputKind.PDF_SCANNED, [page], ocr=True)
    rec = record().model_copy(update={"claims": claims_of(paragraphs(doc))})
    found = [f for r in RULES if r.id == "report.parts_sum" for f in r.check(rec)]
    assert [(f.severity.value, f.bbox) for f in found] == [("warning", (10.0, 20.0, 300.0, 32.0))]


def test_heading_counts_its_numbered_subsections() -> None:
    from cnfiscal.normalize.claims.sections import section_claims
    from cnfiscal.validate.rules import RULES

    lines = (
        "(四)州本级安排的项目 3 个 30 万元。",
        "1. 甲项目",
        "- (1)资金使用情况: 2023年度预算数 10万元, 执行数 10万元, 执行率 100%。",
        "2. 乙项目",
        "- (1)资金使用情况: 2023年度预算数 15万元, 执行数 15万元, 执行率 100%。",
        "(五)其它",
        "1. 丙项目 预算数 5 万元",
    )
    rec = record().model_copy(update={"claims": section_claims(paragraphs(_doc(*lines)))})
    got = sorted((f.rule, f.severity.value, f.stated, f.recomputed) for r in RULES for f in r.check(rec))
    assert got == [("report.count", "error", "3", "2"), ("report.list_sum", "error", "300000", "250000")]

"""A level statement about the previous year (issue 14, ``corpus.yoy.quoted``): ``2023年当年预算执行数为45.41万元``
in the 2024 budget of 万里街道 (samples/pdf/budget_wanli_2024.pdf pp6–9, one per 功能科目 项) is a figure of 2023's
outturn and must equal the 2023 决算's. The samples hold no 2023 决算 of that office, so the 决算 is made for the tests
from the budget's own quoted figures (tests/data/made/final_account, README there; the figures and the page of each
in ``wanli_2024_quoted.json``)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from cnfiscal.corpus.crossdoc import check_records
from cnfiscal.corpus.crossdoc.checks.yoy import RULE_QUOTED, RULE_RATE
from cnfiscal.corpus.crossdoc.figures.items import func_key
from cnfiscal.corpus.crossdoc.figures.statements import quoted
from cnfiscal.corpus.crossdoc.figures.table_figures import table_figures
from cnfiscal.models import Claim, DocType, DocumentRecord, Money, Severity, Source
from cnfiscal.pipeline import process
from tests.corpus.crossdoc.conftest import WANLI

MADE = Path(__file__).resolve().parents[3] / "data" / "made" / "final_account"
LINES = json.loads((MADE / "wanli_2024_quoted.json").read_text(encoding="utf-8"))["lines"]
CHANGED = "功能:群众团体事务一般行政管理事务"  # 2012902, quoted 45.41 on p6; 50.00 in the _changed / _columns 决算


def _key(line: dict) -> str:
    return func_key(f"{line['款']}（款）{line['项']}（项）") or ""


@pytest.fixture(scope="module")
def real(records):
    return check_records(records.values())


@pytest.fixture(scope="module")
def made() -> dict[str, DocumentRecord]:
    return {name: process(MADE / f"{name}.txt") for name in ("wanli_final_2023", "wanli_final_2023_changed",
                                                             "wanli_final_2023_columns")}  # fmt: skip


def _with_final(records, final: DocumentRecord):
    return check_records([records[WANLI[1]], final])


def _of(result, rule: str, year: int = 2024):
    return [c for c in result.checks if c.rule == rule and c.year_a == year]


def test_the_made_final_account_prints_the_hand_read_figures(made):
    # each 项 line of the made 决算 (p2) is the 2024 budget's quoted figure of that line, read by hand from pp6–9
    figures = {f.item: f.money.yuan for f in table_figures(made["wanli_final_2023"])}
    assert len(LINES) == 33
    assert {_key(x): figures.get(_key(x)) for x in LINES} == {
        _key(x): Decimal(x["quoted_2023_executed_wan"]) * 10000 for x in LINES
    }
    record = made["wanli_final_2023"]
    assert (record.doc_type, record.year, record.unit_name) == (
        DocType.FINAL_ACCOUNT,
        2023,
        "上海市普陀区人民政府万里街道办事处",
    )


def test_every_quoted_statement_of_the_samples_is_listed_unchecked(real, records):
    # 33 in the 2024 budget (pp6–9, about 2023) and 34 in the 2023 budget (about 2022); no 决算 in the samples
    for sha, count, base in ((records[WANLI[1]].source.sha256, 33, 2023), (records[WANLI[0]].source.sha256, 34, 2022)):
        rows = [c for c in real.checks if c.rule == RULE_QUOTED and c.sha256_a == sha]
        assert len(rows) == count
        assert {(c.outcome, c.reason) for c in rows} == {
            ("unchecked", f"no final_account of {base} of this office in the corpus")
        }
    assert not [f for f in real.findings if f.rule == RULE_QUOTED]


def test_every_quoted_figure_agrees_with_the_made_final_account(records, made):
    result = _with_final(records, made["wanli_final_2023"])
    rows = _of(result, RULE_QUOTED)
    assert {(c.item, c.page_a, c.outcome, c.page_b, c.year_b) for c in rows} == {
        (_key(x), x["page"], "agrees", 2, 2023) for x in LINES
    }
    assert not [f for f in result.findings if f.rule == RULE_QUOTED]


def test_the_rate_and_flat_statements_are_checked_against_the_final_account(records, made):
    # 28 '比2023年预算执行数增加/减少R%' and 5 '…持平' (科普活动, 群众体育, 其他城市生活救助, 计划生育服务,
    # 其他城乡社区住宅)
    result = _with_final(records, made["wanli_final_2023"])
    rates = _of(result, RULE_RATE)
    assert len(rates) == 28 and len(_of(result, "corpus.yoy.flat")) == 10  # 5 of pp7–9; 5 (p6, p32) meet no 2023 budget
    assert {c.outcome for c in _of(result, "corpus.yoy.flat") if c.page_a in (7, 8, 9)} == {"agrees"}
    outcomes = {c.item: c.outcome for c in rates}
    assert outcomes["功能:司法公共法律服务"] == "agrees"  # p7: (30.00 − 15.00) ÷ 15.00 = 100.00% exactly
    assert outcomes["功能:其他教育其他教育"] == "unchecked"  # p7: 2023 is 0.00 — no rate to compare
    found = {f.item: f for f in result.findings if f.rule == RULE_RATE}
    assert len(found) == 26 and {f.severity for f in found.values()} == {Severity.INFO}  # rounding to 0.01%
    # by hand: p6 (42.60 − 45.41) ÷ 45.41 = −6.188% → 减少6.19%; p9 (604.34 − 676.66) ÷ 676.66 = −10.688% → 减少10.69%
    assert found[CHANGED].recomputed == "-0.061881" and found[CHANGED].stated == "-0.0619"
    assert found["功能:城乡社区管理事务城管执法"].recomputed == "-0.106878"
    # p9 住房公积金: the line says 350.35, the 预算安排 352.67; 0.53% is (350.35 − 348.52) ÷ 348.52 = 0.525%
    assert found["功能:住房改革住房公积金"].recomputed == "0.005251"


def test_one_line_changed_in_the_final_account_gives_the_quoted_and_the_rate_finding(records, made):
    # the made 决算 prints 50.00 for 2012902 群众团体事务 一般行政管理事务 where the 2024 budget quotes 45.41 (p6)
    result = _with_final(records, made["wanli_final_2023_changed"])
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert sorted((f.rule, f.item, f.page_a, f.page_b) for f in errors) == [
        (RULE_QUOTED, CHANGED, 6, 2),
        (RULE_RATE, CHANGED, 6, 2),
    ]
    (q,) = [f for f in errors if f.rule == RULE_QUOTED]
    assert (q.stated, q.recomputed, q.year_a, q.year_b) == ("454100", "500000", 2024, 2023)
    assert q.message == (
        "2024年文件称2023年一般公共服务（类）群众团体事务（款）一般行政管理事务（项）执行数为45.41万元；"
        "2023年决算（第2页）所载为50.00万元"
    )
    (r,) = [f for f in errors if f.rule == RULE_RATE]
    assert r.message.endswith(
        "比上年下降6.19%；按2023年文件（第2页）所载50.00万元计算，（42.60万元 − 50.00万元）÷ 50.00万元 = -14.80%"
    )


def test_the_outturn_column_is_used_never_the_initial_budget(records, made):
    # _columns: 年初预算数 and 调整预算数 hold the quoted 45.41, the 决算数 column 50.00 → the same finding
    record = made["wanli_final_2023_columns"]
    figures = {f.item: f.money.yuan for f in table_figures(record)}
    assert figures[CHANGED] == Decimal("500000")
    result = _with_final(records, record)
    found = [(f.rule, f.item, f.severity) for f in result.findings if f.rule == RULE_QUOTED]
    assert found == [(RULE_QUOTED, CHANGED, Severity.ERROR)]


def _doc(year: int, kind: DocType, sha: str, claims: list[Claim]) -> DocumentRecord:
    return DocumentRecord(
        doc_type=kind, unit_name="上海市普陀区人民政府万里街道办事处", year=year, claims=claims,
        source=Source(path=f"{sha}.pdf", sha256=sha * 64, input_kind="pdf-text"),
    )  # fmt: skip


def _amount(subject: str, raw: str, page: int = 3) -> Claim:
    money = Money(yuan=Decimal(raw) * 10000, raw=f"{raw}万元", unit="万元", page=page)
    return Claim(text=f"{subject}为{raw}万元。", page=page, kind="amount", subject=subject, value=money.yuan,
                 unit="万元", amount=money, group=f"g{subject}", role="budget")  # fmt: skip


def test_the_other_forms_of_a_quoted_statement():
    # invented sentences of a 2024 budget: the year named or 上年, the basis 执行数 / 决算数 / 预算数 / 年初预算
    claims = [
        _amount("上年财政拨款收入预算数", "100.00"),
        _amount("上年财政拨款收入执行数", "90.00"),
        _amount("2023年财政拨款收入预算数", "100.00"),
        _amount("2023年财政拨款收入决算数", "90.00"),
        _amount("上年年初预算一般公共预算支出", "80.00"),
        _amount("上年结转资金预算数", "5.00"),  # a carry-over into 2024: a 2024 figure
        _amount("2022年财政拨款收入执行数", "70.00"),  # two years back
        _amount("上年财政拨款收入调整预算数", "95.00"),  # an adjusted budget: neither basis
        _amount("本年数小于上年预算数", "403.75"),  # a difference (js_npcsc_office_2017 p29, 会议费): no level
    ]
    got = [(c.item, c.basis, c.base_year, c.current.raw) for c in quoted(_doc(2024, DocType.BUDGET, "a", claims))]
    assert got == [
        ("财政拨款.收入", "budget", 2023, "100.00万元"),
        ("财政拨款.收入", "executed", 2023, "90.00万元"),
        ("财政拨款.收入", "budget", 2023, "100.00万元"),
        ("财政拨款.收入", "executed", 2023, "90.00万元"),
        ("一般公共预算.支出", "budget", 2023, "80.00万元"),
    ]


def test_a_quoted_budget_figure_meets_the_previous_budget():
    # invented: the 2024 budget quotes 上年财政拨款收入预算数 100.00 万元; the 2023 budget says 财政拨款收入
    # 100.00 (agrees) or 110.00 (an error: the base is named and the 2023 documents agree among themselves)
    later = _doc(2024, DocType.BUDGET, "b", [_amount("上年财政拨款收入预算数", "100.00")])
    for printed, outcome, severity in (("100.00", "agrees", None), ("110.00", "finding", Severity.ERROR)):
        earlier = _doc(2023, DocType.BUDGET, "c", [_amount("财政拨款收入", printed, page=5)])
        result = check_records([earlier, later])
        (row,) = [c for c in result.checks if c.rule == RULE_QUOTED]
        assert (row.outcome, row.page_b) == (outcome, 5)
        assert [f.severity for f in result.findings if f.rule == RULE_QUOTED] == ([severity] if severity else [])
    # a 决算 of 2023 is never the base of a budget figure
    final = _doc(2023, DocType.FINAL_ACCOUNT, "d", [_amount("财政拨款收入", "110.00", page=5)])
    (row,) = [c for c in check_records([final, later]).checks if c.rule == RULE_QUOTED]
    assert (row.outcome, row.reason) == ("unchecked", "no budget of 2023 of this office in the corpus")

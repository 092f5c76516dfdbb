"""A hand-built DocumentRecord that fills every corpus table (extraction is not needed to test the database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from cnfiscal.models import (
    Claim,
    Conclusion,
    Contact,
    DocType,
    DocumentRecord,
    ErrorItem,
    Finding,
    FundingRow,
    Goals,
    Indicator,
    InputKind,
    Measure,
    Money,
    SelfEval,
    Severity,
    Source,
    Status,
    Table,
    TableRow,
    Total,
)

SHA = "a" * 64


def wan(raw: str, yuan: str, page: int = 1) -> Money:
    return Money(yuan=D(yuan), raw=raw, unit="万元", page=page, bbox=(10.0, 20.0, 30.5, 40.25))


def rich_record(sha: str = SHA, path: str = "/data/示例 部门/自评表.pdf") -> DocumentRecord:
    se = SelfEval(
        kind="dept",
        unit_name="某某局",
        year=2023,
        fill_date=dt.date(2024, 3, 1),
        money_unit="万元",
        page_start=1,
        page_end=2,
        funding=[
            FundingRow(
                source="年度资金总额",
                canonical="total",
                initial_budget=wan("2226.98", "22269800"),
                annual_budget=wan("19, 704. 57", "197045700"),
                executed=wan("2200.5", "22005000"),
                weight=D("10"),
                rate=D("0.9878"),
                rate_raw="98.78%",
                score=D("9.88"),
                page=1,
            ),
            FundingRow(source="其中：基本支出", canonical="basic", is_breakdown=True, executed=None, page=1),
        ],
        goals=Goals(expected="目标", actual="完成"),
        indicators=[
            Indicator(
                level1="产出指标",
                level2="数量指标",
                level3="服务户数",
                target=Measure(raw="≧6户", op="≥", value=D("6"), unit="户", kind="quantity"),
                actual=Measure(raw="7户", op="=", value=D("7"), unit="户", kind="quantity"),
                weight=D("5"),
                score=D("4.5"),
                reason="未完成原因",
                level1_weight=D("50"),
                page=2,
            ),
            Indicator(
                level1="效益指标",
                target=Measure(raw="≥95%", op="≥", value=D("0.95"), kind="percent"),
                actual=None,
                is_subtotal=True,
                page=2,
            ),
        ],
        total=Total(weight=D("100"), score=D("92.5")),
        conclusion=Conclusion(grade="优", score_stated=D("92.5"), text="优"),
        contact=Contact(name="张三", phone="0854-1234567"),
        notes=["注：1"],
        warnings=["表格跨页"],
    )
    table = Table(
        name="收入支出决算总表",
        code="公开01表",
        kind="income_expense_summary",
        unit="万元",
        page_start=3,
        page_end=3,
        columns=["决算数", "预算数"],
        rows=[
            TableRow(
                code="201",
                name="一般公共服务支出",
                level="类",
                values={"决算数": wan("19,704.57", "197045700", 3), "预算数": None},
                page=3,
            )
        ],
    )
    return DocumentRecord(
        doc_type=DocType.FINAL_ACCOUNT,
        unit_name="某某局",
        year=2023,
        fill_date=dt.date(2024, 3, 1),
        source=Source(path=path, sha256=sha, pages=3, input_kind=InputKind.PDF_TEXT, bytes=1234),
        status=Status.OK,
        self_evals=[se],
        tables=[table],
        claims=[
            Claim(
                text="财政拨款收入19,704.57万元,占97.83%",
                page=3,
                kind="amount",
                subject="财政拨款收入",
                value=D("197045700"),
                unit="万元",
                amount=wan("19,704.57", "197045700", 3),
            )
        ],
        findings=[
            Finding(
                rule="funding.rate",
                severity=Severity.INFO,
                message="rounding",
                stated="0.9878",
                recomputed="0.98775",
                difference="0.00005",
                tolerance="0.0001",
                page=1,
                where="self_evals[0].funding[0]",
            )
        ],
        warnings=["一页无法读取"],
        errors=[ErrorItem(stage="normalize.x", reason="parser failed")],
        timings={"read": 0.1, "extract": 0.2},
    )

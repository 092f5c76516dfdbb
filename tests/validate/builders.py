"""Hand-built self-evaluation records for the validate tests (no parser involved)."""

from __future__ import annotations

from decimal import Decimal

from cnfiscal.models import (
    Conclusion,
    DocumentRecord,
    FundingRow,
    Indicator,
    InputKind,
    Measure,
    Money,
    SelfEval,
    Source,
    Total,
)
from cnfiscal.validate.rules import RULES

D = Decimal


def wan(raw: str) -> Money:
    """An amount printed in a 万元 table (``577.4`` → 5774000 元)."""
    return Money(yuan=D(raw) * 10000, raw=raw, unit="万元", page=1)


def yuan(raw: str) -> Money:
    return Money(yuan=D(raw), raw=raw, unit="元", page=1)


def funding_row(
    source: str, canonical: str, init: str | None, annual: str | None, executed: str | None, **kw: object
) -> FundingRow:
    return FundingRow(
        source=source,
        canonical=canonical,  # type: ignore[arg-type]
        initial_budget=wan(init) if init else None,
        annual_budget=wan(annual) if annual else None,
        executed=wan(executed) if executed else None,
        **kw,  # type: ignore[arg-type]
    )


def qual(level1: str, lw: int, level3: str, weight: str, score: str, reason: str | None = None) -> Indicator:
    return Indicator(
        level1=level1,
        level1_weight=D(lw),
        level2="数量指标",
        level3=level3,
        target=Measure(raw="按时完成"),
        actual=Measure(raw="完成"),
        weight=D(weight),
        score=D(score),
        reason=reason,
        page=1,
    )


def quant(
    level1: str, lw: int, level3: str, op: str, a: str, b: str, weight: str, score: str, reason: str | None = None
) -> Indicator:
    return Indicator(
        level1=level1,
        level1_weight=D(lw),
        level2="数量指标",
        level3=level3,
        target=Measure(raw=f"{op}{a}个", op=op, value=D(a), unit="个", kind="quantity"),  # type: ignore[arg-type]
        actual=Measure(raw=f"{b}个", value=D(b), unit="个", kind="quantity"),
        weight=D(weight),
        score=D(score),
        reason=reason,
        page=1,
    )


def record(*self_evals: SelfEval) -> DocumentRecord:
    return DocumentRecord(
        source=Source(path="built", sha256="0", input_kind=InputKind.TEXT), self_evals=list(self_evals)
    )


def run(rec: DocumentRecord, prefix: str = "") -> list:
    return [f for rule in RULES if rule.id.startswith(prefix) for f in rule.check(rec)]


def dept_table() -> SelfEval:
    """seed004's 部门整体支出绩效目标自评表, typed by hand from the source text (consistent but for rounding)."""
    o, b, s = "产出指标", "效益指标", "满意度指标"
    inds = [
        qual(o, 50, "完成州委州政府及上级安排的其他工作", "4", "4"),
        qual(o, 50, "进驻窗口考核", "4", "4"),
        qual(o, 50, "业务指导", "3", "3"),
        qual(o, 50, "门户网站", "3", "3"),
        qual(o, 50, "开展项目个数", "3", "3"),
        qual(o, 50, "关联事项梳理", "3", "3"),
        qual(o, 50, "工作任务完成情况", "10", "10"),
        qual(o, 50, "完成时间", "10", "10"),
        Indicator(
            level1=o,
            level1_weight=D(50),
            level2="成本指标",
            level3="基本支出小计",
            weight=D(5),
            score=D(5),
            is_subtotal=True,
            target=Measure(raw="377.57", value=D("3775700"), unit="元", kind="money"),
        ),
        Indicator(
            level1=o,
            level1_weight=D(50),
            level2="成本指标",
            level3="1.人员类项目支出",
            weight=D("2.5"),
            score=D("2.5"),
            target=Measure(raw="349.97", value=D("3499700"), unit="元", kind="money"),
        ),
        Indicator(
            level1=o,
            level1_weight=D(50),
            level2="成本指标",
            level3="2.运转类公用项目支出",
            weight=D("2.5"),
            score=D("2.5"),
            target=Measure(raw="27.6", value=D("276000"), unit="元", kind="money"),
        ),
        Indicator(
            level1=o,
            level1_weight=D(50),
            level2="成本指标",
            level3="项目支出小计",
            weight=D(5),
            score=D("3.5"),
            is_subtotal=True,
            target=Measure(raw="374.46", value=D("3744600"), unit="元", kind="money"),
        ),
        Indicator(
            level1=o,
            level1_weight=D(50),
            level2="成本指标",
            level3="1.运转类其他项目支出",
            weight=D("2.5"),
            score=D("2.28"),
            reason="严格控制成本支出",
            target=Measure(raw="22.46", value=D("224600"), unit="元", kind="money"),
        ),
        Indicator(
            level1=o,
            level1_weight=D(50),
            level2="成本指标",
            level3="2.特定目标类-事业发展支出",
            weight=D("2.5"),
            score=D("1.22"),
            reason="该预算中项目未完成原因…",
            target=Measure(raw="352", value=D("3520000"), unit="元", kind="money"),
        ),
        qual(b, 30, "群众满意度", "15", "15"),
        qual(b, 30, "贵人服务品牌", "15", "15"),
        qual(s, 10, "进驻窗口部门满意度", "4", "4"),
        qual(s, 10, "办事环境满意度", "3", "3"),
        qual(s, 10, "环境整洁度满意度", "3", "3"),
    ]
    return SelfEval(
        kind="dept",
        money_unit="万元",
        funding=[
            funding_row(
                "年度资金总额",
                "total",
                "752.03",
                "752.03",
                "592.18",
                weight=D(10),
                rate=D("0.79"),
                rate_raw="79%",
                score=D("7.9"),
            ),
            funding_row("基本支出", "basic", "377.57", "377.57", "399.98"),
            funding_row("项目支出", "project", "374.46", "374.46", "192.2"),
            funding_row("其他资金", "other", None, None, None),
        ],
        indicators=inds,
        total=Total(weight=D(100), score=D("96.4")),
        conclusion=Conclusion(grade="优", text="优"),
        notes=["3.定量指标若为正向指标（即指标值为≥*），则得分计算方法应用实际完成值（B）/年度指标值（A）*该指标分值"],
    )

"""Funding block of a self-evaluation table: 年度资金总额 = Σ components, 其中 parts, 执行率, 执行率得分.

Components of the total are one partition of it: by purpose (基本支出 + 项目支出 + 上年结转, with 其他资金)
or by source (财政拨款 + 其他资金). Breakdown rows (``is_breakdown``: 其中：上级补助 …) and the 上级补助 /
本级安排 split of 财政拨款 are parts of the 财政拨款 row, never components of the total.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnfiscal.models import FundingRow, Money, SelfEval
from cnfiscal.validate.base import Check, region_of, show, show_money
from cnfiscal.validate.tolerance import Tolerance, decimal_ulp, money_precision, rate_ulp
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import msg

COLUMNS: dict[str, str] = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数"}
PURPOSE = frozenset({"basic", "project", "carryover"})
SOURCE = frozenset({"fiscal"})
FISCAL_PARTS = frozenset({"superior", "own"})


def _money(row: FundingRow, column: str) -> Money | None:
    value = getattr(row, column)
    return value if isinstance(value, Money) else None


def _blank(row: FundingRow) -> bool:
    return all(_money(row, c) is None for c in COLUMNS)


def _index(se: SelfEval, row: FundingRow) -> int:
    return next(i for i, r in enumerate(se.funding) if r is row)


def total_row(se: SelfEval) -> FundingRow | None:
    return next((r for r in se.funding if r.canonical == "total"), None)


def component_sets(se: SelfEval) -> list[list[FundingRow]]:
    """The partitions of the total present in the table (rows printing nothing at all are absent)."""
    rows = [r for r in se.funding if not r.is_breakdown and not _blank(r)]
    others = [r for r in rows if r.canonical == "other"]
    sets: list[list[FundingRow]] = []
    for kinds in (PURPOSE, SOURCE):
        members = [r for r in rows if r.canonical in kinds]
        if members:
            sets.append(members + others)
    return sets


def sum_checks(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.funding.sum — per column, the total equals the sum of its components."""
    total = total_row(se)
    if total is None:
        return
    for members in component_sets(se):
        yield from _column_sums("selfeval.funding.sum", se, path, total, members)


def breakdown_checks(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.funding.breakdown — 财政拨款 equals 上级补助 + 本级安排 (where either is printed)."""
    fiscal = next((r for r in se.funding if r.canonical == "fiscal"), None)
    parts = [r for r in se.funding if r.canonical in FISCAL_PARTS and not _blank(r)]
    if fiscal is None or not parts:
        return
    yield from _column_sums("selfeval.funding.breakdown", se, path, fiscal, parts)


def _column_sums(rule: str, se: SelfEval, path: str, whole: FundingRow, parts: list[FundingRow]) -> Iterator[Check]:
    for column, label in COLUMNS.items():
        stated = _money(whole, column)
        values = [_money(p, column) for p in parts]
        if stated is None or any(v is None for v in values):
            continue  # a part without this column: nothing to recompute
        amounts = [v for v in values if v is not None]
        names = " + ".join(f"{p.source} {show_money(v)}" for p, v in zip(parts, amounts, strict=True))
        recomputed = sum((v.yuan for v in amounts), Decimal(0))
        shown = " + ".join(f"{p.source}{sh.amount(v)}" for p, v in zip(parts, amounts, strict=True))
        yield Check(
            rule=rule,
            message=msg(
                rule,
                row=whole.source,
                column=label,
                stated=sh.amount(stated),
                parts=shown,
                sum=sh.like(recomputed, stated, *amounts),
            ),
            stated=stated.yuan,
            recomputed=recomputed,
            tolerance=Tolerance.of_sum(money_precision(stated), [money_precision(v) for v in amounts]),
            where=f"{path}.funding[{_index(se, whole)}].{column}",
            page=stated.page or whole.page,
            bbox=stated.bbox or whole.bbox,
            evidence=f"{whole.source} {label} {stated.raw}; {names}",
            confidences=(stated.confidence, *(v.confidence for v in amounts)),
            page_b=region_of(amounts)[0],
            bbox_b=region_of(amounts)[1],
        )


def rate_checks(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.funding.rate — 执行率 = 全年执行数 / 全年预算数."""
    for i, row in enumerate(se.funding):
        budget, executed = row.annual_budget, row.executed
        if row.rate is None or budget is None or executed is None or budget.yuan == 0:
            continue
        recomputed = executed.yuan / budget.yuan
        stated = sh.printed_rate(row.rate, row.rate_raw)
        yield Check(
            rule="selfeval.funding.rate",
            message=msg(
                "selfeval.funding.rate",
                row=row.source,
                executed=sh.amount(executed),
                budget=sh.amount(budget),
                recomputed=sh.recomputed_rate(recomputed, row.rate, stated),
                stated=stated,
            ),
            stated=row.rate,
            recomputed=_round(recomputed, 8),
            tolerance=Tolerance.single(rate_ulp(row.rate, row.rate_raw)),
            where=f"{path}.funding[{i}].rate",
            page=row.page,
            bbox=row.bbox,
            evidence=f"全年预算数 {budget.raw}, 全年执行数 {executed.raw}, 执行率 {row.rate_raw or show(row.rate)}",
            confidences=(budget.confidence, executed.confidence),
        )


def rate_score_checks(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.funding.rate_score — 得分 = 执行率 × 分值, capped at 分值 (from the printed 执行率)."""
    for i, row in enumerate(se.funding):
        rate = row.rate if row.rate is not None else _recomputed_rate(row)
        if row.score is None or row.weight is None or rate is None:
            continue
        recomputed = min(rate * row.weight, row.weight)
        yield Check(
            rule="selfeval.funding.rate_score",
            message=msg(
                "selfeval.funding.rate_score",
                row=row.source,
                rate=sh.printed_rate(rate, row.rate_raw) if row.rate is not None else sh.percent(rate),
                weight=show(row.weight),
                recomputed=sh.plain(_round(recomputed, 4)),
                stated=show(row.score),
            ),
            stated=row.score,
            recomputed=_round(recomputed, 8),
            tolerance=Tolerance.single(decimal_ulp(row.score)),
            where=f"{path}.funding[{i}].score",
            page=row.page,
            bbox=row.bbox,
            evidence=f"分值 {show(row.weight)}, 执行率 {row.rate_raw or show(rate)}, 得分 {show(row.score)}",
        )


def _recomputed_rate(row: FundingRow) -> Decimal | None:
    if row.annual_budget is None or row.executed is None or row.annual_budget.yuan == 0:
        return None
    return row.executed.yuan / row.annual_budget.yuan


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places)).normalize()


def funding_weight(se: SelfEval) -> Decimal | None:
    """The 分值 of the funding (执行率) line, which some forms count in the 总分."""
    total = total_row(se)
    if total is not None and total.weight is not None:
        return total.weight
    return next((r.weight for r in se.funding if r.weight is not None), None)


def funding_score(se: SelfEval) -> Decimal | None:
    total = total_row(se)
    if total is not None and total.score is not None:
        return total.score
    return next((r.score for r in se.funding if r.score is not None), None)


def implied_score(se: SelfEval) -> Decimal | None:
    """The 执行率 得分 the printed 执行率 (or, without one, the amounts) gives: min(rate × 分值, 分值)."""
    total = total_row(se)
    if total is None or total.weight is None:
        return None
    rate = total.rate if total.rate is not None else _recomputed_rate(total)
    return None if rate is None else _round(min(rate * total.weight, total.weight), 8)

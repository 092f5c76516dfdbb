"""Checks that follow the form's own rules for its 总分, and whether the form was filled in at all.

``selfeval.total.funding_counted`` — the 分值 of the funding block (the 执行率 line: 分值/权重 of 年度资金总额) is
counted in the 总分 when the form itself says so: a 注 that names 预算(资金)执行率 with its 分 among the parts of
a stated 总分/满分 (the standard note 1: 原则上一级指标分值统一设置为：产出指标50分…预算资金执行率10分…总分应为
100分). The 总分 分值 must then be Σ indicator 分值 + the funding 分值, and the 总分 得分 Σ indicator 得分 + the
funding 得分. Without such a note the other rules compare both readings (``selfeval.indicator.weights_sum``).

``selfeval.total.part_weights`` — a heading that weighs a part of the form (预算执行情况(10分), 绩效指标(90分)) equals
the weights of that part's rows.

``selfeval.indicator.coefficient`` — 指标得分 = 指标权重 × 得分系数 where the form has that column (Chongqing).

``selfeval.incomplete`` — indicator rows with a 分值 but no 得分: the form was not filled in (a warning naming how
many, and how many also lack their 实际完成值), never read as zeros.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from cnfiscal.models import Finding, SelfEval, Severity
from cnfiscal.numbers.parse import fold
from cnfiscal.validate.base import Check, finding
from cnfiscal.validate.selfeval_funding import funding_score, funding_weight
from cnfiscal.validate.selfeval_indicators import evidence, leaves
from cnfiscal.validate.selfeval_indicators import label as row_label
from cnfiscal.validate.tolerance import Tolerance, decimal_ulp, fmt, score_precision
from cnfiscal.vocab import selfeval as V
from cnfiscal.vocab.messages import msg

_SPACES = regex.compile(r"\s+")


def counting_note(se: SelfEval) -> str | None:
    """The 注 that counts the funding 分值 in the 总分, quoted from the sentence naming the 执行率 to the one stating
    the 总分; None without one."""
    for note in se.notes:
        text = _SPACES.sub("", fold(note))
        part = regex.search(V.NOTE_FUNDING_PART, text)
        total = regex.search(V.NOTE_TOTAL_STATED, text, pos=part.end()) if part else None
        total = total or (regex.search(V.NOTE_TOTAL_STATED, text) if part else None)
        if part and total:
            start = text.rfind("。", 0, min(part.start(), total.start())) + 1
            return text[start : max(part.end(), total.end())]
    return None


def funding_counted(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.total.funding_counted (see the module docstring)."""
    note = counting_note(se)
    fw, rows = funding_weight(se), [se.indicators[i] for i in leaves(se)]
    if note is None or fw is None or not rows:
        return
    for field, funding in (("weight", fw), ("score", funding_score(se))):
        stated = getattr(se.total, field)
        values = [getattr(r, field) for r in rows]
        if stated is None or funding is None or any(v is None for v in values):
            continue
        parts = [v for v in values if v is not None]
        indicators = sum(parts, Decimal(0))
        name = "分值" if field == "weight" else "得分"
        yield Check(
            rule="selfeval.total.funding_counted",
            message=msg(
                "selfeval.total.funding_counted",
                name=name,
                stated=fmt(stated),
                n=len(parts),
                indicators=fmt(indicators),
                funding=fmt(funding),
                sum=fmt(indicators + funding),
                note=note,
            ),
            stated=stated,
            recomputed=indicators + funding,
            tolerance=Tolerance.of_sum(score_precision(stated), [score_precision(v) for v in [*parts, funding]]),
            where=f"{path}.total.{field}",
            page=se.total.page,
            evidence=f"总分 {name} {fmt(stated)}; 指标 {fmt(indicators)} + 执行率 {fmt(funding)}; 注: {note}",
        )


def part_weights(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.total.part_weights — a part's heading weight = the weights of its rows: 绩效指标(90分) = Σ indicator
    分值; 预算执行情况(10分) = the funding block's 分值."""
    rows = [se.indicators[i] for i in leaves(se)]
    for label, stated in se.part_weights.items():
        fw = funding_weight(se)
        values = ([fw] if fw is not None else []) if label in V.FUNDING_PARTS else [r.weight for r in rows]
        if not values or any(v is None for v in values):
            continue
        parts = [v for v in values if v is not None]
        recomputed = sum(parts, Decimal(0))
        yield Check(
            rule="selfeval.total.part_weights",
            message=msg(
                "selfeval.total.part_weights", label=label, stated=fmt(stated), n=len(parts), sum=fmt(recomputed)
            ),
            stated=stated,
            recomputed=recomputed,
            tolerance=Tolerance.of_sum(score_precision(stated), [score_precision(v) for v in parts]),
            where=f"{path}.part_weights.{label}",
            page=se.page_start,
            evidence=f"{label}({fmt(stated)}分): {' + '.join(fmt(v) for v in parts)}",
        )


def coefficient(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.indicator.coefficient — 指标得分 = 指标权重 × 得分系数, where the form prints a 得分系数 column."""
    for i in leaves(se):
        ind = se.indicators[i]
        if ind.score_coefficient is None or ind.weight is None or ind.score is None:
            continue
        recomputed = ind.weight * ind.score_coefficient
        yield Check(
            rule="selfeval.indicator.coefficient",
            message=msg(
                "selfeval.indicator.coefficient",
                label=row_label(ind),
                weight=fmt(ind.weight),
                coefficient=f"{fmt(ind.score_coefficient * 100)}%",
                recomputed=fmt(recomputed),
                stated=fmt(ind.score),
            ),
            stated=ind.score,
            recomputed=recomputed,
            tolerance=Tolerance.single(decimal_ulp(ind.score)),
            where=f"{path}.indicators[{i}].score",
            page=ind.page,
            bbox=ind.bbox,
            evidence=evidence(ind),
            confidences=(ind.confidence,),
        )


def incomplete(se: SelfEval, path: str) -> Iterator[Finding]:
    """selfeval.incomplete — rows left unfilled (see the module docstring)."""
    rows = [se.indicators[i] for i in leaves(se)]
    no_score = [r for r in rows if r.weight is not None and r.score is None]
    no_actual = [r for r in rows if r.target is not None and r.actual is None]
    if not no_score:  # scored rows without a stated result are left to the reader: some forms leave them blank
        return
    first = no_score[0]
    yield finding(
        msg("selfeval.incomplete", rows=str(len(rows)), no_score=str(len(no_score)), no_actual=str(len(no_actual))),
        "selfeval.incomplete",
        Severity.WARNING,
        page=first.page,
        bbox=first.bbox,
        where=f"{path}.indicators[{se.indicators.index(first)}]",
        evidence=f"{first.level3}: 分值 {fmt(first.weight) if first.weight is not None else '—'}, 得分 空, 完成值 "
        + ("空" if first.actual is None else first.actual.raw),
    )

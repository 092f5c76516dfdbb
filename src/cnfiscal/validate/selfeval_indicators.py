"""Indicator block of a self-evaluation table: weights and scores add up, scores stay within weights.

Leaves are the rows that count: every non-subtotal row, plus a subtotal row whose children were not read.
A subtotal row (基本支出小计 …) owns the rows after it with the same first/second-level labels, up to the
next subtotal; it is compared with its children and never counted twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnfiscal.models import Finding, Indicator, SelfEval, Severity
from cnfiscal.validate.base import Check, finding, show
from cnfiscal.validate.selfeval_funding import funding_score, funding_weight, implied_score
from cnfiscal.validate.tolerance import (
    Tolerance,
    downgrade_for_confidence,
    fmt,
    measure_precision,
    score_precision,
)
from cnfiscal.vocab.messages import Message, msg


def subtotal_children(se: SelfEval) -> dict[int, list[int]]:
    """Index of each subtotal row → indices of the rows it sums."""
    out: dict[int, list[int]] = {}
    current: int | None = None
    for i, ind in enumerate(se.indicators):
        if ind.is_subtotal:
            current = i
            out[i] = []
        elif current is not None and _same_group(se.indicators[current], ind):
            out[current].append(i)
        else:
            current = None
    return out


def _same_group(parent: Indicator, child: Indicator) -> bool:
    return parent.level1 == child.level1 and parent.level2 == child.level2


def leaves(se: SelfEval) -> list[int]:
    children = subtotal_children(se)
    return [i for i, ind in enumerate(se.indicators) if not ind.is_subtotal or not children.get(i)]


def label(ind: Indicator) -> str:
    return ind.level3 or ind.level2 or ind.level1 or "?"


def evidence(ind: Indicator) -> str:
    target = ind.target.raw if ind.target else "—"
    actual = ind.actual.raw if ind.actual else "—"
    return f"{label(ind)} | {target} | {actual} | 分值 {show(ind.weight)} | 得分 {show(ind.score)}"


def score_le_weight(record_se: SelfEval, path: str) -> Iterator[Finding]:
    """selfeval.indicator.score_le_weight — no score above its weight (nor the total above the total weight)."""
    for i, ind in enumerate(record_se.indicators):
        if ind.score is not None and ind.weight is not None and ind.score > ind.weight:
            severity = downgrade_for_confidence(Severity.ERROR, (ind.confidence,))
            yield _over(
                msg(_LE, label=label(ind), score=fmt(ind.score), weight=fmt(ind.weight)),
                ind.score,
                ind.weight,
                severity,
                where=f"{path}.indicators[{i}]",
                page=ind.page,
                text=evidence(ind),
            )
    total = record_se.total
    if total.score is not None and total.weight is not None and total.score > total.weight:
        fw = funding_weight(record_se) or Decimal(0)
        convention = total.score <= total.weight + fw  # the 总分 weight left out the 执行率 points
        key = f"{_LE}:convention" if convention else f"{_LE}:total"
        message = msg(key, score=fmt(total.score), weight=fmt(total.weight), funding=fmt(fw))
        yield _over(
            message,
            total.score,
            total.weight,
            Severity.WARNING if convention else Severity.ERROR,
            where=f"{path}.total",
            page=total.page,
            text=f"总分 {fmt(total.weight)} {fmt(total.score)}",
        )


_LE = "selfeval.indicator.score_le_weight"


def _over(
    message: Message, score: Decimal, weight: Decimal, severity: Severity, *, where: str, page: int | None, text: str
) -> Finding:
    return finding(
        message,
        _LE,
        severity,
        stated=fmt(score),
        recomputed=f"≤ {fmt(weight)}",
        difference=fmt(score - weight),
        tolerance="0 (an upper bound)",
        page=page,
        evidence=text,
        where=where,
    )


def weights_sum(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.indicator.weights_sum — the 总分 weight = Σ leaf weights (+ the 执行率 分值 where counted)."""
    yield from _total_sum(se, path, "weight", "selfeval.indicator.weights_sum", [funding_weight(se)])


def scores_sum(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.indicator.scores_sum — the 总分 score = Σ leaf scores (+ the 执行率 得分 where counted: the printed
    one, or the one the printed 执行率 gives when the printed 得分 is itself wrong)."""
    funding = [funding_score(se), implied_score(se)]
    bare = not weights_count_funding(se)  # when the 总分 weight counts the 执行率 分值, its score must count too
    yield from _total_sum(se, path, "score", "selfeval.indicator.scores_sum", funding, bare=bare)


def weights_count_funding(se: SelfEval) -> bool:
    """True when the 总分 weight is exactly Σ indicator weights + the 执行率 分值 (and not Σ alone)."""
    fw, rows = funding_weight(se), [se.indicators[i] for i in leaves(se)]
    if not fw or se.total.weight is None or not rows or any(r.weight is None for r in rows):
        return False
    base = sum((r.weight for r in rows if r.weight is not None), Decimal(0))
    return se.total.weight == base + fw


def _total_sum(
    se: SelfEval, path: str, field: str, rule: str, funding: list[Decimal | None], *, bare: bool = True
) -> Iterator[Check]:
    stated = getattr(se.total, field)
    rows = [se.indicators[i] for i in leaves(se)]
    values = [getattr(r, field) for r in rows]
    if stated is None or not rows or any(v is None for v in values):
        return
    name = "分值" if field == "weight" else "得分"
    extras: list[Decimal | None] = [None] if bare else []
    extras += [f for f in funding if f is not None]
    checks = [_total_check(se, path, rule=rule, name=name, stated=stated, values=values, extra=e) for e in extras]
    if checks:
        yield _best(checks)


def _total_check(
    se: SelfEval, path: str, *, rule: str, name: str, stated: Decimal, values: list[Decimal], extra: Decimal | None
) -> Check:
    parts = values if extra is None else [*values, extra]
    plus = "" if extra is None else f" + 执行率 {fmt(extra)}"
    recomputed = sum(parts, Decimal(0))
    return Check(
        rule=rule,
        message=msg(rule, stated=fmt(stated), n=len(values), plus=plus, sum=fmt(recomputed)),
        stated=stated,
        recomputed=recomputed,
        tolerance=Tolerance.of_sum(score_precision(stated), [score_precision(v) for v in parts]),
        where=f"{path}.total.{_FIELD[name]}",
        page=se.total.page,
        evidence=f"总分 {name} {fmt(stated)}; indicators: {' + '.join(fmt(v) for v in values)}{plus}",
    )


_FIELD = {"分值": "weight", "得分": "score"}
_NAME = {v: k for k, v in _FIELD.items()}


def _best(checks: list[Check]) -> Check:
    """The first reading the figures satisfy exactly, else the first within tolerance, else the closest."""
    for c in checks:
        if c.stated == c.recomputed:
            return c
    for c in checks:
        if c.tolerance.explains(c.stated - c.recomputed):
            return c
    return min(checks, key=lambda c: abs(c.stated - c.recomputed))


def level1_weights(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.indicator.level1_weight — 产出指标（50分） = Σ weights of its rows."""
    groups: dict[str, list[int]] = {}
    for i in leaves(se):
        ind = se.indicators[i]
        if ind.level1 and ind.level1_weight is not None:
            groups.setdefault(ind.level1, []).append(i)
    for level1, idx in groups.items():
        first = se.indicators[idx[0]]
        weights = [se.indicators[i].weight for i in idx]
        if first.level1_weight is None or any(w is None for w in weights):
            continue
        parts = [w for w in weights if w is not None]
        yield Check(
            rule="selfeval.indicator.level1_weight",
            message=msg(
                "selfeval.indicator.level1_weight",
                level1=level1,
                stated=fmt(first.level1_weight),
                n=len(parts),
                parts=" + ".join(fmt(w) for w in parts),
                sum=fmt(sum(parts, Decimal(0))),
            ),
            stated=first.level1_weight,
            recomputed=sum(parts, Decimal(0)),
            tolerance=Tolerance.of_sum(score_precision(first.level1_weight), [score_precision(w) for w in parts]),
            where=f"{path}.indicators[{idx[0]}].level1_weight",
            page=first.page,
            evidence=f"{level1}（{fmt(first.level1_weight)}分）: {' + '.join(fmt(w) for w in parts)}",
        )


def subtotals(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.indicator.subtotal — a 小计 row's weight, score and target amount = Σ of its children."""
    for i, kids in subtotal_children(se).items():
        parent = se.indicators[i]
        rows = [se.indicators[k] for k in kids]
        for field in ("weight", "score"):
            yield from _subtotal_field(path, i, parent, rows, field)
        yield from _subtotal_target(path, i, parent, rows)


def _subtotal_field(path: str, i: int, parent: Indicator, rows: list[Indicator], field: str) -> Iterator[Check]:
    stated = getattr(parent, field)
    values = [getattr(r, field) for r in rows]
    if stated is None or not rows or any(v is None for v in values):
        return
    yield Check(
        rule="selfeval.indicator.subtotal",
        message=msg(
            "selfeval.indicator.subtotal",
            label=label(parent),
            field=_NAME[field],
            stated=fmt(stated),
            n=len(rows),
            sum=fmt(sum(values, Decimal(0))),
        ),
        stated=stated,
        recomputed=sum(values, Decimal(0)),
        tolerance=Tolerance.of_sum(score_precision(stated), [score_precision(v) for v in values]),
        where=f"{path}.indicators[{i}].{field}",
        page=parent.page,
        evidence=f"{label(parent)} {fmt(stated)}; "
        + " + ".join(f"{label(r)} {fmt(v)}" for r, v in zip(rows, values, strict=True)),
        confidences=(parent.confidence, *(r.confidence for r in rows)),
    )


def _subtotal_target(path: str, i: int, parent: Indicator, rows: list[Indicator]) -> Iterator[Check]:
    measures = [r.target for r in rows]
    if parent.target is None or parent.target.value is None or not rows:
        return
    if any(m is None or m.value is None or m.unit != parent.target.unit for m in measures):
        return
    values = [m.value for m in measures if m is not None and m.value is not None]
    stated = parent.target.value
    yield Check(
        rule="selfeval.indicator.subtotal",
        message=msg(
            "selfeval.indicator.subtotal:target",
            label=label(parent),
            stated=parent.target.raw,
            n=len(rows),
            sum=f"{fmt(sum(values, Decimal(0)))}{parent.target.unit or ''}",
        ),
        stated=stated,
        recomputed=sum(values, Decimal(0)),
        tolerance=Tolerance.of_sum(
            measure_precision(parent.target.raw, stated),
            [measure_precision(m.raw, m.value) for m in measures if m is not None and m.value is not None],
        ),
        where=f"{path}.indicators[{i}].target",
        page=parent.page,
        evidence=f"{label(parent)} {parent.target.raw}; " + " + ".join(m.raw for m in measures if m is not None),
    )


def reason_missing(se: SelfEval, path: str) -> Iterator[Finding]:
    """selfeval.indicator.reason_missing — a score below its weight with no 未完成原因分析 (warning)."""
    for i, ind in enumerate(se.indicators):
        if ind.is_subtotal or ind.score is None or ind.weight is None or ind.score >= ind.weight:
            continue
        if ind.reason and ind.reason.strip():
            continue
        yield finding(
            msg("selfeval.indicator.reason_missing", label=label(ind), score=fmt(ind.score), weight=fmt(ind.weight)),
            "selfeval.indicator.reason_missing",
            Severity.WARNING,
            stated=fmt(ind.score),
            recomputed=fmt(ind.weight),
            difference=fmt(ind.score - ind.weight),
            tolerance="none (a convention: every lost point is explained)",
            page=ind.page,
            bbox=ind.bbox,
            evidence=evidence(ind),
            where=f"{path}.indicators[{i}]",
        )

"""Quantitative indicators against the form's own scoring rule (注3 of the standard 自评表).

Positive indicator (年度指标值 ``≥A``): 得分 = min(B/A × 分值, 分值). Negative (``≤A``): min(A/B × 分值, 分值),
full marks when B = 0. Applied when target and actual are numbers of the same kind and unit. When the form
prints the rule in its 注 a departure is an ``error``; when it does not, the rule is the standard convention
and a departure is a ``warning``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from cnfiscal.models import Indicator, Measure, SelfEval, Severity
from cnfiscal.numbers.parse import fold
from cnfiscal.validate.base import Check
from cnfiscal.validate.selfeval_indicators import evidence, label
from cnfiscal.validate.tolerance import Tolerance, decimal_ulp, fmt
from cnfiscal.vocab.messages import msg
from cnfiscal.vocab.show import short

POSITIVE = frozenset({"≥", ">"})
NEGATIVE = frozenset({"≤", "<"})
NUMERIC = frozenset({"quantity", "percent", "money"})
_RULE_NOTE = regex.compile(r"正向指标|反向指标|\(B\)\s*/\s*年度指标值|实际完成值\s*\(B\)\s*/")


def form_states_rule(se: SelfEval) -> bool:
    """True when the form's 注 prints the positive/negative scoring rule."""
    return any(_RULE_NOTE.search(fold(n)) for n in se.notes)


def formula_checks(se: SelfEval, path: str) -> Iterator[Check]:
    """selfeval.indicator.formula — a quantitative score follows B/A × 分值 (≥) or A/B × 分值 (≤)."""
    severity = Severity.ERROR if form_states_rule(se) else Severity.WARNING
    basis = "本表注释" if severity is Severity.ERROR else "标准评分规则，本表未印"
    for i, ind in enumerate(se.indicators):
        expected = expected_score(ind)
        if expected is None or ind.score is None:
            continue
        yield Check(
            rule="selfeval.indicator.formula",
            message=msg(
                "selfeval.indicator.formula",
                label=label(ind),
                formula=_formula(ind),
                recomputed=short(expected),
                basis=basis,
                stated=fmt(ind.score),
            ),
            stated=ind.score,
            recomputed=expected,
            tolerance=Tolerance.single(decimal_ulp(ind.score)),
            where=f"{path}.indicators[{i}].score",
            page=ind.page,
            bbox=ind.bbox,
            evidence=evidence(ind),
            mismatch=severity,
            confidences=(ind.confidence,),
        )


def _formula(ind: Indicator) -> str:
    """``实际完成值 B ÷ 年度指标值 A × 分值 W`` with the printed figures (A ÷ B for a negative indicator)."""
    assert ind.target is not None and ind.actual is not None and ind.weight is not None
    a, b = ind.target.raw.strip(), ind.actual.raw.strip().lstrip("≥≤><=≧≦")
    if ind.target.op in POSITIVE:
        return f"实际完成值{b} ÷ 年度指标值{a} × 分值{fmt(ind.weight)}"
    return f"年度指标值{a} ÷ 实际完成值{b} × 分值{fmt(ind.weight)}"


def expected_score(ind: Indicator) -> Decimal | None:
    """The score the rule gives, or None when the rule does not apply to this row."""
    if ind.is_subtotal or ind.weight is None or not _comparable(ind.target, ind.actual):
        return None
    assert ind.target is not None and ind.actual is not None
    a, b, w = ind.target.value, ind.actual.value, ind.weight
    assert a is not None and b is not None
    if ind.target.op in POSITIVE:
        if a <= 0:
            return None
        raw = b / a * w
    else:
        raw = w if b == 0 else a / b * w
    return min(raw, w).quantize(Decimal("1E-8")).normalize()


def _comparable(target: Measure | None, actual: Measure | None) -> bool:
    if target is None or actual is None or target.value is None or actual.value is None:
        return False
    if target.op not in POSITIVE | NEGATIVE or target.kind not in NUMERIC or actual.kind != target.kind:
        return False
    return actual.unit is None or target.unit is None or actual.unit == target.unit

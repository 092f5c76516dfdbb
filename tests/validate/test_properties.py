"""Property tests: consistent records give no error; one stated figure changed beyond tolerance gives its finding.

"Its finding" = the rules whose identity involves that figure: ``required`` must all fire as errors and no
other rule may (``allowed`` adds the rules that may also fire, e.g. the 总分 compared with or without the
执行率 points).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cnfiscal.models import Conclusion, SelfEval, Severity, Total
from cnfiscal.validate.selfeval_conclusion import band_of

from .builders import D, funding_row, qual, quant, record, run, wan

LEVEL1 = (("产出指标", 50), ("效益指标", 30), ("满意度指标", 10))


def _q(value: Decimal, places: str) -> Decimal:
    return value.quantize(D(places), rounding=ROUND_HALF_UP)


def _wan(cents: int) -> str:
    return f"{D(cents) / 100:.2f}"


@st.composite
def consistent(draw: st.DrawFn) -> SelfEval:
    basic, project = draw(st.integers(100, 10**7)), draw(st.integers(100, 10**7))
    ex_basic, ex_project = draw(st.integers(0, basic)), draw(st.integers(0, project))
    annual, executed = basic + project, ex_basic + ex_project
    rate = _q(D(executed) / D(annual), "0.0001")
    score = _q(rate * 10, "0.01")
    funding = [
        funding_row(
            "年度资金总额",
            "total",
            _wan(annual),
            _wan(annual),
            _wan(executed),
            weight=D(10),
            rate=rate,
            rate_raw=f"{rate * 100:.2f}%",
            score=score,
        ),
        funding_row("基本支出", "basic", _wan(basic), _wan(basic), _wan(ex_basic)),
        funding_row("项目支出", "project", _wan(project), _wan(project), _wan(ex_project)),
    ]
    indicators = []
    for level1, _ in LEVEL1:
        rows = []
        for k in range(draw(st.integers(1, 4))):
            w = draw(st.integers(1, 10))
            s = draw(st.integers(0, w))
            rows.append(qual(level1, 0, f"{level1}{k}", str(w), str(s), reason=None if s == w else "原因"))
        if draw(st.booleans()):
            a, b, w = draw(st.integers(1, 50)), draw(st.integers(0, 100)), draw(st.integers(1, 10))
            s = _q(min(D(b) / D(a) * w, D(w)), "0.01")
            rows.append(quant(level1, 0, f"{level1}定量", "≥", str(a), str(b), str(w), str(s), reason="原因"))
        lw = sum((r.weight for r in rows), D(0))
        indicators += [r.model_copy(update={"level1_weight": lw}) for r in rows]
    weights = sum((i.weight for i in indicators), D(0)) + 10
    total_score = sum((i.score for i in indicators), D(0)) + score
    return SelfEval(
        kind="project",
        money_unit="万元",
        funding=funding,
        indicators=indicators,
        total=Total(weight=weights, score=total_score),
        conclusion=Conclusion(grade=band_of(total_score), score_stated=total_score),  # type: ignore[arg-type]
        notes=["3.定量指标若为正向指标（即指标值为≥*），则得分计算方法应用实际完成值（B）/年度指标值（A）*该指标分值"],
    )


def _errors(se: SelfEval) -> set[str]:
    return {f.rule for f in run(record(se)) if f.severity is Severity.ERROR}


@settings(max_examples=60, deadline=None)
@given(consistent())
def test_consistent_records_have_no_error_or_warning(se: SelfEval) -> None:
    findings = run(record(se))
    assert [f for f in findings if f.severity is not Severity.INFO] == []


def _bump_money(se: SelfEval, row: int, column: str, delta_wan: int) -> SelfEval:
    rows = list(se.funding)
    old = getattr(rows[row], column)
    rows[row] = rows[row].model_copy(update={column: wan(f"{D(old.raw) + delta_wan:.2f}")})
    return se.model_copy(update={"funding": rows})


def _bump_indicator(se: SelfEval, i: int, field: str, delta: int) -> SelfEval:
    inds = list(se.indicators)
    inds[i] = inds[i].model_copy(update={field: getattr(inds[i], field) + delta})
    return se.model_copy(update={"indicators": inds})


@settings(max_examples=60, deadline=None)
@given(
    consistent(),
    st.sampled_from(
        [
            "basic",
            "total_executed",
            "rate",
            "score",
            "weight",
            "leaf_score",
            "total_weight",
            "total_score",
            "quoted",
            "grade",
        ]
    ),
    st.integers(1, 5),
)
def test_one_changed_figure_gives_its_finding(se: SelfEval, what: str, k: int) -> None:
    required, allowed = _mutate_expectations(se, what, k)
    changed = _mutate(se, what, k)
    errors = _errors(changed)
    assert required <= errors, (what, errors)
    assert errors <= required | allowed, (what, errors)


def _mutate(se: SelfEval, what: str, k: int) -> SelfEval:
    annual_wan = int(se.funding[0].annual_budget.yuan / 10000)  # type: ignore[union-attr]
    total = se.funding[0]
    if what == "basic":
        return _bump_money(se, 1, "annual_budget", k)
    if what == "total_executed":
        big = max(k, annual_wan // 50 + 1)
        sign = -1 if total.executed.yuan >= big * 10000 else 1  # type: ignore[union-attr]
        return _bump_money(se, 0, "executed", sign * big)
    if what == "rate":
        new = total.rate + D("0.02") * k if total.rate < D("0.9") else total.rate - D("0.02") * k  # type: ignore[operator]
        return se.model_copy(
            update={"funding": [total.model_copy(update={"rate": new, "rate_raw": None}), *se.funding[1:]]}
        )
    if what == "score":
        new = total.score - k if total.score >= k else total.score + k  # type: ignore[operator]
        return se.model_copy(update={"funding": [total.model_copy(update={"score": new}), *se.funding[1:]]})
    if what in ("weight", "leaf_score"):
        i = next(i for i, ind in enumerate(se.indicators) if ind.target and ind.target.op is None)
        return _bump_indicator(se, i, "weight" if what == "weight" else "score", k if what == "weight" else -k)
    if what == "total_weight":
        return se.model_copy(update={"total": se.total.model_copy(update={"weight": se.total.weight + k})})
    if what == "total_score":
        return se.model_copy(update={"total": se.total.model_copy(update={"score": se.total.score - k})})
    if what == "quoted":
        c = se.conclusion.model_copy(update={"score_stated": se.conclusion.score_stated - k})  # type: ignore[operator]
        return se.model_copy(update={"conclusion": c})
    grade = "差" if se.conclusion.grade != "差" else "优"
    return se.model_copy(update={"conclusion": se.conclusion.model_copy(update={"grade": grade})})


def _mutate_expectations(se: SelfEval, what: str, k: int) -> tuple[set[str], set[str]]:
    p = "selfeval."
    table: dict[str, tuple[set[str], set[str]]] = {
        "basic": ({p + "funding.sum"}, set()),
        "total_executed": ({p + "funding.sum", p + "funding.rate"}, set()),
        "rate": ({p + "funding.rate", p + "funding.rate_score"}, set()),
        "score": ({p + "funding.rate_score"}, {p + "indicator.scores_sum"}),
        "weight": ({p + "indicator.weights_sum", p + "indicator.level1_weight"}, set()),
        "leaf_score": ({p + "indicator.scores_sum"}, set()),
        "total_weight": ({p + "indicator.weights_sum"}, set()),
        "total_score": ({p + "indicator.scores_sum", p + "conclusion.score_quoted"}, {p + "conclusion.grade_band"}),
        "quoted": ({p + "conclusion.score_quoted"}, set()),
        "grade": ({p + "conclusion.grade_band"}, set()),
    }
    required, allowed = table[what]
    if what == "leaf_score" and _first_qual(se).score < k:  # type: ignore[operator]
        allowed = allowed | {p + "indicator.score_le_weight"}  # a negative score is still a score ≤ weight
    return required, allowed


def _first_qual(se: SelfEval):  # type: ignore[no-untyped-def]
    return next(ind for ind in se.indicators if ind.target and ind.target.op is None)

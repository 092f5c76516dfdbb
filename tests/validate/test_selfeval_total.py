"""selfeval.total.funding_counted and selfeval.incomplete on hand-built forms (expected values computed by hand)."""

from __future__ import annotations

from decimal import Decimal as D

from cnfiscal.models import SelfEval, Total
from tests.validate.builders import dept_table, funding_row, qual, record, run

NOTE_1 = (
    "注：1.绩效自评采取打分评价的形式，满分为100分。原则上一级指标分值统一设置为：产出指标50分，效益指标30分、"
    "服务对象满意度10分、预算资金执行率10分。如有特殊情况，除预算资金执行率外，其他指标权重可适当调整，但总分应为100分。"
)


def _form(weights: list[str], scores: list[str], total: tuple[str, str], notes: list[str]) -> SelfEval:
    rows = [qual("产出指标", 50, f"指标{k}", w, s) for k, (w, s) in enumerate(zip(weights, scores, strict=True))]
    funding = [funding_row("年度资金总额", "total", "100", "100", "98", weight=D(10), rate=D("0.98"), score=D("9.8"))]
    return SelfEval(
        kind="dept",
        funding=funding,
        indicators=rows,
        total=Total(weight=D(total[0]), score=D(total[1]), page=2),
        notes=notes,
    )


def test_weights_of_100_plus_a_counted_funding_block_are_110() -> None:
    """seed000's case: indicators 分值 100 and 得分 100, 执行率 分值 10 得分 9.8, the 注 counts it: 110, 109.8."""
    found = run(record(_form(["50", "50"], ["50", "50"], ("100", "100"), [NOTE_1])), "selfeval.total")
    assert [(f.severity.value, f.where, f.stated, f.recomputed) for f in found] == [
        ("error", "self_evals[0].total.weight", "100", "110"),
        ("error", "self_evals[0].total.score", "100", "109.8"),
    ]
    assert "预算资金执行率10分" in found[0].message and found[0].page == 2


def test_counted_funding_block_that_adds_up_is_silent() -> None:
    form = _form(["45", "45"], ["45", "44"], ("100", "98.8"), [NOTE_1])  # 90 + 10 = 100; 89 + 9.8 = 98.8
    assert run(record(form), "selfeval.total") == []


def test_without_the_note_the_funding_block_is_not_assumed_counted() -> None:
    assert run(record(_form(["50", "50"], ["50", "50"], ("100", "100"), [])), "selfeval.total") == []


def test_an_unfilled_form_is_a_warning_not_zeros() -> None:
    form = _form(["50", "50"], ["50", "50"], ("100", "100"), [])
    rows = [form.indicators[0].model_copy(update={"score": None, "actual": None}), form.indicators[1]]
    found = run(record(form.model_copy(update={"indicators": rows})), "selfeval.incomplete")
    assert [(f.severity.value, f.where) for f in found] == [("warning", "self_evals[0].indicators[0]")]
    assert "2项指标中1项无得分、1项无实际完成值" in found[0].message


def test_the_hand_checked_seed004_form_is_complete() -> None:
    assert run(record(dept_table()), "selfeval.incomplete") == []


def test_a_heading_weight_against_its_rows() -> None:
    """绩效指标(90分) over indicators 50 + 50 = 100: an error; 预算执行情况(10分) = 执行率 分值 10: silent."""
    form = _form(["50", "50"], ["50", "50"], ("100", "100"), [])
    form = form.model_copy(update={"part_weights": {"预算执行情况": D(10), "绩效指标": D(90)}})
    found = run(record(form), "selfeval.total.part_weights")
    assert [(f.severity.value, f.where, f.stated, f.recomputed) for f in found] == [
        ("error", "self_evals[0].part_weights.绩效指标", "90", "100")
    ]


def test_score_is_weight_times_the_printed_coefficient() -> None:
    """得分系数 80% on 分值 5: 4 expected; printed 5 → error. 100% on 分值 2 with 得分 2: silent."""
    form = _form(["5", "2"], ["5", "2"], ("7", "7"), [])
    rows = [form.indicators[0].model_copy(update={"score_coefficient": D("0.8")})]
    rows.append(form.indicators[1].model_copy(update={"score_coefficient": D(1)}))
    found = run(record(form.model_copy(update={"indicators": rows})), "selfeval.indicator.coefficient")
    assert [(f.severity.value, f.where, f.stated, f.recomputed) for f in found] == [
        ("error", "self_evals[0].indicators[0].score", "5", "4")
    ]
    assert "得分系数80%" in found[0].message

"""Each self-evaluation rule on hand-built records (seed004's table typed by hand, then one figure changed)."""

from __future__ import annotations

from decimal import Decimal

from cnfiscal.models import Conclusion, Measure, Severity, Total

from .builders import D, dept_table, qual, quant, record, run, wan


def _errors(findings: list) -> list[tuple[str, str]]:
    return [(f.rule, f.where) for f in findings if f.severity is Severity.ERROR]


def test_seed004_by_hand_is_consistent_but_for_rounding() -> None:
    findings = run(record(dept_table()))
    # 592.18 / 752.03 = 0.787442 printed 79%: a rounding, so info, and nothing else.
    assert [(f.rule, f.severity.value, f.stated, f.recomputed) for f in findings] == [
        ("selfeval.funding.rate", "info", "0.79", "0.78744199")
    ]


def test_total_not_equal_to_components_is_an_error() -> None:
    se = dept_table()
    se.funding[1] = se.funding[1].model_copy(update={"annual_budget": wan("378.57")})
    findings = run(record(se), "selfeval.funding")
    assert _errors(findings) == [("selfeval.funding.sum", "self_evals[0].funding[0].annual_budget")]
    f = next(f for f in findings if f.severity is Severity.ERROR)
    assert (f.stated, f.recomputed, f.difference) == ("7520300", "7530300", "-10000")
    assert "基本支出 378.57" in (f.evidence or "")


def test_rounded_parts_differ_by_wei_shu_is_info() -> None:
    se = dept_table()
    # 377.57 + 374.47 = 752.04 vs 752.03: one unit of the last digit, two rounded parts + total → ±150 元.
    se.funding[2] = se.funding[2].model_copy(update={"annual_budget": wan("374.47")})
    findings = [f for f in run(record(se), "selfeval.funding.sum")]
    assert [(f.severity.value, f.difference) for f in findings] == [("info", "-100")]


def test_rate_score_uses_printed_rate_and_caps_at_weight() -> None:
    se = dept_table()
    se.funding[0] = se.funding[0].model_copy(update={"score": D("8.9")})
    assert _errors(run(record(se), "selfeval.funding.rate_score")) == [
        ("selfeval.funding.rate_score", "self_evals[0].funding[0].score")
    ]


def test_subtotal_children_and_no_double_counting() -> None:
    se = dept_table()
    se.indicators[12] = se.indicators[12].model_copy(update={"score": D("1.28")})
    errors = _errors(run(record(se)))
    assert ("selfeval.indicator.subtotal", "self_evals[0].indicators[11].score") in errors
    assert ("selfeval.indicator.scores_sum", "self_evals[0].total.score") in errors
    assert len(errors) == 2


def test_score_above_weight_and_missing_reason() -> None:
    se = dept_table()
    se.indicators[0] = se.indicators[0].model_copy(update={"score": D(5)})
    se.indicators[1] = se.indicators[1].model_copy(update={"score": D(3)})
    findings = run(record(se), "selfeval.indicator")
    rules = {(f.rule, f.severity.value, f.where) for f in findings}
    assert ("selfeval.indicator.score_le_weight", "error", "self_evals[0].indicators[0]") in rules
    assert ("selfeval.indicator.reason_missing", "warning", "self_evals[0].indicators[1]") in rules


def test_formula_positive_and_negative() -> None:
    o = "产出指标"
    se = dept_table().model_copy(
        update={
            "indicators": [
                quant(o, 10, "派遣人员人数", "≥", "8", "7", "5", "4.38", reason="辞职"),  # 7/8×5 = 4.375 → info
                quant(o, 10, "新增企业", "≥", "2", "1", "5", "5"),  # 1/2×5 = 2.5 but 5 stated → error (注 printed)
                quant(o, 10, "投诉量", "≤", "10", "0", "5", "5"),  # B = 0 on a negative indicator: full marks
            ],
            "total": Total(weight=D(25), score=D("24.28")),
        }
    )
    got = [(f.rule, f.severity.value, f.stated, f.recomputed) for f in run(record(se), "selfeval.indicator.formula")]
    assert got == [
        ("selfeval.indicator.formula", "info", "4.38", "4.375"),
        ("selfeval.indicator.formula", "error", "5", "2.5"),
    ]
    se.notes.clear()  # no 注 printed: the standard rule is only a convention → warning
    assert [f.severity.value for f in run(record(se), "selfeval.indicator.formula")] == ["info", "warning"]


def test_formula_skips_mismatched_kinds() -> None:
    ind = quant("产出指标", 10, "服务对象", "≥", "13", "1", "4", "4")
    ind = ind.model_copy(update={"actual": Measure(raw="100%", value=D(1), unit="%", kind="percent")})
    se = dept_table().model_copy(update={"indicators": [ind]})
    assert run(record(se), "selfeval.indicator.formula") == []


def test_conclusion_grade_band_and_quoted_score() -> None:
    """seed003 项目六: table 总分 79, conclusion text 88.22 分 and 良好."""
    se = dept_table().model_copy(
        update={
            "total": Total(weight=D(90), score=D(79)),
            "conclusion": Conclusion(text="我单位自评得分88.22分，自评结论为良好。"),
            "indicators": [qual("产出指标", 90, "x", "90", "79", reason="r")],
            "funding": [],
        }
    )
    got = {(f.rule, f.severity.value, f.stated, f.recomputed) for f in run(record(se), "selfeval.conclusion")}
    assert got == {
        ("selfeval.conclusion.grade_band", "error", "良", "中"),
        ("selfeval.conclusion.score_quoted", "error", "88.22", "79"),
    }


def test_quoted_score_rounded_is_info() -> None:
    se = dept_table().model_copy(
        update={
            "total": Total(weight=D(100), score=D("94.68446")),
            "conclusion": Conclusion(score_stated=D("94.68"), grade="优"),
        }
    )
    got = [(f.rule, f.severity.value) for f in run(record(se), "selfeval.conclusion")]
    assert got == [("selfeval.conclusion.score_quoted", "info")]


def test_low_ocr_confidence_downgrades_error() -> None:
    se = dept_table()
    low = wan("378.57").model_copy(update={"confidence": 0.4})
    se.funding[1] = se.funding[1].model_copy(update={"annual_budget": low})
    f = run(record(se), "selfeval.funding.sum")
    assert [x.severity.value for x in f] == ["warning"]


def test_total_weight_leaving_out_funding_is_a_warning() -> None:
    se = dept_table().model_copy(update={"total": Total(weight=D(90), score=D("96.4"))})
    got = [(f.rule, f.severity.value) for f in run(record(se), "selfeval.indicator")]
    assert got == [("selfeval.indicator.score_le_weight", "warning")]


def test_breakdown_of_fiscal_row() -> None:
    from .builders import funding_row

    se = dept_table().model_copy(
        update={
            "funding": [
                funding_row("年度资金总额", "total", "100", "100", "90"),
                funding_row("财政拨款", "fiscal", "100", "100", "90"),
                funding_row("其中：上级补助", "superior", None, None, None, is_breakdown=True),
                funding_row("本级安排", "own", "100", "80", "90"),
                funding_row("其他资金", "other", None, None, None),
            ]
        }
    )
    got = [(f.rule, f.where) for f in run(record(se), "selfeval.funding")]
    assert got == [("selfeval.funding.breakdown", "self_evals[0].funding[1].annual_budget")]


def test_decimal_values_are_exact() -> None:
    assert isinstance(dept_table().funding[0].annual_budget.yuan, Decimal)  # type: ignore[union-attr]


def test_every_rule_is_documented() -> None:
    from pathlib import Path

    from cnfiscal.validate.rules import RULES

    doc = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    ours = [r.id for r in RULES if r.id.startswith(("selfeval.", "report."))]
    assert len(ours) == len(set(ours)) == 21
    assert [i for i in ours if f"`{i}`" not in doc] == []


def test_subtotal_target_in_wan_yuan_rounds() -> None:
    se = dept_table()
    kid = se.indicators[10]
    se.indicators[10] = kid.model_copy(
        update={"target": Measure(raw="27.61", value=D("276100"), unit="元", kind="money")}
    )
    got = [(f.rule, f.severity.value, f.difference) for f in run(record(se), "selfeval.indicator.subtotal")]
    assert got == [("selfeval.indicator.subtotal", "info", "-100")]  # 0.01 万元 of 尾数: ±150 元


def test_document_bands_override_default() -> None:
    se = dept_table().model_copy(
        update={
            "total": Total(weight=D(100), score=D(86)),
            "conclusion": Conclusion(grade="优"),
            "indicators": [qual("产出指标", 90, "x", "90", "78.1", reason="r")],
        }
    )
    assert [f.stated for f in run(record(se), "selfeval.conclusion.grade_band")] == ["优"]  # default: 86 is 良
    se.notes.append("4.评价结果：综合评分85分（含）以上为优，70（含）-85分为良，60（含）-70分为中，60分以下为差。")
    assert run(record(se), "selfeval.conclusion.grade_band") == []


def test_crashing_rule_is_recorded_not_raised(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cnfiscal.validate import rules as registry
    from cnfiscal.validate import run_rules

    def boom(_record):  # type: ignore[no-untyped-def]
        raise RuntimeError("bug")

    monkeypatch.setattr(registry, "RULES", [registry.Rule("test.boom", "crashes", "none", boom)])
    findings, errors = run_rules(record(dept_table()))
    assert findings == [] and [(e.stage, e.reason) for e in errors] == [("validate.test.boom", "bug")]


def test_total_score_must_count_funding_when_the_weight_does() -> None:
    # seed004's 总分 weight 100 = 90 + 执行率 10, so a 总分 of 88.5 (the indicators alone) is an error.
    se = dept_table().model_copy(update={"total": Total(weight=D(100), score=D("88.5"))})
    got = [(f.rule, f.severity.value, f.recomputed) for f in run(record(se), "selfeval.indicator.scores_sum")]
    assert got == [("selfeval.indicator.scores_sum", "error", "96.4")]

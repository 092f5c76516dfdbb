"""Rule registry: every rule has a stable id, a one-line description, its tolerance and its severity.

``RULES`` is a plain list of ``Rule``; other rule modules append theirs (``RULES.extend(...)``) at import
time and are imported at the bottom of this module. ``docs/rules.md`` documents every id listed here.
Tolerances come from ``cnfiscal.validate.tolerance`` (shared by all rule modules).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cnfiscal.models import DocumentRecord, Finding
from cnfiscal.validate import report_rules as rep
from cnfiscal.validate import selfeval_conclusion as con
from cnfiscal.validate import selfeval_formula as frm
from cnfiscal.validate import selfeval_funding as fund
from cnfiscal.validate import selfeval_indicators as ind
from cnfiscal.validate import selfeval_total as tot
from cnfiscal.validate import unit_counts as uc
from cnfiscal.validate.base import per_self_eval

SINGLE = "< 1 unit of the stated figure's last printed digit (rounding or truncation) → info"
SUM = "Σ 尾数误差: ½ unit of each rounded part's last digit (+ the total's) → info"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    description: str
    tolerance: str
    check: Callable[[DocumentRecord], Iterable[Finding]]
    severity: str = "error"  # severity of a difference beyond tolerance


def _self_eval_rules() -> list[Rule]:
    lift = per_self_eval
    return [
        Rule(
            "selfeval.funding.sum",
            "年度资金总额 = Σ its components (基本/项目/结转 or 财政拨款/其他), per column",
            SUM,
            lift(fund.sum_checks),
        ),
        Rule(
            "selfeval.funding.breakdown", "财政拨款 = 上级补助 + 本级安排, per column", SUM, lift(fund.breakdown_checks)
        ),
        Rule("selfeval.funding.rate", "执行率 = 全年执行数 / 全年预算数", SINGLE, lift(fund.rate_checks)),
        Rule(
            "selfeval.funding.rate_score",
            "执行率得分 = 执行率 × 分值, capped at 分值",
            SINGLE,
            lift(fund.rate_score_checks),
        ),
        Rule(
            "selfeval.indicator.score_le_weight",
            "no score above its weight; 总分 score ≤ 总分 weight",
            "none",
            lift(ind.score_le_weight),
            "error (warning when the 总分 weight leaves out the 执行率 分值)",
        ),
        Rule(
            "selfeval.indicator.weights_sum",
            "总分 weight = Σ indicator weights (+ 执行率 分值 where counted)",
            SUM,
            lift(ind.weights_sum),
        ),
        Rule(
            "selfeval.total.funding_counted",
            "总分 = Σ indicators + the funding block's 分值/得分, when the form's 注 counts 预算资金执行率 in the 总分",
            SUM,
            lift(tot.funding_counted),
        ),
        Rule(
            "selfeval.total.part_weights",
            "a part's heading weight (预算执行情况(10分), 绩效指标(90分)) = the weights of its rows",
            SUM,
            lift(tot.part_weights),
        ),
        Rule(
            "selfeval.indicator.coefficient",
            "指标得分 = 指标权重 × 得分系数, where the form prints a 得分系数",
            SINGLE,
            lift(tot.coefficient),
        ),
        Rule(
            "selfeval.incomplete",
            "indicator rows with a 分值 but no 得分: the form is not filled in (blank, not zero)",
            "none",
            lift(tot.incomplete),
            "warning",
        ),
        Rule(
            "selfeval.indicator.level1_weight",
            "产出指标（50分） etc. = Σ weights of its rows",
            SUM,
            lift(ind.level1_weights),
        ),
        Rule(
            "selfeval.indicator.scores_sum",
            "总分 score = Σ indicator scores (+ 执行率 得分 where counted)",
            SUM,
            lift(ind.scores_sum),
        ),
        Rule(
            "selfeval.indicator.subtotal",
            "a 小计 row = Σ of its rows (weight, score, target amount)",
            SUM,
            lift(ind.subtotals),
        ),
        Rule(
            "selfeval.indicator.formula",
            "quantitative score = B/A × 分值 (≥) or A/B × 分值 (≤), capped",
            SINGLE,
            lift(frm.formula_checks),
            "error when the form's 注 prints the rule, else warning",
        ),
        Rule(
            "selfeval.indicator.reason_missing",
            "a score below its weight has a 未完成原因分析",
            "none",
            lift(ind.reason_missing),
            "warning",
        ),
        Rule(
            "selfeval.conclusion.grade_band",
            "grade fits the 总分 band (优≥90, 良80–90, 中60–80, 差<60)",
            "band edges",
            lift(con.grade_band),
        ),
        Rule(
            "selfeval.conclusion.score_quoted",
            "a score quoted in the conclusion = the table's 总分",
            SINGLE,
            lift(con.score_quoted),
        ),
    ]


def _report_rules() -> list[Rule]:
    return [
        Rule("report.rate", "narrative 执行率 Z% = 执行数 Y / 预算数 X", SINGLE, rep.rate_findings),
        Rule(
            "report.list_sum",
            "an enumerated list of amounts sums to the stated total (项目总资金为 T)",
            SUM,
            rep.list_sum_findings,
        ),
        Rule(
            "report.parts_sum",
            "其中 parts (财政拨款 A 万元 + 其他资金 B 元) sum to the whole",
            SUM,
            rep.parts_sum_findings,
        ),
        Rule(
            "report.count", "a stated count (项目 N 个) = the number of items listed", "0 (exact)", rep.count_findings
        ),
        Rule(
            uc.RULE,
            "a department's stated number of units (下属N家, 共计N家, 行政单位N家…) = the units it lists",
            "0 (exact)",
            uc.unit_count_findings,
        ),
    ]


def _table_rules() -> list[Rule]:
    from cnfiscal.validate.tables_rules import TABLE_RULES

    return [Rule(*row) for row in TABLE_RULES]


RULES: list[Rule] = [*_self_eval_rules(), *_report_rules(), *_table_rules()]

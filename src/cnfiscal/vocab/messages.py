"""Finding messages, as data: one Chinese and one English template per message key.

A rule never writes a sentence: it names a message key (its rule id, or ``rule:variant``) and the figures as
printed (``vocab.show``), and ``Message.render(lang)`` fills the template. The parameters are kept on the
finding (``Finding.message_params``), so the same finding reads in either language at any later time
(``cnfiscal report --lang en``). ``{ne}`` is ``≠`` for a mismatch and ``≈`` for a difference the printed
precision explains (severity info).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field

from cnfiscal.models import DocumentRecord, Finding, Severity
from cnfiscal.vocab.crossdoc import CROSSDOC_TEMPLATES, CROSSDOC_WORDS

Lang = str  # "zh" | "en"
LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# key → (zh, en)
TEMPLATES: dict[str, tuple[str, str]] = {
    # --- self-evaluation tables ---
    "selfeval.funding.sum": (
        "{row}{column}{stated} {ne} {parts} = {sum}",
        "{row} {column} {stated} {ne} {parts} = {sum}",
    ),
    "selfeval.funding.breakdown": (
        "{row}{column}{stated} {ne} {parts} = {sum}",
        "{row} {column} {stated} {ne} {parts} = {sum}",
    ),
    "selfeval.funding.rate": (
        "{row}执行率：全年执行数{executed} ÷ 全年预算数{budget} = {recomputed}，表中为{stated}",
        "{row} 执行率: executed {executed} ÷ budget {budget} = {recomputed}, the table prints {stated}",
    ),
    "selfeval.funding.rate_score": (
        "{row}得分：执行率{rate} × 分值{weight} = {recomputed}（不超过分值），表中为{stated}",
        "{row} 得分: 执行率 {rate} × 分值 {weight} = {recomputed} (capped at 分值), the table prints {stated}",
    ),
    "selfeval.indicator.score_le_weight": (
        "{label}得分{score}分超过其分值{weight}分",
        "{label}: score {score} is above its weight {weight}",
    ),
    "selfeval.indicator.score_le_weight:total": (
        "总分得分{score}分超过总分分值{weight}分",
        "总分 score {score} is above the total weight {weight}",
    ),
    "selfeval.indicator.score_le_weight:convention": (
        "总分得分{score}分超过总分分值{weight}分（所印分值似未计入执行率分值{funding}分）",
        "总分 score {score} is above the total weight {weight} (the printed weight seems to leave out the"
        " 执行率 分值 {funding})",
    ),
    "selfeval.indicator.weights_sum": (
        "总分分值{stated} {ne} {n}项指标分值之和{plus} = {sum}",
        "总分 weight {stated} {ne} Σ of {n} indicator weights{plus} = {sum}",
    ),
    "selfeval.indicator.scores_sum": (
        "总分得分{stated} {ne} {n}项指标得分之和{plus} = {sum}",
        "总分 score {stated} {ne} Σ of {n} indicator scores{plus} = {sum}",
    ),
    "selfeval.indicator.level1_weight": (
        "{level1}（{stated}分） {ne} 其下{n}项指标分值之和 {parts} = {sum}",
        "{level1} ({stated} points) {ne} Σ of its {n} weights {parts} = {sum}",
    ),
    "selfeval.indicator.subtotal": (
        "{label}{field}{stated} {ne} 其下{n}行之和 {sum}",
        "{label} {field} {stated} {ne} Σ of its {n} rows = {sum}",
    ),
    "selfeval.indicator.subtotal:target": (
        "{label}年度指标值{stated} {ne} 其下{n}行之和 {sum}",
        "{label} target {stated} {ne} Σ of its {n} rows = {sum}",
    ),
    "selfeval.indicator.formula": (
        "{label}：{formula} = {recomputed}分（不超过分值，依据{basis}），表中得分为{stated}分",
        "{label}: {formula} = {recomputed} (capped at 分值, per {basis}), the table scores {stated}",
    ),
    "selfeval.indicator.reason_missing": (
        "{label}：得分{score}分低于分值{weight}分，但未填写未完成原因",
        "{label}: score {score} < weight {weight} with no 未完成原因分析",
    ),
    "selfeval.total.funding_counted": (
        "总分{name}{stated} {ne} {n}项指标{name}{indicators} + 执行率{name}{funding} = {sum}"
        "（本表注释将预算资金执行率计入总分：{note}）",
        "总分 {name} {stated} {ne} {n} indicators {indicators} + 执行率 {funding} = {sum} (the form's 注 counts the"
        " 执行率 in the 总分: {note})",
    ),
    "selfeval.total.part_weights": (
        "{label}标题所印分值{stated} {ne} 其下{n}项分值之和 = {sum}",
        "{label} heading weight {stated} {ne} Σ of its {n} weights = {sum}",
    ),
    "selfeval.indicator.coefficient": (
        "{label}：分值{weight} × 得分系数{coefficient} = {recomputed}分，表中得分为{stated}分",
        "{label}: weight {weight} × 得分系数 {coefficient} = {recomputed}, the table scores {stated}",
    ),
    "selfeval.incomplete": (
        "表未填完：{rows}项指标中{no_score}项无得分、{no_actual}项无实际完成值（空白按未填处理，不按0分计）",
        "form not filled in: of {rows} indicators, {no_score} have no 得分 and {no_actual} no 实际完成值 (blank, not"
        " zero)",
    ),
    "selfeval.conclusion.grade_band": (
        "自评等级“{grade}”与总分{score}分不符，应为“{expected}”（{source}：{bands}）",
        "grade {grade} does not fit 总分 {score} (band {expected}; {source}: {bands})",
    ),
    "selfeval.conclusion.score_quoted": (
        "结论中自评得分为{stated}分，表中总分为{total}分",
        "conclusion quotes {stated} 分 but the table's 总分 is {total}",
    ),
    # --- narrative self-evaluation reports ---
    "report.rate": (
        "执行率：执行数{executed} ÷ {budget_name}{budget} = {recomputed}，文中为{stated}",
        "执行率: executed {executed} ÷ {budget_name} {budget} = {recomputed}, the text says {stated}",
    ),
    "report.parts_sum": (
        "{subject}{stated} {ne} 其中各部分之和 {parts} = {sum}",
        "{subject} {stated} {ne} Σ of {n} 其中 parts {parts} = {sum}",
    ),
    "report.list_sum": (
        "{subject}{stated} {ne} 所列{n}项金额之和 {parts} = {sum}",
        "{subject} {stated} {ne} Σ of {n} listed amounts {parts} = {sum}",
    ),
    "report.count": (
        "文中称项目{stated}个，实际列出{n}个",
        "项目 {stated} 个 stated, {n} listed",
    ),
    # --- 决算/预算: sums inside a table ---
    "table.rows_sum": (
        "{table}：{column}{stated} {ne} {n}个类级科目之和 {sum}",
        "{table}: {column} {stated} {ne} Σ of {n} 类 rows = {sum}",
    ),
    "table.level_sum": (
        "{table}：{code} {name}{column}{stated} {ne} 其下{n}个{level}级科目之和 {sum}",
        "{table}: {code} {name} {column} {stated} {ne} Σ of its {n} {level} rows = {sum}",
    ),
    "table.basic_plus_project": (
        "{table}：{code} {name}{column}{stated} {ne} {parts} = {sum}",
        "{table}: {code} {name} {column} {stated} {ne} {parts} = {sum}",
    ),
    "final.total.balance": (
        "{table}：收入总计{stated} {ne} 支出总计{sum}",
        "{table}: 收入总计 {stated} {ne} 支出总计 {sum}",
    ),
    "final.total.balance:side": (
        "{table}：{side}总计{stated} {ne} {parts} = {sum}",
        "{table}: {side}总计 {stated} {ne} {parts} = {sum}",
    ),
    "sangong.sum": (
        "{table}：三公经费合计{stated} {ne} {parts} = {sum}",
        "{table}: 三公 合计 {stated} {ne} {parts} = {sum}",
    ),
    "sangong.sum:car": (
        "{table}：公务用车购置及运行费小计{stated} {ne} {parts} = {sum}",
        "{table}: 公务用车 小计 {stated} {ne} {parts} = {sum}",
    ),
    # --- 决算/预算: two tables ---
    "final.cross_table": (
        "{label}：{table_a}为{stated}，{table_b}为{other}",
        "{label}: {table_a} prints {stated}, {table_b} prints {other}",
    ),
    "final.cross_table:basic_split": (
        "基本支出{stated} {ne} 人员经费合计与公用经费合计之和 {parts} = {sum}",
        "基本支出 {stated} {ne} 人员经费合计 + 公用经费合计 {parts} = {sum}",
    ),
    # --- 决算/预算: narrative against the tables ---
    "claim.share": (
        "{subject}占比：{part} ÷ {whole_subject}{whole} = {recomputed}，文中为{stated}",
        "{subject} share: {part} ÷ {whole_subject} {whole} = {recomputed}, the text says {stated}",
    ),
    "claim.rate": (
        "完成率：决算数{executed} ÷ 预算数{budget} = {recomputed}，文中为{stated}",
        "completion rate: 决算 {executed} ÷ 预算 {budget} = {recomputed}, the text says {stated}",
    ),
    "claim.change": (
        "增减幅度：（{current} − {prior}）÷ {prior} = {recomputed}，文中为{stated}",
        "change: ({current} − {prior}) ÷ {prior} = {recomputed}, the text says {stated}",
    ),
    "claim.change:delta": (
        "增减幅度：{delta} ÷ 上年数{prior}（{current} − ({delta})）= {recomputed}，文中为{stated}",
        "change: {delta} ÷ prior year {prior} ({current} − ({delta})) = {recomputed}, the text says {stated}",
    ),
    "claim.table": (
        "{subject}：文中为{stated}，{table}中为{other}",
        "{subject}: the text says {stated}, {table} prints {other}",
    ),
    "claim.same_item": (
        "{item}：金额为{stated}，{subject}又写作{other}",
        "{item}: {stated}, and {subject} {other}",
    ),
    "doc.direction_word": (
        "文中称“{word}”，但决算数{executed} {actual} 预算数{budget}",
        "'{word}' but 决算 {executed} {actual} 预算 {budget}",
    ),
    "doc.class_name": (
        "文中的“{name}（类）”不是{table}中的类级科目",
        "class {name}（类） is not a 类 row of {table}",
    ),
    "doc.unit_name": (
        "{table}：编制单位“{name}”与封面单位“{cover}”不一致",
        "{table}: 编制部门 {name} is not the cover's {cover}",
    ),
    "doc.year_mismatch": (
        "{table}：表中年度为{year}年，报告年度为{report_year}年",
        "{table}: year {year} in a {report_year} report",
    ),
    "doc.year_mismatch:narrative": (
        "文中写作{year}年，此处应为{expected}年（报告年度{report_year}年）",
        "year {year} where {expected} is expected (report year {report_year})",
    ),
    "doc.template_residue": (
        "该页有{n}行留有模板文字“{residue}”",
        "template residue '{residue}' on {n} line(s) of the page",
    ),
    "doc.template_residue:row": (
        "行名中留有模板文字“{residue}”",
        "template residue '{residue}' in a row label",
    ),
    "doc.missing_table": (
        "目录列有{title}，但文件中未找到该表",
        "目录 lists {title} but the table was not found",
    ),
    "doc.missing_table:standard": (
        "未找到标准公开表{title}",
        "standard table {title} not found",
    ),
    "doc.empty_contradiction": (
        "{table}：注明为空表，却印有{n}个非零金额",
        "{table}: noted as empty but prints {n} non-zero amounts",
    ),
    "doc.blank_page": (
        "第{page}页为空白页",
        "page {page} is blank",
    ),
    # doc.unit_count: the units a department's document states against those it lists
    "doc.unit_count:subordinate": (
        "文中称“{raw}”，所列本级以外的单位为{n}家",
        "“{raw}” stated ({stated} units besides the department's own), {n} listed",
    ),
    "doc.unit_count:total": (
        "文中称“{raw}”，所列单位为{n}家",
        "“{raw}” stated ({stated} units), {n} listed",
    ),
    "doc.unit_count:kinds": (
        "文中称“{raw}”，合计{stated}家，所列单位为{n}家",
        "“{raw}” stated, {stated} units in all; {n} listed",
    ),
    **CROSSDOC_TEMPLATES,  # corpus.* rules across documents (issue 14)
    # corpus.department.sum_units: a department's figure against the sum of its units' (issue 14)
    "corpus.department.sum_units": (
        "部门{dept}的{item}{dept_value}（第{page}页）不等于所列{n}家单位之和{sum}：{units}",
        "department {dept}: {item} {dept_value} (p. {page}) is not the sum of its {n} units, {sum}: {units}",
    ),
    "corpus.department.sum_units:transfers": (
        "部门{dept}的{item}{dept_value}（第{page}页）不等于所列{n}家单位之和{sum}：{units}"
        "（部门内部往来如上级补助收入、对附属单位补助支出在汇总时抵消，差额可能由此而来）",
        "department {dept}: {item} {dept_value} (p. {page}) is not the sum of its {n} units, {sum}: {units}"
        " (transfers inside the department, such as 上级补助收入 and 对附属单位补助支出, cancel out when consolidated:"
        " the difference may come from them)",
    ),
}

# Words that fill template parameters, per language: the Chinese word is what a rule passes.
WORDS: dict[str, str] = {
    "本表注释": "the form's 注",
    "标准评分规则，本表未印": "the standard rule (not printed in this form)",
    "默认等级标准": "default bands",
    "本文件的等级标准": "the document's bands",
    "分值": "weight",
    "得分": "score",
    **CROSSDOC_WORDS,
}
MISMATCH, WITHIN = "≠", "≈"


@dataclass(frozen=True, slots=True)
class Message:
    """A message key and its parameters (figures as printed, names as printed)."""

    key: str
    params: Mapping[str, str] = field(default_factory=dict)

    def render(self, lang: Lang = DEFAULT_LANG, within: bool = False) -> str:
        return render(self.key, self.params, lang, within)


def msg(key: str, **params: object) -> Message:
    """``msg("claim.rate", executed="1.2万元", …)``: every value is kept as text."""
    return Message(key, {k: "" if v is None else str(v) for k, v in params.items()})


class _Params(dict[str, str]):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def render(key: str, params: Mapping[str, str], lang: Lang = DEFAULT_LANG, within: bool = False) -> str:
    """The message of ``key`` in ``lang`` (zh, en); ``within``: the difference is inside tolerance (≈)."""
    zh, en = TEMPLATES[key]
    values = _Params(params)
    if lang == "en":
        values.update({k: WORDS.get(v, v) for k, v in params.items()})
    values["ne"] = WITHIN if within else MISMATCH
    return string.Formatter().vformat(en if lang == "en" else zh, (), values).strip()


def placeholders(key: str) -> set[str]:
    """The parameter names both templates of ``key`` use (for the tests: zh and en name the same figures)."""
    return {name for t in TEMPLATES[key] for _, name, _, _ in string.Formatter().parse(t) if name}


def message_in(finding: Finding, lang: Lang) -> str:
    """A finding's message in ``lang`` (its stored message when it has no template key)."""
    if finding.message_key is None or finding.message_key not in TEMPLATES:
        return finding.message
    return render(finding.message_key, finding.message_params, lang, within=finding.severity is Severity.INFO)


def localized(record: DocumentRecord, lang: Lang) -> DocumentRecord:
    """The record with its findings' messages in ``lang``."""
    if lang == DEFAULT_LANG:
        return record
    findings = [f.model_copy(update={"message": message_in(f, lang)}) for f in record.findings]
    return record.model_copy(update={"findings": findings})

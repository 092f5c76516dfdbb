"""The rules of 决算/预算 reports, as rows for ``rules.RULES``: (id, description, tolerance, check, severity).

Every finding a check yields carries the row's id as its ``rule``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from cnfiscal.models import DocumentRecord, Finding
from cnfiscal.validate import tables_claims as tc
from cnfiscal.validate import tables_doc as td
from cnfiscal.validate import tables_narrative as tn
from cnfiscal.validate import tables_sangong as tsg
from cnfiscal.validate import tables_sangong_claims as tsc
from cnfiscal.validate import tables_sums as ts

SINGLE = "< 1 unit of the stated figure's last printed digit (rounding or truncation) → info"
SUM = "Σ 尾数误差: ½ unit of each rounded part's last digit (+ the total's) → info"

Check = Callable[[DocumentRecord], Iterable[Finding]]
RuleRow = tuple[str, str, str, Check, str]


def _both(*checks: Check) -> Check:
    def run(record: DocumentRecord) -> Iterator[Finding]:
        return chain.from_iterable(c(record) for c in checks)

    return run


TABLE_RULES: list[RuleRow] = [
    (
        "final.total.balance",
        "总表: 收入总计 = 支出总计; each side's 总计 = 本年合计 + 结转/结余 lines",
        SUM,
        ts.total_balance,
        "error",
    ),
    ("table.rows_sum", "a table's 合计 row = Σ its 类 rows, per column", SUM, ts.rows_sum, "error"),
    ("table.level_sum", "类 = Σ its 款, 款 = Σ its 项 (by code prefix), per column", SUM, ts.level_sum, "error"),
    (
        "table.basic_plus_project",
        "合计 = 基本支出 + 项目支出 (+ 上缴/经营/补助); 合计 = 人员经费 + 公用经费, per row",
        SUM,
        ts.basic_plus_project,
        "error",
    ),
    (
        "final.cross_table",
        "the same figure in two tables agrees (总表 vs 收入/支出表, 财政拨款总表 vs 一般公共预算表, "
        "预算总表 vs 收入/支出预算总表)",
        SUM,
        _both(td.cross_table, td.basic_split, td.class_lines),
        "error",
    ),
    (
        "sangong.sum",
        "三公 合计 = 因公出国（境） + 公务用车 + 公务接待; 公务用车 小计 = 购置 + 运行, per 预算数/决算数",
        SUM,
        tsg.sangong_sum,
        "error",
    ),
    ("claim.share", "a stated share 占X% = its amount / the paragraph's whole", SINGLE, tc.share_findings, "error"),
    ("claim.rate", "完成年初预算的X% = 决算 / 年初预算 of its paragraph", SINGLE, tc.rate_findings, "error"),
    (
        "claim.change",
        "减少/增加 D万元, 下降/增长 P%: P = D / (this year's amount ∓ D)",
        SINGLE,
        tc.change_findings,
        "error",
    ),
    (
        "claim.table",
        "an amount the narrative states for a table line (总计, 本年收入合计, XX支出（类）, a 类/款/项 "
        "line's 支出决算) = the table's figure",
        SUM,
        _both(tc.table_findings, tn.class_lines, tsc.sangong_claims),
        "error",
    ),
    (
        "claim.same_item",
        "an item's amount restated in its paragraph (…预算安排X万元) is the same amount",
        SUM,
        tc.same_item,
        "error",
    ),
    (
        "doc.direction_word",
        "决算数大于/小于/等于预算数 agrees with the 决算 and 预算 amounts of its paragraph",
        "none",
        tn.direction_words,
        "error",
    ),
    (
        "doc.class_name",
        "a 类 named in the narrative (XX支出（类）) is a 类 row of the expenditure table",
        "none",
        tn.class_names,
        "warning",
    ),
    (
        "doc.unit_name",
        "a table's 编制部门/单位 is the unit named on the cover",
        "none",
        td.unit_name,
        "warning",
    ),
    (
        "doc.year_mismatch",
        "a year in a table heading or the narrative (截至YYYY年12月31日, 比YYYY年预算) that "
        "contradicts the report's year",
        "none",
        _both(td.year_mismatch, tn.narrative_years),
        "warning",
    ),
    (
        "doc.template_residue",
        "template residue (XX, 增加（减少）, an unfinished 主要原因是。)",
        "none",
        td.template_residue,
        "warning",
    ),
    (
        "doc.missing_table",
        "a standard table listed in the 目录 (or of the standard set) is missing",
        "none",
        td.missing_table,
        "error",
    ),
    (
        "doc.empty_contradiction",
        "a table noted as empty (本表为空表 / 无数据) prints non-zero amounts",
        "none",
        td.empty_contradiction,
        "error",
    ),
    ("doc.blank_page", "a blank page inside the report", "none", td.blank_page, "info"),
]

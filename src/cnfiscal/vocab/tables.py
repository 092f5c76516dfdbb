"""Standard tables of 部门决算 and 部门预算 reports: kinds, title patterns, codes and header labels.

Titles are matched against a line with whitespace, a leading year (``2025年``), a leading ``部门`` and
quote marks removed. A line in the 目录 carries a list number (``一、``, ``5．``) and is not a title.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TableKind(StrEnum):
    # 部门决算
    FINAL_TOTAL = "final.total"  # 收入支出决算总表
    FINAL_INCOME = "final.income"  # 收入决算表
    FINAL_EXPENSE = "final.expense"  # 支出决算表
    FINAL_FISCAL_TOTAL = "final.fiscal_total"  # 财政拨款收入支出决算总表
    FINAL_NONFISCAL_TOTAL = "final.nonfiscal_total"  # 非财政拨款收入支出决算总表
    FINAL_GENERAL = "final.general"  # 一般公共预算财政拨款支出决算表
    FINAL_GENERAL_BASIC = "final.general_basic"  # 一般公共预算财政拨款基本支出决算（明细）表
    FINAL_FUND = "final.fund"  # 政府性基金预算财政拨款收入支出决算表
    FINAL_STATE_CAPITAL = "final.state_capital"  # 国有资本经营预算财政拨款（收入）支出决算表
    FINAL_SANGONG = "final.sangong"  # 财政拨款"三公"经费支出决算表
    # 部门预算
    BUDGET_TOTAL = "budget.total"  # 财务收支预算总表
    BUDGET_INCOME = "budget.income"  # 收入预算总表
    BUDGET_EXPENSE = "budget.expense"  # 支出预算总表
    BUDGET_FISCAL_TOTAL = "budget.fiscal_total"  # 财政拨款收支预算总表
    BUDGET_GENERAL = "budget.general"  # 一般公共预算支出功能分类预算表
    BUDGET_FUND = "budget.fund"  # 政府性基金预算支出功能分类预算表
    BUDGET_STATE_CAPITAL = "budget.state_capital"  # 国有资本经营预算支出功能分类预算表
    BUDGET_GENERAL_BASIC = "budget.general_basic"  # 一般公共预算基本支出部门预算经济分类预算表
    BUDGET_SANGONG = "budget.sangong"  # "三公"经费和机关运行经费预算表


@dataclass(frozen=True, slots=True)
class TableSpec:
    kind: TableKind
    title: str  # canonical title
    pattern: str  # regex source, matched in full against the folded title text
    public_no: int | None = None  # NN of 公开NN表 in the standard 决算 set
    required: bool = True  # part of the standard set (a missing one is a finding)


TABLE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(TableKind.FINAL_TOTAL, "收入支出决算总表", r"收入支出决算总表", 1),
    TableSpec(TableKind.FINAL_INCOME, "收入决算表", r"收入决算表", 2),
    TableSpec(TableKind.FINAL_EXPENSE, "支出决算表", r"支出决算表", 3),
    TableSpec(TableKind.FINAL_FISCAL_TOTAL, "财政拨款收入支出决算总表", r"财政拨款收入支出决算总表", 4),
    TableSpec(TableKind.FINAL_NONFISCAL_TOTAL, "非财政拨款收入支出决算总表", r"非财政拨款收入支出决算总表", 5, False),
    TableSpec(TableKind.FINAL_GENERAL, "一般公共预算财政拨款支出决算表", r"一般公共预算财政拨款支出决算表", 6),
    TableSpec(
        TableKind.FINAL_GENERAL_BASIC,
        "一般公共预算财政拨款基本支出决算表",
        r"一般公共预算财政拨款基本支出决算(?:明细)?表",
        7,
    ),
    TableSpec(TableKind.FINAL_FUND, "政府性基金预算财政拨款收入支出决算表", r"政府性基金预算财政拨款收入支出决算表", 8),
    TableSpec(
        TableKind.FINAL_STATE_CAPITAL,
        "国有资本经营预算财政拨款支出决算表",
        r"国有资本经营预算财政拨款(?:收入)?支出决算表",
        9,
    ),
    TableSpec(TableKind.FINAL_SANGONG, "财政拨款“三公”经费支出决算表", r"财政拨款三公经费支出决算表", 10),
    TableSpec(TableKind.BUDGET_TOTAL, "部门财务收支预算总表", r"(?:部门)?财务收支预算总表"),
    TableSpec(TableKind.BUDGET_INCOME, "部门收入预算总表", r"(?:部门)?收入预算总表"),
    TableSpec(TableKind.BUDGET_EXPENSE, "部门支出预算总表", r"(?:部门)?支出预算总表"),
    TableSpec(TableKind.BUDGET_FISCAL_TOTAL, "部门财政拨款收支预算总表", r"(?:部门)?财政拨款收支预算总表"),
    TableSpec(
        TableKind.BUDGET_GENERAL, "部门一般公共预算支出功能分类预算表", r"(?:部门)?一般公共预算支出功能分类预算表"
    ),
    TableSpec(
        TableKind.BUDGET_FUND, "部门政府性基金预算支出功能分类预算表", r"(?:部门)?政府性基金预算支出功能分类预算表"
    ),
    TableSpec(
        TableKind.BUDGET_STATE_CAPITAL,
        "部门国有资本经营预算支出功能分类预算表",
        r"(?:部门)?国有资本经营预算支出功能分类预算表",
    ),
    TableSpec(
        TableKind.BUDGET_GENERAL_BASIC,
        "部门一般公共预算基本支出部门预算经济分类预算表",
        r"(?:部门)?一般公共预算基本支出部门预算经济分类预算表",
    ),
    TableSpec(TableKind.BUDGET_SANGONG, "部门“三公”经费和机关运行经费预算表", r"(?:部门)?三公经费和机关运行经费预算表"),
)
SPEC_BY_KIND: dict[TableKind, TableSpec] = {s.kind: s for s in TABLE_SPECS}

FINAL_KINDS = tuple(s.kind for s in TABLE_SPECS if s.kind.value.startswith("final."))
BUDGET_KINDS = tuple(s.kind for s in TABLE_SPECS if s.kind.value.startswith("budget."))

# Removed from a line before matching a title: quotes, a leading year, the 部门 prefix is in the patterns.
TITLE_STRIP = r"[\s“”\"'‘’「」『』]"
TITLE_YEAR_PREFIX = r"^(?:(?:19|20)\d{2}年度?)"
PUBLIC_CODE = r"公开\s*(\d{1,2})\s*表"
UNIT_LINE = r"单\s*位\s*[:：]\s*(万元|亿元|元)"
DEPT_LINE = r"^(?:编制部门|编制单位|部门|单位名称)\s*[:：]\s*(\S+?)(?:\s|$)"
# A 目录 line or a narrative heading starts with a list number.
LIST_NUMBER = (
    r"^(?:[-•·]\s*)?(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*(?:[．、]|\.(?!\d)))"
)
EMPTY_TABLE_MARKS = (r"本表为空表", r"本表无数据", r"故本表为空", r"无数据")
NOTE_PREFIX = r"^(?:注|说明)\s*\d?\s*[:：.．]"

# Header labels of label columns (not value columns).
LABEL_HEADERS: frozenset[str] = frozenset(
    {
        "项目",
        "栏次",
        "行",
        "行次",
        "科目编码",
        "科目名称",
        "类",
        "款",
        "项",
        "功能分类科目编码",
        "功能分类科目名称",
        "功能分类",
        "支出功能分类",
        "支出功能分类科目编码",
        "经济分类",
        "经济分类科目编码",
        "经济分类科目名称",
        "部门预算经济分类科目编码",
        "部门预算经济分类科目",
        "编码",
        "收入",
        "支出",
        "收入预算",
        "支出预算",
    }
)
# Leaf headers that need their parent's name to be unambiguous (``本年支出`` + ``合计``).
GENERIC_LEAVES: frozenset[str] = frozenset({"合计", "小计", "金额", "决算数", "预算数", "数", "总计"})

# Headers that are whole labels (never the first line of a wrapped label).
COMPLETE_HEADERS: frozenset[str] = frozenset({"基本支出", "项目支出", "人员经费", "公用经费", "购置费", "运行费"})
# Columns that add up to a row's 合计 column, by breakdown (the first that a table has at least two of).
TOTAL_PART_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
    ("人员经费", "公用经费"),
)
# Header words naming the side of a two-sided table.
SIDE_WORDS: tuple[str, ...] = ("收入", "支出")

# Row labels that close a table or a block (anchors of rows without a subject code).
TOTAL_ROW_PATTERN = (
    r"^(?:合计|总计|小计|本年收入合计|本年支出合计|收入总计|支出总计|人员经费合计|公用经费合计|"
    r"本年收入|本年支出|.{0,8}合计|.{0,8}总计)$"
)
ROW_START_PATTERN = (
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*(?:[．、]|\.(?!\d))|其中\s*[:：]?|"
    r"使用非财政拨款结余|年初|年末|结余分配|上年结转|用事业基金弥补收支差额|栏次)"
)
# Subject codes: 类 3 digits, 款 5, 项 7 (功能分类); 经济分类 类 3, 款 5.
CODE_LEVELS: dict[int, str] = {3: "类", 5: "款", 7: "项"}

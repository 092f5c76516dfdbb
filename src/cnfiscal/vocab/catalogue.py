"""The catalogue of standard tables of 部门预算 and 部门决算, as the Ministry of Finance templates and the provinces'
versions of them have named them (2015–2025): kinds, title patterns, and the template families that say which
tables a document of the family must publish.

A title is matched in full against a line folded by ``fold_title``: whitespace, quote marks, a table code
(公开01表, 公开表一, 表1, 附表1, 预算01表), a leading year and a trailing parenthesis naming the
classification (（功能科目）, （按经济分类）) removed. The patterns allow the prefixes 部门 / 单位 / 预算单位.
A line of the 目录 carries a list number and is not a title.
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
    FINAL_OFFICE_COST = "final.office_cost"  # 机关运行经费支出决算表
    FINAL_PROCUREMENT = "final.procurement"  # 政府采购支出决算表
    # 部门预算
    BUDGET_TOTAL = "budget.total"  # 财务收支预算总表 / 收支预算总表 / 部门收支总表
    BUDGET_INCOME = "budget.income"  # 收入预算总表
    BUDGET_EXPENSE = "budget.expense"  # 支出预算总表
    BUDGET_FISCAL_TOTAL = "budget.fiscal_total"  # 财政拨款收支预算总表
    BUDGET_FISCAL_EXPENSE = "budget.fiscal_expense"  # 财政拨款支出预算表（功能科目）
    BUDGET_FISCAL_BASIC = "budget.fiscal_basic"  # 财政拨款基本支出预算表（经济科目）
    BUDGET_GENERAL = "budget.general"  # 一般公共预算支出（功能分类）预算表
    BUDGET_FUND = "budget.fund"  # 政府性基金预算支出（功能分类）预算表
    BUDGET_STATE_CAPITAL = "budget.state_capital"  # 国有资本经营预算支出（功能分类）预算表
    BUDGET_GENERAL_BASIC = "budget.general_basic"  # 一般公共预算基本支出（部门预算经济分类）预算表
    BUDGET_SANGONG = "budget.sangong"  # "三公"经费 (alone, with 会议费、培训费, or with 机关运行经费) 预算表
    BUDGET_OFFICE_COST = "budget.office_cost"  # 一般公共预算机关运行经费支出预算表
    BUDGET_PROCUREMENT = "budget.procurement"  # 政府采购（支出）预算表
    BUDGET_PROJECT = "budget.project"  # 项目支出预算表


@dataclass(frozen=True, slots=True)
class TableSpec:
    kind: TableKind
    title: str  # canonical title
    pattern: str  # regex source, matched in full against the folded title text
    public_no: int | None = None  # NN of 公开NN表 in the standard 决算 set


_P = r"(?:部门|单位|预算单位)?"  # a title's owner prefix
_FISCAL = r"(?:财政拨款)?"
# A title's owner written out (a web page's table: ``某市某局部门“三公”经费…表``, ``区本级“三公”经费…表``).
_OWNER = r"(?:\p{Han}{0,24}?(?:本级|部门|单位))?"

TABLE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(TableKind.FINAL_TOTAL, "收入支出决算总表", _P + r"收入支出决算(?:总|批复)表", 1),  # 批复表: as approved
    TableSpec(TableKind.FINAL_INCOME, "收入决算表", _P + r"收入决算表", 2),
    TableSpec(TableKind.FINAL_EXPENSE, "支出决算表", _P + r"支出决算表", 3),
    TableSpec(TableKind.FINAL_FISCAL_TOTAL, "财政拨款收入支出决算总表", _P + r"财政拨款收入支出决算总表", 4),
    TableSpec(TableKind.FINAL_NONFISCAL_TOTAL, "非财政拨款收入支出决算总表", _P + r"非财政拨款收入支出决算总表", 5),
    TableSpec(  # 公共预算: its name before 2015; 收入支出…批复表: the 2014 template's, as approved
        TableKind.FINAL_GENERAL,
        "一般公共预算财政拨款支出决算表",
        _P + r"(?:一般)?公共预算财政拨款(?:收入)?支出决算(?:批复)?表",
        6,
    ),
    TableSpec(
        TableKind.FINAL_GENERAL_BASIC,
        "一般公共预算财政拨款基本支出决算表",
        _P + r"一般公共预算财政拨款基本支出决算(?:明细)?表",
        7,
    ),
    TableSpec(
        TableKind.FINAL_FUND, "政府性基金预算财政拨款收入支出决算表", _P + r"政府性基金预算财政拨款收入支出决算表", 8
    ),
    TableSpec(
        TableKind.FINAL_STATE_CAPITAL,
        "国有资本经营预算财政拨款支出决算表",
        _P + r"国有资本经营预算财政拨款(?:收入)?支出决算表",
        9,
    ),
    TableSpec(
        TableKind.FINAL_SANGONG,
        "财政拨款“三公”经费支出决算表",
        _P + r"(?:一般公共预算)?财政拨款三公经费(?:、?会议费、?培训费)?支出决算表",
        10,
    ),
    TableSpec(TableKind.FINAL_OFFICE_COST, "机关运行经费支出决算表", _P + r"(?:一般公共预算)?机关运行经费支出决算表"),
    TableSpec(TableKind.FINAL_PROCUREMENT, "政府采购支出决算表", _P + r"政府采购(?:支出)?决算表"),
    TableSpec(TableKind.BUDGET_TOTAL, "部门财务收支预算总表", _P + r"(?:财务)?收支(?:预算)?总表"),
    TableSpec(TableKind.BUDGET_INCOME, "部门收入预算总表", _P + r"收入预算(?:总)?表"),
    TableSpec(TableKind.BUDGET_EXPENSE, "部门支出预算总表", _P + r"支出预算(?:总)?表"),
    TableSpec(TableKind.BUDGET_FISCAL_TOTAL, "部门财政拨款收支预算总表", _P + r"财政拨款收支(?:预算)?总表"),
    TableSpec(TableKind.BUDGET_FISCAL_EXPENSE, "财政拨款支出预算表", _P + r"财政拨款支出预算表"),
    TableSpec(TableKind.BUDGET_FISCAL_BASIC, "财政拨款基本支出预算表", _P + r"财政拨款基本支出预算表"),
    TableSpec(
        TableKind.BUDGET_GENERAL,
        "部门一般公共预算支出功能分类预算表",
        _P + r"一般公共预算" + _FISCAL + r"支出(?:功能分类)?(?:预算)?表",
    ),
    TableSpec(
        TableKind.BUDGET_FUND,
        "部门政府性基金预算支出功能分类预算表",
        _P + _FISCAL + r"政府性基金(?:预算)?" + _FISCAL + r"支出(?:功能分类)?(?:预算)?表",
    ),
    TableSpec(
        TableKind.BUDGET_STATE_CAPITAL,
        "部门国有资本经营预算支出功能分类预算表",
        _P + _FISCAL + r"国有资本经营(?:预算)?" + _FISCAL + r"支出(?:功能分类)?(?:预算)?表",
    ),
    TableSpec(
        TableKind.BUDGET_GENERAL_BASIC,
        "部门一般公共预算基本支出部门预算经济分类预算表",
        _P + r"一般公共预算" + _FISCAL + r"基本支出(?:部门预算)?(?:经济分类)?(?:预算)?表",
    ),
    TableSpec(
        TableKind.BUDGET_SANGONG,
        "部门“三公”经费和机关运行经费预算表",
        _OWNER
        + r"(?:一般公共预算)?"
        + _FISCAL
        + r"三公经费(?:和机关运行经费|、?会议费、?培训费)?(?:(?:支出)?预算(?:支出)?|情况统计)表",
    ),
    TableSpec(
        TableKind.BUDGET_OFFICE_COST,
        "一般公共预算机关运行经费支出预算表",
        _P + r"(?:一般公共预算)?" + _FISCAL + r"机关运行经费(?:支出)?预算表",
    ),
    TableSpec(TableKind.BUDGET_PROCUREMENT, "政府采购支出预算表", _P + r"政府采购(?:支出)?预算表"),
    TableSpec(TableKind.BUDGET_PROJECT, "项目支出预算表", _P + r"(?:一般公共预算)?" + _FISCAL + r"项目支出预算表"),
)
SPEC_BY_KIND: dict[TableKind, TableSpec] = {s.kind: s for s in TABLE_SPECS}

FINAL_KINDS = tuple(s.kind for s in TABLE_SPECS if s.kind.value.startswith("final."))
BUDGET_KINDS = tuple(s.kind for s in TABLE_SPECS if s.kind.value.startswith("budget."))

# Folded away before a title is matched: a table code before or after the title, a trailing parenthesis.
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]+)"
TITLE_CODE = rf"^(?:公开|预算|决算|附)?{_NUM}?表{_NUM}?[:：]?(?=.)"
TITLE_TAIL = r"[（(](?:按|分)?(?:功能|经济)(?:分类)?(?:科目)?[)）]$"


@dataclass(frozen=True, slots=True)
class TemplateFamily:
    """A set of tables the templates of one era/level publish together. A document belongs to the family when it
    holds at least ``min_share`` of the family's kinds; it must then hold all of ``required``."""

    name: str
    kinds: tuple[TableKind, ...]
    required: tuple[TableKind, ...]
    min_share: float = 0.6


_FN = TableKind
_FINAL_PUBLIC10 = (
    _FN.FINAL_TOTAL,
    _FN.FINAL_INCOME,
    _FN.FINAL_EXPENSE,
    _FN.FINAL_FISCAL_TOTAL,
    _FN.FINAL_GENERAL,
    _FN.FINAL_GENERAL_BASIC,
    _FN.FINAL_FUND,
    _FN.FINAL_STATE_CAPITAL,
    _FN.FINAL_SANGONG,
)
TEMPLATE_FAMILIES: tuple[TemplateFamily, ...] = (
    TemplateFamily(  # 决算 公开01–10表 (Ministry of Finance, 2016–): 非财政拨款总表 only where the unit has such funds
        "final.public10",
        _FINAL_PUBLIC10,
        _FINAL_PUBLIC10,  # every one required
    ),
    TemplateFamily(  # 预算 功能分类/经济分类 set (2018–): nine tables, 三公 with 机关运行经费
        "budget.functional9",
        (
            _FN.BUDGET_TOTAL,
            _FN.BUDGET_INCOME,
            _FN.BUDGET_EXPENSE,
            _FN.BUDGET_FISCAL_TOTAL,
            _FN.BUDGET_GENERAL,
            _FN.BUDGET_FUND,
            _FN.BUDGET_STATE_CAPITAL,
            _FN.BUDGET_GENERAL_BASIC,
            _FN.BUDGET_SANGONG,
        ),
        (
            _FN.BUDGET_TOTAL,
            _FN.BUDGET_INCOME,
            _FN.BUDGET_EXPENSE,
            _FN.BUDGET_FISCAL_TOTAL,
            _FN.BUDGET_GENERAL,
            _FN.BUDGET_GENERAL_BASIC,
            _FN.BUDGET_SANGONG,
        ),
        0.75,
    ),
    TemplateFamily(  # 预算 twelve tables with 财政拨款支出/基本支出, 机关运行经费 and 政府采购 (provincial, 2016–2019)
        "budget.fiscal12",
        (
            _FN.BUDGET_TOTAL,
            _FN.BUDGET_INCOME,
            _FN.BUDGET_EXPENSE,
            _FN.BUDGET_FISCAL_TOTAL,
            _FN.BUDGET_FISCAL_EXPENSE,
            _FN.BUDGET_FISCAL_BASIC,
            _FN.BUDGET_FUND,
            _FN.BUDGET_GENERAL,
            _FN.BUDGET_GENERAL_BASIC,
            _FN.BUDGET_OFFICE_COST,
            _FN.BUDGET_SANGONG,
            _FN.BUDGET_PROCUREMENT,
        ),
        (
            _FN.BUDGET_TOTAL,
            _FN.BUDGET_INCOME,
            _FN.BUDGET_EXPENSE,
            _FN.BUDGET_FISCAL_TOTAL,
            _FN.BUDGET_FISCAL_EXPENSE,
            _FN.BUDGET_FISCAL_BASIC,
            _FN.BUDGET_GENERAL,
            _FN.BUDGET_GENERAL_BASIC,
            _FN.BUDGET_SANGONG,
        ),
        0.75,
    ),
)

# A report that says its tables are published elsewhere (附后, 另行公开, 见附件) is not missing them.
TABLES_ELSEWHERE = (
    r"(?:公开表|预算表|决算表|报表|表样|表格)(?:见)?附后",
    r"(?:公开表|预算表|决算表|报表)(?:另行|单独)公开",
    r"具体(?:公开)?表(?:样|格)?(?:见)?附(?:后|件)",
)
# The record's warning that carries the sentence (read by the missing-table rule).
TABLES_ELSEWHERE_NOTE = "tables published separately"

# What a table of a kind holds (column headers, row labels and codes joined by ``|``): every pattern must be
# found. The title proposes the kind, the content confirms it; a table whose content does not fit gets a warning
# naming the kinds it does fit. Kinds without an entry (or an empty table) are not judged.
_TOTAL_SIDES = (r"收入", r"支出")
_SANGONG = (r"因公出国|公务接待|公务用车",)
_FUNCTIONAL = (r"(?:^|\|)2\d{2}(?:\||\d)|支出",)  # 功能分类 codes 2xx
_ECONOMIC = (r"(?:^|\|)30\d|工资福利|商品和服务|人员经费|公用经费",)  # 经济分类 codes 30x
CONTENT_SIGNS: dict[TableKind, tuple[str, ...]] = {
    TableKind.FINAL_TOTAL: _TOTAL_SIDES,
    TableKind.FINAL_FISCAL_TOTAL: _TOTAL_SIDES,
    TableKind.BUDGET_TOTAL: _TOTAL_SIDES,
    TableKind.BUDGET_FISCAL_TOTAL: _TOTAL_SIDES,
    TableKind.FINAL_SANGONG: _SANGONG,
    TableKind.BUDGET_SANGONG: _SANGONG,
    TableKind.BUDGET_OFFICE_COST: (r"机关运行|商品和服务支出|办公费",),
    TableKind.BUDGET_PROCUREMENT: (r"采购|自行组织|货物|工程|服务",),  # 采购品目 A 货物 B 工程 C 服务
    TableKind.BUDGET_GENERAL: _FUNCTIONAL,
    TableKind.BUDGET_FISCAL_EXPENSE: _FUNCTIONAL,
    TableKind.BUDGET_GENERAL_BASIC: _ECONOMIC,
    TableKind.BUDGET_FISCAL_BASIC: _ECONOMIC,
    TableKind.FINAL_GENERAL_BASIC: _ECONOMIC,
}

"""Standard tables of 部门决算 and 部门预算 reports: codes, units and header labels (the catalogue of kinds, titles and
template families is ``vocab.catalogue``, re-exported here).

Titles are matched against a line with whitespace, a leading year (``2025年``), a table code and quote marks
removed. A line in the 目录 carries a list number (``一、``, ``5．``) and is not a title.
"""

from __future__ import annotations

from cnfiscal.vocab.catalogue import (
    BUDGET_KINDS,
    CONTENT_SIGNS,
    FINAL_KINDS,
    SPEC_BY_KIND,
    TABLE_SPECS,
    TABLES_ELSEWHERE,
    TABLES_ELSEWHERE_NOTE,
    TEMPLATE_FAMILIES,
    TITLE_CODE,
    TITLE_TAIL,
    TableKind,
    TableSpec,
    TemplateFamily,
)

# Removed from a line before matching a title: quotes, a leading year, the 部门 prefix is in the patterns.
TITLE_STRIP = r"[\s“”\"'‘’「」『』]"
TITLE_YEAR_PREFIX = r"^(?:(?:19|20)\d{2}年度?)"
PUBLIC_CODE = r"公开\s*(\d{1,2})\s*表|公开\s*表\s*([一二三四五六七八九十]+)"
UNIT_LINE = r"单\s*位\s*[:：]\s*(万元|亿元|元)"
DEPT_LINE = (
    r"^(?:编制部门|编制单位|部\s*门(?:名称|[（(]单位[)）])?|单位名称|预算单位|预算主管部门)\s*[:：]\s*(\S+?)(?:\s|$)"
)
# A 目录 line or a narrative heading starts with a list number.
LIST_NUMBER = (
    r"^(?:[-•·]\s*)?(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*(?:[．、]|\.(?!\d)))"
)
# (a whole line in brackets saying there is none: ``(无政府性基金支出）``)
EMPTY_TABLE_MARKS = (r"本表为空表", r"本表无数据", r"故本表为空", r"无数据", r"^[（(]\s*无\p{Han}{2,20}[)）]$")
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

__all__ = [
    "BUDGET_KINDS",
    "CONTENT_SIGNS",
    "FINAL_KINDS",
    "SPEC_BY_KIND",
    "TABLES_ELSEWHERE",
    "TABLES_ELSEWHERE_NOTE",
    "TABLE_SPECS",
    "TEMPLATE_FAMILIES",
    "TITLE_CODE",
    "TITLE_TAIL",
    "TableKind",
    "TableSpec",
    "TemplateFamily",
]

# A 三公 table printed with its parts as rows (项目 | 预算数 …): the row of each part, by its words (spaces, a
# list number and 其中 removed), the first pattern that matches: 购置 alone or 运行 alone is a part, else 公务用车
# is the total.
SANGONG_ROWS: dict[str, str] = {
    "total": r"^(?:合计|总计)$",
    "abroad": r"因公出国",
    "reception": r"公务接待",
    "buy": r"公务用车购置(?:费)?$",
    "run": r"公务用车运行(?:维护)?费$",
    "car": r"公务用车",
}
SANGONG_ROW_PREFIX = r"^(?:其中)?[:：]?(?:\d+[.．、]|[（(]\d+[)）])?"
# A 收入支出 table printed in one column (项目 | 金额, a 批复表): the 收入 rows end with the row named so.
INCOME_PART_END = r"^收入总计$"
# A cell whose column is not certain (a flattened row with fewer amounts than columns): read as unreadable.
UNPLACED_CELL = "？"

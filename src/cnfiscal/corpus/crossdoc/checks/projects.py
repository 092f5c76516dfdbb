"""A project's amount in its office's budget, for a 项目支出 form's 年初预算数 (``corpus.selfeval.initial_budget``).

A budget lists its projects by name in a 项目支出预算表 (table kind ``budget.project``: one row a project, its name in
the row label, the amounts in columns such as 合计 / 财政拨款 / 其他资金). A form's project is found there by its name
compared *exactly* after folding what a name's printing varies in (width forms, whitespace, quote marks, a project code
printed before the name: ``51000021R000000019951-工资性支出`` → ``工资性支出``) — never by likeness: a name the table
does not print is left unchecked, with the reason.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from cnfiscal.corpus.crossdoc.group import Doc
from cnfiscal.models import Money, Table, TableRow
from cnfiscal.vocab import crossdoc as cv

# The rows of a 项目支出 form compared: the whole (年度资金总额) and its 财政拨款.
PROJECT_ROWS: dict[str, str] = {"total": cv.PROJECT_TOTAL_COLUMN, "fiscal": cv.PROJECT_FISCAL_COLUMN}
_CODE = regex.compile(cv.PROJECT_CODE)
_NOISE = regex.compile(cv.PROJECT_NAME_NOISE)
_COLUMNS = {canonical: regex.compile(p) for canonical, p in PROJECT_ROWS.items()}


@dataclass(frozen=True, slots=True)
class Amount:
    """A project's amount as the budget's table prints it."""

    doc: Doc
    money: Money
    page: int | None
    evidence: str


def name_key(name: str) -> str:
    """A project name as compared: width forms folded (NFKC), whitespace and quote marks dropped, a leading project
    code dropped."""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", name))
    return _CODE.sub("", text)


def amounts(name: str | None, canonical: str, year: int | None, budgets: list[Doc]) -> tuple[list[Amount], str]:
    """The amounts the budgets print for the project named ``name`` (column of ``canonical``: total or fiscal),
    or none with the reason."""
    if not name or not name_key(name):
        return [], "the form's 项目名称 was not read"
    tables = [(b, t) for b in budgets for t in b.record.tables if t.kind == "budget.project"]
    if not tables:
        return [], f"the {year} budget does not list its projects (no 项目支出预算表)"
    key = name_key(name)
    rows = [(b, t, r) for b, t in tables for r in t.rows if r.name and name_key(r.name) == key]
    if not rows:
        return [], f"no project named {name} in the {year} budget's 项目支出预算表 (names compared exactly)"
    found = [a for b, t, r in rows if (a := _amount(b, t, r, canonical)) is not None]
    if not found:
        return [], f"the {year} budget's 项目支出预算表 prints no {canonical} amount for {name}"
    return found, ""


def _amount(doc: Doc, table: Table, row: TableRow, canonical: str) -> Amount | None:
    pattern = _COLUMNS[canonical]
    column = next((c for c, m in row.values.items() if m is not None and pattern.search(regex.sub(r"\s", "", c))), None)
    if column is None and canonical == "total":
        column = next((c for c, m in row.values.items() if m is not None), None)
    money = row.values.get(column) if column is not None else None
    if money is None:
        return None
    page = money.page or row.page or table.page_start
    return Amount(doc, money, page, f"{table.name}：{row.name} {column} {money.raw}")

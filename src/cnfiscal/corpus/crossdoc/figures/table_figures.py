"""Figures a document's standard tables give for its own year: the summary tables (收支总表, 收入/支出预算总表,
财政拨款收支总表), the 三公 table and the 功能科目 rows (keyed like a sentence naming them)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from cnfiscal.corpus.crossdoc.figures.items import Figure, func_key, nothing
from cnfiscal.models import DocumentRecord, Money, Table, TableRow
from cnfiscal.vocab import crossdoc as cv

_LIST_NUMBER = regex.compile(cv.LIST_NUMBER)
_EXPENSE_TOTAL = regex.compile(cv.EXPENSE_TOTAL_ROW)
_SUMMARY = tuple((kind, side, regex.compile(p), item) for kind, side, p, item in cv.SUMMARY_ROWS)
_PARTS = tuple((kind, side, regex.compile(p), item) for kind, side, p, item in cv.INCOME_PARTS)
_INCOME_TOTAL = regex.compile(cv.INCOME_TOTAL_ROW)
_FUNCTION_KINDS = frozenset({"budget.general", "budget.expense", "final.general", "final.expense"})
_BUDGET_COLUMN = regex.compile(cv.FINAL_BUDGET_COLUMN)


def table_figures(record: DocumentRecord) -> Iterator[Figure]:
    for table in record.tables:
        if table.kind == "budget.sangong":
            yield from _columns(table, cv.SANGONG_COLUMNS, lambda row: True)
            continue
        yield from _summary(table)
        yield from _income_parts(table)
        if table.kind == "budget.expense":
            yield from _columns(table, cv.EXPENSE_COLUMNS, _is_total_row)
        if table.kind in _FUNCTION_KINDS:
            yield from _functions(table)


def _is_total_row(row: TableRow) -> bool:
    return not row.code and bool(_EXPENSE_TOTAL.search(row_label(row)))


def row_label(row: TableRow) -> str:
    """A row's label without whitespace and list number (``一、本年收入`` → ``本年收入``)."""
    return _LIST_NUMBER.sub("", regex.sub(r"\s", "", row.name or ""))


def _figure(item: str, money: Money, table: Table, row: TableRow, what: str) -> Figure:
    page = money.page or row.page or table.page_start
    return Figure(item, money, page, "table", f"{table.name}：{what} {money.raw}")


def _summary(table: Table) -> Iterator[Figure]:
    for row in table.rows:
        label = row_label(row)
        for kind, side, pattern, item in _SUMMARY:
            if table.kind == kind and (side is None or row.side == side) and pattern.search(label):
                money = first_amount(row)
                if money is not None:
                    yield _figure(item, money, table, row, label)
                break


def _income_parts(table: Table) -> Iterator[Figure]:
    """The sources of a summary table's income (``cv.INCOME_PARTS``) not already read by ``_summary``: a row with
    an amount gives it; a row printed with every amount cell blank gives 0 (``read_as="blank"``), but only when
    the sources printing an amount add up to the side's total — the table was read whole, so the blank holds
    nothing. An unreadable cell is no blank."""
    parts = [(row, item) for row in table.rows for kind, side, p, item in _PARTS
             if kind == table.kind and (side is None or row.side == side) and p.search(row_label(row))]  # fmt: skip
    summary = {item for kind, _, _, item in _SUMMARY if kind == table.kind}
    for row, item in parts:
        money = first_amount(row)
        if money is not None and item not in summary:
            yield _figure(item, money, table, row, row_label(row))
    blanks = [(row, item) for row, item in parts if not row.values]
    if blanks and _parts_make_total(table, [row for row, _ in parts]):
        for row, item in blanks:
            page = row.page or table.page_start
            yield Figure(item, nothing(page), page, "table", f"{table.name}：{row_label(row)} {cv.BLANK_WORD}", "blank")


def _parts_make_total(table: Table, parts: list[TableRow]) -> bool:
    side = parts[0].side
    totals = [first_amount(r) for r in table.rows if r.side == side and _INCOME_TOTAL.search(row_label(r))]
    if len(totals) != 1 or totals[0] is None or any(None in r.values.values() for r in parts):
        return False
    items = [first_amount(r) for r in parts]
    return sum((m.yuan for m in items if m is not None), Decimal(0)) == totals[0].yuan


def _columns(table: Table, columns: dict[str, str], wanted: object) -> Iterator[Figure]:
    for row in table.rows:
        if not callable(wanted) or not wanted(row):
            continue
        for column, money in row.values.items():
            item = columns.get(regex.sub(r"\s", "", column))
            if item and money is not None:
                yield _figure(item, money, table, row, column)


def _functions(table: Table) -> Iterator[Figure]:
    for key, row, money in function_rows(table):
        yield _figure(key, money, table, row, f"{row.code} {row.name}")


def function_rows(table: Table) -> Iterator[tuple[str, TableRow, Money]]:
    """A 功能科目 row's key and first value: a 项 keyed with its 款 name (``人大事务行政运行``), a 款 or 类 by its
    own. A final account's row gives its outturn (``_outturn``), never a budget column it prints beside it."""
    names = {row.code: row.name for row in table.rows if row.code and row.name}
    final = (table.kind or "").startswith("final.")
    for row in table.rows:
        money = _outturn(row) if final else first_amount(row)
        if money is None or not row.code or not row.name:
            continue
        parent = names.get(row.code[:-2], "") if len(row.code) == 7 else ""
        key = func_key(regex.sub(r"支出$", "", parent) + "（款）" + row.name if parent else row.name)
        if key:
            yield key, row, money


def _outturn(row: TableRow) -> Money | None:
    """A 决算 row's first amount outside its budget columns (``年初预算数``, ``调整预算数``, ``全年预算数``): the
    outturn (合计 / 决算数 / 本年支出合计). A row whose outturn cell is blank gives nothing."""
    return next((m for col, m in row.values.items() if m is not None and not _BUDGET_COLUMN.search(col)), None)


def first_amount(row: TableRow) -> Money | None:
    """The row's first amount read, left to right (None when it has none)."""
    return next((m for m in row.values.values() if m is not None), None)

"""A line a unit prints that its department lacks (``corpus.unit.le_department`` with the department's figure 0).

The department consolidates its units, so a 功能科目 line (or a 三公 part, a summary row) a unit's table prints with
a non-zero amount is in the department's table of the same kind with at least that amount. When the department's
documents give no figure for the item, its table of that kind is searched:

- a row with the unit's 功能科目 code (printed under another name) is the department's figure for the item;
- no such row: the line is lacking. Certain (an ``error``) only when the department's table was read completely —
  a 合计 row equal to Σ its 类, each 类 = Σ its 款 and each 款 = Σ its 项 (the checks of ``validate.tables_sums``,
  none failing) — and prints the line's level under its parent (a 款 printed without any 项 says nothing of a 项);
  else a ``warning`` saying why. An item that is not a coded line (a 三公 part, a summary row) is matched by the
  words of its column or row only: always a ``warning``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cnfiscal.corpus.crossdoc.figures.items import Figure, is_function
from cnfiscal.corpus.crossdoc.figures.table_figures import first_amount, function_rows, table_figures
from cnfiscal.corpus.crossdoc.group import Doc
from cnfiscal.models import DocumentRecord, Money, Table, TableRow
from cnfiscal.validate.tables_sums import level_sum, rows_sum, unreadable, value_columns
from cnfiscal.vocab import member_units as mu
from cnfiscal.vocab.tables import CODE_LEVELS

_TOTAL_ROW = regex.compile(mu.TABLE_TOTAL_ROW)

CERTAIN = "absent"  # message variants of corpus.unit.le_department
INCOMPLETE = "absent_incomplete"
LEVEL_UNPRINTED = "absent_level"
NOT_CODED = "absent_item"


@dataclass(frozen=True, slots=True)
class Lack:
    """What the department's table of the unit's kind says of a unit figure the department gives no figure for.

    ``same_code``: the department's row of the same code (another name); ``table``: the department's table that
    lacks the line, with ``variant`` (``CERTAIN`` or why it is only a warning) and the unit's ``code``; neither:
    not checked, ``reason`` says why."""

    same_code: tuple[Doc, Figure] | None = None
    dept: Doc | None = None
    table: Table | None = None
    variant: str = CERTAIN
    code: str = ""
    reason: str = ""


def department_line(unit: Doc, figure: Figure, depts: list[Doc]) -> Lack:
    if figure.money.yuan == 0:
        return Lack(reason="0 in the unit's table: nothing the department must print")
    where = _unit_table(unit.record, figure)
    if where is None:
        return Lack(reason="the unit's table of this figure is not known")
    table, row = where
    found = [(d, t) for d in depts for t in d.record.tables if t.kind == table.kind and not t.empty]
    if not found:
        return Lack(reason=f"no department table of kind {table.kind} in {unit.year}")
    return _in_tables(figure, row, found)


def _in_tables(figure: Figure, row: TableRow | None, found: list[tuple[Doc, Table]]) -> Lack:
    dept, dept_table = found[0]
    if row is None or not row.code:
        return Lack(dept=dept, table=dept_table, variant=NOT_CODED)
    for doc, table in found:
        same = next((r for r in table.rows if r.code == row.code), None)
        if same is not None:
            return _same_code(figure, doc, table, same)
    variant = _certainty(dept.record, dept_table, row.code)
    return Lack(dept=dept, table=dept_table, variant=variant, code=f"{row.code} {row.name}")


def _same_code(figure: Figure, dept: Doc, table: Table, row: TableRow) -> Lack:
    money = first_amount(row)
    if money is None:
        return Lack(reason=f"the department's row {row.code} prints no readable amount")
    page = money.page or row.page or table.page_start
    evidence = f"{table.name}：{row.code} {row.name} {money.raw}"
    return Lack(same_code=(dept, Figure(figure.item, money, page, "table", evidence)))


def _unit_table(record: DocumentRecord, figure: Figure) -> tuple[Table, TableRow | None] | None:
    """The unit's table (and 功能科目 row) the figure was read from."""
    for table in record.tables:
        if is_function(figure.item):
            for key, row, money in function_rows(table):
                if key == figure.item and _same(money, figure):
                    return table, row
            continue
        alone = record.model_copy(update={"tables": [table]})
        if any(f.item == figure.item and _same(f.money, figure) for f in table_figures(alone)):
            return table, None
    return None


def _same(money: Money, figure: Figure) -> bool:
    return money.yuan == figure.money.yuan and (money.page or figure.page) == figure.page


def _certainty(record: DocumentRecord, table: Table, code: str) -> str:
    if not complete(record, table):
        return INCOMPLETE
    parent = code[:-2] if len(code) in (5, 7) else ""
    level = CODE_LEVELS.get(len(code))
    if parent and any(r.code == parent for r in table.rows):
        below = [r for r in table.rows if r.code and r.code.startswith(parent) and r.level == level]
        if not below:
            return LEVEL_UNPRINTED
    return CERTAIN


def complete(record: DocumentRecord, table: Table) -> bool:
    """Whether a coded table was read completely: its 合计 row, its 类 rows, and no failing sum inside it."""
    total = next((r for r in table.rows if not r.code and _TOTAL_ROW.search(regex.sub(r"\s", "", r.name or ""))), None)
    columns = value_columns(table)
    if total is None or not columns or not any(r.level == "类" for r in table.rows):
        return False
    if unreadable(table.rows, columns[0]) or total.values.get(columns[0]) is None:
        return False
    alone = record.model_copy(update={"tables": [table]})
    return next(rows_sum(alone), None) is None and next(level_sum(alone), None) is None

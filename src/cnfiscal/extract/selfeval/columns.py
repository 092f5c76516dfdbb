"""Columns of a 绩效自评表 read by their header labels (``vocab.selfeval``), for forms whose columns differ from
the Guizhou template's order.

- Funding block: the header row (年初预算 调整后预算数 预算执行数 预算执行率 权重 得分 原因) gives the order of
  the values after a row's label (``funding_columns``); the default order is read as before (``funding``).
- Indicator table: the header row (一级指标 … 指标性质 指标值 度量单位 完成值 权重 得分 未完成原因分析) maps grid
  columns to fields (``indicator_columns``). A row is read by column when the table has columns the
  right-anchored reading does not know (指标性质, 度量单位), or when it lacks its 分值/得分 pair (an
  unfilled form: 得分 empty). 指标性质 (an operator), 指标值 and 度量单位 make one target; the unit also
  completes a bare 完成值. Rows must come with grid columns (a grid, a copied web table) or tab fields; in a table
  with an operator or unit column, a tab row shorter than the header lacks the cells merged from above and is read
  right-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import Row
from cnfiscal.extract.selfeval.fragments import clean_text
from cnfiscal.extract.selfeval.labels import folded, full
from cnfiscal.extract.selfeval.levels import Levels
from cnfiscal.extract.selfeval.raw import RawIndicator
from cnfiscal.vocab import operators as O
from cnfiscal.vocab import selfeval as V

_BARE = regex.compile(r"^\s*\d[\d,]*(?:\.\d+)?\s*$")
_MIN_FUNDING_COLUMNS = 4


def funding_columns(row: Row) -> tuple[str, ...] | None:
    """The funding slots named by a header row, in printed order; None when the row is not such a header."""
    slots: list[str] = []
    for text in row.texts:
        f = folded(text)
        slot = next((s for pattern, s in V.FUNDING_HEADER_COLUMNS if f and full(pattern, f)), None)
        if slot is not None:
            slots.append(slot)
    ok = len(slots) >= _MIN_FUNDING_COLUMNS and "executed" in slots and len(set(slots)) == len(slots)
    return tuple(slots) if ok else None


def by_header(values: list[str], columns: tuple[str, ...]) -> list[int | None]:
    """For each of the six funding slots, the index in ``values`` of the value the header puts there."""
    out: list[int | None] = [None] * len(V.FUNDING_COLUMNS)
    for k, slot in enumerate(columns):
        if slot in V.FUNDING_COLUMNS and k < len(values) and values[k].strip():
            out[V.FUNDING_COLUMNS.index(slot)] = k
    return out


@dataclass(frozen=True, slots=True)
class IndicatorColumns:
    by_col: dict[int, str]  # grid column → field
    width: int = 0  # columns of the header row

    @property
    def special(self) -> bool:
        """Columns the right-anchored reading does not know."""
        return bool({"op", "unit"} & set(self.by_col.values()))


def indicator_columns(row: Row) -> IndicatorColumns | None:
    """The field of each grid column of an indicator header row; None without a 三级指标 and a 分值 column."""
    by_col: dict[int, str] = {}
    for cell in row.cells:
        f = folded(cell.text)
        field = next((fld for pattern, fld in V.INDICATOR_HEADER_COLUMNS if f and full(pattern, f)), None)
        if field is not None and cell.col is not None:
            by_col.update({k: field for k in range(cell.col, cell.col + cell.colspan)})
    fields = set(by_col.values())
    width = max((c.col + c.colspan for c in row.cells if c.col is not None), default=0)
    return IndicatorColumns(by_col, width) if {"level3", "weight"} <= fields else None


def read_by_columns(
    columns: IndicatorColumns, row: Row, no_pair: bool, levels: Levels, out: list[RawIndicator]
) -> bool:
    """Read ``row`` by its columns (see the module docstring) and append it to ``out``; False to leave it to
    the right-anchored reading."""
    if not (columns.special or no_pair) or not any(c.col is not None for c in row.cells):
        return False
    cells: dict[str, str] = {}
    # a tab-separated text row (it has a line number) of a table with an operator/unit column lacks the cells merged
    # from above, at its left: right-align it (OCR tab rows of the Guizhou template keep their right-anchored reading)
    shift = max(0, columns.width - len(row.cells)) if row.line is not None and columns.special else 0
    for cell in row.cells:
        field = columns.by_col.get(cell.col + shift) if cell.col is not None else None
        if field and cell.text.strip():
            cells[field] = cells.get(field, "") + cell.text.strip()
    if not cells.get("level3") or not (cells.get("weight") or cells.get("target")):
        return False
    for level, key in ((1, "level1"), (2, "level2")):
        if cells.get(key):
            levels.take_column(cells[key], level)
    unit = cells.get("unit")
    ind = RawIndicator(
        level3=clean_text(cells["level3"]),
        target=measure_text(cells.get("op"), cells.get("target"), unit),
        actual=measure_text(None, cells.get("actual"), unit),
        weight=cells.get("weight"),
        score=cells.get("score"),
        reason=clean_text(cells["reason"]) if cells.get("reason") else None,
        coefficient=cells.get("coefficient"),
        page=row.page,
        line=row.line,
        confidence=row.confidence,
    )
    if "level1" in columns.by_col.values():  # a table without level columns has no labels to carry or wait for
        levels.place(ind)
    out.append(ind)
    return True


def measure_text(op: str | None, value: str | None, unit: str | None) -> str | None:
    """``=`` + ``100`` + ``%`` → ``=100%``: the operator only when it is one (not 定量指标), the unit only after a
    bare number (``达成预期指标`` stays as it is)."""
    if not value:
        return None
    word = folded(op)
    prefix = op.strip() if op and (word in O.OPERATOR_SYMBOLS or word in O.OPERATOR_PREFIX_WORDS) else ""
    suffix = unit.strip() if unit and _BARE.match(value) and not value.strip().endswith(unit.strip()) else ""
    return f"{prefix}{value.strip()}{suffix}"

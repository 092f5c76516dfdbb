"""Raw standard tables → ``Table`` records: exact amounts in 元, subject-code levels, empty tables."""

from __future__ import annotations

import logging

import regex

from cnfiscal.extract.stdtables.raw import RawRow, RawTable
from cnfiscal.extract.stdtables.segments import TableSegment
from cnfiscal.models import Money, MoneyUnit, Table, TableRow, TableRowLevel
from cnfiscal.numbers.parse import parse_money
from cnfiscal.vocab.tables import CODE_LEVELS, UNPLACED_CELL

log = logging.getLogger(__name__)

# ``19, 704, 57``: thousands groups have 3 digits, so a last group of 2 digits after a comma is the decimals.
_OCR_DECIMAL_COMMA = regex.compile(r"^(\d{1,3}(?:\s*,\s*\d{3})*)\s*,\s*(\d{2})$")


def level_of(code: str | None) -> TableRowLevel | None:
    return CODE_LEVELS.get(len(code)) if code and code.isdigit() else None  # type: ignore[return-value]


def to_table(seg: TableSegment, raw: RawTable, unit: MoneyUnit, year: int | None) -> tuple[Table, list[str]]:
    warnings = list(raw.warnings)
    rows = [_row(r, unit, warnings) for r in raw.rows]
    rows = [r for r in rows if r.name or r.code or any(v is not None for v in r.values.values())]
    has_value = any(v is not None and v.yuan != 0 for r in rows for v in r.values.values())
    table = Table(
        name=seg.spec.title,
        code=seg.code,
        kind=seg.spec.kind.value,
        unit=unit,
        unit_name=seg.unit_name,
        year=seg.year or year,
        page_start=seg.page_start,
        page_end=seg.page_end,
        columns=list(dict.fromkeys(raw.columns)),
        rows=rows,
        empty=seg.empty_note or not has_value,
        notes=list(seg.notes),
    )
    return table, [f"{seg.spec.title}: {w}" for w in warnings]


def _row(raw: RawRow, unit: MoneyUnit, warnings: list[str]) -> TableRow:
    values: dict[str, Money | None] = {}
    for col, cell in raw.cells.items():
        text = cell.text
        if text == UNPLACED_CELL:  # an amount whose column is not certain (the reader said so): unreadable here
            values[col] = None
            continue
        if m := _OCR_DECIMAL_COMMA.match(text):  # OCR read the decimal point as a comma: 19, 704, 57
            text = f"{m[1]}.{m[2]}"
            warnings.append(f"p.{cell.page}: {cell.text!r} read as {text!r} (decimal comma) in {raw.name} / {col}")
        try:
            values[col] = parse_money(text, unit, page=cell.page, bbox=cell.bbox, confidence=cell.confidence)
        except ValueError:
            log.warning("unreadable amount %r (%s, %s)", cell.text, raw.name, col)
            warnings.append(f"p.{cell.page}: unreadable amount {cell.text!r} in {raw.name} / {col}")
            values[col] = None
    return TableRow(
        code=raw.code,
        name=raw.name or None,
        level=raw.level or level_of(raw.code),
        values=values,
        side=raw.side if raw.side in ("收入", "支出") else None,
        page=raw.page,
        bbox=raw.bbox,
    )

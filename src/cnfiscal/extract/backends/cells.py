"""What the table backends (xlsx, xls, docx, html, copied web text) share: merged-cell spans → a ``Grid``,
and spreadsheet numbers → the text the sheet shows.

A backend lists the *spans* of a table (each printed cell once, with its row/column span, text as shown);
``grid_of`` drops the rows and columns that hold nothing (a sheet's used range is often wider than its
form) and fills every position not covered by a merged cell with an empty cell, as the PDF grids do, so
column positions count. There is no geometry: ``bbox`` is None, ``row``/``col`` are kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from cnfiscal.extract.layout import Cell, Grid

_DECIMALS = regex.compile(r"0\.(0+)")
_SPACES = regex.compile(r"[ \t\u3000\xa0]+")
_BLANK_LINES = regex.compile(r"\n\s*\n+")


@dataclass(slots=True)
class Span:
    """One printed cell of a table: its top-left position, text and extent."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def cell_text(text: str) -> str:
    """A cell's text as shown: runs of spaces made one, lines kept, blank lines dropped, trimmed."""
    lines = [_SPACES.sub(" ", ln).strip() for ln in _BLANK_LINES.sub("\n", text.replace("\r", "\n")).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def grid_of(spans: list[Span], page: int) -> Grid | None:
    """The grid of ``spans`` on ``page``, without empty rows and columns; None when no cell holds text."""
    spans = [s for s in spans if s.text or s.rowspan > 1 or s.colspan > 1]
    if not any(s.text for s in spans):
        return None
    rows = _kept(spans, lambda s: (s.row, s.rowspan))
    cols = _kept(spans, lambda s: (s.col, s.colspan))
    covered: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for s in sorted(spans, key=lambda s: (s.row, s.col)):
        r0, c0 = rows[s.row], cols[s.col]
        r1 = max(rows[r] for r in range(s.row, s.row + s.rowspan) if r in rows) + 1
        c1 = max(cols[c] for c in range(s.col, s.col + s.colspan) if c in cols) + 1
        if (r0, c0) in covered:
            continue
        covered.update((r, c) for r in range(r0, r1) for c in range(c0, c1))
        cells.append(Cell(r0, c0, s.text, None, page, rowspan=r1 - r0, colspan=c1 - c0))
    n_rows, n_cols = len(set(rows.values())), len(set(cols.values()))
    cells += [Cell(r, c, "", None, page) for r in range(n_rows) for c in range(n_cols) if (r, c) not in covered]
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(tuple(cells), n_rows, n_cols, page, page)


def _kept(spans: list[Span], extent: object) -> dict[int, int]:
    """Old index → new index of the rows (or columns) where some span starts or that a text span covers."""
    used: set[int] = set()
    for s in spans:
        start, n = extent(s)  # type: ignore[operator]
        used.add(start)
        if s.text:
            used.update(range(start, start + n))
    return {old: new for new, old in enumerate(sorted(used))}


def number_text(value: float | int | Decimal, number_format: str) -> str:
    """A spreadsheet number as the sheet shows it: ``0.9878`` in a ``0.00%`` cell → ``98.78%``; ``251.89`` in
    a ``0.00`` cell → ``251.89``; General → the shortest exact form (``12680000``, ``2226.98``)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    fmt = number_format or "General"
    m = _DECIMALS.search(fmt)
    places = len(m.group(1)) if m else (0 if "0" in fmt and fmt != "General" else None)
    if "%" in fmt:
        d *= 100
    text = f"{d.quantize(Decimal(1).scaleb(-places)):f}" if places is not None else _plain(d)
    return text + "%" if "%" in fmt else text


def _plain(d: Decimal) -> str:
    text = f"{d.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def date_text(value: dt.datetime | dt.date | dt.time) -> str:
    """A date cell as a Chinese form prints it: ``2022年7月21日`` (a time of day only when there is one)."""
    if isinstance(value, dt.time):
        return value.isoformat()
    day = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime) and value.time() != dt.time(0):
        return f"{day} {value.time().isoformat()}"
    return day

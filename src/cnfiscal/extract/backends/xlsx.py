"""Excel workbooks (.xlsx, openpyxl): every sheet one page holding one grid, merged cells kept.

Page = the sheet's position in the workbook (1-based, hidden sheets included); a sheet holding no text
is an empty page. Values are read as the sheet shows them (``data_only``: a formula's cached result;
numbers through their number format, ``0.9878`` in a ``0.00%`` cell → ``98.78%``).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
from decimal import Decimal
from typing import Any

from cnfiscal.errors import InputError
from cnfiscal.extract.backends.cells import Span, cell_text, date_text, grid_of, number_text
from cnfiscal.extract.inputs import InputFile
from cnfiscal.extract.layout import ExtractedDocument, Page
from cnfiscal.models import InputKind

log = logging.getLogger(__name__)


def read_xlsx(inp: InputFile) -> ExtractedDocument:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(inp.data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as e:
        raise InputError(f"无法读取的 Excel 文件 (damaged or unreadable .xlsx: {type(e).__name__}: {e})") from e
    pages: list[Page] = []
    for number, sheet in enumerate(book.worksheets, start=1):
        page = Page(number=number)
        grid = grid_of(sheet_spans(sheet), number)
        if grid is not None:
            page.grids.append(grid)
        pages.append(page)
    book.close()
    if not any(p.grids for p in pages):
        raise InputError("空的工作簿：没有任何单元格有内容 (empty workbook: no cell holds text)")
    return ExtractedDocument(str(inp.path), inp.sha256, InputKind.XLSX, pages)


def sheet_spans(sheet: Any) -> list[Span]:
    """Every cell with a value and every merged range of one worksheet, as spans (0-based rows/columns)."""
    merged = {(r.min_row, r.min_col): r for r in sheet.merged_cells.ranges}
    inside = {
        (row, col)
        for r in merged.values()
        for row in range(r.min_row, r.max_row + 1)
        for col in range(r.min_col, r.max_col + 1)
        if (row, col) != (r.min_row, r.min_col)
    }
    spans: list[Span] = []
    for row in sheet.iter_rows():
        for cell in row:
            key = (cell.row, cell.column)
            if key in inside:
                continue
            text = value_text(cell.value, cell.number_format)
            rng = merged.get(key)
            if rng is not None:
                spans.append(Span(cell.row - 1, cell.column - 1, text, rng.size["rows"], rng.size["columns"]))
            elif text:
                spans.append(Span(cell.row - 1, cell.column - 1, text))
    return spans


def value_text(value: Any, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return date_text(value)
    if isinstance(value, int | float | Decimal):
        return number_text(value, number_format)
    return cell_text(str(value))

"""Old Excel workbooks (.xls, BIFF, xlrd with ``formatting_info``): every sheet one page holding one grid,
merged cells kept; numbers shown through their number format, dates as ``2022年7月21日``.

A WPS ``.et`` that kept an Excel-compatible ``Workbook`` stream is read the same way; one that did not fails
with what to convert it to.
"""

from __future__ import annotations

import logging
from typing import Any

from cnfiscal.errors import InputError
from cnfiscal.extract.backends.cells import Span, cell_text, date_text, grid_of, number_text
from cnfiscal.extract.inputs import InputFile
from cnfiscal.extract.layout import ExtractedDocument, Page
from cnfiscal.models import InputKind

log = logging.getLogger(__name__)


def read_xls(inp: InputFile) -> ExtractedDocument:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=inp.data, formatting_info=True, on_demand=False)
    except Exception as e:  # xlrd raises XLRDError, CompDocError, struct/IndexError on damaged files
        reason = "受密码保护 (password-protected)" if "encrypt" in str(e).lower() else f"{type(e).__name__}: {e}"
        raise InputError(f"无法读取的 .xls 文件，请转换为 .xlsx (unreadable .xls, convert to .xlsx: {reason})") from e
    pages: list[Page] = []
    for number, sheet in enumerate(book.sheets(), start=1):
        page = Page(number=number)
        grid = grid_of(sheet_spans(book, sheet), number)
        if grid is not None:
            page.grids.append(grid)
        pages.append(page)
    if not any(p.grids for p in pages):
        raise InputError("空的工作簿：没有任何单元格有内容 (empty workbook: no cell holds text)")
    return ExtractedDocument(str(inp.path), inp.sha256, InputKind.XLS, pages)


def sheet_spans(book: Any, sheet: Any) -> list[Span]:
    merged = {(rlo, clo): (rhi - rlo, chi - clo) for rlo, rhi, clo, chi in sheet.merged_cells}
    inside = {
        (r, c)
        for (rlo, clo), (nr, nc) in merged.items()
        for r in range(rlo, rlo + nr)
        for c in range(clo, clo + nc)
        if (r, c) != (rlo, clo)
    }
    spans: list[Span] = []
    for r in range(sheet.nrows):
        for c in range(sheet.ncols):
            if (r, c) in inside:
                continue
            text = _text(book, sheet.cell(r, c))
            if (r, c) in merged:
                spans.append(Span(r, c, text, *merged[(r, c)]))
            elif text:
                spans.append(Span(r, c, text))
    return spans


def _text(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return number_text(cell.value, _format(book, cell))
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return date_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError):
            return number_text(cell.value, "General")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    return cell_text(str(cell.value))


def _format(book: Any, cell: Any) -> str:
    try:
        xf = book.xf_list[cell.xf_index]
        return str(book.format_map[xf.format_key].format_str)
    except (IndexError, KeyError, AttributeError, TypeError):
        return "General"

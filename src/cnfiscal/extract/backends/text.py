"""Text files (OCR output, text copied from a page): pages of numbered lines, no geometry.

Text copied from a web page's table (cells ``|``-separated, or one cell a line) becomes one table grid
instead (``backends.webtext``), so that it is read like the page's table itself; a form printed as one long
line is cut back into rows (``backends.longline``).
"""

from __future__ import annotations

from cnfiscal.extract.backends.flatline import flat_table_lines
from cnfiscal.extract.backends.longline import split_long_line
from cnfiscal.extract.backends.runtogether import run_together_lines
from cnfiscal.extract.backends.webpage import table_lines, without_page_header
from cnfiscal.extract.backends.webtext import web_grid
from cnfiscal.extract.inputs import InputFile, decode_text
from cnfiscal.extract.layout import ExtractedDocument, Line, Page
from cnfiscal.models import InputKind


def read_text(inp: InputFile) -> ExtractedDocument:
    """A text file is one page of numbered lines (OCR text carries no page geometry)."""
    text, encoding = decode_text(inp.data, inp.path)
    text = "\n".join(without_page_header(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    warnings: list[str] = []
    rows = run_together_lines(text, warnings)
    if rows is not None:  # OCR whose cells ran together: rows cut back, lines no longer the file's (no numbers)
        page = Page(number=1, lines=[Line(t, 1) for t in rows])
        return ExtractedDocument(
            str(inp.path), inp.sha256, InputKind.TEXT, [page], encoding=encoding, warnings=warnings
        )
    tabbed = table_lines(text.split("\n")) if "\f" not in text else None
    if tabbed is not None:  # a 决算/预算 table copied from a page: its rows as tab-separated lines
        page = Page(number=1, lines=[Line(t, 1, None, n) for n, t in tabbed])
        return ExtractedDocument(
            str(inp.path), inp.sha256, InputKind.TEXT, [page], encoding=encoding, warnings=warnings
        )
    grid = web_grid(text.split("\n")) if "\f" not in text else None
    if grid is not None:
        page = Page(number=1, grids=[grid])
        return ExtractedDocument(
            str(inp.path), inp.sha256, InputKind.TEXT, [page], encoding=encoding, warnings=warnings
        )
    pages: list[Page] = []
    for chunk in text.split("\f"):  # a form feed, where present, is a page break
        number = len(pages) + 1
        base = pages[-1].lines[-1].number or 0 if pages and pages[-1].lines else 0
        lines = [
            Line(row, number, None, base + i + 1)  # rows cut from one long line keep that line's number
            for i, t in enumerate(chunk.split("\n"))
            for row in flat_table_lines(t, warnings) or split_long_line(t)
        ]
        pages.append(Page(number=number, lines=lines))
    return ExtractedDocument(str(inp.path), inp.sha256, InputKind.TEXT, pages, encoding=encoding, warnings=warnings)

"""Documents without pages (Word files, web pages): text paragraphs and tables in document order → pages.

Page *k* holds table *k* and the text printed before it; the text after the last table is a page of its
own (a document without tables is one page of lines). Lines are numbered through the document
(``Line.number``), and carry no box; table cells keep their row/column (``backends.cells``).
"""

from __future__ import annotations

from cnfiscal.extract.backends.cells import Span, grid_of
from cnfiscal.extract.layout import Line, Page

Block = str | list[Span]  # a paragraph's text, or a table's spans


def pages_of(blocks: list[Block]) -> list[Page]:
    pages: list[Page] = []
    texts: list[str] = []
    numbered = 0
    for block in blocks:
        if isinstance(block, str):
            texts.append(block)
            continue
        grid = grid_of(block, len(pages) + 1)
        if grid is None:  # a table that holds no text: nothing to show
            continue
        page = Page(number=len(pages) + 1, grids=[grid])
        page.lines, numbered = _lines(texts, page.number, numbered), numbered + len(texts)
        pages.append(page)
        texts = []
    if texts or not pages:
        number = len(pages) + 1
        pages.append(Page(number=number, lines=_lines(texts, number, numbered)))
    return pages


def _lines(texts: list[str], page: int, before: int) -> list[Line]:
    return [Line(t, page, None, before + k + 1) for k, t in enumerate(texts)]

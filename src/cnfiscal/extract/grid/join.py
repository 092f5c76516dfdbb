"""Tables continued over pages are joined; ``PageTable``s become ``layout.Grid``s; grids give ``Row``s.

A table on page N+1 continues the last table of page N when nothing but a page number stands below
the one and above the other, and their outer borders and most column borders line up. Columns of
the parts are put on one common set of borders (a part may lack some of them: the cell then spans
more columns). Header rows the continuation repeats are dropped once; every cell keeps its page.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import regex

from cnfiscal.extract.grid.lines import cluster_positions
from cnfiscal.extract.grid.tables import PageTable
from cnfiscal.extract.layout import Cell, Grid, Page, Row, RowCell
from cnfiscal.models import BBox

log = logging.getLogger(__name__)

ALIGN = 3.0  # borders of two parts within this are the same border
ALIGN_INFERRED = 10.0  # the same, for borders inferred from the words (a table ruled with horizontal lines only)
MIN_SHARED = 0.6  # share of a continuation's column borders that must line up with the head's
MAX_HEADER = 5  # repeated header rows looked for
_PAGE_MARK = regex.compile(r"^[\s\-—–第页共/\d]*$")  # "3", "- 3 -", "第3页", "第 3 页 共 9 页"


def join_tables(tables: Sequence[Sequence[PageTable]], pages: Sequence[Page]) -> list[Grid]:
    """``tables[i]`` are the tables of ``pages[i]`` (top to bottom); returns the grids, continued ones joined."""
    runs: list[list[PageTable]] = []
    for i, page_tables in enumerate(tables):
        for j, t in enumerate(page_tables):
            if j == 0 and runs and i > 0 and _continues(runs[-1][-1], pages[i - 1], t, pages[i]):
                log.debug("table on page %d continues the one on page %d", t.page, runs[-1][-1].page)
                runs[-1].append(t)
            else:
                runs.append([t])
    return [to_grid(run) for run in runs]


def _continues(prev: PageTable, prev_page: Page, nxt: PageTable, nxt_page: Page) -> bool:
    if nxt.page != prev.page + 1:  # prev is the last table of its page (tables are appended in order)
        return False
    if _text_beyond(prev_page, below=prev.ys[-1]) or _text_beyond(nxt_page, above=nxt.ys[0]):
        return False
    if abs(prev.xs[0] - nxt.xs[0]) > ALIGN or abs(prev.xs[-1] - nxt.xs[-1]) > ALIGN:
        return False
    tol = ALIGN_INFERRED if prev.inferred or nxt.inferred else ALIGN
    shared = sum(1 for x in nxt.xs if any(abs(x - p) <= tol for p in prev.xs))
    return shared >= MIN_SHARED * len(nxt.xs)


def _text_beyond(page: Page, below: float | None = None, above: float | None = None) -> bool:
    """Any word other than a page number below ``below`` (or above ``above``) on the page."""
    for w in page.words:
        cy = (w.bbox[1] + w.bbox[3]) / 2
        beyond = (below is not None and cy > below) or (above is not None and cy < above)
        if beyond and not _PAGE_MARK.match(w.text):
            return True
    return False


def to_grid(parts: Sequence[PageTable]) -> Grid:
    """One Grid from a table and its continuations (in page order)."""
    # inferred borders move with the words of each page: a continuation's are put on its head's
    xs = cluster_positions((x for t in parts if t is parts[0] or not t.inferred for x in t.xs), ALIGN)
    cells: list[Cell] = []
    offset = 0
    for k, part in enumerate(parts):
        col = [_nearest(xs, x) for x in part.xs]
        skip = _repeated_header(parts[0], part) if k else 0
        for c in part.cells:
            if c.r0 < skip:
                continue
            row = offset + c.r0 - skip
            cells.append(Cell(row, col[c.c0], c.text, c.bbox, part.page, c.r1 - c.r0, col[c.c1] - col[c.c0]))
        offset += part.n_rows - skip
    first, last = parts[0], parts[-1]
    bbox = (xs[0], first.ys[0], xs[-1], first.ys[-1] if len(parts) == 1 else last.ys[-1])
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(tuple(cells), offset, len(xs) - 1, first.page, last.page, bbox)


def _nearest(xs: list[float], x: float) -> int:
    return min(range(len(xs)), key=lambda i: abs(xs[i] - x))


def _repeated_header(head: PageTable, part: PageTable) -> int:
    """How many leading rows of ``part`` repeat the head's first rows (text by text)."""
    k = 0
    while k < min(MAX_HEADER, head.n_rows - 1, part.n_rows - 1):
        texts = part.row_texts(k)
        if not any(texts) or texts != head.row_texts(k):
            break
        k += 1
    if k:
        log.debug("page %d: %d repeated header row(s) dropped", part.page, k)
    return k


def grid_rows(grid: Grid) -> list[Row]:
    """The grid's rows as logical rows: the cells starting in each row, with page, bbox and column.

    A cell merged over several rows appears once, in its first row (section parsers that need the
    label of a merged row carry it down themselves: see ``row_labels``).
    """
    rows = []
    for cells in cell_rows(grid):
        if not cells:
            continue
        row_cells = tuple(RowCell(c.text, c.page, c.bbox, c.confidence, c.col, c.colspan) for c in cells)
        rows.append(Row(row_cells, page=cells[0].page))
    return rows


def cell_rows(grid: Grid) -> list[list[Cell]]:
    """The cells starting in each row, left to right (``Grid.rows``)."""
    return grid.rows()


def row_labels(grid: Grid, row: int) -> list[Cell]:
    """Cells merged over several rows that cover ``row`` but start above it (left to right)."""
    return sorted(
        (c for c in grid.cells if c.row < row < c.row + c.rowspan),
        key=lambda c: c.col,
    )


def row_band(row: Row) -> BBox | None:
    """The bbox of a grid row itself: from its leftmost to its rightmost cell, from the row's top to the
    bottom of its shortest cell (a label merged over the rows below ends lower; the row does not).

    For provenance of a record read from one row (an indicator, a funding row): the union of the row's
    cells would stretch over every row a merged label covers. ``None`` for rows without geometry (text).
    """
    boxes = [c.bbox for c in row.cells if c.bbox is not None and (row.page is None or c.page == row.page)]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), min(b[3] for b in boxes))

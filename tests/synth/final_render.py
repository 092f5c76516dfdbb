"""Render a synthetic 决算/预算 report (``final_reports.Report``) to a text-layer PDF with PyMuPDF.

Ruling lines are drawn; text uses the built-in ``china-s`` font. Page size/orientation, font size, column
widths and number format vary by seed, and the text of each page is written into the content stream in a
seeded order (row by row, column by column, or shuffled) so only reading by position can recover the rows.
A table that does not fit continues on the next page, with or without its header repeated.
"""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf

FONT = "china-s"

Op = tuple[float, float, str, float]  # x, baseline y, text, size


class Canvas:
    """A document being written: text ops are buffered per page and flushed in the seeded order."""

    def __init__(self, rng: random.Random, width: float, height: float) -> None:
        self.rng, self.width, self.height = rng, width, height
        self.doc = pymupdf.open()
        self.ops: list[Op] = []
        self.page: pymupdf.Page | None = None
        self.order = rng.choice(("rows", "columns", "shuffle", "reverse"))
        self.verticals = True  # False: tables ruled with horizontal lines only (set per report)
        self.rows_ruled = True  # False: body rows drawn without rules (三线表; the layout closes each part)

    def new_page(self, landscape: bool | None = None) -> pymupdf.Page:
        self.flush()
        w, h = (self.width, self.height)
        if landscape is not None:
            w, h = (max(w, h), min(w, h)) if landscape else (min(w, h), max(w, h))
        self.page = self.doc.new_page(width=w, height=h)
        return self.page

    def text(self, x: float, y: float, text: str, size: float) -> None:
        if text:
            self.ops.append((x, y, text, size))

    def right(self, x1: float, y: float, text: str, size: float) -> None:
        self.text(x1 - text_width(text, size), y, text, size)

    def center(self, x0: float, x1: float, y: float, text: str, size: float) -> None:
        self.text((x0 + x1 - text_width(text, size)) / 2, y, text, size)

    def line(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        assert self.page is not None
        self.page.draw_line(a, b, color=(0, 0, 0), width=0.5)

    def flush(self) -> None:
        if self.page is None or not self.ops:
            self.ops = []
            return
        ops = self.ops
        if self.order == "columns":
            ops = sorted(ops, key=lambda o: (round(o[0]), o[1]))
        elif self.order == "shuffle":
            ops = ops[:]
            self.rng.shuffle(ops)
        elif self.order == "reverse":
            ops = ops[::-1]
        for x, y, text, size in ops:
            self.page.insert_text((x, y), text, fontname=FONT, fontsize=size)
        self.ops = []

    def save(self, path: Path) -> None:
        self.flush()
        self.doc.save(path)
        self.doc.close()


def text_width(text: str, size: float) -> float:
    return pymupdf.get_text_length(text, fontname=FONT, fontsize=size)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Cut ``text`` into lines no wider than ``width``."""
    lines, cur = [], ""
    for ch in text:
        if cur and text_width(cur + ch, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return [*lines, cur] if cur or not lines else lines


class HCell:
    """A header cell: text over columns ``col`` … ``col + span - 1`` and header rows ``row`` … ``row + rows - 1``."""

    def __init__(self, text: str, col: int, span: int = 1, rows: int = 1, row: int = 0) -> None:
        self.text, self.col, self.span, self.rows, self.row = text, col, span, rows, row


def _box(cv: Canvas, x0: float, y0: float, x1: float, y1: float) -> None:
    cv.line((x0, y0), (x1, y0))
    cv.line((x0, y1), (x1, y1))
    if cv.verticals:
        cv.line((x0, y0), (x0, y1))
        cv.line((x1, y0), (x1, y1))


def draw_header(cv: Canvas, xs: list[float], y: float, header: list[HCell], size: float, pad: float) -> float:
    nrows = max(c.row + c.rows for c in header)
    line_h = size * 1.25
    heights = [line_h + pad] * nrows
    for c in header:
        if c.rows == 1:
            n = len(wrap(c.text, xs[c.col + c.span] - xs[c.col] - 4, size))
            heights[c.row] = max(heights[c.row], n * line_h + pad)
    tops = [y]
    for h in heights:
        tops.append(tops[-1] + h)
    for c in header:
        x0, x1 = xs[c.col], xs[c.col + c.span]
        y0, y1 = tops[c.row], tops[c.row + c.rows]
        _box(cv, x0, y0, x1, y1)
        lines = wrap(c.text, x1 - x0 - 4, size)
        start = (y0 + y1) / 2 - len(lines) * line_h / 2 + size
        for k, part in enumerate(lines):
            cv.center(x0, x1, start + k * line_h, part, size)
    return tops[-1]


def row_height(xs: list[float], cells: list[str], size: float, pad: float) -> float:
    n = max(len(wrap(t, xs[i + 1] - xs[i] - 4, size)) for i, t in enumerate(cells))
    return n * size * 1.25 + pad


def draw_row(cv: Canvas, xs: list[float], y: float, cells: list[str], numeric: list[bool], size: float, pad: float):
    h = row_height(xs, cells, size, pad)
    for i, text in enumerate(cells):
        x0, x1 = xs[i], xs[i + 1]
        if cv.rows_ruled:
            _box(cv, x0, y, x1, y + h)
        lines = wrap(text, x1 - x0 - 4, size)
        start = y + h / 2 - len(lines) * size * 1.25 / 2 + size
        for k, part in enumerate(lines):
            if numeric[i]:
                cv.right(x1 - 2, start + k * size * 1.25, part, size)
            else:
                cv.text(x0 + 2, start + k * size * 1.25, part, size)
    return y + h

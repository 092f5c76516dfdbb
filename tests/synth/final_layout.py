"""Lay a synthetic report out on pages: cover, 目录, one standard table per page run, the 情况说明."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from tests.synth.final_render import Canvas, draw_header, draw_row, row_height, wrap

if TYPE_CHECKING:
    from tests.synth.final_reports import Report, SynTable

NUMERALS = "一二三四五六七八九十"


def render(rep: Report, path: Path) -> None:
    rng = random.Random(rep.seed * 7 + 3)
    portrait = rng.random() < 0.5
    cv = Canvas(rng, *((595, 842) if portrait else (842, 595)))
    size = rng.choice((7.0, 8.0, 9.0, 10.0))
    cv.verticals = rep.verticals
    cv.rows_ruled = rep.rows_ruled
    word = "决算" if rep.kind == "final" else "预算"
    page = cv.new_page()
    cv.center(0, page.rect.width, page.rect.height / 3, f"{rep.unit_name}{rep.year}年度部门{word}", 20)
    page = cv.new_page()
    cv.center(0, page.rect.width, 80, "目录", 16)
    for i, t in enumerate(rep.tables):
        cv.text(80, 120 + i * 22, f"{i + 1}．{t.expected.name}", 11)
    cut = rng.randrange(len(rep.tables))  # this table is continued on a second page
    repeat = rng.random() < 0.5
    for i, t in enumerate(rep.tables):
        _table(cv, t, rep, rng, size, i == cut and len(t.body) > 3, repeat)
    _narrative(cv, rep.narrative, size + 2)
    cv.save(path)


def _table(cv: Canvas, t: SynTable, rep: Report, rng: random.Random, size: float, cut: bool, repeat: bool) -> None:
    page = cv.new_page(landscape=True if t.landscape else None)
    w, h = page.rect.width, page.rect.height
    exp = t.expected
    exp.page_start = exp.page_end = len(cv.doc)
    cv.center(0, w, 60, f"{rep.year}年度{exp.name}" if rng.random() < 0.5 else exp.name, 15)
    if exp.code:
        cv.right(w - 40, 80, exp.code, 9)
    cv.text(40, 95, f"编制部门：{rep.unit_name}", 9)
    cv.right(w - 40, 95, f"单位：{rep.unit}", 9)
    widths = [x * rng.uniform(0.85, 1.2) for x in t.widths]
    scale = (w - 80) / sum(widths)
    xs = [40.0]
    for x in widths:
        xs.append(xs[-1] + x * scale)
    pad = rng.uniform(3, 7)
    y = draw_header(cv, xs, 102, t.header, size, pad)
    stop = len(t.body) // 2 if cut else None
    for i, cells in enumerate(t.body):
        if i == stop or y + row_height(xs, cells, size, pad) > h - 50:
            _close(cv, xs, y)
            cv.new_page(landscape=True if t.landscape else None)
            exp.page_end = len(cv.doc)
            y = 50.0
            if repeat:
                y = draw_header(cv, xs, y, t.header, size, pad)
            elif not cv.rows_ruled:  # a 三线表 continued without its header: a rule opens the part
                cv.line((xs[0], y), (xs[-1], y))
        y = draw_row(cv, xs, y, cells, t.numeric, size, pad)
    _close(cv, xs, y)
    if t.note:
        cv.text(40, y + size * 2, t.note, size)


def _close(cv: Canvas, xs: list[float], y: float) -> None:
    """The rule under the last row of a 三线表 (or of its part on a page)."""
    if not cv.rows_ruled:
        cv.line((xs[0], y), (xs[-1], y))


def _narrative(cv: Canvas, paragraphs: list[str], size: float) -> None:
    page = cv.new_page(landscape=False)
    w, h = page.rect.width, page.rect.height
    y = 70.0
    for para in paragraphs:
        for line in wrap(para, w - 120, size):
            if y > h - 60:
                page = cv.new_page(landscape=False)
                y = 70.0
            cv.text(60, y, line, size)
            y += size * 1.8
        y += size * 0.6

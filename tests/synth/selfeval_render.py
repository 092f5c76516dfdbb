"""Render a synthetic form as a text-layer PDF (PyMuPDF, built-in ``china-s`` font) or as OCR-like text.

PDF: the grid of ``selfeval_grid`` drawn with ruling lines, random column widths, font size and row
padding; merged cells for the level-1 / level-2 labels and the money-unit label; a page break wherever
the next row does not fit (a merged cell cut by it prints its text on the page of its middle row). Text above the
grid (title, year, 单位（盖章）/填报日期) and below it (联系人, 注) is plain text.

Text: ``tab`` style — one line per grid row, cells separated by tabs, a merged label on the first or the
middle row of its span (as OCR of a scanned table gives it); ``space`` style — the layout of the
department forms in ``samples/text``: cells separated by spaces, long labels wrapped over lines with the
numbers on a line of their own, the level-1 label printed vertically one character per line.
Both return ``pages``: the page each part of the form was drawn on (for the expected record).
"""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf

from tests.synth.selfeval_forms import Form, _plain, ocr_spaced
from tests.synth.selfeval_grid import NCOLS, GRow, grid_rows, level1_label

FONT = "china-s"
BASE_WIDTHS = (62, 64, 120, 70, 70, 34, 38, 78)


CLOSING = "。，、；：）》”％%"


def _wrap(text: str, chars: int) -> list[str]:
    """Cut ``text`` into lines of ``chars`` characters; closing punctuation never starts a line."""
    out: list[str] = []
    for para in text.split("\n"):
        pieces = [para[i : i + chars] for i in range(0, max(len(para), 1), chars)]
        for whole in pieces:
            piece = whole
            while out and piece and piece[0] in CLOSING and len(pieces) > 1:
                out[-1] += piece[0]
                piece = piece[1:]
            if piece or not out:
                out.append(piece)
    return out


def render_pdf(form: Form, path: Path) -> dict[str, int]:
    rng = random.Random(form.seed * 7 + 1)
    size = rng.choice((7.0, 7.5, 8.0, 9.0))
    pad = rng.uniform(2.0, 5.0)
    widths = [w * rng.uniform(0.85, 1.2) for w in BASE_WIDTHS]
    page_w, page_h = (595, 842) if rng.random() < 0.7 else (842, 595)
    scale = (page_w - 80) / sum(widths)
    xs = [40.0]
    for w in widths:
        xs.append(xs[-1] + w * scale)
    bottom = page_h - 50 if rng.random() < 0.6 else page_h / 2 + 120  # short pages force a continuation
    doc = pymupdf.open()
    page = doc.new_page(width=page_w, height=page_h)
    y = _heading(page, form, size, page_w)
    rows = grid_rows(form)
    heights = [_row_height(r, xs, size, pad) for r in rows]
    for i, row in enumerate(rows):  # a merged cell's text needs its rows tall enough: the last one grows
        for cell in (c for c in row.cells if c.rowspan > 1):
            need = len(_lines_of(cell.text, _cell_width(xs, cell.col, cell.span), size)) * size * 1.3 + 2 * pad
            heights[i + cell.rowspan - 1] += max(0.0, need - sum(heights[i : i + cell.rowspan]))
    repeat = rng.random() < 0.5  # the indicator header printed again on a continuation page
    placed: list[tuple[int, float]] = []  # page index, top y per row
    for i, h in enumerate(heights):
        if y + h > bottom:
            page = doc.new_page(width=page_w, height=page_h)
            y = 50.0
            if repeat and rows[i].part.startswith("ind") and rows[i].part != "indhead":
                head = next(r for r in rows if r.part == "indhead")
                hh = _row_height(head, xs, size, pad)
                for cell in head.cells:
                    _draw_cell(page, pymupdf.Rect(xs[cell.col], y, xs[cell.col + 1], y + hh), cell.text, size)
                y += hh
        placed.append((len(doc) - 1, y))
        y += h
    _draw_rows(doc, rows, placed, heights, xs, size)
    page = doc[-1]
    y = placed[-1][1] + heights[-1] + size * 2
    tail = []
    if form.contact:
        tail.append(f"联系人：{form.contact[0]}    联系电话：{form.contact[1]}")
    tail.extend(form.notes)
    for line in tail:
        for piece in _wrap(line, int((page_w - 80) / size) - 1):
            if y > page_h - 30:
                page = doc.new_page(width=page_w, height=page_h)
                y = 50.0
            page.insert_text((40, y), piece, fontname=FONT, fontsize=size)
            y += size * 1.6
    doc.save(path)
    doc.close()
    pages = {r.part: placed[i][0] + 1 for i, r in enumerate(rows) if r.part.startswith("ind")}
    pages["funding"] = placed[next(i for i, r in enumerate(rows) if r.part == "funding")][0] + 1
    for part in ("total", "conclusion"):
        pages[part] = placed[next(i for i, r in enumerate(rows) if r.part == part)][0] + 1
    pages["last"] = max(p for p, _ in placed) + 1 if not tail else len(_pages_of(path))
    return pages


def _pages_of(path: Path) -> list[int]:
    with pymupdf.open(path) as doc:
        return list(range(len(doc)))


def _heading(page: pymupdf.Page, form: Form, size: float, page_w: float) -> float:
    title_size = size + 6
    title = form.title
    page.insert_text((page_w / 2 - len(title) * title_size / 2, 60), title, fontname=FONT, fontsize=title_size)
    year = f"（{form.year}年度）"
    page.insert_text((page_w / 2 - len(year) * size / 2, 60 + title_size * 1.5), year, fontname=FONT, fontsize=size + 1)
    y = 60 + title_size * 1.5 + size * 2.5
    stamp = "单位（盖章）：" + (form.unit_name if form.kind == "project" else "")
    page.insert_text((40, y), stamp, fontname=FONT, fontsize=size)
    fill = f"填报日期：{form.fill_date_raw}"
    page.insert_text((page_w - 40 - len(fill) * size * 0.8, y), fill, fontname=FONT, fontsize=size)
    return y + size * 1.5


def _cell_width(xs: list[float], col: int, span: int) -> float:
    return xs[col + span] - xs[col]


def _lines_of(text: str, width: float, size: float) -> list[str]:
    return _wrap(text, max(1, int((width - 2 * size) / size)))  # padding: half an em left, at least one right


def _row_height(row: GRow, xs: list[float], size: float, pad: float) -> float:
    n = max(
        [row.min_lines]
        + [len(_lines_of(c.text, _cell_width(xs, c.col, c.span), size)) for c in row.cells if c.rowspan == 1]
    )
    return n * size * 1.3 + 2 * pad


def _draw_rows(
    doc: pymupdf.Document,
    rows: list[GRow],
    placed: list[tuple[int, float]],
    heights: list[float],
    xs: list[float],
    size: float,
) -> None:
    for i, row in enumerate(rows):
        for cell in row.cells:
            members = range(i, i + cell.rowspan)
            by_page: dict[int, list[int]] = {}
            for m in members:
                by_page.setdefault(placed[m][0], []).append(m)
            middle = placed[i + (cell.rowspan - 1) // 2][0]  # a merged cell cut by a page break: its
            for page_no, ms in by_page.items():  # text is printed once, on the page holding its middle row
                top = placed[ms[0]][1]
                bottom = placed[ms[-1]][1] + heights[ms[-1]]
                rect = pymupdf.Rect(xs[cell.col], top, xs[cell.col + cell.span], bottom)
                _draw_cell(doc[page_no], rect, cell.text if page_no == middle else "", size)


def _draw_cell(page: pymupdf.Page, rect: pymupdf.Rect, text: str, size: float) -> None:
    page.draw_rect(rect, color=(0, 0, 0), width=0.5)
    lines = _lines_of(text, rect.width, size)
    block = len(lines) * size * 1.3
    y = rect.y0 + (rect.height - block) / 2 + size
    for line in lines:
        page.insert_text((rect.x0 + size / 2, y), line, fontname=FONT, fontsize=size)
        y += size * 1.3


# ---- OCR-like text -------------------------------------------------------------------------------


def render_text(form: Form, style: str) -> str:
    head = [form.title, f"（{form.year}年度）", ""]
    stamp = "单位（盖章）：" + (form.unit_name if form.kind == "project" else "")
    head += [f"{stamp} 填报日期：{form.fill_date_raw}", ""]
    body = _tab_lines(form) if style == "tab" else _space_lines(form)
    tail = [""]
    if form.contact:
        tail.append(f"联系人：{form.contact[0]} 联系电话： {form.contact[1]}")
        tail.append("")
    tail.extend(form.notes)
    return "\n".join(head + body + tail) + "\n"


def _tab_lines(form: Form) -> list[str]:
    rng = random.Random(form.seed * 11 + 3)
    middle = rng.random() < 0.5
    spaced = form.spaced
    rows = [r for r in grid_rows(form) if r.part != "conclusion"]
    fields: list[list[str]] = [[""] * NCOLS for _ in rows]
    for i, row in enumerate(rows):
        for cell in row.cells:
            at = i + (cell.rowspan - 1) // 2 if middle else i
            fields[at][cell.col] = cell.text.replace("\n", " ")
    if spaced:  # OCR puts a space after the decimal point of the amounts: ``608369. 99``
        for i, row in enumerate(rows):
            if row.part == "funding":
                fields[i] = [ocr_spaced(f) for f in fields[i]]
    lines = ["\t".join(f).rstrip("\t") if any(f) else "" for f in fields]
    return [*lines, "", "自评结论", ""] + [line for c in form.conclusion_lines for line in (c, "")]


def _space_lines(form: Form) -> list[str]:
    """The department-form layout of ``samples/text`` (see the module docstring)."""
    rng = random.Random(form.seed * 13 + 5)
    out: list[str] = []
    if form.kind == "dept":
        out += [f"部门（单位）名称 {form.unit_name}", ""]
    else:
        out += [f"项目名称 {form.project_name}", "", f"主管部门及代码 {form.department} 实施单位 {form.unit_name}", ""]
    out += ["资金（万元）" if form.kind == "dept" else f"项目资金（{form.money_unit}）", ""]
    out += ["资 金 来 源 年初预算数 全年预算数（A） 全年执行数（B） 分值 执行率 得分", ""]
    for f in form.funding:
        cells = [
            *(form.amount_text(a) for a in f.amounts),
            _plain(f.weight) if f.weight is not None else "—",
            f.rate_raw,
            _plain(f.score) if f.score is not None else "—",
        ]
        label = f.label + ("：" if f.canonical == "total" else "")
        out += [("" if f.canonical == "total" else "   ") + " ".join([label, *cells]), ""]
    out += ["年度总", "体目标", "", "预期目标 实际完成情况", "", form.goals[0], "", form.goals[1], ""]
    out += [
        "绩",
        "效",
        "指",
        "标",
        "",
        "一级指标 二级指标 三级指标 年度指标值(A) 实际完成值(B) 分值 得分 未完成原因分析",
        "",
    ]
    prev1 = prev2 = None
    for k, ind in enumerate(form.indicators):
        if ind.level1 != prev1:
            label = level1_label(form, k)
            out += [*ind.level1, ""] if "（" not in label else [*ind.level1, "", label[len(ind.level1) :], ""]
            prev1, prev2 = ind.level1, None
        tail = " ".join([ind.target.raw, ind.actual.raw, _plain(ind.weight), _plain(ind.score)])
        reason = ind.reason or ""
        lead = ""
        if ind.level2 != prev2:
            prev2 = ind.level2
            if rng.random() < 0.5:
                out += [ind.level2_printed, ""]
            else:
                lead = ind.level2_printed + " "
        more: list[str] = []
        if len(reason) > 16 and rng.random() < 0.5:  # a long reason wrapped in its narrow column
            reason, more = reason[:12], _wrap(reason[12:], 12)
        if len(ind.level3) > 7 and rng.random() < 0.4:
            cut = rng.randint(4, len(ind.level3) - 2)
            out += [lead + ind.level3[:cut], ind.level3[cut:], "", f"{tail} {reason}".strip(), *more, ""]
        else:
            out += [f"{lead}{ind.level3} {tail} {reason}".strip(), *more, ""]
    out += [f"总         分 {_plain(form.total_weight)} {_plain(form.total_score)}", ""]
    out += ["自评", "结论", ""] + [line for c in form.conclusion_lines for line in (c, "")]
    return out

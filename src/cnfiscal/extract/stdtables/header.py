"""Multi-row merged table headers (positioned words) → flat value columns, grouped in blocks.

Header words that overlap horizontally and follow each other vertically are one cell (a label
wrapped over lines). A cell with no other cell below it is a leaf; generic leaves (合计, 决算数, 小计)
take the name of the cell above them (``本年支出`` + ``合计``). A header that repeats its label
columns (项目 … 项目 …) holds several blocks side by side (收入 | 支出).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from cnfiscal.extract.layout import Word
from cnfiscal.models import BBox
from cnfiscal.vocab.tables import COMPLETE_HEADERS, GENERIC_LEAVES, LABEL_HEADERS, SIDE_WORDS

_WS = regex.compile(r"\s+")
_COMPLETE = GENERIC_LEAVES | LABEL_HEADERS | COMPLETE_HEADERS


@dataclass(slots=True)
class HeaderCell:
    text: str
    bbox: BBox

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2


@dataclass(slots=True)
class Column:
    name: str
    x0: float
    x1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Block:
    label_x0: float  # where this block's label area starts
    columns: list[Column] = field(default_factory=list)
    side: str | None = None


def header_cells(words: list[Word]) -> list[HeaderCell]:
    """Merge wrapped header words into cells: a fragment right under a cell, within its span, joins it."""
    cells: list[HeaderCell] = []
    for w in sorted(words, key=lambda w: (w.bbox[1], w.bbox[0])):
        text = _WS.sub("", w.text)
        host = next((c for c in reversed(cells) if _wraps(c, w, text)), None)
        if host is None:
            cells.append(HeaderCell(text, w.bbox))
        else:
            host.text += text
            host.bbox = (min(host.bbox[0], w.bbox[0]), host.bbox[1], max(host.bbox[2], w.bbox[2]), w.bbox[3])
    return cells


def _wraps(c: HeaderCell, w: Word, text: str) -> bool:
    if c.text in _COMPLETE or text in _COMPLETE:
        return False
    h = max(c.bbox[3] - c.bbox[1], w.bbox[3] - w.bbox[1], 3.0)
    gap = w.bbox[1] - c.bbox[3]
    cx = (w.bbox[0] + w.bbox[2]) / 2
    width_ok = (w.bbox[2] - w.bbox[0]) <= (c.bbox[2] - c.bbox[0]) + 2
    return -1 <= gap < max(2.2 * h, 14) and c.bbox[0] - 2 <= cx <= c.bbox[2] + 2 and width_ok


def _x_overlap(a: BBox, b: BBox) -> float:
    inter = min(a[2], b[2]) - max(a[0], b[0])
    return inter / max(1.0, min(a[2] - a[0], b[2] - b[0]))


def _is_label(text: str) -> bool:
    return _WS.sub("", text) in LABEL_HEADERS


def _below(c: HeaderCell, cells: list[HeaderCell]) -> list[HeaderCell]:
    return [
        d
        for d in cells
        if d is not c
        and d.bbox[1] >= c.bbox[3] - 1
        and _x_overlap(c.bbox, d.bbox) > 0.3
        and d.bbox[0] >= c.bbox[0] - 8
        and d.bbox[2] <= c.bbox[2] + 8 + (c.bbox[2] - c.bbox[0])
    ]


def _parent(c: HeaderCell, cells: list[HeaderCell]) -> HeaderCell | None:
    above = [d for d in cells if d.bbox[3] <= c.bbox[1] + 1 and d.bbox[0] - 8 <= c.cx <= d.bbox[2] + 8]
    return max(above, key=lambda d: d.bbox[3]) if above else None


def flat_name(c: HeaderCell, cells: list[HeaderCell]) -> str:
    name = c.text
    node = c
    while node.text in GENERIC_LEAVES:
        parent = _parent(node, cells)
        if parent is None or _is_label(parent.text):
            break
        name = parent.text + name
        node = parent
    return name


def blocks(words: list[Word], label_starts: list[float]) -> list[Block]:
    """Value columns of the header, split into blocks at each data label area start.

    ``label_starts``: x0 of each block's label area as seen in the data rows (left to right).
    """
    cells = header_cells(words)
    leaves = [c for c in cells if not any(d for d in _below(c, cells) if not _is_label(d.text) or _is_label(c.text))]
    value_leaves = sorted((c for c in leaves if not _is_label(c.text)), key=lambda c: c.cx)
    starts = sorted(label_starts) or [0.0]
    out = [Block(label_x0=x) for x in starts]
    for leaf in value_leaves:
        i = max((k for k, x in enumerate(starts) if x <= leaf.cx), default=0)
        out[i].columns.append(Column(flat_name(leaf, cells), leaf.bbox[0], leaf.bbox[2]))
    out = [b for b in out if b.columns] or out[:1]
    if len(out) > 1:
        for i, b in enumerate(out):
            b.side = _side(b, cells, out[i + 1].label_x0 if i + 1 < len(out) else float("inf"))
    return out


def _side(b: Block, cells: list[HeaderCell], right: float) -> str | None:
    """收入 or 支出 when a header cell over this block names one side only."""
    for c in sorted(cells, key=lambda c: c.bbox[1]):
        if b.label_x0 - 8 <= c.cx < right:
            sides = [s for s in SIDE_WORDS if s in c.text]
            if len(sides) == 1:
                return sides[0]
    return None


def column_of(x_center: float, block: Block) -> Column | None:
    """The column whose span (to the midpoints with its neighbours) holds ``x_center``."""
    cols = block.columns
    for i, col in enumerate(cols):
        lo = (cols[i - 1].x1 + col.x0) / 2 if i else col.x0 - 60
        hi = (col.x1 + cols[i + 1].x0) / 2 if i + 1 < len(cols) else col.x1 + 80
        if lo <= x_center < hi:
            return col
    return None

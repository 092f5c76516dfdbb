"""Table grids rebuilt from a page's ruling lines and word boxes (merged cells included).

1. Ruling lines (``grid_lines``) that touch each other form one table.
2. The distinct x of its vertical rules and y of its horizontal rules cut the table into
   elementary cells; two neighbouring elementary cells are one (merged) cell when no rule runs
   between them at that place.
3. Each word goes to the cell holding its centre (a word printed across a border is split); the
   cell text is its words read by position (``grid_text``).

The result per page is a list of ``PageTable``; ``grid_join`` joins tables continued over pages and
turns them into ``layout.Grid``.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cnfiscal.extract.grid.hrules import infer_tables
from cnfiscal.extract.grid.lines import Rulings, Segment, cluster_positions
from cnfiscal.extract.grid.text import Piece, cell_text, split_word
from cnfiscal.extract.layout import Word
from cnfiscal.models import BBox

log = logging.getLogger(__name__)

TOUCH = 2.5  # a vertical and a horizontal rule within this distance meet
MIN_BAND = 3.0  # rules closer than this (double borders) are one boundary
CROSS = 2.0  # a word reaching this far over a border is split there


class TableCell(NamedTuple):
    """A (possibly merged) cell: rows ``r0..r1-1`` and columns ``c0..c1-1`` of its table.

    (A NamedTuple, like ``grid_lines.Segment``: thousands per document, built several times faster.)
    """

    r0: int
    c0: int
    r1: int
    c1: int
    bbox: BBox
    text: str


@dataclass(frozen=True, slots=True)
class PageTable:
    """One ruled table on one page: its column and row boundaries and its cells."""

    page: int
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[TableCell, ...]
    inferred: bool = False  # ruled with horizontal lines only: the columns inferred from the words

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def row_texts(self, r: int) -> list[str]:
        return [c.text for c in sorted(self.cells, key=lambda c: c.c0) if c.r0 == r]


def find_page_tables(page: int, rulings: Rulings, words: Sequence[Word]) -> list[PageTable]:
    """Every ruled table of one page, top to bottom."""
    tables = []
    loose: list[Segment] = []  # horizontal rules no vertical rule touches
    for hs, vs in _components(rulings):
        if not vs:
            loose.extend(hs)
        skeleton = _skeleton(hs, vs)
        if skeleton is None:
            continue
        tables.append(_build(page, skeleton, (hs, vs), words))
    for hs, vs in infer_tables(loose, words) if words else ():
        skeleton = _skeleton(hs, vs)
        if skeleton is not None:
            tables.append(_build(page, skeleton, (hs, vs), words, inferred=True))
    return sorted(tables, key=lambda t: (t.ys[0], t.xs[0]))


def _components(rulings: Rulings) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rules connected by crossings (each group is one table candidate)."""
    hs, vs = rulings.horizontal, rulings.vertical
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    positions = [vs[j].pos for j in order]
    n_h = len(hs)
    for i, h in enumerate(hs):
        y = h.pos
        for k in range(bisect_left(positions, h.lo - TOUCH), bisect_right(positions, h.hi + TOUCH)):
            j = order[k]
            v = vs[j]
            if v.lo - TOUCH <= y <= v.hi + TOUCH:  # v.covers(y, TOUCH), inline: the hot loop of a page
                ri, rj = find(i), find(n_h + j)
                if ri != rj:
                    parent[ri] = rj
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _skeleton(hs: list[Segment], vs: list[Segment]) -> tuple[list[float], list[float]] | None:
    if len(hs) < 2 or len(vs) < 2:
        return None  # underlines, single rules, boxes without inner structure
    xs = cluster_positions((v.pos for v in vs), MIN_BAND)
    ys = cluster_positions((h.pos for h in hs), MIN_BAND)
    if len(xs) < 2 or len(ys) < 2 or (len(xs) == 2 and len(ys) == 2):
        return None  # a single framed box is not a table
    return xs, ys


def _build(
    page: int,
    skeleton: tuple[list[float], list[float]],
    rules: tuple[list[Segment], list[Segment]],
    words: Sequence[Word],
    inferred: bool = False,
) -> PageTable:
    xs, ys = skeleton
    hs, vs = rules
    owner = _merge_cells(xs, ys, hs, vs)
    spans = _spans(owner)
    texts = _assign_words(xs, ys, owner, words)
    cells = []
    for key, (r0, c0, r1, c1) in spans.items():
        bbox = (xs[c0], ys[r0], xs[c1], ys[r1])
        pieces = texts.get(key)
        cells.append(TableCell(r0, c0, r1, c1, bbox, cell_text(pieces) if pieces else ""))
    cells.sort(key=lambda c: (c.r0, c.c0))
    return PageTable(page, tuple(xs), tuple(ys), tuple(cells), inferred)


def _ruled(segments: list[Segment], borders: list[float], mids: list[float]) -> list[list[bool]]:
    """``ruled[b][k]``: a rule lies on border ``b`` across the midpoint ``mids[k]`` of the band it crosses."""
    ruled = [[False] * len(mids) for _ in borders]
    for s in segments:
        b = _nearest_border(borders, s.pos)
        if b is None:
            continue
        row = ruled[b]
        for k in range(bisect_left(mids, s.lo - 0.5), bisect_right(mids, s.hi + 0.5)):
            row[k] = True
    return ruled


def _nearest_border(borders: list[float], pos: float) -> int | None:
    i = bisect_left(borders, pos)
    best = min((j for j in (i - 1, i) if 0 <= j < len(borders)), key=lambda j: abs(borders[j] - pos))
    return best if abs(borders[best] - pos) <= MIN_BAND else None


def _merge_cells(xs: list[float], ys: list[float], hs: list[Segment], vs: list[Segment]) -> list[list[int]]:
    """``owner[r][c]``: the id of the merged cell holding elementary cell (r, c)."""
    n_r, n_c = len(ys) - 1, len(xs) - 1
    xmids = [(xs[c] + xs[c + 1]) / 2 for c in range(n_c)]
    ymids = [(ys[r] + ys[r + 1]) / 2 for r in range(n_r)]
    v_ruled, h_ruled = _ruled(vs, xs, ymids), _ruled(hs, ys, xmids)
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and not v_ruled[c + 1][r]:
                parent[find(r * n_c + c)] = find(r * n_c + c + 1)
            if r + 1 < n_r and not h_ruled[r + 1][c]:
                parent[find(r * n_c + c)] = find((r + 1) * n_c + c)
    return [[find(r * n_c + c) for c in range(n_c)] for r in range(n_r)]


def _spans(owner: list[list[int]]) -> dict[int, tuple[int, int, int, int]]:
    """Bounding rows/columns ``(r0, c0, r1, c1)`` (ends exclusive) of every merged cell."""
    box: dict[int, list[int]] = {}
    for r, row in enumerate(owner):  # row-major: a cell's first sighting has its top row
        for c, key in enumerate(row):
            b = box.get(key)
            if b is None:
                box[key] = [r, c, r + 1, c + 1]
                continue
            b[1] = min(b[1], c)
            b[2] = r + 1
            b[3] = max(b[3], c + 1)
    return {k: (b[0], b[1], b[2], b[3]) for k, b in box.items()}


def _assign_words(
    xs: list[float], ys: list[float], owner: list[list[int]], words: Sequence[Word]
) -> dict[int, list[Piece]]:
    texts: dict[int, list[Piece]] = {}
    x_lo, y_lo, x_hi, y_hi = xs[0], ys[0], xs[-1], ys[-1]
    last_col = len(xs) - 2
    for w in words:
        x0, y0, x1, y1 = w.bbox
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if not (x_lo <= cx <= x_hi and y_lo <= cy <= y_hi):
            continue
        owners = owner[min(bisect_right(ys, cy) - 1, len(ys) - 2)]
        first, last = bisect_right(xs, x0 + CROSS), bisect_right(xs, x1 - CROSS)
        if first >= last:  # no border inside the word (the common case): the cell of its centre
            texts.setdefault(owners[min(max(bisect_right(xs, cx) - 1, 0), last_col)], []).append(Piece(w.text, w.bbox))
            continue
        for piece in _pieces(w, xs, owners, (first, last)):
            px = (piece.bbox[0] + piece.bbox[2]) / 2
            texts.setdefault(owners[min(max(bisect_right(xs, px) - 1, 0), last_col)], []).append(piece)
    return texts


def _pieces(w: Word, xs: list[float], owners: list[int], inside: tuple[int, int]) -> list[Piece]:
    """The word, split where it runs over a vertical border (``xs[first:last]``) between two different cells."""
    first, last = inside
    cuts = [xs[c] for c in range(max(first, 1), min(last, len(xs) - 1)) if owners[c - 1] != owners[c]]
    if not cuts:
        return [Piece(w.text, w.bbox)]
    log.debug("page word %r crosses %d cell border(s); split by character widths", w.text, len(cuts))
    return split_word(w.text, w.bbox, cuts)

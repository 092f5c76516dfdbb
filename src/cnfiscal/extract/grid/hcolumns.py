"""Columns of a table without vertical rules, from its words (see ``hrules``).

Column ranges are the x-extents the words occupy: body words first, then header words from the bottom
up, each widening the one range it overlaps (a header word over two ranges spans columns and is left out;
one over none stands over an empty column). Borders between ranges follow how amounts are printed:
right-aligned, so a column of amounts ends just right of its numbers (by the padding seen at the table's
right edge), and begins as far left of its header's centre as it ends right of it; elsewhere a border is
midway between the ranges.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import regex

from cnfiscal.extract.grid.lines import Segment
from cnfiscal.extract.layout import Word

_DIGITS = regex.compile(r"^[-−]?\d[\d,.]*$")


def is_amount(text: str) -> bool:
    """An amount or the first piece of one wrapped in its cell (``32,180,887.`` over ``32``); not an item number
    (``1.``)."""
    return len(text) >= 3 and bool(_DIGITS.match(text)) and ("." in text or "," in text)


MIN_GAP = 2.0  # words this far apart horizontally are in different columns
CROSS = 1.0  # a word reaching this far over a border crosses it
PAD = 2.0  # cell padding assumed when the table's right edge does not show it
MAX_PAD = 6.0
ALIGNED = 1.5  # word ends this close are aligned


@dataclass(slots=True)
class Range:
    lo: float
    hi: float
    body_hi: float
    words: int = 0
    amounts: int = 0
    head: float | None = None  # centre of the lowest header word over the column
    x1_min: float = 1e9  # least right end of its body words

    @property
    def numeric(self) -> bool:
        """Amounts, right-aligned."""
        return self.words > 0 and self.amounts * 2 >= self.words and self.body_hi - self.x1_min <= ALIGNED

    @property
    def flush_left(self) -> bool:
        """Labels or codes (printed from the cell's left edge)."""
        return self.words > 0 and not self.numeric

    def add(self, w: Word) -> None:
        x1 = w.bbox[2]
        self.hi = self.body_hi = max(self.hi, x1)
        self.words += 1
        self.amounts += is_amount(w.text)
        self.x1_min = min(self.x1_min, x1)


def column_ranges(body: Sequence[Word], head: Sequence[Word], edges: tuple[float, float]) -> list[Range]:
    """Ranges left to right. ``head``: the header words, bottom row first; ``edges``: the top of the header's
    last row (only a word reaching into it heads a column of its own) and the table's right edge."""
    leaf_top, right = edges
    ranges = _body_ranges(body)
    for w in head:
        x0, x1 = w.bbox[0], w.bbox[2]
        hit = [r for r in ranges if x0 <= r.hi + MIN_GAP and x1 >= r.lo - MIN_GAP]
        leaf = w.bbox[3] > leaf_top + 1  # a word above the last header line joins the range it stands in only
        cx = (x0 + x1) / 2
        if len(hit) == 1 and not leaf and not hit[0].lo <= cx <= hit[0].hi:
            continue
        owner = hit[0] if len(hit) == 1 else None if hit else _label_left(ranges, w, right) or _amounts_right(ranges, w)
        if owner is not None:
            owner.lo, owner.hi = min(owner.lo, x0), max(owner.hi, x1)
            owner.head = (x0 + x1) / 2 if owner.head is None else owner.head
        elif not hit and leaf:
            ranges.append(Range(x0, x1, x1, head=(x0 + x1) / 2))
            ranges.sort(key=lambda r: r.lo)
    return ranges


def _body_ranges(body: Sequence[Word]) -> list[Range]:
    ranges: list[Range] = []
    for w in sorted(body, key=lambda w: w.bbox[0]):
        x0, x1 = w.bbox[0], w.bbox[2]
        if not ranges or x0 > ranges[-1].hi + MIN_GAP:
            ranges.append(Range(x0, x1, x1))
        ranges[-1].add(w)
    return ranges


def _label_left(ranges: list[Range], w: Word, right: float) -> Range | None:
    """The label column a header word right of its text belongs to: labels are printed from the cell's left
    edge and the header centred, so the cell (mirrored about the header's centre) still ends before the next
    column's words. ``None`` when the word heads a column of its own (an empty one)."""
    cx = (w.bbox[0] + w.bbox[2]) / 2
    left = [r for r in ranges if r.hi < w.bbox[0]]
    if not left or not left[-1].flush_left:
        return None
    nxt = min((r.lo for r in ranges if r.lo > w.bbox[2]), default=right)
    return left[-1] if 2 * cx - (left[-1].lo - PAD) <= nxt + MIN_GAP else None


def _amounts_right(ranges: list[Range], w: Word) -> Range | None:
    """The column of amounts a header word left of its numbers belongs to: the amounts end at the cell's right
    edge and the header is centred, so the cell (mirrored about the header's centre) begins after the previous
    column's words; and the numbers start within their own width of the header."""
    cx = (w.bbox[0] + w.bbox[2]) / 2
    right = [r for r in ranges if r.lo > w.bbox[2]]
    if not right or not right[0].numeric:
        return None
    r = right[0]
    prev = max((q.hi for q in ranges if q.hi < w.bbox[0]), default=-1e9)
    near = r.lo - w.bbox[2] <= r.body_hi - r.lo
    return r if near and 2 * cx - (r.body_hi + PAD) >= prev - MIN_GAP else None


def borders(ranges: list[Range], right: float) -> list[float]:
    """The inner column borders (one between each two ranges)."""
    last = ranges[-1]
    pad = min(max(right - last.body_hi, 0.0), MAX_PAD) if last.numeric else PAD
    out = []
    for a, b in pairwise(ranges):
        mid = (a.hi + b.lo) / 2
        if a.numeric:
            x = a.body_hi + pad
        elif b.numeric and b.head is not None:
            x = 2 * b.head - (b.body_hi + pad)
        else:
            x = mid
        out.append(min(max(x, a.hi), b.lo) if a.hi < b.lo else mid)
    return out


def virtual_verticals(xs: list[float], row_ys: list[float], words: list[Word], body_top: float) -> list[Segment]:
    """A rule at each inner border ``xs[1:-1]`` in each row where no word crosses it and, in the header,
    no cell centred over several columns spans it."""
    out = []
    for y0, y1 in pairwise(row_ys):
        row = [w for w in words if y0 < (w.bbox[1] + w.bbox[3]) / 2 < y1]
        spans = spanned(xs, row, [w for w in words if w.bbox[1] < y1 - 1 and w.bbox[3] > y0 + 1])
        for k, x in enumerate(xs[1:-1], 1):
            if (y1 > body_top + CROSS or k not in spans) and not any(
                w.bbox[0] + CROSS < x < w.bbox[2] - CROSS for w in row
            ):
                out.append(Segment(x, y0, y1))
    return out


def column_at(xs: list[float], x: float) -> int:
    return max(0, min(len(xs) - 2, bisect_right(xs, x) - 1))


def spanned(xs: list[float], row: list[Word], near: list[Word]) -> set[int]:
    """Inner borders a header cell spans: its text is centred over its own and empty neighbouring columns
    (a cell over 合计 | 基本支出 | 项目支出 stands in the middle one, centred over all three). ``near``:
    the words reaching into the row (a label merged over two rows keeps its column taken)."""
    used = {column_at(xs, (w.bbox[0] + w.bbox[2]) / 2) for w in near}
    out: set[int] = set()
    for c in sorted({column_at(xs, (w.bbox[0] + w.bbox[2]) / 2) for w in row}):
        mine = [w for w in row if column_at(xs, (w.bbox[0] + w.bbox[2]) / 2) == c]
        cx = (min(w.bbox[0] for w in mine) + max(w.bbox[2] for w in mine)) / 2
        a = c
        while a > 0 and a - 1 not in used:
            a -= 1
        b = c
        while b + 1 < len(xs) - 1 and b + 1 not in used:
            b += 1
        spans = [(i, j) for i in range(a, c + 1) for j in range(c, b + 1)]
        i, j = min(spans, key=lambda s: (abs((xs[s[0]] + xs[s[1] + 1]) / 2 - cx), s[1] - s[0]))
        out.update(range(i + 1, j + 1))
    return out

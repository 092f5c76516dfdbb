"""Tables ruled with horizontal lines only (三线表, Word tables without vertical borders): columns inferred.

Horizontal rules that no vertical rule touches are stacked into table candidates (rules lying within
the extent of a long rule above them). Inside a candidate:

- rows are the bands between the rules; a body band holding several lines with amounts (a 三线表's
  body) is cut between those lines, a wrapped label line going with the nearest amount line;
- the header is the bands above the first band with an amount;
- columns are the x-ranges the words occupy (``stream`` reading, as pdfplumber's ``text`` strategy and
  camelot's stream): body words first, then header words from the bottom up, each joining the one range
  it overlaps (a header word over two ranges spans columns and is left out). A column border lies in each
  gap between two ranges.

The result is rules as if drawn: a virtual vertical rule at each border wherever no word crosses it (a
header cell over several columns stays one merged cell) and a virtual horizontal rule at each cut, so the
ruled-table builder reads the candidate like any other grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import regex

from cnfiscal.extract.grid.hcolumns import (
    CROSS,
    borders,
    column_at,
    column_ranges,
    is_amount,
    spanned,
    virtual_verticals,
)
from cnfiscal.extract.grid.lines import Segment
from cnfiscal.extract.layout import Word

ALIGN = 4.0  # rule ends this close line up (one table)
MIN_RULES = 3  # fewer horizontal rules make a table only around rows with amounts (a 三线表 continued)
MIN_WIDTH = 120.0  # a rule seeding a table is at least this long (not an underline)
GAP_ROWS = 2.5  # a band without amounts this many rows tall, after the rows, ends the table
_WHOLE = regex.compile(r"^\d{3,}$")
OVERLAP = 0.5  # words overlapping vertically by more than this are on one row

Rules = tuple[list[Segment], list[Segment]]


def infer_tables(rules: Sequence[Segment], words: Sequence[Word]) -> list[Rules]:
    """Horizontal rules (touched by no vertical rule) and the page's words → rules of inferred tables."""
    out = []
    for stack in (part for st in _stacks(rules) for part in _split(st, words) if _enough(part, words)):
        inferred = _infer(stack, words)
        if inferred is not None:
            out.append(inferred)
    return out


def _stacks(rules: Sequence[Segment]) -> list[list[Segment]]:
    """Rules grouped under a long rule: each lies within the extent of the stack's first (longest) rule."""
    stacks: list[list[Segment]] = []
    for s in sorted(rules, key=lambda s: (s.pos, s.lo)):
        host = next((st for st in reversed(stacks) if _within(s, st[0])), None)
        if host is not None:
            host.append(s)
        elif s.hi - s.lo >= MIN_WIDTH:
            stacks.append([s])
    return [st for st in stacks if len({round(s.pos) for s in st}) >= 2]


def _split(stack: list[Segment], words: Sequence[Word]) -> list[list[Segment]]:
    """A stack cut where, after rows with amounts, a band without any is much taller than those rows: what
    stands between two tables of one width (the next one's title and unit line)."""
    ys = sorted({s.pos for s in stack})
    lo, hi = min(s.lo for s in stack), max(s.hi for s in stack)
    bands = [[w for w in words if y0 < _cy(w) < y1 and lo <= _cx(w) <= hi] for y0, y1 in pairwise(ys)]
    rows = [(y1 - y0) / (len(_cuts(b)) + 1) for (y0, y1), b in zip(pairwise(ys), bands, strict=True) if _has_amount(b)]
    if not rows:
        return [stack]
    first = next(i for i, b in enumerate(bands) if _has_amount(b))
    tall = sorted(rows)[len(rows) // 2] * GAP_ROWS
    k = next(
        (
            i
            for i in range(first + 1, len(bands))
            if bands[i] and not _has_amount(bands[i]) and ys[i + 1] - ys[i] > tall
        ),
        None,
    )
    if k is None:
        return [stack]
    head, rest = [s for s in stack if s.pos <= ys[k]], [s for s in stack if s.pos >= ys[k + 1]]
    parts = [head] + (_split(rest, words) if rest else [])
    return [p for p in parts if len({round(s.pos) for s in p}) >= 2]


def _enough(stack: list[Segment], words: Sequence[Word]) -> bool:
    """At least three rules, or two around several rows with amounts (a 三线表's part on a later page)."""
    ys = sorted({round(s.pos) for s in stack})
    if len(ys) >= MIN_RULES:
        return True
    lo, hi = min(s.lo for s in stack), max(s.hi for s in stack)
    band = [w for w in words if ys[0] < _cy(w) < ys[-1] and lo <= _cx(w) <= hi]
    return sum(map(_has_amount, _chains(band))) >= 2


def _has_amount(words: Sequence[Word]) -> bool:
    return any(is_amount(w.text) for w in words)


def _within(s: Segment, top: Segment) -> bool:
    return top.lo - ALIGN <= s.lo and s.hi <= top.hi + ALIGN


def _infer(stack: list[Segment], words: Sequence[Word]) -> Rules | None:
    lo, hi = min(s.lo for s in stack), max(s.hi for s in stack)
    ys = sorted({s.pos for s in stack})
    mine = [w for w in words if lo <= _cx(w) <= hi and ys[0] < _cy(w) < ys[-1]]
    bands = [[w for w in mine if y0 < _cy(w) < y1] for y0, y1 in pairwise(ys)]
    first = next((i for i, b in enumerate(bands) if any(is_amount(w.text) for w in b)), len(bands))
    if first == len(bands) and any(_WHOLE.match(w.text) for w in mine):
        return None  # whole numbers and no amount: not an empty table's header; left to the positioned reading
    body = [w for b in bands[first:] for w in b]
    head = [w for b in reversed(bands[:first]) for w in sorted(b, key=_cy, reverse=True)]
    leaf = _lines(bands[first - 1])[-1] if first and bands[first - 1] else []
    ranges = column_ranges(body, head, (min((w.bbox[1] for w in leaf), default=ys[max(first - 1, 0)]), hi))
    if len(ranges) < 2:
        return None
    left, right = min(lo, ranges[0].lo - 1), max(hi, ranges[-1].hi + 1)
    xs = [left, *borders(ranges, right), right]
    cuts = [y for b in bands[first:] for y in _row_cuts(b, xs)]
    head_cuts = _header_cuts(bands[0], xs) if first == 1 else []  # a header of one band: rows not ruled
    hs = [*stack, *(Segment(y, left, right) for y in cuts)]
    hs += [Segment(ys[0], left, right), Segment(ys[-1], left, right)]
    hs += [seg for y in head_cuts for seg in _cut_segments(y, xs, head)]
    vs = [Segment(left, ys[0], ys[-1]), Segment(right, ys[0], ys[-1])]
    row_ys = sorted([*ys, *cuts, *head_cuts])
    vs += virtual_verticals(xs, row_ys, mine, ys[first] if first < len(bands) else ys[-1])
    return hs, vs


def _lines(band: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by their vertical centres, top to bottom."""
    lines: list[list[Word]] = []
    for w in sorted(band, key=_cy):
        if lines and _cy(w) - _cy(lines[-1][0]) <= (w.bbox[3] - w.bbox[1]) / 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def _header_cuts(band: list[Word], xs: list[float]) -> list[float]:
    """Header rows with no rule between them (a 三线表's): cut under a line with a cell centred over several
    columns (项目 over 科目编码 | 科目名称; a label wrapped in its own column is not cut), above the next line
    with a word under that cell (a label centred over both rows, in a column of its own, runs across the cut)."""
    out = []
    lines = _lines(band)
    for k, upper in enumerate(lines[:-1]):
        top, bottom = min(w.bbox[1] for w in upper), max(w.bbox[3] for w in upper)
        near = [w for w in band if w.bbox[1] < bottom - CROSS and w.bbox[3] > top + CROSS]
        under = {c for b in spanned(xs, upper, near) for c in (b - 1, b)}
        below = next((ln for ln in lines[k + 1 :] if any(column_at(xs, _cx(w)) in under for w in ln)), None)
        if below is not None:
            out.append((bottom + min(w.bbox[1] for w in below)) / 2)
    return out


def _cut_segments(y: float, xs: list[float], words: list[Word]) -> list[Segment]:
    """A rule at ``y`` under each column no word runs across (a label over both rows stays one cell)."""
    across = [w for w in words if w.bbox[1] + CROSS < y < w.bbox[3] - CROSS]
    return [Segment(y, x0, x1) for x0, x1 in pairwise(xs) if not any(w.bbox[0] < x1 and w.bbox[2] > x0 for w in across)]


def _cx(w: Word) -> float:
    return (w.bbox[0] + w.bbox[2]) / 2


def _cy(w: Word) -> float:
    return (w.bbox[1] + w.bbox[3]) / 2


def _chains(band: list[Word]) -> list[list[Word]]:
    """Words overlapping vertically, in a chain: one row (a wrapped cell with its neighbours centred on it)."""
    lines: list[list[Word]] = []
    bottom = -1.0
    for w in sorted(band, key=lambda w: w.bbox[1]):
        if lines and w.bbox[1] < bottom - OVERLAP:
            lines[-1].append(w)
        else:
            lines.append([w])
        bottom = max(bottom, w.bbox[3]) if len(lines[-1]) > 1 else w.bbox[3]
    return lines


def _cuts(band: list[Word]) -> list[float]:
    """Where a band holding several rows (lines with amounts) is cut: midway between those lines."""
    cores = [sum(_cy(w) for w in ln) / len(ln) for ln in _chains(band) if _has_amount(ln)]
    return [(a + b) / 2 for a, b in pairwise(cores)]


def _row_cuts(band: list[Word], xs: list[float]) -> list[float]:
    """Where a band holding several rows (a 三线表's body) is cut: above each line that starts a row; a line
    continues the one above when its labels go on where that one's filled their cells (wrapped), or when one
    of the two holds the other's amounts (printed above or below their label)."""
    lines = _chains(band)
    if sum(map(_has_amount, lines)) < 2:
        return []
    out = []
    for prev, line in pairwise(lines):
        if not _continues(line, prev, xs):
            out.append((max(w.bbox[3] for w in prev) + min(w.bbox[1] for w in line)) / 2)
    return out


def _continues(line: list[Word], prev: list[Word], xs: list[float]) -> bool:
    full = {column_at(xs, _cx(w)) for w in prev if w.bbox[2] >= xs[column_at(xs, _cx(w)) + 1] - 1.5 * _h(w)}
    if _has_amount(line) and _has_amount(prev):
        return False
    return all(column_at(xs, _cx(w)) in full for w in line if not is_amount(w.text))


def _h(w: Word) -> float:
    return w.bbox[3] - w.bbox[1]

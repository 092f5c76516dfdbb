"""Ruling lines of a PDF page: PyMuPDF vector drawings → merged horizontal and vertical segments.

Office programs draw table borders differently: LibreOffice, WPS 文字 and ONLYOFFICE stroke line
segments (ONLYOFFICE one short segment per cell edge), WPS 表格 fills thin black rectangles, and
some producers stroke whole rectangles. All become axis-parallel ``Segment``s; collinear pieces
that touch are merged. White strokes/fills (cell backgrounds, erasers) and diagonals are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

THIN = 3.0  # a filled rectangle at most this thick is a rule, not a background
AXIS_TOL = 1.0  # |dy| (|dx|) at most this: the line is horizontal (vertical)
SNAP = 1.5  # collinear: positions within this are one line
GAP = 2.5  # collinear pieces this close are merged

Box = tuple[float, float, float, float]


class Segment(NamedTuple):
    """An axis-parallel rule: ``pos`` is y for a horizontal line (x for a vertical), from ``lo`` to ``hi``.

    (A NamedTuple: thousands are made per page, and a frozen dataclass is several times slower to build.)
    """

    pos: float
    lo: float
    hi: float

    def covers(self, v: float, tol: float = 0.0) -> bool:
        return self.lo - tol <= v <= self.hi + tol


@dataclass(frozen=True, slots=True)
class Rulings:
    horizontal: tuple[Segment, ...]
    vertical: tuple[Segment, ...]


def page_rulings(drawings: Iterable[dict[str, Any]], turn: Turn | None = None) -> Rulings:
    """All ruling lines of one page (``page.get_cdrawings()`` or ``get_drawings()`` output), merged.

    ``turn`` maps the page's unrotated coordinates to the page as shown (a page with /Rotate set):
    the rulings are then in the same space as its words."""
    hs: list[Segment] = []
    vs: list[Segment] = []
    for path in drawings:
        if not _visible(path):
            continue
        stroked = "s" in (path.get("type") or "")
        for item in path.get("items", ()):
            _add_item(item, stroked, hs, vs)
    if turn is not None:
        hs, vs = _turned(hs, vs, turn)
    return Rulings(tuple(merge_collinear(hs)), tuple(merge_collinear(vs)))


Turn = Callable[[float, float], tuple[float, float]]  # a point of the unrotated page → the page as shown


def _turned(hs: list[Segment], vs: list[Segment], turn: Turn) -> tuple[list[Segment], list[Segment]]:
    """Segments of a rotated page in the coordinates of the page as shown (a quarter turn swaps the axes)."""
    ends = [(turn(s.lo, s.pos), turn(s.hi, s.pos)) for s in hs] + [(turn(s.pos, s.lo), turn(s.pos, s.hi)) for s in vs]
    out_h: list[Segment] = []
    out_v: list[Segment] = []
    for (x0, y0), (x1, y1) in ends:
        if abs(y1 - y0) <= AXIS_TOL:
            out_h.append(Segment((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        else:
            out_v.append(Segment((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return out_h, out_v


def _visible(path: dict[str, Any]) -> bool:
    stroke = "s" in (path.get("type") or "")
    color = path.get("color") if stroke else path.get("fill")
    if not color or path.get("stroke_opacity" if stroke else "fill_opacity") == 0:
        return False
    return min(color) <= 0.95  # all channels near 1: white, a background or an eraser


def _add_item(item: Sequence[Any], stroked: bool, hs: list[Segment], vs: list[Segment]) -> None:
    """One path item, from ``get_drawings()`` (Point/Rect/Quad) or ``get_cdrawings()`` (tuples)."""
    op = item[0]
    if op == "l":  # a line: kept when (nearly) horizontal or vertical
        p, q = item[1], item[2]
        x0, y0, x1, y1 = p[0], p[1], q[0], q[1]
        if abs(y1 - y0) <= AXIS_TOL and abs(x1 - x0) > AXIS_TOL:
            hs.append(Segment((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= AXIS_TOL and abs(y1 - y0) > AXIS_TOL:
            vs.append(Segment((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    elif op == "re":
        r = item[1]
        _add_rect((r[0], r[1], r[2], r[3]), stroked, hs, vs)
    elif op == "qu":  # a quad: its corner points; axis-parallel ones are rectangles
        xs, ys = [pt[0] for pt in item[1]], [pt[1] for pt in item[1]]
        _add_rect((min(xs), min(ys), max(xs), max(ys)), stroked, hs, vs)


def _add_rect(box: Box, stroked: bool, hs: list[Segment], vs: list[Segment]) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w <= THIN and h <= THIN:
        return  # a dot
    if h <= THIN:
        hs.append(Segment((y0 + y1) / 2, x0, x1))
    elif w <= THIN:
        vs.append(Segment((x0 + x1) / 2, y0, y1))
    elif stroked:  # a framed box: its four edges
        hs.extend((Segment(y0, x0, x1), Segment(y1, x0, x1)))
        vs.extend((Segment(x0, y0, y1), Segment(x1, y0, y1)))
    # a large fill without stroke is a cell background: no rule


def merge_collinear(segments: Iterable[Segment]) -> list[Segment]:
    """Snap positions within ``SNAP`` to one line and join pieces that touch or overlap."""
    merged: list[Segment] = []
    for group in _position_groups(sorted(segments, key=lambda s: s.pos)):
        pos = sum(s.pos for s in group) / len(group)
        cur_lo = cur_hi = None
        for s in sorted(group, key=lambda s: s.lo):
            if cur_lo is None or cur_hi is None:
                cur_lo, cur_hi = s.lo, s.hi
            elif s.lo <= cur_hi + GAP:
                cur_hi = max(cur_hi, s.hi)
            else:
                merged.append(Segment(pos, cur_lo, cur_hi))
                cur_lo, cur_hi = s.lo, s.hi
        if cur_lo is not None and cur_hi is not None:
            merged.append(Segment(pos, cur_lo, cur_hi))
    return merged


def _position_groups(segments: list[Segment]) -> list[list[Segment]]:
    groups: list[list[Segment]] = []
    for s in segments:
        if groups and s.pos - groups[-1][-1].pos <= SNAP:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def cluster_positions(values: Iterable[float], tol: float = SNAP) -> list[float]:
    """Sorted distinct positions: values within ``tol`` of their neighbour are averaged into one."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]

"""Ruling lines of a page image (OpenCV morphology) → the same ``grid_lines.Rulings`` a text-layer page gives.

Long horizontal and vertical strokes are isolated by opening the ink mask with long thin kernels.
Only strokes whose two ends meet a perpendicular stroke are kept: table borders do, while runs of text
and the arcs of a seal float free. The result is converted to PDF points, so the one grid builder
(``extract.grid.find_page_tables``) rebuilds cells, merged cells included, for scans and text layers alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from cnfiscal.extract.grid.lines import Rulings, Segment, merge_collinear

BRIDGE_PT = 8.0  # collinear ruling pieces closer than this (points) are joined


@dataclass(frozen=True, slots=True)
class PxSegment:
    pos: float  # y of a horizontal ruling, x of a vertical one (pixels)
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PixelRulings:
    horizontal: list[PxSegment]
    vertical: list[PxSegment]
    mask: np.ndarray  # ruling pixels (255), to be whitened out of text crops

    def to_points(self, scale: float) -> Rulings:
        def conv(s: PxSegment) -> Segment:
            return Segment(s.pos / scale, s.start / scale, s.end / scale)

        return Rulings(
            tuple(merge_collinear(conv(s) for s in self.horizontal)),
            tuple(merge_collinear(conv(s) for s in self.vertical)),
        )


def line_masks(ink: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """``scale`` = pixels per PDF point; kernels ~20 pt long horizontally, ~12 pt vertically (longer than glyphs)."""
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, int(20 * scale)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(10, int(12 * scale))))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)
    gap = max(3, int(2 * scale))  # re-join rulings broken by JPEG noise, along their direction only
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    vert = cv2.morphologyEx(vert, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return horiz, vert


def segments(mask: np.ndarray, horizontal: bool, min_len: int) -> list[PxSegment]:
    n, _, stats, cents = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if horizontal and w >= min_len:
            out.append(PxSegment(float(cents[i][1]), x, x + w))
        elif not horizontal and h >= min_len:
            out.append(PxSegment(float(cents[i][0]), y, y + h))
    return out


def bridge(segs: list[PxSegment], gap: float, tol: float) -> list[PxSegment]:
    """Collinear pieces with a short gap between them are one ruling (a seal or a speck of JPEG broke it)."""
    out: list[PxSegment] = []
    for s in sorted(segs, key=lambda s: (round(s.pos / tol), s.start)):
        last = out[-1] if out else None
        if last is not None and abs(last.pos - s.pos) <= tol and s.start - last.end <= gap:
            out[-1] = PxSegment((last.pos + s.pos) / 2, last.start, max(last.end, s.end))
        else:
            out.append(s)
    return out


def _ends_on(seg: PxSegment, others: list[PxSegment], tol: float) -> bool:
    """Both ends of ``seg`` meet a perpendicular ruling."""
    return all(
        any(abs(o.pos - end) <= tol and o.start - tol <= seg.pos <= o.end + tol for o in others)
        for end in (seg.start, seg.end)
    )


def connected_only(
    hsegs: list[PxSegment], vsegs: list[PxSegment], tol: float
) -> tuple[list[PxSegment], list[PxSegment]]:
    for _ in range(2):
        hsegs, vsegs = [h for h in hsegs if _ends_on(h, vsegs, tol)], [v for v in vsegs if _ends_on(v, hsegs, tol)]
    return hsegs, vsegs


def find_rulings(ink: np.ndarray, scale: float) -> PixelRulings:
    horiz, vert = line_masks(ink, scale)
    tol = max(4.0, 2.5 * scale)
    gap = BRIDGE_PT * scale
    hs = bridge(segments(horiz, True, int(6 * scale)), gap, tol)
    vs = bridge(segments(vert, False, int(6 * scale)), gap, tol)
    hs = [h for h in hs if h.end - h.start >= 15 * scale]
    vs = [v for v in vs if v.end - v.start >= 8 * scale]
    hs, vs = connected_only(hs, vs, tol)
    return PixelRulings(hs, vs, cv2.bitwise_or(_keep_near(horiz, hs, True), _keep_near(vert, vs, False)))


def _keep_near(mask: np.ndarray, segs: list[PxSegment], horizontal: bool, halo: int = 4) -> np.ndarray:
    """Only the pixels of accepted rulings: bold text strokes pass the morphology too, and must not be
    whitened out of the crops."""
    keep = np.zeros_like(mask)
    for s in segs:
        p = round(s.pos)
        if horizontal:
            keep[max(0, p - halo) : p + halo + 1, s.start : s.end] = 255
        else:
            keep[s.start : s.end, max(0, p - halo) : p + halo + 1] = 255
    return cv2.bitwise_and(mask, keep)

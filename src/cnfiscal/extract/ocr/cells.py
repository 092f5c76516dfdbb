"""Text lines inside known regions (table cells, bands around tables) → crops → batched recognition.

Knowing the grid, detection over the whole page (the slow part of OCR) is not needed: inside a cell
the text lines are found from the ink profile, each line is cropped with a margin (rulings whitened),
and all crops of a page go to the recogniser in one batched call. Spaces OCR puts inside numbers
(``1 268.5``, ``2, 226. 98``) are joined, and a reading that is not an amount as printed is read again
(``amounts``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import regex

from cnfiscal.extract.ocr.amounts import doubtful_amount, join_number_spaces, reread_crop, settle
from cnfiscal.extract.ocr.engine import OcrEngine

PxBox = tuple[int, int, int, int]

_HAN_DOT = regex.compile(r"(?<=\p{Han})\.(?=[\p{Han}\d])")  # a speck read as a dot after a character
DASH_CONFIDENCE = 0.95
SPECK_PT = 1.2  # ink blobs smaller than this square (points) are noise when looking for lines


@dataclass(frozen=True, slots=True)
class PageImage:
    gray: np.ndarray  # deskewed, seal suppressed
    text_ink: np.ndarray  # ink without rulings and specks
    rulings: np.ndarray  # ruling pixels


MAX_RATIO = 8  # a line longer than this many heights is cut (between glyphs) into parts read separately:
# the recogniser's cost grows faster than linearly with width (a 50-height note line costs seconds)


@dataclass(frozen=True, slots=True)
class TextLine:
    box: PxBox  # the line's ink, pixels
    region: int  # index of the region (cell or band) it belongs to
    parts: tuple[PxBox, ...]  # the line itself, or its pieces when it is very long


@dataclass(frozen=True, slots=True)
class ReadLine:
    box: PxBox
    region: int
    text: str
    confidence: float


def clean_ink(ink: np.ndarray, rulings: np.ndarray, scale: float) -> np.ndarray:
    """Ink without rulings and without specks (for finding line bounds only; crops keep every pixel)."""
    text = cv2.subtract(ink, cv2.dilate(rulings, np.ones((3, 3), np.uint8)))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(text, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < max(4, int((SPECK_PT * scale) ** 2))
    small[0] = False
    text[small[labels]] = 0
    return text


def _runs(profile: np.ndarray) -> list[tuple[int, int]]:
    on = np.concatenate(([False], profile > 0, [False]))
    edges = np.flatnonzero(on[1:] != on[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _merge_thin(bands: list[tuple[int, int]], min_h: float) -> list[tuple[int, int]]:
    """Bands thinner than ``min_h`` (a dash, the dots of a colon) join their nearest neighbour."""
    out = list(bands)
    changed = True
    while changed and len(out) > 1:
        changed = False
        for i, (a, b) in enumerate(out):
            if b - a >= min_h:
                continue
            gaps = []
            if i > 0:
                gaps.append((a - out[i - 1][1], i - 1))
            if i + 1 < len(out):
                gaps.append((out[i + 1][0] - b, i + 1))
            _, j = min(gaps)
            lo, hi = min(i, j), max(i, j)
            out[lo : hi + 1] = [(out[lo][0], out[hi][1])]
            changed = True
            break
    return out


def lines_in(text_ink: np.ndarray, box: PxBox, char_h: float, split_gap: float | None = None) -> list[TextLine]:
    """Text lines (ink boxes) inside ``box``; with ``split_gap`` a line is also cut at wide blank gaps."""
    x0, y0, x1, y1 = box
    region = text_ink[y0:y1, x0:x1]
    if not region.any():
        return []
    out = []
    for a, b in _merge_thin(_runs(region.sum(axis=1)), 0.45 * char_h):
        cols = _runs(region[a:b].sum(axis=0))
        pieces = [[cols[0]]]
        for c in cols[1:]:
            if split_gap is not None and c[0] - pieces[-1][-1][1] > split_gap:
                pieces.append([c])
            else:
                pieces[-1].append(c)
        for p in pieces:
            if max(b - a, p[-1][1] - p[0][0]) < 0.35 * char_h:
                continue  # a lone dot or speck, not a line of text
            parts = tuple((x0 + q[0][0], y0 + a, x0 + q[-1][1], y0 + b) for q in _split_long(p, MAX_RATIO * (b - a)))
            out.append(TextLine((x0 + p[0][0], y0 + a, x0 + p[-1][1], y0 + b), -1, parts))
    return out


def _split_long(runs: list[tuple[int, int]], max_w: float) -> list[list[tuple[int, int]]]:
    """Column runs of one line grouped into parts at most ``max_w`` wide, cut at the widest gap near the end."""
    chunks = [[runs[0]]]
    for r in runs[1:]:
        cur = chunks[-1]
        if r[1] - cur[0][0] <= max_w:
            cur.append(r)
            continue
        gaps = [(cur[i + 1][0] - cur[i][1], i) for i in range(len(cur) - 1) if cur[i + 1][0] - cur[0][0] >= 0.6 * max_w]
        if gaps:
            _, i = max(gaps)
            chunks[-1] = cur[: i + 1]
            chunks.append([*cur[i + 1 :], r])
        else:
            chunks.append([r])
    return chunks


def crop(gray: np.ndarray, rulings: np.ndarray, line: PxBox, limit: PxBox) -> np.ndarray:
    """The line, rulings whitened, with a white margin of ~30 % of its height.

    Above and below, only the line's own rows are taken (plus 2 px): the tops of the next line's
    glyphs inside the margin are read as extra characters. Sideways the margin is real (never past
    ``limit``).
    """
    x0, y0, x1, y1 = line
    m = max(2, int(0.3 * (y1 - y0)))
    lx0, ly0, lx1, ly1 = limit
    cx0, cy0, cx1, cy1 = max(lx0, x0 - m), max(ly0, y0 - 2), min(lx1, x1 + m), min(ly1, y1 + 2)
    img = gray[cy0:cy1, cx0:cx1].copy()
    img[rulings[cy0:cy1, cx0:cx1] > 0] = 255
    pad = (max(0, m - (y0 - cy0)), max(0, m - (cy1 - y1)), max(0, m - (x0 - cx0)), max(0, m - (cx1 - x1)))
    return cv2.copyMakeBorder(img, *pad, cv2.BORDER_CONSTANT, value=255)


def part_limits(parts: tuple[PxBox, ...], limit: PxBox) -> list[PxBox]:
    """Crop limits of the parts of a cut line: halfway into the gaps, so no glyph is read twice."""
    out = []
    for i, (x0, _, x1, _) in enumerate(parts):
        lo = (parts[i - 1][2] + x0) // 2 if i > 0 else limit[0]
        hi = (x1 + parts[i + 1][0]) // 2 if i + 1 < len(parts) else limit[2]
        out.append((max(limit[0], lo), limit[1], min(limit[2], hi), limit[3]))
    return out


def char_height(text_ink: np.ndarray, regions: list[PxBox], scale: float) -> float:
    """Typical text line height: the median band height over the regions (fallback: 9 pt)."""
    heights = []
    for x0, y0, x1, y1 in regions:
        heights += [b - a for a, b in _runs(text_ink[y0:y1, x0:x1].sum(axis=1)) if b - a >= 0.3 * 9 * scale]
    return float(np.median(heights)) if heights else 9 * scale


def inset(box: PxBox, by: int) -> PxBox:
    x0, y0, x1, y1 = box
    return (x0 + by, y0 + by, max(x0 + by, x1 - by), max(y0 + by, y1 - by))


def is_dash(box: PxBox, char_h: float) -> bool:
    """A lone flat stroke (``—``, ``-``): the recogniser reads it as ``1`` or ``一``; geometry is surer."""
    return (box[3] - box[1]) < 0.3 * char_h and (box[2] - box[0]) >= 0.4 * char_h


def read_regions(
    page: PageImage, regions: list[tuple[PxBox, float | None]], engine: OcrEngine, char_h: float
) -> list[ReadLine]:
    """Every text line of every region, recognised in one batch. ``regions``: (box, split gap or None)."""
    found: list[TextLine] = []
    for k, (box, split_gap) in enumerate(regions):
        found += [TextLine(t.box, k, t.parts) for t in lines_in(page.text_ink, box, char_h, split_gap)]
    dashes = [t for t in found if is_dash(t.box, char_h)]
    texts = [t for t in found if not is_dash(t.box, char_h)]
    crops = [
        crop(page.gray, page.rulings, part, limit)
        for t in texts
        for part, limit in zip(t.parts, part_limits(t.parts, regions[t.region][0]), strict=True)
    ]
    results = iter(engine.recognize(crops))
    read = [ReadLine(t.box, t.region, "—", DASH_CONFIDENCE) for t in dashes]
    doubtful: list[tuple[int, np.ndarray | None]] = []  # (index in read, crop to read again)
    first_crop = 0
    for t in texts:
        got = [next(results) for _ in t.parts]
        read_parts = [r for r in got if r.text.strip()]  # a part that reads as nothing has no say
        conf = min((r.confidence for r in read_parts), default=0.0)
        text = _HAN_DOT.sub("", join_number_spaces("".join(r.text for r in read_parts)))
        if text and doubtful_amount(text, conf):
            doubtful.append((len(read), crops[first_crop] if len(t.parts) == 1 else None))
        if text:
            read.append(ReadLine(t.box, t.region, text, conf))
        first_crop += len(t.parts)
    return _settle_doubtful(read, doubtful, engine)


def _settle_doubtful(
    read: list[ReadLine], doubtful: list[tuple[int, np.ndarray | None]], engine: OcrEngine
) -> list[ReadLine]:
    """Malformed amounts read again from a cleaner crop, in one batch (``amounts``)."""
    again = [(k, c) for k, (_, c) in enumerate(doubtful) if c is not None]
    readings = engine.recognize([reread_crop(c) for _, c in again]) if again else []
    second = {k: r for (k, _), r in zip(again, readings, strict=True)}
    for k, (i, _) in enumerate(doubtful):
        r = second.get(k)
        text, conf = settle(read[i].text, read[i].confidence, r.text if r else None, r.confidence if r else 0.0)
        read[i] = ReadLine(read[i].box, read[i].region, text, conf)
    return read

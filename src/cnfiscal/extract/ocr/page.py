"""One scanned page → ``layout.Page`` (words, lines with confidences) and its ``PageTable``s.

render → preprocess (seal, deskew) → ruling lines → cell skeleton (the shared grid builder) → text lines
in cells and in the bands around the tables → one batched recognition → words → the shared grid builder
again, now with words. A page without ruled tables (narrative) is one band: its lines found from the
ink profile the same way (4× faster than RapidOCR's detector on a text page, the same text); only a
page that looks like a photograph is read with full detection.
Only a page read doubtfully is checked for being upside down (a few of its widest lines read both ways
up; a separate pass on every page cost ~0.5 s) and, if it is, read again turned 180°.
Timings per stage are kept for the benchmark.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import cv2
import numpy as np
import pymupdf

from cnfiscal.extract.grid.tables import PageTable, find_page_tables
from cnfiscal.extract.layout import Line, Page, Word
from cnfiscal.extract.ocr.amounts import LOW_NUMBER_CONFIDENCE, join_number_spaces, looks_like_amount
from cnfiscal.extract.ocr.cells import (
    PageImage,
    PxBox,
    ReadLine,
    char_height,
    clean_ink,
    crop,
    inset,
    lines_in,
    read_regions,
)
from cnfiscal.extract.ocr.engine import OcrEngine
from cnfiscal.extract.ocr.preprocess import BLANK_INK, PHOTO_MIDTONES, Prepared, ink_share, prepare
from cnfiscal.extract.ocr.render import render_page
from cnfiscal.extract.ocr.rulings import find_rulings, line_masks

log = logging.getLogger(__name__)

LOW_PAGE_CONFIDENCE = 0.75  # below this mean confidence a page is a warning
ORIENTATION_DOUBT = 0.85  # a page read less surely than this may be upside down (upright scans: ≥ 0.97;
# the fixture page turned 180°: 0.55) — only then are a few lines read both ways up
ORIENTATION_SAMPLE = 6  # lines read both ways up to tell an upside-down page
ORIENTATION_MARGIN = 0.15


@dataclass(slots=True)
class ScannedPage:
    page: Page
    tables: list[PageTable]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class _Read:
    words: list[Word]
    tables: list[PageTable]
    mean_confidence: float


class _Clock:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.t
        self.t = now


def ocr_page(pdf_page: pymupdf.Page, number: int, dpi: int, engine: OcrEngine) -> ScannedPage:
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    rendered = render_page(pdf_page, dpi)
    clock.lap("render")
    prep = prepare(rendered.image)
    clock.lap("preprocess")
    page = Page(number=number, width=pdf_page.rect.width, height=pdf_page.rect.height, ocr=True)
    if ink_share(prep.ink) < BLANK_INK:
        _warn(page, f"page {number}: scanned page is blank, nothing to read")
        return ScannedPage(page, [], timings)
    if prep.midtones > PHOTO_MIDTONES:
        _warn(page, f"page {number}: looks like a photograph rather than a scanned form; OCR text is unreliable")
    scale = rendered.scale
    result = _read(prep, number, scale, engine, clock)
    if result.mean_confidence < ORIENTATION_DOUBT and upside_down(prep, scale, engine):
        _warn(page, f"page {number}: scanned upside down; read after turning it 180°")
        prep = _flip(prep)
        clock.lap("orientation")
        result = _read(prep, number, scale, engine, clock)
    clock.lap("orientation")
    if result.words and result.mean_confidence < LOW_PAGE_CONFIDENCE:
        _warn(page, f"page {number}: OCR confidence is low ({result.mean_confidence:.2f}); check the values")
    page.words = result.words
    for w in result.words:
        if w.confidence is not None and w.confidence < LOW_NUMBER_CONFIDENCE and looks_like_amount(w.text):
            _warn(page, f"page {number}: {w.text!r} read by OCR with low confidence {w.confidence:.2f}; check it")
    page.lines = [Line(w.text, number, w.bbox, confidence=w.confidence) for w in result.words]
    if abs(prep.skew_deg) >= 0.1:
        log.debug("page %d: deskewed by %.2f°", number, prep.skew_deg)
    return ScannedPage(page, result.tables, timings)


def upside_down(prep: Prepared, scale: float, engine: OcrEngine) -> bool:
    """Read the widest few text lines as they are and turned 180°; the surer reading tells the page's way up."""
    strokes = cv2.bitwise_or(*line_masks(prep.ink, scale))  # every long stroke, ruling or not
    text_ink = clean_ink(prep.ink, strokes, scale)
    h, w = prep.gray.shape[:2]
    char_h = char_height(text_ink, [(0, 0, w, h)], scale)
    lines = sorted(lines_in(text_ink, (0, 0, w, h), char_h, 2.5 * char_h), key=lambda t: t.box[0] - t.box[2])
    crops = [crop(prep.gray, strokes, t.parts[0], (0, 0, w, h)) for t in lines[:ORIENTATION_SAMPLE]]
    if len(crops) < 3:
        return False
    upright = _mean([r.confidence for r in engine.recognize(crops)])
    turned = _mean([r.confidence for r in engine.recognize([cv2.rotate(c, cv2.ROTATE_180) for c in crops])])
    return turned > upright + ORIENTATION_MARGIN


def _read(prep: Prepared, number: int, scale: float, engine: OcrEngine, clock: _Clock) -> _Read:
    pixel_rulings = find_rulings(prep.ink, scale)
    rulings = pixel_rulings.to_points(scale)
    skeletons = find_page_tables(number, rulings, [])
    clock.lap("grid")
    if not skeletons and prep.midtones > PHOTO_MIDTONES:  # ink profiles mean nothing on a photograph
        lines = engine.detect_read(prep.gray)
        words = [_word(join_number_spaces(d.text), d.box, number, scale, d.confidence) for d in lines if d.text.strip()]
        clock.lap("detect")
        return _Read(words, [], _mean([w.confidence for w in words]))
    text_ink = clean_ink(prep.ink, pixel_rulings.mask, scale)
    cells = [_px(c.bbox, scale) for t in skeletons for c in t.cells]
    h, w = prep.ink.shape[:2]
    char_h = char_height(text_ink, cells or [(0, 0, w, h)], scale)
    margin = max(2, int(1.2 * scale))
    regions: list[tuple[PxBox, float | None]] = [(inset(b, margin), None) for b in cells]
    regions += [(b, 2.5 * char_h) for b in _bands(prep.ink.shape, [_px(t.bbox, scale) for t in skeletons], margin)]
    clock.lap("segment")
    read = read_regions(PageImage(prep.gray, text_ink, pixel_rulings.mask), regions, engine, char_h)
    clock.lap("recognise")
    words = [_word(r.text, r.box, number, scale, r.confidence) for r in _reading_order(read)]
    tables = find_page_tables(number, rulings, words)
    clock.lap("grid")
    return _Read(words, tables, _mean([w.confidence for w in words]))


def _bands(shape: tuple[int, ...], tables: list[PxBox], margin: int) -> list[PxBox]:
    """The full-width strips above, between and below the tables (titles, unit, date, notes)."""
    h, w = shape[:2]
    out, top = [], 0
    for _, y0, _, y1 in sorted(tables, key=lambda b: b[1]):
        if y0 - margin > top:
            out.append((0, top, w, y0 - margin))
        top = max(top, y1 + margin)
    if top < h:
        out.append((0, top, w, h))
    return out


def _reading_order(lines: list[ReadLine]) -> list[ReadLine]:
    return sorted(lines, key=lambda r: (r.box[1] // 8, r.box[0]))


def _px(bbox: tuple[float, float, float, float], scale: float) -> PxBox:
    return (round(bbox[0] * scale), round(bbox[1] * scale), round(bbox[2] * scale), round(bbox[3] * scale))


def _word(text: str, box: tuple[float, ...], number: int, scale: float, confidence: float) -> Word:
    bbox = (box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale)
    return Word(text, tuple(round(v, 2) for v in bbox), number, round(confidence, 4))  # type: ignore[arg-type]


def _flip(prep: Prepared) -> Prepared:
    return Prepared(
        cv2.rotate(prep.gray, cv2.ROTATE_180),
        cv2.rotate(prep.ink, cv2.ROTATE_180),
        prep.skew_deg,
        prep.seal_share,
        prep.midtones,
    )


def _mean(values: list[float | None]) -> float:
    vals = [v for v in values if v is not None]
    return float(np.mean(vals)) if vals else 0.0


def _warn(page: Page, message: str) -> None:
    log.warning("%s", message)
    page.warnings.append(message)

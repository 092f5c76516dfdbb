"""Text-layer PDFs: PyMuPDF words, lines and table grids per page.

One pass over the document: per page ``get_text("words")``, ``get_text("dict")`` (lines) and
``get_drawings()`` (ruling lines → ``grid.find_page_tables``); then tables continued over pages are
joined (``grid_join``) and each grid is attached to the page it starts on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pymupdf
import regex

from cnfiscal.errors import EncryptedPDFError, InputError
from cnfiscal.extract.grid.join import join_tables
from cnfiscal.extract.grid.lines import page_rulings
from cnfiscal.extract.grid.tables import PageTable, find_page_tables
from cnfiscal.extract.inputs import InputFile
from cnfiscal.extract.layout import ExtractedDocument, Line, Page, Word
from cnfiscal.extract.ocr import document_kind, scan_page, with_confidence
from cnfiscal.extract.ocr.detect import MIN_GOOD_SHARE, MIN_TEXT_CHARS, text_quality
from cnfiscal.models import InputKind
from cnfiscal.options import Options

log = logging.getLogger(__name__)

# Characters every OCR probe counts as readable: ASCII printable, CJK ideographs, full-width forms,
# CJK punctuation. (Words hold no whitespace.)
_NOT_PLAIN = regex.compile(r"[^\x21-\x7e\u4e00-\u9fff\uff01-\uffbe\u3001-\u3004\u3007-\u3011]+")
LINE_TOL = 3.0  # points: word bottoms this close are one line (as PyMuPDF's sort_words)


def open_pdf(inp: InputFile) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=inp.data, filetype="pdf")
    except Exception as e:  # PyMuPDF raises its own FileDataError / RuntimeError variants
        raise InputError(f"damaged or unreadable PDF ({e})") from e
    if doc.needs_pass:
        raise EncryptedPDFError("encrypted PDF (needs a password)")
    if doc.page_count == 0:
        raise InputError("damaged or unreadable PDF (no pages could be read)")
    return doc


def read_pdf(inp: InputFile, options: Options) -> ExtractedDocument:
    doc = open_pdf(inp)
    warnings: list[str] = []
    pages: list[Page] = []
    tables: list[list[PageTable]] = []
    n = min(doc.page_count, options.max_pages)
    if doc.page_count > n:
        warnings.append(f"only the first {n} of {doc.page_count} pages were read (max_pages)")
    for i in range(n):
        page, page_grids = read_one(doc[i], i + 1, options)
        pages.append(page)
        tables.append(page_grids)
    doc.close()
    for grid in join_tables(tables, pages):
        pages[grid.page_start - 1].grids.append(with_confidence(grid, pages))  # OCR hook: cell confidences
    kind = document_kind(pages)  # OCR hook: pdf-scanned when a page was read by OCR
    return ExtractedDocument(str(inp.path), inp.sha256, kind, pages, kind is InputKind.PDF_SCANNED, warnings=warnings)


def read_one(pdf_page: pymupdf.Page, number: int, options: Options) -> tuple[Page, list[PageTable]]:
    """One page: its text layer and ruled tables, or its OCR reading when the text layer is unusable.

    The text layer is read first; the OCR hook (``extract.ocr.scan_page``, which probes the page
    again) is consulted only when that text is missing or unreadable, or OCR is forced — probing
    every page would double the extraction time of text PDFs.
    """
    try:
        page = read_page(pdf_page, number)
    except Exception as e:  # one bad page is recorded, the rest goes on
        log.warning("page %d unreadable: %s", number, e)
        page = Page(number=number, warnings=[f"page {number} unreadable: {e}"])
    if options.ocr == "always" or not text_layer_usable(page):
        scanned = scan_page(pdf_page, number, options)  # OCR hook (extract/ocr, issue 6): None → the text layer
        if scanned is not None:
            return scanned.page, scanned.tables
    return page, page_tables(pdf_page, page) if page.words else []


def text_layer_usable(page: Page) -> bool:
    """Enough readable text that the OCR probe would keep the text layer (its own measure and limits).

    Fast path: characters of a few plainly readable ranges are counted in C; when they alone reach the
    limits the probe's per-character measure (a lower bound of it) is not needed.
    """
    text = "".join(w.text for w in page.words)
    plain = len(_NOT_PLAIN.sub("", text))  # the plainly readable characters
    if len(text) >= MIN_TEXT_CHARS and plain >= MIN_GOOD_SHARE * len(text):
        return True
    chars, good = text_quality(text)
    return chars >= MIN_TEXT_CHARS and good >= MIN_GOOD_SHARE


def read_page(page: pymupdf.Page, number: int) -> Page:
    """Words (in visual reading order) and text lines of one page, from a single text extraction."""
    textpage = page.get_textpage()
    raw = page.get_text("words", textpage=textpage)
    turn = page.rotation_matrix if page.rotation else None  # boxes as shown: a rotated table reads left to right
    if turn is not None:
        raw = [(*shown_box(turn, w[:4]), *w[4:]) for w in raw]
    words = [Word(w[4], (w[0], w[1], w[2], w[3]), number) for w in reading_order(raw)]
    lines: list[Line] = []
    for block in page.get_text("dict", textpage=textpage)["blocks"]:
        for ln in block.get("lines", []):
            text = "".join([s["text"] for s in ln["spans"]])
            if text.strip():
                box = shown_box(turn, ln["bbox"]) if turn is not None else tuple(ln["bbox"])
                lines.append(Line(text, number, box))
    return Page(number=number, width=page.rect.width, height=page.rect.height, words=words, lines=lines)


def shown_box(turn: pymupdf.Matrix, box: Any) -> tuple[float, float, float, float]:
    """A box of the unrotated page in the coordinates of the page as shown (its ``rotation_matrix`` applied)."""
    r = pymupdf.Rect(box) * turn
    return (r.x0, r.y0, r.x1, r.y1)


def _turn(page: pymupdf.Page) -> Callable[[float, float], tuple[float, float]] | None:
    if not page.rotation:
        return None
    m = page.rotation_matrix

    def turn(x: float, y: float) -> tuple[float, float]:
        p = pymupdf.Point(x, y) * m
        return (p.x, p.y)

    return turn


def reading_order(words: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Words top to bottom, left to right by position (the text layer's own order may differ).

    Words whose bottoms lie within ``LINE_TOL`` of a line's first word are on that line. Same
    result as PyMuPDF's ``sort=True`` for these pages, at a fraction of its cost.
    """
    out: list[tuple[Any, ...]] = []
    line: list[tuple[Any, ...]] = []
    for w in sorted(words, key=lambda w: (w[3], w[0])):
        if line and w[3] - line[0][3] > LINE_TOL:
            out.extend(sorted(line, key=lambda w: w[0]))
            line = []
        line.append(w)
    out.extend(sorted(line, key=lambda w: w[0]))
    return out


def page_tables(page: pymupdf.Page, extracted: Page) -> list[PageTable]:
    """The ruled tables of one page; a failure here loses the grids of the page, not its text."""
    try:
        return find_page_tables(extracted.number, page_rulings(page.get_cdrawings(), _turn(page)), extracted.words)
    except Exception as e:
        log.warning("page %d: table grids not rebuilt: %s", extracted.number, e)
        extracted.warnings.append(f"page {extracted.number}: table grids not rebuilt ({type(e).__name__}: {e})")
        return []

"""OCR for scanned PDF pages (issue 6): the hook ``read_pdf`` calls per page, and confidences on grids.

``scan_page`` decides per page (``detect``) whether OCR is needed and, if so, returns the page read by
OCR (``page``) with its tables as ``PageTable``s — the same objects the text-layer grid builder makes, so
tables continued over pages are joined and parsed by one path. Engine trouble on a page becomes a page
warning; a package the OCR cannot import fails the document with ``OCRUnavailable`` saying what to install.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pymupdf

from cnfiscal.errors import CnfiscalError, OCRUnavailable
from cnfiscal.extract.layout import Grid, Page
from cnfiscal.extract.ocr.deps import missing_package
from cnfiscal.extract.ocr.detect import PageKind, probe_page
from cnfiscal.models import InputKind
from cnfiscal.options import Options

if TYPE_CHECKING:  # numpy/OpenCV/RapidOCR are imported only when a page needs OCR
    from cnfiscal.extract.ocr.page import ScannedPage

__all__ = ["document_kind", "scan_page", "with_confidence"]

log = logging.getLogger(__name__)


def scan_page(pdf_page: pymupdf.Page, number: int, options: Options) -> ScannedPage | None:
    """The page read by OCR, or None when its text layer is to be used."""
    probe = probe_page(pdf_page)
    if options.ocr == "never" or (options.ocr == "auto" and not probe.needs_ocr):
        if probe.needs_ocr:
            log.warning("page %d: image-only page not read (OCR disabled)", number)
        return None
    if probe.kind is PageKind.GARBAGE:
        log.info("page %d: text layer unreadable (%.0f%% readable characters); OCR", number, 100 * probe.good_share)
    try:
        from cnfiscal.extract.ocr.page import ScannedPage, ocr_page
        from cnfiscal.extract.ocr.pool import current_engine
    except ImportError as e:
        raise missing_package(e) from e
    try:
        return ocr_page(pdf_page, number, options.ocr_dpi, current_engine(options.ocr_workers))
    except OCRUnavailable:
        raise
    except (CnfiscalError, RuntimeError, ValueError, OSError, ImportError) as e:  # page-level trouble
        message = f"page {number}: OCR failed ({type(e).__name__}: {e})"
        log.warning("%s", message)
        page = Page(number=number, width=pdf_page.rect.width, height=pdf_page.rect.height, ocr=True, warnings=[message])
        return ScannedPage(page, [])


def document_kind(pages: Sequence[Page]) -> InputKind:
    return InputKind.PDF_SCANNED if any(p.ocr for p in pages) else InputKind.PDF_TEXT


def with_confidence(grid: Grid, pages: Sequence[Page]) -> Grid:
    """The grid with each OCR cell's confidence (the lowest of its words); text-layer grids are returned as is."""
    by_page = {p.number: p for p in pages if p.ocr}
    if not by_page:
        return grid
    cells = []
    for cell in grid.cells:
        page = by_page.get(cell.page)
        conf = _lowest_inside(page, cell.bbox) if page is not None and cell.bbox is not None else None
        cells.append(dataclasses.replace(cell, confidence=conf) if conf is not None else cell)
    return dataclasses.replace(grid, cells=tuple(cells))


def _lowest_inside(page: Page, bbox: tuple[float, float, float, float]) -> float | None:
    found = [
        w.confidence
        for w in page.words
        if w.confidence is not None
        and bbox[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= bbox[2]
        and bbox[1] <= (w.bbox[1] + w.bbox[3]) / 2 <= bbox[3]
    ]
    return min(found) if found else None

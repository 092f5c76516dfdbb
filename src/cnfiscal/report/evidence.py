"""Evidence pictures: the page region a finding points to, rendered from the source PDF with PyMuPDF.

With a bbox the picture is that region (widened to the page's width and a few lines of context, the
region framed in red). A finding with a page and a quoted sentence but no bbox (a narrative claim) has the
sentence looked up on its page (``locate``: PyMuPDF's text search, whole sentence first, then its longest
clauses) and that is framed. With only a page number the picture is the whole page at low resolution.
Without the source PDF there is no picture, and the page says why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import regex

from cnfiscal.models import BBox

log = logging.getLogger(__name__)

REGION_DPI = 130
PAGE_DPI = 60
CONTEXT_PT = 36.0  # points of context above and below the region
MIN_NEEDLE = 6  # characters: a shorter piece of a quote is found in too many places
LINE_PREFIX = regex.compile(r"^line \d+:\s*")
SUMMARY = regex.compile(r"\s*\[[^\[\]]*\]\s*$")
CLAUSES = regex.compile(r"[，,；;。：:、（）()]|\s{2,}")


@dataclass(frozen=True, slots=True)
class Evidence:
    file: str | None  # image path relative to the report directory, None when none could be made
    note: str  # what the picture shows, or why there is none
    framed: bool = False  # the picture frames the finding's region (its bbox, or its sentence found on the page)


class EvidenceRenderer:
    """Renders evidence images of one source PDF; open it once, render many regions."""

    def __init__(self, pdf: Path | None, out_dir: Path, stem: str) -> None:
        self.out_dir = out_dir
        self.stem = stem
        self.doc: pymupdf.Document | None = None
        self.reason = "无原件图片：source PDF not available"
        self.written: set[str] = set()
        if pdf is not None:
            self._open(pdf)

    def _open(self, pdf: Path) -> None:
        try:
            self.doc = pymupdf.open(pdf)
        except (pymupdf.FileDataError, RuntimeError, OSError) as e:
            self.reason = f"原件无法打开 source PDF could not be opened: {e}"
            log.warning("%s: %s", pdf, self.reason)

    def __enter__(self) -> EvidenceRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.doc is not None:
            self.doc.close()

    def render(self, key: str, page: int | None, bbox: BBox | None, quote: str | None = None) -> Evidence:
        """Image ``evidence/STEM-KEY.png`` of ``bbox`` on ``page`` (1-based) — or of where ``quote`` is printed on
        that page — or ``STEM-pN.png`` of the whole page (written once, shared by the findings on that page)."""
        if self.doc is None:
            return Evidence(None, self.reason)
        if page is None:
            return Evidence(None, "未注明页码 the finding names no page")
        if not 1 <= page <= self.doc.page_count:
            return Evidence(
                None, f"第{page}页不在原件中 page {page} is not in the source PDF ({self.doc.page_count} pages)"
            )
        pdf_page = self.doc[page - 1]
        found = "框出所在区域 region"
        if bbox is None and quote:
            bbox = locate(pdf_page, quote)
            found = "在页面上找到原文并框出 sentence found, region"
        rel = f"evidence/{self.stem}-{key if bbox else f'p{page}'}.png"
        (self.out_dir / "evidence").mkdir(parents=True, exist_ok=True)
        if bbox is None:
            if rel not in self.written:
                pdf_page.get_pixmap(dpi=PAGE_DPI).save(self.out_dir / rel)
                self.written.add(rel)
            return Evidence(rel, f"第{page}页整页 page {page} (no region recorded)")
        rect = pymupdf.Rect(bbox)
        clip = pymupdf.Rect(pdf_page.rect.x0, rect.y0 - CONTEXT_PT, pdf_page.rect.x1, rect.y1 + CONTEXT_PT)
        clip &= pdf_page.rect
        pix = pdf_page.get_pixmap(dpi=REGION_DPI, clip=clip)
        _frame(pix, rect * (REGION_DPI / 72))  # a clipped pixmap keeps page coordinates (its x, y are the offset)
        pix.save(self.out_dir / rel)
        return Evidence(rel, f"第{page}页，{found} {_fmt_bbox(bbox)}", framed=True)


def needles(quote: str) -> list[str]:
    """What to search for: the quote without a line prefix or a bracketed summary, then its clauses, longest first."""
    text = SUMMARY.sub("", LINE_PREFIX.sub("", quote)).strip()
    clauses = sorted({c.strip() for c in CLAUSES.split(text) if len(c.strip()) >= MIN_NEEDLE}, key=len, reverse=True)
    return [text, *[c for c in clauses if c != text]] if len(text) >= MIN_NEEDLE else []


def locate(page: pymupdf.Page, quote: str) -> BBox | None:
    """The region where ``quote`` is printed on ``page``: the whole quote if found, else the longest of its clauses
    printed only once on the page (a clause printed twice could be the other one), else the first found."""
    pieces = needles(quote)
    fallback: BBox | None = None
    for i, needle in enumerate(pieces):
        regions = _regions(page.search_for(needle))
        if regions and (i == 0 or len(regions) == 1):
            return regions[0]
        if regions and fallback is None:
            fallback = regions[0]
    return fallback


def _regions(hits: list[pymupdf.Rect]) -> list[BBox]:
    """Hits joined into regions: a text wrapped over lines comes back as one rectangle per line."""
    regions: list[pymupdf.Rect] = []
    for rect in hits:
        if regions and _continues(regions[-1], rect):
            regions[-1] |= rect
        else:
            regions.append(pymupdf.Rect(rect))
    return [(r.x0, r.y0, r.x1, r.y1) for r in regions]


def _continues(region: pymupdf.Rect, rect: pymupdf.Rect) -> bool:
    """``rect`` goes on from ``region``: right after it on the same line (glyphs of another font come as their
    own rectangle), or at the start of the next line."""
    h = max(min(rect.height, region.height), 4.0)
    same_line = rect.y0 < region.y1 and rect.y1 > region.y0 and abs(rect.x0 - region.x1) < 2 * h
    next_line = 0 <= rect.y0 - region.y1 < 2 * max(rect.height, h) and rect.x0 < region.x0
    return same_line or next_line


def _frame(pix: pymupdf.Pixmap, rect: pymupdf.Rect, width: int = 2) -> None:
    """Draw a red frame around ``rect`` (pixel coordinates of the whole page) on the picture, not on the page."""
    r = pymupdf.Rect(rect.x0 - 3, rect.y0 - 3, rect.x1 + 3, rect.y1 + 3).round() & pix.irect
    if r.is_empty:
        return
    red = (200, 30, 30) + ((255,) if pix.alpha else ())
    for side in (
        (r.x0, r.y0, r.x1, r.y0 + width),
        (r.x0, r.y1 - width, r.x1, r.y1),
        (r.x0, r.y0, r.x0 + width, r.y1),
        (r.x1 - width, r.y0, r.x1, r.y1),
    ):
        pix.set_rect(pymupdf.IRect(side), red)


def _fmt_bbox(bbox: BBox) -> str:
    return "(" + ", ".join(f"{v:.0f}" for v in bbox) + ")"

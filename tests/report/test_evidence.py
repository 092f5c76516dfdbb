"""Evidence pictures cut from the source PDF: the region of a finding (framed in red), or the whole page."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from cnfiscal.report.evidence import CONTEXT_PT, PAGE_DPI, REGION_DPI, EvidenceRenderer
from tests.report.records import SEED000_PDF

RATE_BBOX = (463.1, 133.4, 484.7, 139.7)  # "98.78%" on page 1


def test_region_picture_is_the_row_band_with_the_region_framed(tmp_path: Path) -> None:
    with EvidenceRenderer(Path(SEED000_PDF), tmp_path, "doc") as r:
        ev = r.render("f0", 1, RATE_BBOX)
    assert ev.file == "evidence/doc-f0.png"
    pix = pymupdf.Pixmap(str(tmp_path / ev.file))
    zoom = REGION_DPI / 72
    assert abs(pix.width - 595.3 * zoom) <= 2  # the page's full width
    assert abs(pix.height - (139.7 - 133.4 + 2 * CONTEXT_PT) * zoom) <= 2
    # the frame: red pixels just outside the region's left edge, at its vertical middle
    x = round((RATE_BBOX[0] - 0) * zoom) - 2
    y = round((RATE_BBOX[1] + RATE_BBOX[3]) / 2 * zoom - (RATE_BBOX[1] - CONTEXT_PT) * zoom)
    red, green, blue = pix.pixel(x, y)[:3]
    assert red > 150 and green < 80 and blue < 80


def test_whole_page_when_only_the_page_is_known(tmp_path: Path) -> None:
    with EvidenceRenderer(Path(SEED000_PDF), tmp_path, "doc") as r:
        ev = r.render("f2", 2, None)
    pix = pymupdf.Pixmap(str(tmp_path / ev.file))
    assert abs(pix.width - 595.3 * PAGE_DPI / 72) <= 2
    assert "page 2" in ev.note


def test_no_picture_without_a_pdf_or_a_valid_page(tmp_path: Path) -> None:
    with EvidenceRenderer(None, tmp_path, "doc") as r:
        assert r.render("f0", 1, RATE_BBOX).file is None
        assert "not available" in r.render("f0", 1, RATE_BBOX).note
    with EvidenceRenderer(Path(SEED000_PDF), tmp_path, "doc") as r:
        assert r.render("f0", 7, None).file is None
        assert "not in the source PDF" in r.render("f0", 7, None).note
        assert r.render("f0", None, None).file is None
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with EvidenceRenderer(broken, tmp_path, "doc") as r:
        assert r.render("f0", 1, None).file is None

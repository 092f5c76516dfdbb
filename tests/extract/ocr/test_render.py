"""Rendering: a scan's one page-sized image is decoded directly; anything more is rasterised by PyMuPDF."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest

from cnfiscal.extract.ocr.render import render_page, scan_image

ROOT = Path(__file__).resolve().parents[3]
SCANNED = ROOT / "tests" / "data" / "scanned"


def _rasterised(page: pymupdf.Page, dpi: int) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3)[:, :, ::-1]


@pytest.mark.parametrize(
    ("name", "dpi"), [("self_eval_seed000_dept_2021_scan_a.pdf", 200), ("self_eval_seed000_dept_2021_scan_b.pdf", 200)]
)
def test_a_scan_is_decoded_at_the_size_and_look_of_the_rasterised_page(name: str, dpi: int) -> None:
    with pymupdf.open(SCANNED / name) as doc:
        page = doc[0]
        direct = scan_image(page, dpi)
        assert direct is not None  # scan_b is 150 dpi: decoded, then resized to 200
        raster = _rasterised(page, dpi)
        assert direct.shape == raster.shape
        assert float(np.abs(direct.astype(int) - raster.astype(int)).mean()) < 8  # grey levels, of 255


def _image_page(tmp_path: Path, *, text: str | None = None, rotate: int = 0) -> pymupdf.Document:
    img = np.full((1100, 850, 3), 255, np.uint8)
    cv2.putText(img, "1,268.00", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
    ok, jpg = cv2.imencode(".jpg", img)
    assert ok
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_image(page.rect, stream=jpg.tobytes())
    if text:
        page.insert_text((72, 72), text)
    if rotate:
        page.set_rotation(rotate)
    path = tmp_path / "page.pdf"
    doc.save(path)
    return pymupdf.open(path)


def test_only_a_plain_full_page_image_takes_the_direct_path(tmp_path: Path) -> None:
    with _image_page(tmp_path) as doc:
        assert scan_image(doc[0], 150) is not None
    with _image_page(tmp_path, text="stamped over") as doc:  # text drawn over the scan must show
        assert scan_image(doc[0], 150) is None
        assert render_page(doc[0], 150).image.shape[:2] == (1650, 1275)
    with _image_page(tmp_path, rotate=90) as doc:
        assert scan_image(doc[0], 150) is None
    with pymupdf.open(ROOT / "samples" / "pdf" / "self_eval_seed000_dept_2021.pdf") as doc:
        assert scan_image(doc[0], 200) is None  # a text-layer page

"""Page → image: a BGR numpy array at the requested dpi, plus the pixel↔point scale.

A scan is usually one JPEG covering the page and nothing else. Such a page is decoded directly from
its JPEG stream and resized to the requested dpi: for a colour scan with an ICC profile (what scanners
and our fixtures write) that is ~0.02 s against ~0.17 s for PyMuPDF's colour-managed rasterising of an
A4 page at 200 dpi; for a plain grey JPEG the two cost about the same. Any other page (more than one
image, vector drawings or text drawn over it, a rotated page or image, a mask, a CMYK JPEG, or a
non-JPEG image, which extraction would first re-encode as PNG — slower than rasterising) is rasterised
by PyMuPDF.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pymupdf

COVER_TOLERANCE_PT = 2.0  # the image's box and the page's may differ this much and still be "the page"
DIRECT_FORMATS = ("jpeg", "jpg")  # streams extraction hands over as they are
DIRECT_COLORSPACES = (1, 3)  # grey, RGB (a CMYK JPEG would need a colour conversion OpenCV guesses at)


@dataclass(frozen=True, slots=True)
class Rendered:
    image: np.ndarray  # H×W×3 BGR uint8
    dpi: int

    @property
    def scale(self) -> float:
        """Pixels per PDF point."""
        return self.dpi / 72


def native_dpi(page: pymupdf.Page) -> float | None:
    """Resolution of the largest image on the page (what the scanner delivered), if any."""
    best: tuple[float, float] | None = None
    for info in page.get_image_info():
        r = pymupdf.Rect(info["bbox"])
        if r.width <= 0 or not info.get("width"):
            continue
        area = abs(r)
        if best is None or area > best[0]:
            best = (area, info["width"] / (r.width / 72))
    return None if best is None else best[1]


def render_page(page: pymupdf.Page, dpi: int) -> Rendered:
    direct = scan_image(page, dpi)
    if direct is not None:
        return Rendered(direct, dpi)
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    rgb = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3)
    return Rendered(np.ascontiguousarray(rgb[:, :, ::-1]), dpi)


def scan_image(page: pymupdf.Page, dpi: int) -> np.ndarray | None:
    """The page's one full-page image, decoded and sized to ``dpi``; None when the page is anything more."""
    found = _only_image(page)
    if found is None:
        return None
    image = cv2.imdecode(np.frombuffer(found["image"], np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        return None
    size = (round(page.rect.width * dpi / 72), round(page.rect.height * dpi / 72))
    if abs(image.shape[1] - size[0]) <= 1 and abs(image.shape[0] - size[1]) <= 1:
        return image
    shrink = image.shape[1] > size[0]
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_CUBIC)


def _only_image(page: pymupdf.Page) -> dict | None:
    """The extracted stream of the page's only image when it is all the page shows, upright and unmasked.

    (``get_images`` names the xref; ``get_image_info`` without hashes places it — asking it for xrefs
    hashes every image, which costs as much as rasterising.)"""
    images, placed = page.get_images(), page.get_image_info()
    if page.rotation or len(images) != 1 or len(placed) != 1 or not _upright_full_page(placed[0], page.rect):
        return None
    if page.get_cdrawings() or page.get_text("text").strip():
        return None
    try:
        found = page.parent.extract_image(images[0][0])
    except (RuntimeError, ValueError):
        return None
    if not found or found["ext"] not in DIRECT_FORMATS or found["colorspace"] not in DIRECT_COLORSPACES:
        return None
    return None if found.get("smask") else found


def _upright_full_page(info: dict, page_rect: pymupdf.Rect) -> bool:
    a, b, c, d = info["transform"][:4]
    if abs(b) > 1e-3 or abs(c) > 1e-3 or a <= 0 or d <= 0:
        return False  # turned or flipped
    box = info["bbox"]
    page = (page_rect.x0, page_rect.y0, page_rect.x1, page_rect.y1)
    return all(abs(float(u) - float(v)) <= COVER_TOLERANCE_PT for u, v in zip(box, page, strict=True))

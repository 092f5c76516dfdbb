"""Page → image: a PyMuPDF pixmap as a BGR numpy array, plus the pixel↔point scale."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pymupdf


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
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    rgb = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3)
    return Rendered(np.ascontiguousarray(rgb[:, :, ::-1]), dpi)

"""The fonts of the report: the CJK font charts are drawn with, and the CSS font stack of the HTML pages.

Charts never depend on the machine's fonts: PyMuPDF (a core dependency) ships a CJK font, Droid Sans
Fallback (Apache License 2.0), which MuPDF uses for Chinese text. Its bytes are written once to a file in
the temporary directory and handed to matplotlib's font manager directly (``addfont``: no font cache is
read or written for it), so a fresh server or container with no CJK font draws the same Chinese labels as
a desktop. Latin letters and digits come from DejaVu Sans (bundled with matplotlib); matplotlib falls back
glyph by glyph to the CJK font for the rest.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

LATIN_FAMILY = "DejaVu Sans"  # matplotlib's own font
# Same stack for the HTML pages; the reader's browser picks the first it has.
CSS_FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif'
)


@dataclass(frozen=True, slots=True)
class ChartFont:
    family: str  # the CJK family as matplotlib knows it
    path: str  # the font file handed to matplotlib

    @property
    def families(self) -> list[str]:
        """``font.family`` for charts: Latin first, then the CJK font for every glyph Latin lacks."""
        return [LATIN_FAMILY, self.family]


@cache
def chart_font() -> ChartFont:
    """PyMuPDF's CJK font, registered with matplotlib (once per process)."""
    import pymupdf
    from matplotlib import font_manager

    data = pymupdf.Font("cjk").buffer
    path = _font_file(data)
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    log.debug("chart font: %s (%s)", family, path)
    return ChartFont(family=family, path=str(path))


def _font_file(data: bytes) -> Path:
    """The font bytes as a file named by their hash (written atomically; an intact copy is reused)."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"cnfiscal-cjk-{digest}.ttf"
    if path.exists() and path.stat().st_size == len(data):
        return path
    fd, tmp = tempfile.mkstemp(prefix=path.stem, suffix=".part", dir=path.parent)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path

"""Find a CJK font for chart images, and say so when there is none.

Debian's ``fonts-noto-cjk`` installs ``NotoSansCJK-Regular.ttc``; matplotlib reads .ttc collections.
Without a CJK font, Chinese labels would come out as empty boxes: that is logged as a warning and the
report says which font its charts were drawn with.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

log = logging.getLogger(__name__)

# Preferred families, best first (Simplified Chinese faces of common CJK fonts).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
)
# Same stack for the HTML pages; the browser picks the first it has.
CSS_FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif'
)


@dataclass(frozen=True, slots=True)
class ChartFont:
    family: str | None  # None: no CJK font found, Chinese will not render in charts
    path: str | None

    @property
    def is_cjk(self) -> bool:
        return self.family is not None


@cache
def find_cjk_font() -> ChartFont:
    """The first installed CJK family of ``CJK_FAMILIES``, with the file matplotlib will draw it from."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    others = sorted(n for n in installed if "CJK" in n or "Han" in n)  # any other font that says CJK
    for family in [*(f for f in CJK_FAMILIES if f in installed), *others]:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        log.debug("chart font: %s (%s)", family, path)
        return ChartFont(family=family, path=str(path))
    log.warning("no CJK font found (install fonts-noto-cjk): Chinese labels in charts will not render")
    return ChartFont(family=None, path=None)

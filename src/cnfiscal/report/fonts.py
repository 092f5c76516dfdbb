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
    """The first installed CJK family of ``CJK_FAMILIES`` (registered with matplotlib), or a warning."""
    from matplotlib import font_manager

    by_name = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in by_name:
            return ChartFont(family=family, path=by_name[family])
    for f in font_manager.fontManager.ttflist:  # any other font that says CJK in its name
        if "CJK" in f.name or "Han" in f.name:
            return ChartFont(family=f.name, path=f.fname)
    log.warning("no CJK font found (install fonts-noto-cjk): Chinese labels in charts will not render")
    return ChartFont(family=None, path=None)

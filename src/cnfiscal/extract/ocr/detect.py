"""Per page: is there a usable text layer, or is the page an image that needs OCR?

A page needs OCR when it has (almost) no text but its images cover most of it, or when its text
layer is garbage (fonts without a Unicode map give control characters, private-use or replacement
characters, or a soup of rare glyphs).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import pymupdf

MIN_TEXT_CHARS = 10  # fewer visible characters than this counts as "no text layer"
MIN_IMAGE_COVER = 0.3  # images over this share of the page make it a scan candidate
MIN_GOOD_SHARE = 0.7  # below this share of readable characters a text layer is garbage


class PageKind(StrEnum):
    TEXT = "text"  # a usable text layer
    IMAGE = "image"  # no text, an image covers the page: OCR
    GARBAGE = "garbage"  # a text layer that cannot be read: OCR
    EMPTY = "empty"  # neither text nor images (blank or vector drawing only)


@dataclass(frozen=True, slots=True)
class PageProbe:
    kind: PageKind
    chars: int  # visible characters in the text layer
    good_share: float  # share of them that are readable
    image_cover: float  # share of the page area covered by images

    @property
    def needs_ocr(self) -> bool:
        return self.kind in (PageKind.IMAGE, PageKind.GARBAGE)


def is_readable(ch: str) -> bool:
    """CJK, ASCII/full-width letters, digits and punctuation; not control/private-use/replacement."""
    if ch == "\ufffd":
        return False
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Co", "Cs", "Cn"):
        return False
    return "\u4e00" <= ch <= "\u9fff" or ord(ch) < 0x3000 or cat[0] in "PNS" or "\uff00" <= ch <= "\uffef"


def text_quality(text: str) -> tuple[int, float]:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0, 1.0
    good = sum(1 for ch in visible if is_readable(ch))
    return len(visible), good / len(visible)


def image_cover(page: pymupdf.Page) -> float:
    area = abs(page.rect) or 1.0
    covered = 0.0
    for info in page.get_image_info():
        r = pymupdf.Rect(info["bbox"]) & page.rect
        covered += abs(r)
    return min(1.0, covered / area)


def classify(chars: int, good_share: float, cover: float) -> PageKind:
    if chars >= MIN_TEXT_CHARS:
        return PageKind.GARBAGE if good_share < MIN_GOOD_SHARE else PageKind.TEXT
    if cover >= MIN_IMAGE_COVER:
        return PageKind.IMAGE
    return PageKind.TEXT if chars else PageKind.EMPTY


def probe_page(page: pymupdf.Page) -> PageProbe:
    chars, good = text_quality(page.get_text("text"))
    cover = image_cover(page)
    return PageProbe(classify(chars, good, cover), chars, round(good, 3), round(cover, 3))

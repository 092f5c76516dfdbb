"""Paragraphs of a narrative report (绩效自评报告), re-joined from wrapped lines.

OCR and copy-paste text wraps sentences anywhere (``85.6万`` / blank line / ``元(其中: …``) and marks
paragraphs with bullets (``- ``) or enumeration markers (``(1)``, ``(一)``, ``3.``, ``二、``). A paragraph
starts at such a line and runs over every following line (blank lines included) until the next one.
Lines are NFKC-folded (full-width punctuation → ASCII) and joined without separator (Chinese text);
each paragraph keeps where its source lines start, so a claim can name its page and line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import ExtractedDocument, Line
from cnfiscal.models import BBox
from cnfiscal.numbers.parse import fold

_BULLET = regex.compile(r"^\s*[-•·●]\s+")
_MARKER = regex.compile(
    r"^\s*(?:\(\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*\)|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.])"
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    page: int
    offsets: tuple[int, ...]  # offset in ``text`` where each source line starts
    lines: tuple[int | None, ...]  # the source line numbers (text inputs) of those lines
    boxes: tuple[BBox | None, ...] = ()  # the bboxes of those lines (PDF inputs)
    confidences: tuple[float | None, ...] = ()  # OCR confidence of those lines (scanned inputs)

    def _index(self, offset: int) -> int:
        return max(bisect_right(self.offsets, offset) - 1, 0)

    def line_at(self, offset: int) -> int | None:
        """The source line number of the character at ``offset``."""
        return self.lines[self._index(offset)] if self.lines else None

    def confidence_at(self, offset: int) -> float | None:
        return self.confidences[self._index(offset)] if self.confidences else None

    def bbox_at(self, offset: int) -> BBox | None:
        """The bbox of the source line holding the character at ``offset`` (None for text inputs)."""
        return self.boxes[self._index(offset)] if self.boxes else None


def paragraphs(doc: ExtractedDocument) -> list[Paragraph]:
    out: list[Paragraph] = []
    current: list[tuple[str, Line]] = []
    for line in doc.lines:
        text = fold(line.text)
        if not text.strip():
            continue
        starts = bool(_BULLET.match(text) or _MARKER.match(text))
        if current and (starts or line.page != current[0][1].page):
            out.append(_join(current))
            current = []
        current.append((_BULLET.sub("", text).strip(), line))
    if current:
        out.append(_join(current))
    return out


def _join(parts: list[tuple[str, Line]]) -> Paragraph:
    text, offsets = "", []
    for piece, _ in parts:
        offsets.append(len(text))
        text += piece
    lines = tuple(line for _, line in parts)
    return Paragraph(
        text,
        lines[0].page,
        tuple(offsets),
        tuple(ln.number for ln in lines),
        tuple(ln.bbox for ln in lines),
        tuple(ln.confidence for ln in lines),
    )

"""The text of a grid cell from its word boxes, read by position (not by the text layer's order).

Words are grouped into visual lines by their vertical centres and read left to right; lines are read
top to bottom. Joining follows how Chinese prints: no space between CJK characters; within a line a
space stays where the PDF had one next to a non-CJK word (``1. 一般公共预算资金``), and a wrapped
line continues without a space unless both sides are Latin letters (so a number broken over two
lines stays one number).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cnfiscal.models import BBox


class Piece(NamedTuple):
    """A word or part of a word inside one cell."""

    text: str
    bbox: BBox


def is_wide(ch: str) -> bool:
    """CJK ideographs, CJK punctuation and full-width forms (one em wide)."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, CJK punctuation, kana, ideographs
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x20000 <= o <= 0x3FFFF
        or o in (0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019)  # — … “ ” ‘ ’ set full width in CJK fonts
    )


def cell_text(pieces: Sequence[Piece]) -> str:
    if len(pieces) == 1:
        return pieces[0].text
    lines = visual_lines(pieces)
    out = ""
    for line in lines:
        text = _join_line(line)
        out += " " + text if out and text and _latin(out[-1]) and _latin(text[0]) else text
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def visual_lines(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """Pieces grouped into lines (by vertical centre), each line left to right, lines top to bottom."""
    lines: list[list[Piece]] = []
    centres: list[float] = []
    for p in sorted(pieces, key=lambda p: (p.bbox[1] + p.bbox[3]) / 2):
        cy = (p.bbox[1] + p.bbox[3]) / 2
        half = (p.bbox[3] - p.bbox[1]) / 2
        if lines and abs(cy - centres[-1]) <= half * 0.8:
            lines[-1].append(p)
        else:
            lines.append([p])
            centres.append(cy)
    return [sorted(line, key=lambda p: p.bbox[0]) for line in lines]


def _join_line(line: Sequence[Piece]) -> str:
    out = ""
    for p in line:
        if not p.text:
            continue
        if out and not (is_wide(out[-1]) and is_wide(p.text[0])):
            out += " "
        out += p.text
    return out


def split_word(text: str, bbox: BBox, cuts: Sequence[float]) -> list[Piece]:
    """Split a word whose box crosses cell borders at the x positions ``cuts``.

    Character positions are estimated from widths (CJK one em, others half); used only when a
    producer wrote two cells' text as one word.
    """
    x0, y0, x1, y1 = bbox
    weights = [1.0 if is_wide(ch) else 0.5 for ch in text]
    total = sum(weights) or 1.0
    scale = (x1 - x0) / total
    pieces: list[Piece] = []
    start, pos, left = 0, x0, x0
    cut_iter = iter(sorted(cuts))
    cut = next(cut_iter, None)
    for i, w in enumerate(weights):
        mid = pos + w * scale / 2
        while cut is not None and mid > cut:
            if i > start:
                pieces.append(Piece(text[start:i], (left, y0, pos, y1)))
                start, left = i, pos
            cut = next(cut_iter, None)
        pos += w * scale
    pieces.append(Piece(text[start:], (left, y0, x1, y1)))
    return [p for p in pieces if p.text.strip()]

"""Wrapped text fragments → table cells, when the number of cells is known.

In OCR text a cell's text wraps over several lines and cells follow each other as blocks of lines
(blank lines between blocks are unreliable: OCR also inserts them every few lines). ``fit_cells``
reshapes a list of blocks into exactly ``n`` cells:

- too many blocks: merge at the boundary whose previous line looks *full* (the text ran to the
  cell's right edge and wrapped), unless the next block starts like a target (``≥``, ``=`` …);
- too few: split a one-line block at its spaces (``数字赋能基层减负。 数字赋能基层减负。``), a line
  that repeats itself (``AA`` → ``A``, ``A``: label and target printed alike), or a multi-line block
  after its shortest line.

A block is ``list[list[str]]``: lines of space-separated tokens.
"""

from __future__ import annotations

import unicodedata

import regex

Block = list[list[str]]

_OPERATOR_START = regex.compile(r"[≥≤≧≦=＝<>＞＜]|^\S{0,6}[≥≤≧≦＝=]")
_CJK_GAP = regex.compile(r"(?<=[\p{Han}\p{P}])\s+(?=[\p{Han}\p{P}])")
_SENTENCE_END = ("。", ".", "；", ";")
_ITEM_START = regex.compile(r"^\s*(?:目标\s*\d+|\d+\s*[、.．)）])")


def width(text: str) -> int:
    """Display width: wide (CJK) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clean_text(text: str) -> str:
    """Join a wrapped cell: drop spaces between Chinese characters and punctuation, trim."""
    return _CJK_GAP.sub("", text).strip()


def block_text(block: Block) -> str:
    return clean_text("".join(" ".join(line) for line in block))


def fit_cells(blocks: list[Block], n: int) -> list[str]:
    """Reshape ``blocks`` into ``n`` cell texts (fewer if the text cannot be split that far)."""
    segs = [[list(line) for line in b] for b in blocks if any(line for line in b)]
    if n <= 0 or not segs:
        return []
    if n == 2 and (halves := _repeated_halves(block_text([line for s in segs for line in s]))):
        return list(halves)
    maxw = max(width(" ".join(line)) for s in segs for line in s) or 1
    while len(segs) > n:
        i = max(range(len(segs) - 1), key=lambda k: _merge_score(segs[k], segs[k + 1], maxw))
        segs[i : i + 2] = [segs[i] + segs[i + 1]]
    while len(segs) < n:
        if not _split_once(segs, maxw):
            break
    return [block_text(s) for s in segs]


def _merge_score(left: Block, right: Block, maxw: int) -> float:
    last = " ".join(left[-1])
    score = width(last) / maxw
    if last.endswith(_SENTENCE_END):
        score -= 0.3
    if _OPERATOR_START.search(" ".join(right[0])):
        score -= 0.5
    if _ITEM_START.match(" ".join(right[0])):  # ``目标2:`` / ``2、`` continue an enumeration
        score += 0.5
    return score


def _split_once(segs: list[Block], maxw: int) -> bool:
    """Split one segment in the most plausible place; False when nothing can be split."""
    for k, seg in enumerate(segs):
        if len(seg) == 1 and len(seg[0]) > 1:
            segs[k : k + 1] = [[[seg[0][0]]], [seg[0][1:]]]
            return True
    for k, seg in enumerate(segs):
        halves = _repeated_halves(block_text(seg))
        if len(seg) == 1 and halves:
            segs[k : k + 1] = [[[halves[0]]], [[halves[1]]]]
            return True
    best: tuple[float, int, int] | None = None
    for k, seg in enumerate(segs):
        for j in range(len(seg) - 1):
            line = " ".join(seg[j])
            score = 1 - width(line) / maxw
            score += 0.3 if line.endswith(_SENTENCE_END) else 0
            score += 0.5 if _OPERATOR_START.search(" ".join(seg[j + 1])) else 0
            if best is None or score > best[0]:
                best = (score, k, j)
    if best is None:
        return False
    _, k, j = best
    seg = segs[k]
    segs[k : k + 1] = [seg[: j + 1], seg[j + 1 :]]
    return True


def _repeated_halves(text: str) -> tuple[str, str] | None:
    """``强化问题导向。强化问题导向。`` → both halves; None when the text does not repeat."""
    half = len(text) // 2
    if len(text) >= 4 and len(text) % 2 == 0 and text[:half] == text[half:]:
        return text[:half], text[half:]
    return None

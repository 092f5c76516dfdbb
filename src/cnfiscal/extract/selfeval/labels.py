"""Recognise the labels of a 绩效自评表 in a cell: level-1 / level-2 indicator labels, funding rows, totals.

Cells are compared *folded* (NFKC, whitespace removed) against ``cnfiscal.vocab.selfeval``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache

import regex

from cnfiscal.numbers.parse import fold, parse_decimal
from cnfiscal.vocab import selfeval as V

_WS = regex.compile(r"\s+")


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    return _WS.sub("", fold(text))


def folded(text: str | None) -> str:
    """NFKC-folded, whitespace removed: the form every label pattern is written for."""
    return _folded(text or "")


@cache
def rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, cached (the vocabulary's patterns are used on every cell)."""
    return regex.compile(pattern)


def search(pattern: str, text: str | None) -> regex.Match[str] | None:
    return rx(pattern).search(folded(text))


def full(pattern: str, text: str | None) -> regex.Match[str] | None:
    return rx(rf"^(?:{pattern})$").match(folded(text))


def level1_of(text: str | None) -> tuple[str, str | None] | None:
    """``产出指 标 (50`` → (``产出指标``, ``50``); None when the cell is not a first-level label."""
    f = folded(text)
    m = rx(r"^(?P<label>[^()\d]+?)(?:\(?(?P<w>\d+)分?\)?)?$").match(f)
    if not m:
        return None
    for pattern, canonical in V.LEVEL1_LABELS:
        if rx(rf"^(?:{pattern})$").match(m["label"]) and len(m["label"]) >= 2:
            return canonical or m["label"], m["w"]
    return None


def level1_weight_of(text: str | None) -> str | None:
    """A cell holding only the first-level weight: ``(50分)``, ``（15分）``, OCR ``30分)``."""
    m = rx(r"^\(?(?P<w>\d+)分\)?$|^\((?P<w>\d+)分?\)$").match(folded(text))
    return m["w"] if m else None


def level2_of(text: str | None) -> str | None:
    f = folded(text)
    for pattern, canonical in V.LEVEL2_LABELS:
        if rx(rf"^(?:{pattern})$").match(f):
            return canonical
    return None


def funding_label_of(text: str | None) -> tuple[str, bool] | None:
    """(canonical, is_breakdown) of a funding row label, or None."""
    f = folded(text)
    for pattern, canonical, breakdown in V.FUNDING_LABELS:
        if rx(pattern).search(f):
            return canonical, breakdown
    return None


@lru_cache(maxsize=8192)
def number_of(text: str | None) -> Decimal | None:
    """A cell that is one plain number (``5``, ``94. 68446``), else None."""
    f = fold(text or "").strip()
    if not f or not f[0].isdigit():
        return None
    try:
        return parse_decimal(f)
    except ValueError:
        return None


def is_total(texts: list[str]) -> bool:
    """``总分`` / ``总 分`` / ``总⇥分`` (or a lone ``合计``) in the label cells of a row."""
    labels = "".join(folded(t) for t in texts if number_of(t) is None)
    return rx(V.TOTAL_LABEL).search(labels) is not None and len(labels) <= 8

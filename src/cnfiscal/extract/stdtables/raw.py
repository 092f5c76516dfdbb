"""Raw standard-table rows as read (cell texts with provenance), before numbers are normalized."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from cnfiscal.models import BBox

CODE_WORD = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_PART = regex.compile(r"^\d{1,2}$")  # 款/项 part; some spreadsheets drop its leading zero


@dataclass(frozen=True, slots=True)
class RawCell:
    text: str
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None  # OCR confidence of the text; None for text layers


@dataclass(slots=True)
class RawRow:
    code: str | None
    name: str
    cells: dict[str, RawCell] = field(default_factory=dict)
    side: str | None = None  # 收入 / 支出 for two-sided tables; the block's label otherwise
    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None  # source line (text inputs)
    level: str | None = None  # set when the code alone does not tell the level (OCR-cut codes)


@dataclass(slots=True)
class RawTable:
    columns: list[str]
    rows: list[RawRow]
    warnings: list[str] = field(default_factory=list)


def union(a: BBox | None, b: BBox | None) -> BBox | None:
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))

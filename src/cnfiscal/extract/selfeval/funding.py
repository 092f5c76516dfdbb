"""Funding rows of a 绩效自评表 (年度资金总额, 基本支出, 财政拨款, 其中：上级补助 …) → ``RawFunding``.

A row's cells after the label fill six slots: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
Whitespace-token rows (OCR text) print fewer cells for sub-rows; tab / grid rows carry the form's blank
spacer column and OCR damage (``270⇥000``, ``6⇥808369. 99``, ``678800 608369.99`` in one cell), repaired
here with a warning. Each value keeps the bbox of the cell it came from.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

import regex

from cnfiscal.extract.layout import Row
from cnfiscal.extract.selfeval.columns import by_header
from cnfiscal.extract.selfeval.labels import folded, funding_label_of, rx
from cnfiscal.extract.selfeval.raw import RawFunding, RawSelfEval
from cnfiscal.models import BBox
from cnfiscal.numbers.parse import NUMBER_SRC, is_empty
from cnfiscal.vocab import selfeval as V

log = logging.getLogger(__name__)

_MULTI_NUMBER = regex.compile(rf"^(?:{NUMBER_SRC})(?:\s+(?:{NUMBER_SRC}))+$")
_NUMBERS = regex.compile(NUMBER_SRC)
_SPACED_DECIMAL = regex.compile(r"\d+(?:\.\s?\d+)?")
_SLOTS = len(V.FUNDING_COLUMNS)


class _Val(NamedTuple):
    text: str
    bbox: BBox | None
    confidence: float | None = None


def _lowest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def read_funding(raw: RawSelfEval, row: Row) -> bool:
    """Append the row's RawFunding to ``raw``; False when the row is not a funding row."""
    tabbed = any(c.col is not None for c in row.cells)
    for k, cell in enumerate(row.cells):
        found = funding_label_of(cell.text) if cell.text else None
        if found is None:
            continue
        values = _split_multi([_Val(c.text, c.bbox, c.confidence) for c in row.cells[k + 1 :]])
        if raw.funding_columns and raw.funding_columns != V.FUNDING_COLUMNS and tabbed:
            at = by_header([v.text for v in values], raw.funding_columns)
            slots: list[_Val | None] = [values[i] if i is not None else None for i in at]
        else:
            slots = _tab_slots(values, raw, row.line) if tabbed else _free_slots(values)
        raw.funding.append(
            RawFunding(
                label=folded(cell.text).rstrip(":"),
                canonical=found[0],
                is_breakdown=found[1],
                values=[v.text if v else None for v in slots],
                page=row.page,
                line=row.line,
                bbox=union([c.bbox for c in row.cells]),
                boxes=[v.bbox if v else None for v in slots],
                confidences=[v.confidence if v else None for v in slots],
            )
        )
        return True
    return False


def union(boxes: list[BBox | None]) -> BBox | None:
    """The smallest box around ``boxes`` (None when there is none)."""
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real))


def _split_multi(values: list[_Val]) -> list[_Val]:
    """A cell holding two amounts (``678800 608369.99``; ``00. 00 9217862. 36``) becomes two."""
    out: list[_Val] = []
    for v in values:
        if not _MULTI_NUMBER.match(v.text.strip()):
            out.append(v)
            continue
        pattern = _SPACED_DECIMAL if rx(r"\d\.\s+\d").search(v.text) else _NUMBERS
        out.extend(_Val(m.group(0).strip(), v.bbox, v.confidence) for m in pattern.finditer(v.text))
    return out


def _free_slots(values: list[_Val]) -> list[_Val | None]:
    """Whitespace tokens: a trailing ``— — —`` is 分值/执行率/得分 of a sub-row; fewer than three amounts
    belong to the right-hand amount columns (全年预算数, 全年执行数: a sub-row has no 年初预算数)."""
    vals = [v for v in values if v.text]
    if len(vals) >= _SLOTS:
        return list(vals[:_SLOTS])
    tail: list[_Val | None] = [None, None, None]
    if len(vals) >= 3 and all(is_empty(v.text) for v in vals[-3:]):
        vals, tail = vals[:-3], list(vals[-3:])
    money: list[_Val | None] = [None] * (3 - len(vals)) + list(vals[:3])
    return [*money[-3:], *tail]


def _tab_slots(values: list[_Val], raw: RawSelfEval, line: int | None) -> list[_Val | None]:
    """Tab / grid fields → six slots: drop the form's blank spacer column, OCR splits and stray digits."""
    vals = list(values)
    while vals and not vals[-1].text:
        vals.pop()
    vals = _join_thousands(vals)
    if len(vals) == _SLOTS + 1 and is_empty(vals[3].text):
        del vals[3]
    while len(vals) > _SLOTS and any(not v.text for v in vals):
        vals.remove(next(v for v in vals if not v.text))
    while len(vals) > _SLOTS:
        k = _stray_index(vals)
        _warn(raw, line, f"funding row: stray fragment {vals[k].text!r} dropped")
        del vals[k]
    out: list[_Val | None] = [v if v.text else None for v in vals]
    return out + [None] * (_SLOTS - len(out))


def _join_thousands(vals: list[_Val]) -> list[_Val]:
    """``270⇥000`` (an amount cut at its thousands, one field too many) → ``270000``."""
    if len(vals) <= _SLOTS:
        return vals
    out: list[_Val] = []
    for v in vals:
        money_slot = len(out) <= 3  # joining into out[-1], one of the three amounts
        if money_slot and out and rx(r"\d{3}").fullmatch(v.text) and rx(r"\d{1,3}").fullmatch(out[-1].text):
            out[-1] = _Val(
                out[-1].text + v.text, union([out[-1].bbox, v.bbox]), _lowest(out[-1].confidence, v.confidence)
            )
        else:
            out.append(v)
    return out


def _stray_index(vals: list[_Val]) -> int:
    """The amount with the fewest digits among the money slots: an OCR fragment."""
    return min(range(len(vals) - 3), key=lambda k: (sum(ch.isdigit() for ch in vals[k].text), k))


def _warn(raw: RawSelfEval, line: int | None, message: str) -> None:
    text = f"line {line}: {message}" if line else message
    log.warning(text)
    raw.warnings.append(text)

"""Code rows of a table a web page shows as one long line: ``204 公共安全支出 161.90 45.03 …`` — a 功能科目 code, its
name, then the row's amounts, blank cells simply missing.

The header words (up to the 合计 row or the first code row) name the value columns when they are a known
template's (``vocab.webpages.FLAT_CODE_HEADERS``); else the columns are as many as the fullest row has amounts.
A row's amounts are put in columns only where that is certain: a row with as many amounts as columns fills them in
order; a shorter one is tried in every order-keeping placement, and a placement stands when each of the template's
sums holds in it (合计 = 基本 + 项目 in each column group, a blank cell 0); a cell that all standing placements
fill alike (or all leave blank) is certain, any other is marked unplaced (``vocab.tables.UNPLACED_CELL``, read
as an unreadable amount: no sum is checked over it) and the row gets a warning.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import regex

from cnfiscal.numbers.parse import MONEY_TOKEN, parse_decimal
from cnfiscal.vocab import webpages as W
from cnfiscal.vocab.tables import UNPLACED_CELL

_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")
_AMOUNT = MONEY_TOKEN
_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"[\s\u3000]+")
_MAX_PLACEMENTS = 5000
Row = tuple[str, str, list[str]]  # code, name, amounts as printed


def code_rows(text: str, warnings: list[str]) -> list[str] | None:
    """Tab-separated lines (header, then code, name and the value cells) of ``text``; None without code rows."""
    tokens = [t for t in _SPACE.split(text) if t]
    start = next((k for k in range(len(tokens) - 1) if _starts_row(tokens, k)), None)
    if start is None or not any(_CODE.match(t) for t in tokens[start:]):
        return None
    rows = _rows(tokens[start:])
    words = "".join(tokens[:start])
    header = next((h for h in W.FLAT_CODE_HEADERS if h.words == words), None)
    width = len(header.columns) if header else max(len(a) for _, _, a in rows)
    columns = list(header.columns) if header else [W.FLAT_CODE_COLUMN.format(k + 1) for k in range(width)]
    sums = header.sums if header else ()
    out = ["\t".join([*W.FLAT_CODE_LEADING, *columns])]
    for code, name, amounts in rows:
        cells = _cells(amounts, width, sums)
        unplaced = [columns[k] for k, c in enumerate(cells) if c == UNPLACED_CELL]
        if unplaced:
            which = "all" if len(unplaced) == width else ", ".join(unplaced)
            warnings.append(
                f"{code} {name}: {len(amounts)} amounts for {width} columns, their columns not certain — "
                f"left unread: {which}"
            )
        out.append("\t".join([code, name, *cells]))
    return out


def _starts_row(tokens: list[str], k: int) -> bool:
    nxt = tokens[k + 1]
    return (tokens[k] == W.FLAT_CODE_TOTAL and _AMOUNT.match(nxt) is not None) or (
        _CODE.match(tokens[k]) is not None and _HAN.search(nxt) is not None
    )


def _rows(tokens: list[str]) -> list[Row]:
    rows: list[Row] = []
    for k, t in enumerate(tokens):
        if _starts_row(tokens, k) if k + 1 < len(tokens) else False:
            code = t if _CODE.match(t) else ""
            rows.append((code, "" if code else t, []))
        elif rows and _AMOUNT.match(t):
            rows[-1][2].append(t)
        elif rows and not rows[-1][2]:
            code, name, amounts = rows[-1]
            rows[-1] = (code, name + t, amounts)  # the name goes on (a name printed with a space)
    return rows


def _cells(amounts: list[str], width: int, sums: tuple[tuple[int, tuple[int, ...]], ...]) -> list[str]:
    if len(amounts) == width:
        return list(amounts)
    if len(amounts) > width or not amounts:
        return [UNPLACED_CELL if amounts else "" for _ in range(width)]
    values = [parse_decimal(a) or Decimal(0) for a in amounts]
    standing: list[tuple[int, ...]] = []
    for n, places in enumerate(itertools.combinations(range(width), len(amounts))):
        if n > _MAX_PLACEMENTS:
            return [UNPLACED_CELL] * width
        row = dict(zip(places, values, strict=True))
        if sums and all(row.get(t, 0) == sum((row.get(p, 0) for p in parts), Decimal(0)) for t, parts in sums):
            standing.append(places)
    cells = []
    for k in range(width):
        seen = {amounts[p.index(k)] if k in p else "" for p in standing}
        cells.append(seen.pop() if len(seen) == 1 else UNPLACED_CELL)
    return cells

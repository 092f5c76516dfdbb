"""Metrics for the benchmarks (tested in ``tests/bench``): table agreement with a hand-checked gold
table, and throughput.

Tables are compared as rows of cell texts. Engines differ in how they show a merged cell (pdfplumber
and PyMuPDF give ``None`` for the places a merged cell covers; cnfiscal gives the cell once): ``None``
cells are dropped, whitespace inside a cell is ignored (line joins differ), rows with no text at all
are dropped. A gold row is *exact* when an extracted row equals it; a gold cell is *right* when the
best-matching extracted row has the same text at the same position (only non-empty gold cells count).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

_SPACE = regex.compile(r"\s+")

RawRows = Sequence[Sequence[str | None]]
Rows = list[tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class TableScore:
    rows_gold: int
    rows_exact: int
    cells_gold: int
    cells_right: int

    @property
    def row_accuracy(self) -> float:
        return self.rows_exact / self.rows_gold if self.rows_gold else 1.0

    @property
    def cell_accuracy(self) -> float:
        return self.cells_right / self.cells_gold if self.cells_gold else 1.0

    def __add__(self, other: TableScore) -> TableScore:
        return TableScore(
            self.rows_gold + other.rows_gold,
            self.rows_exact + other.rows_exact,
            self.cells_gold + other.cells_gold,
            self.cells_right + other.cells_right,
        )


def normalize_rows(rows: RawRows) -> Rows:
    """Drop ``None`` cells and whitespace; drop rows without text."""
    out: Rows = []
    for row in rows:
        cells = tuple(_SPACE.sub("", c) for c in row if c is not None)
        if any(cells):
            out.append(cells)
    return out


def score_table(gold: RawRows, got: RawRows) -> TableScore:
    g, x = normalize_rows(gold), normalize_rows(got)
    exact = sum((Counter(g) & Counter(x)).values())
    cells_gold = sum(1 for row in g for c in row if c)
    right = sum(max((_same_cells(row, cand) for cand in x), default=0) for row in g)
    return TableScore(len(g), exact, cells_gold, right)


def best_score(gold: RawRows, candidates: Sequence[RawRows]) -> TableScore:
    """Score against the extracted table of the page that matches the gold best (none: all wrong)."""
    scores = [score_table(gold, c) for c in candidates]
    if not scores:
        return score_table(gold, [])
    return max(scores, key=lambda s: (s.cells_right, s.rows_exact))


def _same_cells(gold_row: tuple[str, ...], row: tuple[str, ...]) -> int:
    return sum(1 for a, b in zip(gold_row, row, strict=False) if a and a == b)


def pages_per_second(pages: int, seconds: float) -> float:
    return pages / seconds if seconds > 0 else float("inf")

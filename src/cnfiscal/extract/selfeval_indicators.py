"""The indicator table of a 绩效自评表: rows → ``RawIndicator``s.

Feed the rows between the header (一级指标 … 未完成原因分析) and the 总分 row to ``IndicatorParser.feed``.
A row is read right-anchored: the last plausible pair of numbers is 分值 / 得分 (score ≤ weight), what
follows is 未完成原因分析, the two cells before are 年度指标值 / 实际完成值, and the cells before those are
the level-3 label, preceded by level-1 / level-2 labels when the row starts a merged cell (labels are
carried down). Text rows without numbers (wrapped labels of OCR text) wait as *pending blocks* and
fill the cells the next numeric row lacks (``selfeval_fragments.fit_cells``); pending text left when
a new level-1/level-2 label starts is the continuation of the previous 未完成原因分析.

First-level weights (``产出指标（50分）``) place rows whose level-1 label is printed lower down (a
merged cell's label is vertically centred): a row that would overflow the current level-1 weight waits
for the next level-1 label.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from cnfiscal.extract.layout import Row
from cnfiscal.extract.selfeval_fragments import Block, block_text, clean_text, fit_cells
from cnfiscal.extract.selfeval_labels import (
    folded,
    full,
    level1_of,
    level1_weight_of,
    level2_of,
    number_of,
)
from cnfiscal.extract.selfeval_raw import RawIndicator
from cnfiscal.vocab import selfeval as V

log = logging.getLogger(__name__)

_GARBAGE_CELL = regex.compile(r"^[^\p{Han}]*$|^\p{Han}?[^\p{Han}]+$")


@dataclass(slots=True)
class _Tail:
    lead: list[str]  # non-empty cells before target/actual
    target: str | None
    actual: str | None
    weight: str
    score: str
    reason: str | None
    n_text: int  # text cells read from the row itself (free text: how many of level3/target/actual)


@dataclass(slots=True)
class IndicatorParser:
    indicators: list[RawIndicator] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    level1: str | None = None
    level1_weight: str | None = None
    level2: str | None = None
    pending: list[Block] = field(default_factory=list)
    _open: bool = False  # the last pending block is still growing
    _label_tail: str | None = None  # a label row just read: the next line may finish it (可持续影 / 响)
    _orphans: list[RawIndicator] = field(default_factory=list)
    _sums: dict[str, Decimal] = field(default_factory=dict)

    def feed(self, row: Row) -> None:
        texts = list(row.texts)
        if not any(texts):
            self._open, self._label_tail = False, None
            return
        if full(V.BLOCK_LABEL.strip("^$"), "".join(texts)) or _is_header(texts):
            return
        tabbed = _tabbed(row)
        tail = split_tail(texts, tabbed)
        if tail is None:
            self._text_row(texts, row, tabbed)
            return
        self._numeric_row(tail, row, tabbed)

    def finish(self) -> list[RawIndicator]:
        self._flush_reason()
        for ind in self._orphans:
            self._warn(ind.line, f"indicator {ind.level3!r}: first-level label not found after its rows")
        return self.indicators

    # -- text rows ----------------------------------------------------------------------------
    def _text_row(self, texts: list[str], row: Row, tabbed: bool) -> None:
        cells = [t for t in texts if t]
        if self._label_tail and not tabbed and self._label_cell(self._label_tail + "".join(cells), first=True):
            self._label_tail = None
            return
        rest = self._peel_labels(cells, whole=True)
        self._label_tail = "".join(cells) if not rest and not tabbed else None
        if tabbed:
            if rest:
                self._warn(row.line, f"indicator row without 分值/得分 ignored: {' '.join(rest)[:40]!r}")
            return
        if not rest:
            self._open = False
            return
        if self._open and self.pending:
            self.pending[-1].append(rest)
        else:
            self.pending.append([rest])
            self._open = True

    def _peel_labels(self, cells: list[str], whole: bool) -> list[str]:
        """Take level-1/level-2 labels (and weights) off the front of ``cells``; return the rest."""
        joined = "".join(cells)
        if whole and self._label_cell(joined, first=True):
            return []
        rest = list(cells)
        first = True
        while rest and self._label_cell(rest[0], first=first):
            rest.pop(0)
            first = False
        return rest

    def _label_cell(self, text: str, first: bool) -> bool:
        l1 = level1_of(text)
        if l1 and (first or l1[0] != self.level1):
            self._set_level1(l1[0], l1[1])
            return True
        l2 = level2_of(text)
        if l2:
            self._flush_reason()
            self.level2 = l2
            return True
        w = level1_weight_of(text)
        if w:
            self.level1_weight = self.level1_weight or w
            return True
        return False

    def _set_level1(self, label: str, weight: str | None) -> None:
        self._flush_reason()
        if label != self.level1:
            self.level1, self.level1_weight, self.level2 = label, weight, None
            for ind in self._orphans:
                ind.level1, ind.level1_weight = label, weight
            self._orphans.clear()
        elif weight:
            self.level1_weight = self.level1_weight or weight

    # -- numeric rows -------------------------------------------------------------------------
    def _numeric_row(self, tail: _Tail, row: Row, tabbed: bool) -> None:
        self._label_tail = None
        lead = [c for c in tail.lead if not self._label_cell(c, first=c is tail.lead[0])]
        lead = _drop_garbage(lead, self, row.line)
        level3 = clean_text(" ".join(lead)) if lead else None
        target, actual = tail.target, tail.actual
        if not tabbed:
            level3, target, actual = self._fill_from_pending(level3, target, actual, tail.n_text, row)
        else:
            self._flush_reason()
        ind = RawIndicator(
            level1=self.level1,
            level1_weight=self.level1_weight,
            level2=self.level2,
            level3=level3,
            target=target,
            actual=actual,
            weight=tail.weight,
            score=tail.score,
            reason=tail.reason,
            is_subtotal=bool(level3 and regex.search(V.SUBTOTAL, folded(level3))),
            page=row.page,
            line=row.line,
        )
        self._place(ind)

    def _fill_from_pending(
        self, level3: str | None, target: str | None, actual: str | None, n_text: int, row: Row
    ) -> tuple[str | None, str | None, str | None]:
        need = 3 - n_text
        blocks, self.pending, self._open = self.pending, [], False
        if need <= 0:
            if blocks:
                self._append_reason(" ".join(block_text(b) for b in blocks))
            return level3, target, actual
        cells = fit_cells(blocks, need)
        if len(cells) < need:
            self._warn(row.line, f"indicator row: {need} label/target cells expected, {len(cells)} found")
        cells = cells + [None] * (need - len(cells))  # type: ignore[list-item]
        given = [level3, target, actual][3 - n_text :] if n_text else []
        merged = cells + [g for g in given]
        return merged[0], merged[1], merged[2]

    def _place(self, ind: RawIndicator) -> None:
        label = ind.level1 or ""
        declared = number_of(ind.level1_weight)
        weight = number_of(ind.weight) or Decimal(0)
        used = self._sums.get(label, Decimal(0))
        if ind.is_subtotal:  # its component rows carry the weight
            weight = Decimal(0)
        if declared is not None and used + weight > declared and used >= declared:
            ind.level1, ind.level1_weight, ind.level2 = None, None, None
            self._orphans.append(ind)
        else:
            self._sums[label] = used + weight
        self.indicators.append(ind)

    def _flush_reason(self) -> None:
        if self.pending:
            self._append_reason(" ".join(block_text(b) for b in self.pending))
        self.pending, self._open = [], False

    def _append_reason(self, text: str) -> None:
        if not text:
            return
        if not self.indicators:
            self._warn(None, f"text before the first indicator ignored: {text[:40]!r}")
            return
        last = self.indicators[-1]
        last.reason = clean_text((last.reason or "") + text)

    def _warn(self, line: int | None, message: str) -> None:
        text = f"line {line}: {message}" if line else message
        log.warning(text)
        self.warnings.append(text)


def split_tail(texts: list[str], tabbed: bool) -> _Tail | None:
    """Find 分值/得分 in a row and cut it into lead / target / actual / weight / score / reason."""
    cells = list(texts) if tabbed else [t for t in texts if t]
    pair = _weight_score_index(cells)
    if pair is None:
        return None
    i = pair
    after = [c for c in cells[i + 2 :] if c]
    reason = clean_text(" ".join(a for a in after if number_of(a) is None)) or None
    before = cells[:i]
    if tabbed:
        target = before[-2] if len(before) >= 2 else None
        actual = before[-1] if before else None
        lead = [c for c in before[:-2] if c]
        n_text = 3
    else:
        n_text = min(len(before), 3)
        lead = before[: len(before) - 2] if len(before) >= 3 else before[:0]
        target = before[-2] if len(before) >= 2 else None
        actual = before[-1] if before else None
    return _Tail(lead, target or None, actual or None, cells[i], cells[i + 1], reason, n_text)


def _weight_score_index(cells: list[str]) -> int | None:
    """Index of 分值 in the rightmost adjacent number pair with 得分 ≤ 分值 (else the rightmost pair)."""
    pairs = [
        i for i in range(len(cells) - 1) if number_of(cells[i]) is not None and number_of(cells[i + 1]) is not None
    ]
    for i in reversed(pairs):
        w, s = number_of(cells[i]), number_of(cells[i + 1])
        if w is not None and s is not None and s <= w:
            return i
    return pairs[-1] if pairs else None


def _drop_garbage(lead: list[str], parser: IndicatorParser, line: int | None) -> list[str]:
    """OCR debris in the label columns (``17/1``, ``143.``, ``分)``): dropped with a warning."""
    kept: list[str] = []
    for cell in lead:
        if _GARBAGE_CELL.match(folded(cell)):
            parser._warn(line, f"label debris ignored: {cell!r}")
        else:
            kept.append(cell)
    return kept


def _is_header(texts: list[str]) -> bool:
    joined = "".join(folded(t) for t in texts)
    return "三级指标" in joined or ("年度指标值" in joined and "实际完成值" in joined)


def _tabbed(row: Row) -> bool:
    """Cells with column positions (a grid row, a tab-separated line) vs whitespace tokens (``col`` None)."""
    return any(c.col is not None for c in row.cells)

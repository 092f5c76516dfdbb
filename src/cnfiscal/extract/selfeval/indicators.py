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

import itertools
import logging
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from cnfiscal.extract.layout import Row
from cnfiscal.extract.selfeval.columns import IndicatorColumns, indicator_columns, read_by_columns
from cnfiscal.extract.selfeval.fragments import Block, block_text, clean_text, fit_cells
from cnfiscal.extract.selfeval.funding import union
from cnfiscal.extract.selfeval.labels import folded, number_of, rx
from cnfiscal.extract.selfeval.levels import (
    Levels,
    centre_level2_groups,
    fill_leading_level2,
    row_weight,
    settle_level2_boundaries,
)
from cnfiscal.extract.selfeval.raw import RawIndicator
from cnfiscal.vocab import selfeval as V

log = logging.getLogger(__name__)

_HAN = regex.compile(r"\p{Han}")
_GARBAGE_CELL = regex.compile(r"^[^\p{Han}]*\p{Han}?[^\p{Han}]*$")  # at most one Chinese character


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
    levels: Levels = field(default_factory=Levels)
    pending: list[Block] = field(default_factory=list)
    _open: bool = False  # the last pending block is still growing
    _label_tail: str | None = None  # a label row just read: the next line may finish it (可持续影 / 响)
    _tabbed_table: bool = False  # rows come with columns: free-text lines are cells printed one per line
    _loose: list[str] = field(default_factory=list)
    _loose_line: int | None = None
    _overflow: str | None = None  # the start of the first row's level-3 label, printed in the header row
    _reason_open: bool = False  # free text: the last row ended in a reason; lines right below continue it
    _level2_col: int | None = None  # grid column of 二级指标 (from the header row)
    _unlabelled: list[RawIndicator] = field(default_factory=list)  # see ``_split_level2_cell``
    columns: IndicatorColumns | None = None  # the header's columns (``selfeval.columns``)

    def header(self, row: Row) -> None:
        """A header row (一级指标 … 未完成原因分析): text after ``三级指标`` in its cell is the start of the
        next row's level-3 label (``三级指标建设配套信息系统`` + ``平台``)."""
        self.columns = indicator_columns(row) or self.columns
        for cell in row.cells:
            if cell.bbox is not None and cell.col is not None and folded(cell.text) == "二级指标":
                self._level2_col = cell.col
        for text in row.texts:
            if text and (m := rx(V.LEVEL3_HEADER_OVERFLOW).match(folded(text))):
                self._overflow = m["rest"]
                self._warn(row.line, f"level-3 label overflowed into the header row: {m['rest']!r}")

    def feed(self, row: Row) -> None:
        texts = list(row.texts)
        if not any(texts):
            self._open, self._label_tail, self._reason_open = False, None, False
            return
        if _is_header(texts):
            self.header(row)
            return
        tabbed = _tabbed(row)
        self._tabbed_table = self._tabbed_table or tabbed
        if tabbed:
            self._drop_loose()
        self.levels.start_row(row.line)
        tail = split_tail(texts, tabbed)
        if self.columns and read_by_columns(self.columns, row, tail is None, self.levels, self.indicators):
            return
        if tail is None:
            self._text_row([t for t in texts if t], row, tabbed)
        else:
            self._numeric_row(tail, row, tabbed)

    def finish(self) -> list[RawIndicator]:
        self._flush_reason(end=True)
        self._merge_double_reads()
        self._adopt_orphans()
        for ind in self.levels.orphans:
            self._warn(ind.line, f"indicator {ind.level3!r}: no first-level label found for it")
        self.levels.fill_weights(self.indicators)
        self._label_unlabelled()
        for i in centre_level2_groups(self.indicators):
            ind = self.indicators[i]
            self._warn(ind.line, f"indicator {ind.level3!r}: level-2 label printed mid-cell: {ind.level2}")
        for i in settle_level2_boundaries(self.indicators):
            ind = self.indicators[i]
            self._warn(ind.line, f"indicator {ind.level3!r}: level-2 label printed one row lower: {ind.level2}")
        for i in fill_leading_level2(self.indicators):
            ind = self.indicators[i]
            self._warn(ind.line, f"indicator {ind.level3!r}: level-2 label printed lower in its cell: {ind.level2}")
        return self.indicators

    def _merge_double_reads(self) -> None:
        """A level-1 block whose rows weigh more than its printed ``(N分)`` by exactly one row that repeats
        the row before it (same target and weight) under a label of at most two characters (``完成园区服务``
        then ``工作``): OCR read that row twice, once per line of its label — the label is joined, the
        repeated values are dropped."""
        for label, printed in self.levels.weights.items():
            declared = number_of(printed)
            rows = self._block(label)
            excess = sum((row_weight(ind) for ind in rows), Decimal(0)) - (declared or Decimal(0))
            if declared is None or excess <= 0:
                continue
            for prev, ind in itertools.pairwise(rows):
                if _is_double_read(prev, ind) and row_weight(ind) == excess:
                    self._warn(ind.line, f"row read twice by OCR: {ind.level3!r} joined to {prev.level3!r}")
                    prev.level3 = (prev.level3 or "") + (ind.level3 or "")
                    self.indicators.remove(ind)
                    break

    def _trailing_orphans(self) -> list[RawIndicator]:
        return [o for o in self.levels.orphans if o.level1 is None and o in self.indicators]

    def _block(self, label: str) -> list[RawIndicator]:
        """The rows of a level-1 label, with the orphans left right after its last row."""
        rows = [ind for ind in self.indicators if ind.level1 == label]
        orphans = self._trailing_orphans()
        if rows and orphans and self.indicators.index(orphans[0]) == self.indicators.index(rows[-1]) + 1:
            rows += orphans
        return rows

    def _adopt_orphans(self) -> None:
        """Rows left without a level-1 label at the end of the table (they seemed to overflow the block
        before them) belong to that block when, with them, its rows weigh exactly its printed weight."""
        orphans = self._trailing_orphans()
        at = self.indicators.index(orphans[0]) if orphans else 0
        if not at:
            return
        prev = self.indicators[at - 1]
        declared = number_of(self.levels.weights.get(prev.level1 or ""))
        rows = self._block(prev.level1 or "")
        if prev.level1 and declared == sum((row_weight(ind) for ind in rows), Decimal(0)):
            for o in orphans:
                o.level1, o.level1_weight, o.level2 = prev.level1, prev.level1_weight, o.level2 or prev.level2
            self.levels.orphans = [o for o in self.levels.orphans if o not in orphans]

    # -- text rows ----------------------------------------------------------------------------
    def _text_row(self, cells: list[str], row: Row, tabbed: bool) -> None:
        if self._reason_open and not tabbed:  # a reason wrapped in its narrow cell, no blank line before
            self._append_reason("".join(cells))
            return
        if self._label_tail and not tabbed and self._take(self._label_tail + "".join(cells), first=True):
            self._label_tail = None
            return
        if not tabbed and self._take("".join(cells), first=True):
            self._label_tail = "".join(cells)
            return
        self._label_tail = None
        rest = list(cells)
        while rest and self._take(rest[0], first=rest[0] is cells[0]):
            rest.pop(0)
        if not rest:
            self._open = False
        elif self._tabbed_table and not tabbed:
            self._loose_cells(rest, row)
        elif tabbed:
            self._warn(row.line, f"indicator row without 分值/得分 ignored: {' '.join(rest)[:40]!r}")
        elif self._open and self.pending:
            self.pending[-1].append(rest)
        else:
            self.pending.append([rest])
            self._open = True

    def _loose_cells(self, cells: list[str], row: Row) -> None:
        """In a tab/grid table, a row whose cells came out one per line (``100%`` / ``100%`` / ``5`` / ``5`` /
        ``平台稳定运行率``): rebuilt once its numbers and a label have been read; its line is the first one."""
        if not self._loose:
            self._loose_line = row.line
        self._loose.extend(cells)
        tail = split_tail(self._loose, tabbed=False)
        label = " ".join(tail.lead) if tail and tail.lead else tail.reason if tail else None
        if tail is None or not label or not _HAN.search(label):
            return
        self._warn(row.line, f"indicator row rebuilt from cells printed one per line: {' '.join(self._loose)!r}")
        self._loose = []
        ind = RawIndicator(
            level3=clean_text(label),
            target=tail.target,
            actual=tail.actual,
            weight=tail.weight,
            score=tail.score,
            page=row.page,
            line=self._loose_line,
        )
        self.levels.place(ind)
        self.indicators.append(ind)

    def _drop_loose(self) -> None:
        if self._loose:
            self._warn(None, f"loose cells ignored: {' '.join(self._loose)[:40]!r}")
            self._loose = []

    def _take(self, text: str, first: bool) -> bool:
        level2, level1 = self.levels.level2, self.levels.level1
        if not self.levels.take(text, first):
            return False
        if (level1, level2) != (self.levels.level1, self.levels.level2):
            self._flush_reason()
        return True

    # -- numeric rows -------------------------------------------------------------------------
    def _numeric_row(self, tail: _Tail, row: Row, tabbed: bool) -> None:
        self._label_tail = None
        level3 = self._level3(self._peel(tail.lead), row.line) if tail.lead else None
        if self._overflow:
            level3, self._overflow = self._overflow + (level3 or ""), None
        target, actual = tail.target, tail.actual
        if not tabbed:
            level3, target, actual = self._fill_from_pending(level3, target, actual, tail.n_text, row)
        else:
            self._flush_reason()
        ind = RawIndicator(
            level3=level3,
            target=target,
            actual=actual,
            weight=tail.weight,
            score=tail.score,
            reason=tail.reason,
            is_subtotal=bool(level3 and rx(V.SUBTOTAL).search(folded(level3))),
            page=row.page,
            line=row.line,
            bbox=union([c.bbox for c in row.cells if c.text]),
            confidence=row.confidence,
        )
        self.levels.place(ind)
        self.indicators.append(ind)
        self._reason_open = not tabbed and bool(tail.reason)
        self._split_level2_cell(ind, row)

    def _split_level2_cell(self, ind: RawIndicator, row: Row) -> None:
        """A grid row that opens an empty level-2 cell in the middle of a page (a merged cell cut by the page
        break below, its label printed on the next page) does not carry the label above; its rows take the
        next level-2 label read. At the top of a page the empty cell continues the one above."""
        if self._level2_col is None or self.levels.row_level2:
            return
        top = len(self.indicators) > 1 and self.indicators[-2].page != ind.page
        opens = not top and any(
            c.col == self._level2_col and c.bbox is not None and not c.text.strip() for c in row.cells
        )
        if opens:
            self.levels.level2 = None
            ind.level2 = None
        if ind.level2 is None and (opens or self._unlabelled):
            self._unlabelled.append(ind)

    def _label_unlabelled(self) -> None:
        for ind in self._unlabelled:
            at = self.indicators.index(ind)
            nxt = next((o for o in self.indicators[at + 1 :] if o.level2 or o.level1 != ind.level1), None)
            if nxt is not None and nxt.level1 == ind.level1 and ind.level2 is None:
                ind.level2 = nxt.level2
                self._warn(ind.line, f"indicator {ind.level3!r}: level-2 label printed on the next page")
            elif ind.level2 is None and at and self.indicators[at - 1].level1 == ind.level1:
                ind.level2 = self.indicators[at - 1].level2  # no label below: the cell continued the one above

    def _peel(self, lead: list[str]) -> list[str]:
        """Consume label cells among all but the last lead cell (the level-3 label's place)."""
        *labels, last = lead
        kept = [cell for k, cell in enumerate(labels) if not self._take(cell, first=k == 0)]
        return [*kept, last]

    def _level3(self, lead: list[str], line: int | None) -> str | None:
        """The level-3 label: the last lead cell, joined with the one before when it is a short tail
        (``维护展示中心参观秩`` + ``·序``); other lead cells are label fragments or debris."""
        *before, last = lead
        if before and len(_HAN.findall(last)) <= 2 and not _GARBAGE_CELL.match(folded(before[-1])):
            last = before.pop() + last
        for cell in before:
            if not self.levels.take_fragment(cell):
                self._warn(line, f"label debris ignored: {cell!r}")
        if _GARBAGE_CELL.match(folded(last)):
            self._warn(line, f"label debris ignored: {last!r}")
            return None
        return clean_text(last)

    def _fill_from_pending(
        self, level3: str | None, target: str | None, actual: str | None, n_text: int, row: Row
    ) -> tuple[str | None, str | None, str | None]:
        need = 3 - n_text
        blocks, self.pending, self._open = self.pending, [], False
        if need <= 0:
            if blocks:
                self._append_reason("".join(block_text(b) for b in blocks))
            return level3, target, actual
        cells = fit_cells(blocks, need)
        if len(cells) < need:
            self._warn(row.line, f"indicator row: {need} label/target cells expected, {len(cells)} found")
        cells = cells + [None] * (need - len(cells))  # type: ignore[list-item]
        given = [level3, target, actual][3 - n_text :] if n_text else []
        merged = cells + [g for g in given]
        return merged[0], merged[1], merged[2]

    def _flush_reason(self, end: bool = False) -> None:
        """Pending text continues the last row's 未完成原因分析; at the end of the table, text printed under new
        labels is a row cut off (a truncated page), not a reason."""
        text = "".join(block_text(b) for b in self.pending)
        last = self.indicators[-1] if self.indicators else None
        if end and text and last and (last.level1, last.level2) != (self.levels.level1, self.levels.level2):
            self._warn(None, f"表格在此中断，未读入的行 (row cut off, not read): {text[:40]!r}")
        elif text:
            self._append_reason(text)
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


def _is_double_read(prev: RawIndicator, ind: RawIndicator) -> bool:
    short = ind.level3 is not None and len(_HAN.findall(ind.level3)) <= 2 and len(ind.level3) <= 3
    return short and prev.line != ind.line and (prev.target, prev.weight) == (ind.target, ind.weight)


def split_tail(texts: list[str], tabbed: bool) -> _Tail | None:
    """Find 分值/得分 in a row and cut it into lead / target / actual / weight / score / reason."""
    cells = list(texts) if tabbed else [t for t in texts if t]
    pair = _weight_score_index(cells)
    if pair is None:
        return None
    i = pair
    after = [c for c in cells[i + 2 :] if c]
    joiner = "" if tabbed else " "  # tab fields of one wrapped cell join without a space
    reason = clean_text(joiner.join(a for a in after if number_of(a) is None)) or None
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


def _is_header(texts: list[str]) -> bool:
    joined = "".join(folded(t) for t in texts)
    return "三级指标" in joined or ("年度指标值" in joined and "实际完成值" in joined)


def _tabbed(row: Row) -> bool:
    """Cells with column positions (a grid row, a tab-separated line) vs whitespace tokens (``col`` None)."""
    return any(c.col is not None for c in row.cells)

"""Level-1 / level-2 labels of the indicator table, carried down over merged cells.

``Levels.take(cell, first)`` consumes a label cell (a label, its OCR fragment, a weight ``(50分)``, or
the block label ``绩效指标``) and updates the carried labels. ``Levels.place(ind)`` stamps the labels on
an indicator; a row read before any level-1 label, or one that would overflow the current level-1's
printed weight, waits as an *orphan* until the next level-1 label (a merged cell's label is printed
in its vertical middle, below its first rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from cnfiscal.extract.selfeval.labels import folded, level1_of, level1_weight_of, level2_of, number_of
from cnfiscal.extract.selfeval.raw import RawIndicator
from cnfiscal.vocab import selfeval as V

_HAN = regex.compile(r"\p{Han}")
_BLOCK_DEBRIS = regex.compile(V.BLOCK_DEBRIS)
_WEIGHT_TAIL = regex.compile(r"^(?:指?标)?\(?(?P<w>\d+)分?\)?$")
_BARE_NUMBER = regex.compile(r"^\p{Han}?[\[(]?(?P<n>\d{1,3})[\])]?$")  # ``50``, ``尔[10]``: a weight, 分 lost
_LEVEL2_NAMES = tuple(canonical for _, canonical in V.LEVEL2_LABELS)


@dataclass(slots=True)
class Levels:
    level1: str | None = None
    level1_weight: str | None = None
    level2: str | None = None
    weights: dict[str, str] = field(default_factory=dict)  # level-1 label → printed weight
    row_level2: bool = False  # a level-2 label was read in the current row
    row_anchor: bool = False  # the row holds a piece of its carried labels: it belongs where it is
    orphans: list[RawIndicator] = field(default_factory=list)
    line: int | None = None  # source line of the row being read
    bare: list[tuple[int, str]] = field(default_factory=list)  # (line, n): bare numbers in label cells
    _sums: dict[str, Decimal] = field(default_factory=dict)

    def start_row(self, line: int | None = None) -> None:
        self.row_level2 = self.row_anchor = False
        self.line = line

    def take(self, text: str, first: bool) -> bool:
        """Consume ``text`` if it is a label cell (see the module docstring)."""
        f = folded(text)
        if not f:
            return False
        if _BLOCK_DEBRIS.match(f):
            return True
        l1 = level1_of(f)
        if l1 and not (l1[0] == self.level1 and not first and level2_of(f)):
            new = l1[0] != self.level1
            self._set_level1(l1[0], l1[1])
            if new and not first and (l2 := level2_of(f)):  # printed in the level-2 column (满意度指标)
                self._set_level2(l2)
            return True
        return self._take_level2(f) or self._take_weight(f) or self._note_bare(f)

    def take_fragment(self, text: str) -> bool:
        """A short piece of a vertically printed label (``成`` / ``本指`` / ``标`` of 成本指标)."""
        f = folded(text)
        han = "".join(_HAN.findall(f))
        if not han or len(han) > 2:
            return False
        if (self.level2 and han in self.level2) or (self.level1 and han in self.level1):
            self.row_anchor = True
            return True
        starts = [name for name in _LEVEL2_NAMES if name.startswith(han)]
        if len(starts) == 1:
            self._set_level2(starts[0])
            self.row_anchor = True
            return True
        return False

    def _take_level2(self, f: str) -> bool:
        l2 = level2_of(f)
        if l2:
            self._set_level2(l2)
        return l2 is not None

    def _note_bare(self, f: str) -> bool:
        """Remember a bare number (maybe a level-1 weight, see ``fill_weights``); never consumes the cell."""
        if (bare := _BARE_NUMBER.match(f)) and self.line is not None:
            self.bare.append((self.line, bare["n"]))
        return False

    def _take_weight(self, f: str) -> bool:
        m = _WEIGHT_TAIL.match(f) if "分" in f or "标" in f else None
        w = level1_weight_of(f) or (m["w"] if m else None)
        if w and self.level1:
            self.level1_weight = self.level1_weight or w
            self.weights.setdefault(self.level1, w)
        return w is not None

    def take_column(self, text: str, level: int) -> None:
        """A label read from the level-1 or level-2 column of a header-mapped table: the vocabulary's reading when
        it knows the label, else the label as printed (the column says what it is)."""
        if self.take(text, first=level == 1):
            return
        label = folded(text)
        if level == 1:
            self._set_level1(label, None)
        else:
            self.level2, self.row_level2 = label, True

    def _set_level1(self, label: str, weight: str | None) -> None:
        if label != self.level1:
            if self.level1 is not None:  # rows read before the first level-1 label keep their level 2
                self.level2 = None
            self.level1, self.level1_weight = label, weight
        else:
            self.level1_weight = self.level1_weight or weight
        if weight:
            self.weights.setdefault(label, weight)

    def _set_level2(self, label: str) -> None:
        parent = V.LEVEL2_PARENT.get(label)
        if parent and self.level1 and self.level1 not in (parent, label):
            self._set_level1(parent, None)  # the level-1 label is printed lower down, or unreadable
        self.level2, self.row_level2 = label, True

    def place(self, ind: RawIndicator) -> None:
        """Stamp the carried labels on ``ind``; resolve or create orphans."""
        ind.level1, ind.level1_weight, ind.level2 = self.level1, self.level1_weight, self.level2
        if self.orphans and self.level1 and not self._full(self.level1):
            for o in self.orphans:
                o.level1, o.level1_weight = self.level1, self.level1_weight
                self._add(self.level1, o)
                if o.level2 is None and self.row_level2:
                    o.level2 = self.level2
            self.orphans.clear()
        overflow = self.level1 is not None and self._full(self.level1) and bool(row_weight(ind))
        if self.level1 is None or (overflow and not self.row_anchor):
            if overflow and not self.row_level2:
                ind.level2 = None
            ind.level1, ind.level1_weight = None, None
            self.orphans.append(ind)
            return
        self._add(self.level1, ind)

    def _add(self, label: str, ind: RawIndicator) -> None:
        self._sums[label] = self._sums.get(label, Decimal(0)) + row_weight(ind)

    def _full(self, label: str) -> bool:
        declared = number_of(self.weights.get(label))
        return declared is not None and self._sums.get(label, Decimal(0)) >= declared

    def fill_weights(self, indicators: list[RawIndicator]) -> None:
        """A level-1 weight printed below the first rows (``(50分)`` on a later line) applies to all of them.
        A level-1 label without a printed ``(N分)`` takes a bare number read in the label cells of its rows
        (``产出`` / ``标`` / ``50`` / ``分``: OCR split the vertical label) when the number is its rows' weight sum."""
        for label in dict.fromkeys(ind.level1 for ind in indicators if ind.level1):
            if label not in self.weights and (n := self._bare_weight(label, indicators)):
                self.weights[label] = n
        for ind in indicators:
            if ind.level1 and ind.level1_weight is None:
                ind.level1_weight = self.weights.get(ind.level1)

    def _bare_weight(self, label: str, indicators: list[RawIndicator]) -> str | None:
        rows = [ind for ind in indicators if ind.level1 == label and ind.line is not None]
        if not rows:
            return None
        total = sum((row_weight(ind) for ind in rows), Decimal(0))
        lines = [ind.line for ind in rows if ind.line is not None]
        lo, hi = min(lines) - 1, max(lines) + 1
        return next((n for line, n in self.bare if lo <= line <= hi and Decimal(n) == total), None)


def settle_level2_boundaries(indicators: list[RawIndicator]) -> list[int]:
    """Move the last row of a level-2 group to the next group when its level-3 label names that group
    (``V.LEVEL2_WORDS``) and not its own: the next group's label was printed in the vertical middle of
    its merged cell, one row below the cell's first row. The group left behind keeps at least one row.
    Returns the indexes of the rows moved."""
    moved: list[int] = []
    for i in range(1, len(indicators) - 1):
        prev, ind, nxt = indicators[i - 1], indicators[i], indicators[i + 1]
        if not (nxt.level2 and ind.level2 and nxt.level2 != ind.level2 and ind.level1 == nxt.level1):
            continue
        if prev.level2 != ind.level2 or prev.level1 != ind.level1 or not ind.level3:
            continue
        if _names(ind.level3, nxt.level2) and not _names(ind.level3, ind.level2):
            ind.level2 = nxt.level2
            moved.append(i)
    return moved


def centre_level2_groups(indicators: list[RawIndicator]) -> list[int]:
    """Level-2 groups of a table whose merged label cells print their label in the vertical middle (OCR text
    gives the label on the middle row of the rows it spans; a level-1 block then starts with rows read
    before any level-2 label). For every block of such a table, the partition of its rows into groups is
    rebuilt so that each label sits in the middle of its group; of several such partitions the one whose
    level-3 labels name their groups (``V.LEVEL2_WORDS``) best is kept. Carried-down labels stay where no
    partition fits. Returns the indexes of the rows whose level-2 label changed."""
    blocks = _blocks(indicators)
    if not any(indicators[a].level2 is None and any(i.level2 for i in indicators[a:b]) for a, b in blocks):
        return []
    changed: list[int] = []
    for a, b in blocks:
        rows = indicators[a:b]
        marks = [k for k, ind in enumerate(rows) if ind.level2 and (k == 0 or rows[k - 1].level2 != ind.level2)]
        labels = [rows[k].level2 for k in marks]
        best = max(_partitions(marks, len(rows)), key=lambda cut: _fit(rows, labels, cut), default=None)
        if best is None:
            continue
        for j, label in enumerate(labels):
            for k in range(best[j], best[j + 1]):
                if rows[k].level2 != label:
                    rows[k].level2 = label
                    changed.append(a + k)
    return changed


def _blocks(indicators: list[RawIndicator]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(indicators) + 1):
        if i == len(indicators) or indicators[i].level1 != indicators[start].level1:
            if indicators[start].level1 is not None:
                out.append((start, i))
            start = i
    return out


def _partitions(marks: list[int], n: int) -> list[list[int]]:
    """Group boundaries [0, b1, …, n] with each mark in the middle of its group (either middle row of an
    even group)."""
    found: list[list[int]] = []

    def extend(cut: list[int], j: int) -> None:
        if j == len(marks):
            if cut[-1] == n:
                found.append(cut)
            return
        start, offset = cut[-1], marks[j] - cut[-1]
        if offset < 0:
            return
        for size in {2 * offset + 1, 2 * offset + 2, 2 * offset}:
            end = start + size
            if size > 0 and start <= marks[j] < end <= n and (j + 1 == len(marks) or end <= marks[j + 1]):
                extend([*cut, end], j + 1)

    if marks:
        extend([0], 0)
    return found[:64]


def _fit(rows: list[RawIndicator], labels: list[str | None], cut: list[int]) -> tuple[int, int, int]:
    """(rows whose level-3 label names their group minus rows naming another, groups with the label on their
    exact centre row (odd sizes), groups with it on the upper middle row)."""
    named = upper = centred = 0
    for j, label in enumerate(labels):
        size = cut[j + 1] - cut[j]
        for ind in rows[cut[j] : cut[j + 1]]:
            if ind.level3 and label and _names(ind.level3, label):
                named += 1
            elif ind.level3 and any(_names(ind.level3, other) for other in labels if other and other != label):
                named -= 1
        on_upper = cut[j] + (size - 1) // 2 == _mark_of(rows, cut[j], cut[j + 1])
        upper += on_upper
        centred += on_upper and size % 2 == 1
    return named, centred, upper


def _mark_of(rows: list[RawIndicator], a: int, b: int) -> int:
    return next((k for k in range(a, b) if rows[k].level2 and (k == 0 or rows[k - 1].level2 != rows[k].level2)), a)


def fill_leading_level2(indicators: list[RawIndicator]) -> list[int]:
    """Rows at the top of a level-1 block read before any level-2 label take the block's first level-2 label
    when that label was printed in the vertical middle of its merged cell: fewer rows above the label than
    from it down to the group's end. More rows above (labels destroyed by OCR) stay without one.
    Returns the indexes of the rows filled."""
    filled: list[int] = []
    i = 0
    while i < len(indicators):
        ind = indicators[i]
        start = i
        while i < len(indicators) and indicators[i].level2 is None and indicators[i].level1 == ind.level1:
            i += 1
        if i == start:
            i += 1
            continue
        if i == len(indicators) or ind.level1 is None or indicators[i].level1 != ind.level1:
            continue
        label = indicators[i].level2
        below = 0
        while i + below < len(indicators) and indicators[i + below].level2 == label:
            below += 1
        fresh = start == 0 or indicators[start - 1].level1 != ind.level1
        if fresh and label and V.LEVEL2_PARENT.get(label) == ind.level1 and i - start < below:
            for k in range(start, i):
                indicators[k].level2 = label
                filled.append(k)
    return filled


def _names(level3: str, level2: str) -> bool:
    words = V.LEVEL2_WORDS.get(level2)
    return bool(words and regex.search(words, level3))


def row_weight(ind: RawIndicator) -> Decimal:
    """A subtotal row's weight is carried by its component rows."""
    return Decimal(0) if ind.is_subtotal else number_of(ind.weight) or Decimal(0)

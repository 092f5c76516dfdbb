"""Read a standard table from positioned words (text-layer PDFs), by position, not text order.

Rows are anchored on a subject code or a row label (一、… / 合计 / 年初结转和结余 …); label fragments
wrapped over lines join their row; every number goes to the nearest row anchor of its block (some office
programs print a cell's number above or below its label) and to the column whose header span holds it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import regex

from cnfiscal.extract.layout import ExtractedDocument, Word
from cnfiscal.extract.stdtables.header import Block, blocks, column_of
from cnfiscal.extract.stdtables.raw import CODE_PART, CODE_WORD, RawCell, RawRow, RawTable, union
from cnfiscal.extract.stdtables.segments import TableSegment
from cnfiscal.numbers.parse import AMOUNT_TOKEN
from cnfiscal.vocab import tables as tv

log = logging.getLogger(__name__)

_MONEY_WORD = AMOUNT_TOKEN
_META = regex.compile(rf"{tv.UNIT_LINE}|^(?:编制部门|编制单位|部门)\s*[:：]|{tv.PUBLIC_CODE}|^(?:19|20)\d\d年度?$")
_ANCHOR_LABEL = regex.compile(rf"{tv.ROW_START_PATTERN}|{tv.TOTAL_ROW_PATTERN}")
_ROW_START = regex.compile(tv.ROW_START_PATTERN)
_MAX_DIST = 40.0
_WRAP_GAP = 12.0


@dataclass(slots=True)
class VLine:
    words: list[Word]

    @property
    def y(self) -> float:
        return sum((w.bbox[1] + w.bbox[3]) / 2 for w in self.words) / len(self.words)


@dataclass(slots=True)
class Anchor:
    block: int
    page: int
    y: float
    code: str | None
    name_words: list[Word] = field(default_factory=list)
    code_words: list[Word] = field(default_factory=list)
    own_name: bool = False
    cells: dict[str, RawCell] = field(default_factory=dict)
    dist: dict[str, float] = field(default_factory=dict)


def _center(w: Word) -> tuple[float, float]:
    return (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2


def _vlines(words: list[Word]) -> list[VLine]:
    out: list[VLine] = []
    for w in sorted(words, key=lambda w: _center(w)[1]):
        if out and _center(w)[1] - out[-1].y <= 4:
            out[-1].words.append(w)
        else:
            out.append(VLine([w]))
    return out


def _region(doc: ExtractedDocument, seg: TableSegment, page_no: int) -> list[Word]:
    page = next(p for p in doc.pages if p.number == page_no)
    top = seg.title_line.bbox[3] if page_no == seg.page_start and seg.title_line.bbox else 0.0
    notes = [ln.bbox[1] for ln in seg.lines if ln.page == page_no and ln.bbox and ln.text.strip() in seg.notes]
    bottom = min(notes) if notes else float("inf")
    return [w for w in page.words if top < _center(w)[1] < bottom and not _META.search(w.text)]


def _is_number(w: Word) -> bool:
    """A printed amount (``1,234.00``, ``0.00``); bare integers are amounts only in the value area."""
    t = w.text.strip()
    return bool(_MONEY_WORD.match(t)) and ("." in t or "," in t)


def _is_int(w: Word) -> bool:
    return bool(_MONEY_WORD.match(w.text.strip()))


def _is_anchor_line(line: VLine) -> bool:
    texts = [w.text.strip() for w in line.words]
    if any(t in tv.LABEL_HEADERS for t in texts) and "栏次" not in texts:
        texts = [t for t in texts if t not in tv.LABEL_HEADERS]
    if any(CODE_WORD.match(t) for t in texts) or any(_is_number(w) for w in line.words):
        return True
    return any(_ROW_START.match(t) for t in texts if not _MONEY_WORD.match(t))


def read_positioned(doc: ExtractedDocument, seg: TableSegment) -> RawTable:
    pages = list(range(seg.page_start, seg.page_end + 1))
    first = _vlines(_region(doc, seg, seg.page_start))
    k = next((i for i, ln in enumerate(first) if _is_anchor_line(ln)), None)
    if k is None:
        k = next((i for i, ln in enumerate(first) if any(_is_number(w) for w in ln.words)), len(first))
    # a wrapped label printed just above its row's code line belongs to the data
    k = next((i for i in range(k) if k < len(first) and first[k].y - first[i].y < _WRAP_GAP), k)
    header = [
        w for ln in first[:k] if not any(w.text.strip() == "栏次" for w in ln.words) for w in ln.words if not _is_int(w)
    ]
    data = {seg.page_start: [w for ln in first for w in ln.words if ln in first[k:] or _is_number(w)]}
    for p in pages[1:]:
        lines = _vlines(_region(doc, seg, p))
        j = next((i for i, ln in enumerate(lines) if _is_anchor_line(ln) or any(_is_number(w) for w in ln.words)), 0)
        data[p] = [w for ln in lines[j:] for w in ln.words]
    label_words = [
        w for ws in data.values() for w in ws if not _is_number(w) and w.text.strip() not in tv.LABEL_HEADERS
    ]
    blks = blocks(header, _label_starts(header, label_words))
    table = RawTable(columns=[c.name for b in blks for c in b.columns], rows=[])
    for p in pages:
        anchors = _anchors(data[p], blks, p)
        _assign_numbers(data[p], blks, anchors, table)
        table.rows.extend(_to_row(a, blks) for a in anchors)
    return table


def _label_starts(header: list[Word], label_words: list[Word]) -> list[float]:
    """x0 of each block's label area: the first label, and each label column that follows a value column."""
    label_hdr = sorted(
        (w for w in header if w.text.strip() in ("项目", "科目名称", "科目编码") or "科目" in w.text),
        key=lambda w: w.bbox[0],
    )
    value_hdr = [w for w in header if w not in label_hdr and w.text.strip() not in tv.LABEL_HEADERS]
    starts = [0.0]
    for h in label_hdr:
        left_values = [v for v in value_hdr if _center(v)[0] < h.bbox[0]]
        if left_values:
            edge = max(_center(v)[0] for v in left_values)
            xs = [w.bbox[0] for w in label_words if w.bbox[0] > edge]
            start = min(xs) if xs else h.bbox[0]
            if all(abs(start - s) > 20 for s in starts):
                starts.append(start)
    return starts


def _block_of(x: float, blks: list[Block]) -> int:
    return max((i for i, b in enumerate(blks) if b.label_x0 <= x + 1), default=0)


def _value_lo(b: Block) -> float:
    return b.columns[0].x0 - 25 if b.columns else float("inf")


def _anchors(words: list[Word], blks: list[Block], page: int) -> list[Anchor]:
    anchors: list[Anchor] = []
    frags: list[tuple[int, VLine]] = []
    for bi, b in enumerate(blks):
        mine = [
            w for w in words if _block_of(w.bbox[0], blks) == bi and _center(w)[0] < _value_lo(b) and not _is_number(w)
        ]
        mine = [w for w in mine if w.text.strip() not in tv.LABEL_HEADERS]
        has_codes = any(CODE_WORD.match(w.text.strip()) for w in mine)
        for line in _vlines(mine):
            codes = [w for w in line.words if CODE_WORD.match(w.text.strip()) or CODE_PART.match(w.text.strip())]
            names = sorted((w for w in line.words if w not in codes), key=lambda w: w.bbox[0])
            name = "".join(w.text.strip() for w in names)
            if codes and CODE_WORD.match(codes[0].text.strip()):
                ordered = sorted(codes, key=lambda w: w.bbox[0])
                code = ordered[0].text.strip() + "".join(w.text.strip().zfill(2) for w in ordered[1:])
                y = sum(_center(w)[1] for w in codes) / len(codes)
                anchors.append(Anchor(bi, page, y, code, names, codes, bool(name)))
            elif name and (_ANCHOR_LABEL.match(name) or (not has_codes and not _block_anchors(anchors, bi))):
                anchors.append(Anchor(bi, page, line.y, None, names, [], True))
            elif name:
                frags.append((bi, line))
    anchors.sort(key=lambda a: (a.block, a.y))
    for bi, line in frags:
        _attach_fragment(bi, line, anchors, blks)
    return anchors


def _block_anchors(anchors: list[Anchor], bi: int) -> list[Anchor]:
    return [a for a in anchors if a.block == bi]


def _attach_fragment(bi: int, line: VLine, anchors: list[Anchor], blks: list[Block]) -> None:
    mine = _block_anchors(anchors, bi)
    above = [a for a in mine if a.y <= line.y]
    below = [a for a in mine if a.y > line.y]
    prev = above[-1] if above else None
    nxt = below[0] if below else None
    target = prev
    if nxt is not None and not nxt.own_name and (prev is None or prev.own_name or nxt.y - line.y < line.y - prev.y):
        target = nxt
    if target is None:
        return
    target.name_words.extend(line.words)


def _assign_numbers(words: list[Word], blks: list[Block], anchors: list[Anchor], table: RawTable) -> None:
    for w in words:
        x, y = _center(w)
        bi = _block_of(x, blks)
        if not _is_int(w) or x < _value_lo(blks[bi]):
            continue
        col = column_of(x, blks[bi])
        cands = _block_anchors(anchors, bi)
        if col is None or not cands:
            table.warnings.append(f"p.{w.page}: number {w.text} outside the table's columns or rows")
            continue
        a = min(cands, key=lambda a: (abs(a.y - y), a.y))
        d = abs(a.y - y)
        if d > _MAX_DIST:
            table.warnings.append(f"p.{w.page}: number {w.text} far from any row (dropped)")
            continue
        if col.name in a.cells and a.dist[col.name] <= d:
            table.warnings.append(f"p.{w.page}: two numbers for one cell ({a.code or ''} {col.name}): kept the nearer")
            continue
        a.cells[col.name] = RawCell(w.text.strip(), w.page, w.bbox, w.confidence)
        a.dist[col.name] = d


def _to_row(a: Anchor, blks: list[Block]) -> RawRow:
    names = sorted(a.name_words, key=lambda w: (_center(w)[1], w.bbox[0]))
    bbox = None
    for w in [*a.code_words, *names]:
        bbox = union(bbox, w.bbox)
    name = "".join(w.text.strip() for w in names)
    return RawRow(a.code, name, dict(a.cells), blks[a.block].side, a.page, bbox)

"""Read a standard table from its ruled grid (``Page.grids``, built from the PDF's ruling lines).

Header rows are the rows above the first data row (a subject code, an amount or a row label); each grid
column is named by the chain of merged header cells above it (``公务用车购置费`` + ``预算数``; a generic
leaf such as 合计 takes its parent's name). Label columns (项目, 科目编码, 类/款/项, 科目名称) start a
block; a header that repeats them holds side-by-side blocks (收入 | 支出, 人员经费 | 公用经费).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

import regex

from cnfiscal.extract.grid.join import cell_rows
from cnfiscal.extract.layout import Cell, ExtractedDocument, Grid
from cnfiscal.extract.stdtables.raw import CODE_PART, CODE_WORD, RawCell, RawRow, RawTable, union
from cnfiscal.extract.stdtables.segments import TableSegment
from cnfiscal.numbers.parse import AMOUNT_TOKEN
from cnfiscal.vocab import tables as tv
from cnfiscal.vocab.units import EMPTY_MARKS

log = logging.getLogger(__name__)

_WS = regex.compile(r"\s+")
_AMOUNT = AMOUNT_TOKEN
_YEAR = regex.compile(r"^(?:19|20)\d{2}年度?")  # 2024年“三公”经费预算数 → a name stable across years
_GROUP_HEADERS = frozenset({"收入", "支出", "收入预算", "支出预算"})  # span label and value columns alike
_ROW_START = regex.compile(tv.ROW_START_PATTERN)
_TOTAL = regex.compile(tv.TOTAL_ROW_PATTERN)


@dataclass(slots=True)
class GridBlock:
    label_cols: list[int] = field(default_factory=list)
    value_cols: list[int] = field(default_factory=list)
    side: str | None = None


@functools.lru_cache(maxsize=8192)
def _flat(text: str) -> str:
    return _WS.sub("", text)


def grid_for(doc: ExtractedDocument, seg: TableSegment) -> Grid | None:
    """The grid of this table: the first grid that starts on one of its pages, below its title."""
    title_y = seg.title_line.bbox[3] if seg.title_line.bbox else 0.0
    for page in doc.pages:
        if not seg.page_start <= page.number <= seg.page_end:
            continue
        for g in page.grids:
            if g.page_start > seg.page_start or g.bbox is None or g.bbox[1] >= title_y - 2:
                return g
    return None


def _is_data_row(cells: list[Cell]) -> bool:
    texts = [_flat(c.text) for c in cells if _flat(c.text)]
    if texts and all(t in EMPTY_MARKS for t in texts):  # a table with nothing to show prints 无 / —
        return True
    if any(CODE_WORD.match(t) for t in texts[:3]) or any(_AMOUNT.match(t) and ("." in t or "," in t) for t in texts):
        return True
    return any(_ROW_START.match(t) for t in texts[:2]) and not any(t in tv.LABEL_HEADERS for t in texts)


def _header_chain(head: list[Cell], col: int) -> list[Cell]:
    """The non-empty header cells (``head``, in grid order) over column ``col``, top to bottom."""
    chain = [c for c in head if c.col <= col < c.col + c.colspan]
    return sorted(chain, key=lambda c: c.row)


def _column_name(chain: list[Cell], n_cols: int) -> str:
    texts = [_YEAR.sub("", _flat(c.text)) for c in chain if c.colspan < n_cols]
    if not texts:
        return ""
    name = texts[-1]
    i = len(texts) - 1
    while texts[i] in tv.GENERIC_LEAVES and i > 0 and texts[i - 1] not in tv.LABEL_HEADERS:
        i -= 1
        if texts[i] in tv.SIDE_WORDS:
            break
        name = texts[i] + name
    return name


def _value_chain(chain: list[Cell], block: GridBlock) -> list[Cell]:
    """A header cell over the block's label columns too (人员经费 over 科目编码 | 科目名称 | 决算数) names the
    block, not the value column; one naming a side (本年收入 over 项目 | 预算数) stays in the name."""
    return [c for c in chain if not _over(c, block.label_cols) or any(w in _flat(c.text) for w in tv.SIDE_WORDS)]


def _over(cell: Cell, cols: list[int]) -> bool:
    return any(cell.col <= j < cell.col + cell.colspan for j in cols)


def _is_label_col(chain: list[Cell], texts: list[str]) -> bool:
    """``texts``: the column's non-empty data cells."""
    heads = [_flat(c.text) for c in chain[-2:]]
    words = [t for t in texts if not _AMOUNT.match(t)]
    if heads and heads[-1] == "金额" and texts and len(words) * 2 <= len(texts):
        return False  # 功能分类 | 金额 holding amounts: a value column, whatever its group is called
    if any((h in tv.LABEL_HEADERS and h not in _GROUP_HEADERS) or "科目" in h for h in heads):
        return True
    return bool(texts) and len(words) * 2 > len(texts)


def read_grid(grid: Grid) -> RawTable:
    rows = cell_rows(grid)
    h = next((i for i, r in enumerate(rows) if _is_data_row(r)), len(rows))
    data = rows[h:]
    head = [c for c in grid.cells if c.row < h and _flat(c.text)]
    chains = [_header_chain(head, j) for j in range(grid.n_cols)]
    blocks = _blocks(chains, data)
    names = {j: _column_name(_value_chain(chains[j], b), grid.n_cols) for b in blocks for j in b.value_cols}
    table = RawTable(columns=[names[j] or f"列{j + 1}" for b in blocks for j in b.value_cols], rows=[])
    for b in blocks:
        for r in data:
            row = _row(r, b, names)
            if row is not None:
                table.rows.append(row)
    return table


def _blocks(chains: list[list[Cell]], data: list[list[Cell]]) -> list[GridBlock]:
    texts: dict[int, list[str]] = {}
    for row in data:
        for c in row:
            if flat := _flat(c.text):
                texts.setdefault(c.col, []).append(flat)
    out: list[GridBlock] = []
    prev_value = True
    for j, chain in enumerate(chains):
        label = _is_label_col(chain, texts.get(j, []))
        if label and prev_value:
            out.append(GridBlock(side=_side(chain)))
        if not out:
            out.append(GridBlock(side=_side(chain)))
        (out[-1].label_cols if label else out[-1].value_cols).append(j)
        prev_value = not label
    if len(out) == 1:
        out[0].side = None
    return [b for b in out if b.value_cols or b.label_cols]


def _side(chain: list[Cell]) -> str | None:
    for c in chain:
        sides = [s for s in tv.SIDE_WORDS if s in _flat(c.text)]
        if len(sides) == 1:
            return sides[0]
    return None


def _row(cells: list[Cell], b: GridBlock, names: dict[int, str]) -> RawRow | None:
    by_col = {c.col: c for c in cells}
    labels = [c for j in b.label_cols if (c := by_col.get(j)) is not None and _flat(c.text)]
    if not labels and any(by_col.get(j) is not None for j in b.value_cols):
        # a label cell merged over the blocks before (当年支出小计 over 功能分类 | 支出用途) labels this block's row too
        labels = [c for c in cells if c.col < min(b.label_cols or [0]) and _over(c, b.label_cols) and _flat(c.text)]
    codes = [c for c in labels if CODE_WORD.match(f := _flat(c.text)) or CODE_PART.match(f)]
    coded = {id(c) for c in codes}  # (cells of different columns: identity is equality here)
    name_cells = [c for c in labels if id(c) not in coded and _flat(c.text) not in tv.LABEL_HEADERS]
    code = None
    if codes and CODE_WORD.match(_flat(codes[0].text)):
        code = _flat(codes[0].text) + "".join(_flat(c.text).zfill(2) for c in codes[1:])
    name = "".join(_flat(c.text) for c in name_cells)
    values = {}
    for j in b.value_cols:
        c = by_col.get(j)
        if c is not None and _flat(c.text):
            values[names[j] or f"列{j + 1}"] = RawCell(c.text.strip(), c.page, c.bbox, c.confidence)
    if not code and not name and not values:
        return None
    bbox = None
    page = None
    for c in [*labels, *(by_col[j] for j in b.value_cols if j in by_col)]:
        bbox = union(bbox, c.bbox)
        page = page or c.page
    return RawRow(code, name, values, b.side, page, bbox)

"""Read a standard table from tab-separated text lines (OCR / copy-paste text of a report).

The header line that names the value columns fixes the column positions; a row whose subject code
is printed further right (OCR garbage before it) is shifted back onto the header's positions.
Repeated label columns (项目 … 项目 …, 科目编码 … 科目编码 …) split the table into side-by-side blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import Line
from cnfiscal.extract.stdtables.raw import CODE_WORD, RawCell, RawRow, RawTable
from cnfiscal.extract.stdtables.segments import TableSegment
from cnfiscal.numbers.parse import NUMBER_SRC
from cnfiscal.vocab import tables as tv

_WS = regex.compile(r"\s+")
_NUM = regex.compile(rf"^(?:{NUMBER_SRC})$")
_OCR_NUM = regex.compile(r"^[-\d][\d,.\s]*$")
_BLOCK_LABELS = ("项目", "科目编码", "科目编 码")
_FUSED_CODE = regex.compile(r"[\s(（](\d{3}(?:\d{2}){0,2})$")
_CJK = regex.compile(r"\p{Han}")
_CJK_SPACE = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")
_LEAD_DEBRIS = regex.compile(r"^[\s—\-_－]+")  # an OCR'd rule line before a label
_INCOME_END = regex.compile(tv.INCOME_PART_END)
_LABEL_ONLY = regex.compile(r"^(?:类\s*款\s*项|类款项)$")


@dataclass(slots=True)
class _Block:
    start: int  # index of the block's first (label) column
    value_idx: list[int]
    side: str | None = None


def _cells(line: Line) -> list[str]:
    return [c.strip() for c in line.text.split("\t")]


def _flat(text: str) -> str:
    return _WS.sub("", text)


def _is_value(text: str) -> bool:
    return bool(text) and bool(_OCR_NUM.match(text)) and any(ch.isdigit() for ch in text)


def _header_index(lines: list[Line]) -> int | None:
    """The tab line naming most value columns, before the first data row."""
    best, best_n = None, 0
    for i, ln in enumerate(lines):
        cells = _cells(ln)
        if len(cells) < 2:
            continue
        if CODE_WORD.match(cells[0]) and len(cells) > 2 and _is_value(cells[2]):
            break
        n = sum(1 for c in cells if c and not _is_value(c) and _flat(c) not in tv.LABEL_HEADERS)
        if any(_flat(c) in ("项目", "科目名称") or "科目" in c for c in cells) and n >= best_n:
            best, best_n = i, n
    return best if best is not None else _leaf_header_index(lines)


def _leaf_header_index(lines: list[Line]) -> int | None:
    """A header without label columns (三公 table): the last all-label line before the first row of numbers."""
    best = None
    for i, ln in enumerate(lines):
        cells = [c for c in _cells(ln) if c]
        if cells and all(_is_value(c) for c in cells) and best is not None and "." in ln.text:
            break
        if len(cells) >= 2 and not any(_is_value(c) for c in cells):
            best = i
    return best


def read_text_table(seg: TableSegment) -> RawTable:
    lines = [ln for ln in seg.lines if "\t" in ln.text]
    h = _header_index(lines)
    if h is None:
        return RawTable(columns=[], rows=[], warnings=["no header line found"])
    header = _cells(lines[h])
    names = _column_names(lines, h, header)
    blocks = _blocks(header, names, lines[max(0, h - 2) : h])
    _drop_line_number_columns(blocks, header, lines[h + 1 :])
    name_idx = next((i for i, c in enumerate(header) if "科目名称" in _flat(c)), None)
    if name_idx is not None:
        for b in blocks[:1]:
            b.value_idx = [i for i in b.value_idx if i > name_idx and not _is_value(header[i])]
    code_idx = next((i for i, c in enumerate(header) if "编" in c), None)
    if code_idx is None and name_idx:
        code_idx = name_idx - 1  # the code column has lost its header (OCR): it precedes 科目名称
    table = RawTable(columns=[names[i] for b in blocks for i in b.value_idx], rows=[])
    body = [ln for ln in lines[h + 1 :] if "栏次" not in ln.text]
    for bi, b in enumerate(blocks):
        end = blocks[bi + 1].start if bi + 1 < len(blocks) else 10**6
        for ln in body:
            row = _row(_shift(_cells(ln), code_idx), b, end, names, ln, name_idx if bi == 0 else None)
            if row is not None:
                table.rows.append(row)
    _repeated_codes(table)
    _one_column_sides(table)
    return table


def _one_column_sides(table: RawTable) -> None:
    """A 收入支出 table in one column (项目 | 金额) has no 收入/支出 blocks: its rows up to the 收入总计 row are the
    收入 side, the rows after it the 支出 side."""
    if any(r.side for r in table.rows):
        return
    end = next((k for k, r in enumerate(table.rows) if _INCOME_END.match(_flat(r.name))), None)
    if end is None or end + 1 >= len(table.rows):
        return
    for k, r in enumerate(table.rows):
        r.side = tv.SIDE_WORDS[0] if k <= end else tv.SIDE_WORDS[1]


def _column_names(lines: list[Line], h: int, header: list[str]) -> list[str]:
    parents = _cells(lines[h - 1]) if h > 0 else []
    above = [c for ln in lines[max(0, h - 2) : h] for c in _cells(ln)]
    counter = next((_cells(ln) for ln in lines[h + 1 : h + 3] if "栏次" in ln.text), [])
    leaves = _split_repeated([_CJK_SPACE.sub("", c.strip()).replace(" ", "") for c in header], above)
    names = []
    for i, _c in enumerate(header):
        name = leaves[i]
        if name in tv.GENERIC_LEAVES and i < len(parents) and parents[i] and not _is_value(parents[i]):
            parent = _flat(parents[i])
            if parent not in tv.LABEL_HEADERS and parent not in tv.SIDE_WORDS and _CJK.search(parent):
                name = parent + name
        if not name:
            name = f"栏次{counter[i]}" if i < len(counter) and counter[i].isdigit() else f"列{i + 1}"
        names.append(name)
    return names


def _split_repeated(names: list[str], parents: list[str]) -> list[str]:
    """Leaves repeated under 预算数 | 决算数 (三公 table): name each half after its parent."""
    filled = [n for n in names if n and not n.startswith("列")]
    if len(filled) != len(set(filled)) and len(filled) % 2 == 0:
        groups = [g for g in ("预算数", "决算数") if any(g[:2] in _flat(p) for p in parents)]
        if len(groups) == 2:
            half = len(filled) // 2
            mapping = iter([f"{n}{groups[0]}" for n in filled[:half]] + [f"{n}{groups[1]}" for n in filled[half:]])
            return [next(mapping) if n and not n.startswith("列") else n for n in names]
    return names


def _blocks(header: list[str], names: list[str], above: list[Line]) -> list[_Block]:
    starts = [i for i, c in enumerate(header) if _flat(c) in _BLOCK_LABELS or c in _BLOCK_LABELS] or [0]
    starts[0] = 0
    out = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(header)
        vals = [
            i
            for i in range(s, e)
            if _flat(header[i]) not in tv.LABEL_HEADERS and "科目" not in header[i] and "编" not in header[i]
        ]
        out.append(_Block(s, vals))
    if len(out) > 1:
        for k, b in enumerate(out):
            end = out[k + 1].start if k + 1 < len(out) else 10**6
            b.side = _side_of(above, b.start, end)
    return out


def _side_of(above: list[Line], start: int, end: int) -> str | None:
    """收入 or 支出 printed over this block's columns (OCR may shift it right by a cell or two)."""
    for ln in above:
        texts = [_flat(c) for c in _cells(ln)[start:end]]
        sides = {sw for t in texts for sw in tv.SIDE_WORDS if sw in t}
        if len(sides) == 1:
            return sides.pop()
    return None


def _drop_line_number_columns(blocks: list[_Block], header: list[str], body: list[Line]) -> None:
    """A column without header that is empty, or holds only small integers (the 行 column), is no value column."""
    for b in blocks:
        keep = []
        for i in b.value_idx:
            cells = [_cells(ln)[i] for ln in body if i < len(_cells(ln)) and _cells(ln)[i]]
            if not _flat(header[i]) and all(c.isdigit() and len(c) <= 2 for c in cells):
                continue
            keep.append(i)
        b.value_idx = keep


def _shift(cells: list[str], code_idx: int | None) -> list[str]:
    """Drop OCR garbage cells in front of a row's subject code."""
    if code_idx is None:
        return cells
    at = next((i for i, c in enumerate(cells[:4]) if CODE_WORD.match(c)), None)
    if at is None and code_idx > 0 and cells and (m := _FUSED_CODE.search(cells[0])):
        # debris and the code fused in one cell, the name right after it: put the code in its column
        return ["" for _ in range(code_idx)] + [m[1], *cells[1:]]
    if at is not None and at > code_idx:
        return cells[at - code_idx :]
    return cells


def _row(  # noqa: PLR0917
    cells: list[str], b: _Block, end: int, names: list[str], ln: Line, name_idx: int | None
) -> RawRow | None:
    labels = [c for c in cells[b.start : min(end, len(cells))] if c and not _is_value(c)]
    labels = [c for c in labels if not _LABEL_ONLY.match(c) and not CODE_WORD.match(c) and _CJK.search(c)]
    code = next(  # an amount in a value column (三公 ``323``) is no code
        (c for i, c in enumerate(cells[b.start : b.start + 2], b.start) if CODE_WORD.match(c) and i not in b.value_idx),
        None,
    )
    if name_idx and name_idx - 1 < len(cells) and CODE_WORD.match(cells[name_idx - 1]):
        code = cells[name_idx - 1]  # the code column (right before 科目名称) wins over debris on its left
    name = "".join(labels)  # a label the OCR split over two cells (公用经 | 费合计) is one name
    if name_idx is not None and code is None and not _is_total_code_cell(cells, name_idx):
        if any(cells[:name_idx]):
            return None  # a code table's row with debris in place of its code: OCR read a line twice
        name = cells[name_idx] if name_idx < len(cells) else ""
    if name_idx is not None and code is not None and name_idx < len(cells):
        name = cells[name_idx] if not _is_value(cells[name_idx]) else ""
    elif (
        name_idx is not None and name_idx < len(cells) and not cells[name_idx] and _is_total_code_cell(cells, name_idx)
    ):
        name = "合计"  # the 合计 row sits on the 类/款/项 label row of the standard layout
    values = {
        names[i]: RawCell(cells[i], ln.page)
        for i in b.value_idx
        if i < len(cells) and (_is_value(cells[i]) or cells[i] == tv.UNPLACED_CELL)
    }
    if not name and not values:
        return None
    if not name and not code and all(v.text.isdigit() and len(v.text) <= 2 for v in values.values()):
        return None  # the 栏次 row (1 2 3 …) of a table without label columns
    return RawRow(code, _LEAD_DEBRIS.sub("", _CJK_SPACE.sub("", name)), values, b.side, ln.page, line=ln.number)


def _is_total_code_cell(cells: list[str], name_idx: int) -> bool:
    code_cell = _flat(cells[name_idx - 1]) if name_idx > 0 else ""
    return "类" in code_cell and "项" in code_cell


def _repeated_codes(table: RawTable) -> None:
    """OCR can cut a 项 code to its 款 prefix: a code repeated from the row above is one level deeper."""
    prev: RawRow | None = None
    for row in table.rows:
        if prev is not None and row.code and row.code == prev.code and len(row.code) < 7:
            row.level = tv.CODE_LEVELS[len(row.code) + 2]
            table.warnings.append(f"line {row.line}: code {row.code} repeated for {row.name}: read as a {row.level}")
        elif prev is not None and row.code and prev.level and prev.code == row.code:
            row.level = prev.level
        prev = row

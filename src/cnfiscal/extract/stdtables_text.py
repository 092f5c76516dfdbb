"""Read a standard table from tab-separated text lines (OCR / copy-paste text of a report).

The header line that names the value columns fixes the column positions; a row whose subject code
is printed further right (OCR garbage before it) is shifted back onto the header's positions.
Repeated label columns (项目 … 项目 …, 科目编码 … 科目编码 …) split the table into side-by-side blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import Line
from cnfiscal.extract.report_segments import TableSegment
from cnfiscal.extract.stdtables_raw import CODE_WORD, RawCell, RawRow, RawTable
from cnfiscal.normalize.numbers import NUMBER_SRC
from cnfiscal.vocab import tables as tv

_WS = regex.compile(r"\s+")
_NUM = regex.compile(rf"^(?:{NUMBER_SRC})$")
_OCR_NUM = regex.compile(r"^[-\d][\d,.\s]*$")
_BLOCK_LABELS = ("项目", "科目编码", "科目编 码")
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
    return best


def read_text_table(seg: TableSegment) -> RawTable:
    lines = [ln for ln in seg.lines if "\t" in ln.text]
    h = _header_index(lines)
    if h is None:
        return RawTable(columns=[], rows=[], warnings=["no header line found"])
    header = _cells(lines[h])
    names = _column_names(lines, h, header)
    blocks = _blocks(header, names, lines[max(0, h - 2) : h])
    code_idx = next((i for i, c in enumerate(header) if "编" in c or "科目编码" in c), None)
    table = RawTable(columns=[names[i] for b in blocks for i in b.value_idx], rows=[])
    body = [ln for ln in lines[h + 1 :] if "栏次" not in ln.text]
    for bi, b in enumerate(blocks):
        end = blocks[bi + 1].start if bi + 1 < len(blocks) else 10**6
        for ln in body:
            row = _row(_shift(_cells(ln), code_idx), b, end, names, ln)
            if row is not None:
                table.rows.append(row)
    return table


def _column_names(lines: list[Line], h: int, header: list[str]) -> list[str]:
    parents = _cells(lines[h - 1]) if h > 0 else []
    counter = next((_cells(ln) for ln in lines[h + 1 : h + 3] if "栏次" in ln.text), [])
    names = []
    for i, c in enumerate(header):
        name = _flat(c)
        if name in tv.GENERIC_LEAVES and i < len(parents) and parents[i] and not _is_value(parents[i]):
            parent = _flat(parents[i])
            if parent not in tv.LABEL_HEADERS and parent not in tv.SIDE_WORDS:
                name = parent + name
        if not name:
            name = f"栏次{counter[i]}" if i < len(counter) and counter[i].isdigit() else f"列{i + 1}"
        names.append(name)
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
        for b in out:
            for ln in above:
                cells = _cells(ln)
                side = next((sw for sw in tv.SIDE_WORDS if b.start < len(cells) and sw in _flat(cells[b.start])), None)
                b.side = side or b.side
    return out


def _shift(cells: list[str], code_idx: int | None) -> list[str]:
    """Drop OCR garbage cells in front of a row's subject code."""
    if code_idx is None:
        return cells
    at = next((i for i, c in enumerate(cells[:4]) if CODE_WORD.match(c)), None)
    if at is not None and at > code_idx:
        return cells[at - code_idx :]
    return cells


def _row(cells: list[str], b: _Block, end: int, names: list[str], ln: Line) -> RawRow | None:
    labels = [c for c in cells[b.start : min(end, len(cells))] if c and not _is_value(c)]
    labels = [c for c in labels if not _LABEL_ONLY.match(c)]
    code = next((c for c in cells[b.start : b.start + 2] if CODE_WORD.match(c)), None)
    name = labels[0] if labels else ""
    values = {names[i]: RawCell(cells[i], ln.page) for i in b.value_idx if i < len(cells) and _is_value(cells[i])}
    if not name and not code and not values:
        return None
    if code is None and not name:
        name = ""
    return RawRow(code, name, values, b.side, ln.page)

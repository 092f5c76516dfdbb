"""Text copied from a web page's table: cells separated by ``|``, or one cell a line → one table ``Grid``.

Two shapes, told apart by content:

- **a row a line**: most lines hold cells separated by ``|`` (``a | b | c``); each line is a row;
- **one cell a line**: most lines hold one ``|``-terminated cell (``某县发展和改革局 |``, a lone ``|`` is an
  empty cell), or — without any ``|`` — the text reads as one cell a line: no line holds two numbers, and
  many lines hold only a number. Rows are rebuilt from the labels (``vocab.selfeval``): a label that starts a
  row (项目名称, a funding row's label, 自评结论 …) starts one; a run of column headers is one row; in the
  indicator table a row holds as many cells as the header has indicator columns, fewer where its level-1 /
  level-2 cells were merged above (a row starting with a level-2 label lacks one, with neither two).

Merged cells appear once in a copy (rowspans are lost), so each row is placed *right-aligned* in the grid:
its last cell in the last column, as the form's value columns are. Lines have no geometry (bbox None).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cnfiscal.extract.backends.cells import Span, grid_of
from cnfiscal.extract.layout import Grid
from cnfiscal.extract.selfeval.find import is_title
from cnfiscal.extract.selfeval.labels import folded, funding_label_of, level1_of, level2_of, number_of, rx
from cnfiscal.vocab import selfeval as V

_NUMBER = regex.compile(r"^[≥≤=<>≧≦＝]?\s*\d[\d,.]*\s*%?$")
_NUMBERS = regex.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.])")
_MIN_LINES = 12


def web_grid(lines: Sequence[str]) -> Grid | None:
    """The table of a copied web page, or None when the text is not one (see the module docstring)."""
    body = [ln.rstrip() for ln in lines]
    filled = [ln for ln in body if ln.strip()]
    if len(filled) < _MIN_LINES or any("\t" in ln for ln in filled):
        return None
    piped = [ln for ln in filled if "|" in ln]
    if len(piped) >= 0.5 * len(filled):
        split = [_pipe_cells(ln) for ln in body if ln.strip()]
        if sum(len(c) <= 1 for c in split) >= 0.8 * len(split):
            return _grid(cell_rows([c[0] if c else "" for c in split]))
        return _grid(split)
    if _one_cell_a_line(filled):
        return _grid(cell_rows([ln.strip() for ln in body]))
    return None


def _pipe_cells(line: str) -> list[str]:
    parts = [p.strip() for p in line.strip().split("|")]
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    if len(parts) > 1 and parts[0] == "" and line.strip().startswith("|"):
        parts.pop(0)
    return parts


def _one_cell_a_line(lines: list[str]) -> bool:
    """Hardly a line holds two numbers apart (OCR debris in a long cell may), and at least a tenth of the lines
    hold only a number."""
    two = sum(len(_NUMBERS.findall(ln)) >= 2 and " " in ln.strip() for ln in lines)
    alone = sum(_NUMBER.match(ln.strip()) is not None for ln in lines)
    return two <= 0.05 * len(lines) and alone >= 0.1 * len(lines)


def _grid(rows: list[list[str]]) -> Grid | None:
    width = max((len(r) for r in rows), default=0)
    spans = [Span(i, width - len(row) + j, text) for i, row in enumerate(rows) for j, text in enumerate(row)]
    return grid_of(spans, 1)


def _full(pattern: str, f: str) -> bool:
    return rx(rf"^(?:{pattern})$").match(f) is not None


def _starts_row(f: str) -> bool:
    return bool(f) and (rx(rf"^(?:{V.ROW_START})").match(f) is not None or funding_label_of(f) is not None)


def cell_rows(cells: list[str]) -> list[list[str]]:
    """Rows of a page copied one cell a line (see the module docstring)."""
    rows: list[list[str]] = []
    row: list[str] = []
    header: list[str] = []
    width: int | None = None  # cells of a full indicator row, once the indicator header was read
    zone = "top"
    i = 0
    while i < len(cells):
        text, f = cells[i], folded(cells[i])
        if zone == "indicators" and width:
            if f and rx(V.TOTAL_LABEL).search(f) and len(f) <= 8:
                if row:
                    rows.append(row)
                row, zone = [text], "bottom"
            else:
                dense = "" not in "\n".join(cells[i:]).strip().split("\n")  # empty cells dropped: rows end at 得分
                n = _dense_row_length(cells, i) if dense else _indicator_row_length(cells, i, width)
                rows.append(cells[i : i + n])
                i += n
                continue
        elif f and _full(V.COLUMN_HEADER_CELL, f):
            if row:
                rows.append(row)
            row = []
            header.append(text)
        else:
            if header:
                rows.append(header)
                width = sum(_full(V.INDICATOR_COLUMN_CELL, folded(h)) for h in header)
                zone = "indicators" if any(folded(h) == "三级指标" for h in header) else zone
                header = []
                if zone == "indicators":
                    continue
            if row and (_starts_row(f) or is_title(text) or (zone == "bottom" and rx(V.NOTE_CONTINUES).match(f))):
                rows.append(row)
                row = []
            row.append(text)
        i += 1
    rows.extend(r for r in (header, row) if r)
    return [r for r in rows if r]


def _indicator_row_length(cells: list[str], i: int, width: int) -> int:
    """Cells of the indicator row starting at ``cells[i]``: all of them after a level-1 label (or an empty
    level-1 cell before a level-2 label), one less after a level-2 label (or an empty cell: an unlabelled
    level-2 cell), two less otherwise."""
    f = folded(cells[i])
    nxt = folded(cells[i + 1]) if i + 1 < len(cells) else ""
    if level1_of(f) or (not f and level2_of(nxt)):
        n = width
    elif level2_of(f) or not f:
        n = width - 1
    else:
        n = width - 2
    return max(1, min(n, len(cells) - i))


def _number(text: str) -> bool:
    return number_of(text) is not None


def _is_label(text: str) -> bool:
    f = folded(text)
    return bool(f) and (level1_of(f) is not None or level2_of(f) is not None or rx(V.TOTAL_LABEL).search(f) is not None)


def _pair_end(cells: list[str], k: int) -> int | None:
    """Index after the 得分 of the row whose label is ``cells[k]``: the last two of the first run of numbers
    (``50 8 8``: 完成值 50, 分值 8, 得分 8); None when a label comes first."""
    j = k + 1
    while j < len(cells) and not _is_label(cells[j]):
        if _number(cells[j]) and j + 1 < len(cells) and _number(cells[j + 1]):
            while j + 2 < len(cells) and _number(cells[j + 2]):
                j += 1
            return j + 2
        j += 1
    return None


def _dense_row_length(cells: list[str], i: int) -> int:
    """A copy without empty cells: labels, the level-3 label, values up to 分值 and 得分, then a 未完成原因分析 when
    the next cell does not itself start a row (a level-3 label reaches its own 分值/得分 within three cells)."""
    k = i
    while k < len(cells) and _is_label(cells[k]) and not rx(V.TOTAL_LABEL).search(folded(cells[k])):
        k += 1
    end = _pair_end(cells, k)
    if end is None:
        return max(1, k - i)
    nxt = end
    if nxt < len(cells) and not _is_label(cells[nxt]) and not _number(cells[nxt]):
        starts = _pair_end(cells, nxt)
        if starts is None or starts - nxt > 5:  # not a row of its own: the reason of this one
            end += 1
    return end - i

"""OCR / copy-paste text lines → logical ``Row``s, the input of the section parsers.

Public entry points: ``text_rows(lines) -> (rows, warnings)``, and ``document_rows(doc) -> (rows, warnings)``:
every row of a document in reading order — PDF table grids as their ``Grid.rows()`` (one ``RowCell`` per
grid cell, ``col`` set, bbox kept), and the text lines outside any grid cell (titles, 填报日期, 联系人, 注,
continuation pages) through ``text_rows``, ordered by page and vertical position.

Table structure is lost in text files; this module rebuilds what can be rebuilt from one line:

- a tab-separated line (OCR of a table) becomes one Row, one cell per tab field (``col`` = field index,
  empty fields kept as empty cells so that column positions survive);
- a space-separated line becomes one Row whose cells are its whitespace-separated tokens, with a label
  printed letter-spaced (``资 金 来 源``, ``总         分``) joined back into one cell; these cells have
  ``col=None`` (column position unknown) — parsers tell them from grid/tab cells by that;
- a run of one-character lines (a vertical label ``产/出/指/标``) becomes one Row with one cell ``产出指标``;
- a blank line becomes an empty Row (no cells): a block boundary that wrapped-label heuristics use;
- a line of stamp garbage (no Chinese, Latin letters or symbol noise) is dropped with a warning.

Joining labels wrapped over several lines and splitting a block into level-3 label / target / actual is
done where the table's column count is known: ``cnfiscal.extract.selfeval.fragments``.
Every Row keeps ``page`` and ``line`` (the first source line number).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import regex

from cnfiscal.extract.layout import Cell, ExtractedDocument, Grid, Line, Row, RowCell
from cnfiscal.models import BBox
from cnfiscal.numbers.parse import fold

log = logging.getLogger(__name__)

_CJK = regex.compile(r"\p{Han}")
_SINGLE_CJK = regex.compile(r"^\p{Han}$")
_MARKUP = regex.compile(r"</?u>")
_NUMERICISH = regex.compile(r"^[\d.,%％\s≥≤=<>≧≦＝~\-—_:/]*$")
_VERTICAL_MIN = 2


def text_rows(lines: Sequence[Line]) -> tuple[list[Row], list[str]]:
    """Turn text lines into Rows (see the module docstring). Returns the rows and data warnings."""
    rows: list[Row] = []
    warnings: list[str] = []
    i = 0
    while i < len(lines):
        run = _vertical_run(lines, i)
        if run >= _VERTICAL_MIN:
            rows.append(_joined_row(lines[i : i + run]))
            i += run
            continue
        row = line_row(lines[i])
        if row is not None and is_garbage(row):
            message = f"line {lines[i].number}: ignored stamp/OCR garbage {row.text[:40]!r}"
            log.warning(message)
            warnings.append(message)
        elif row is not None:
            rows.append(row)
        i += 1
    return rows, warnings


def line_row(line: Line) -> Row | None:
    """One line → one Row (tab fields or whitespace tokens); a blank line → an empty Row."""
    text = _MARKUP.sub(" ", line.text)
    if not text.strip():
        return Row(cells=(), page=line.page, line=line.number)
    if "\t" in text:
        fields = [f.strip() for f in text.rstrip("\n").split("\t")]
        cells = tuple(RowCell(text=f, page=line.page, col=k) for k, f in enumerate(fields))
    else:
        tokens = join_spaced_letters(text.split())
        cells = tuple(RowCell(text=t, page=line.page) for t in tokens)
    return Row(cells=cells, page=line.page, line=line.number)


def join_spaced_letters(tokens: list[str]) -> list[str]:
    """Join runs of one-character Chinese tokens: ``资 金 来 源`` → ``资金来源``, ``总 分`` → ``总分``."""
    out: list[str] = []
    run: list[str] = []
    for tok in tokens:
        if _SINGLE_CJK.match(tok):
            run.append(tok)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(tok)
    if run:
        out.append("".join(run))
    return out


def is_garbage(row: Row) -> bool:
    """A row with no Chinese that is not a row of numbers: stamp text, OCR noise (``N. de die``, ``T 1``)."""
    texts = [t for t in row.texts if t]
    if not texts:
        return False
    joined = fold(" ".join(texts))
    if _CJK.search(joined):
        return False
    numeric = all(_NUMERICISH.match(t) for t in texts) and any(ch.isdigit() for ch in joined)
    return not numeric


def _vertical_run(lines: Sequence[Line], start: int) -> int:
    """How many consecutive lines from ``start`` hold exactly one Chinese character."""
    n = 0
    while start + n < len(lines) and _SINGLE_CJK.match(lines[start + n].text.strip()):
        n += 1
    return n


def _joined_row(lines: Sequence[Line]) -> Row:
    text = "".join(ln.text.strip() for ln in lines)
    first = lines[0]
    return Row(cells=(RowCell(text=text, page=first.page),), page=first.page, line=first.number)


def document_rows(doc: ExtractedDocument) -> tuple[list[Row], list[str]]:
    """All rows of ``doc`` in reading order (see the module docstring)."""
    boxes: dict[int, list[BBox]] = {}  # per page, the area each grid covers there
    for grid in (g for page in doc.pages for g in page.grids):
        for page_no in {c.page for c in grid.cells}:
            area = _union([c.bbox for c in grid.cells if c.page == page_no])
            if area is not None:
                boxes.setdefault(page_no, []).append(area)
    items: list[tuple[tuple[int, float], list[Row] | Line]] = []
    for page in doc.pages:
        for grid in page.grids:
            items.append(((grid.page_start, _top(grid)), [_grid_row(cells) for cells in grid.rows() if cells]))
        for n, line in enumerate(page.lines):
            if not _inside(line, boxes.get(page.number, [])):
                items.append(((page.number, line.bbox[1] if line.bbox else float(n)), line))
    items.sort(key=lambda item: item[0])
    rows: list[Row] = []
    warnings: list[str] = []
    pending: list[Line] = []
    for _, item in items:
        if isinstance(item, Line):
            pending.append(item)
            continue
        _flush(pending, rows, warnings)
        rows.extend(item)
    _flush(pending, rows, warnings)
    return rows, warnings


def _flush(lines: list[Line], rows: list[Row], warnings: list[str]) -> None:
    if lines:
        more, notes = text_rows(lines)
        rows.extend(more)
        warnings.extend(notes)
        lines.clear()


def _union(boxes: list[BBox | None]) -> BBox | None:
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real))


def _top(grid: Grid) -> float:
    """A grid without geometry (spreadsheet, Word, web page) comes after its page's lines: the backends put
    the text before a table on the table's page and the text after the last table on a page of its own."""
    return grid.bbox[1] if grid.bbox else float("inf")


def _inside(line: Line, boxes: list[BBox]) -> bool:
    if line.bbox is None:
        return False
    x = (line.bbox[0] + line.bbox[2]) / 2
    y = (line.bbox[1] + line.bbox[3]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _grid_row(cells: list[Cell]) -> Row:
    out = tuple(
        RowCell(text=c.text, page=c.page, bbox=c.bbox, confidence=c.confidence, col=c.col, colspan=c.colspan)
        for c in cells
    )
    return Row(cells=out, page=cells[0].page)

"""What the extract stage hands on: pages of positioned text, table grids, and logical rows.

Every input kind (text-layer PDF, scanned PDF via OCR, plain OCR text) ends up as an
``ExtractedDocument``; section finders (self-evaluation tables, standard tables, narrative)
work on it without knowing where it came from. Small frozen dataclasses, like pdfplumber's objects.

Coordinates are PDF points, origin top-left (PyMuPDF convention); pages are numbered from 1.
For text inputs there is no geometry: bboxes are ``None`` and ``Line.number`` is the line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cnfiscal.models import BBox, InputKind


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox
    page: int
    confidence: float | None = None  # OCR only


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text in reading order (a PDF text line, an OCR line, or a line of a text file)."""

    text: str
    page: int
    bbox: BBox | None = None
    number: int | None = None  # line number in a text input
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a rebuilt grid; merged cells span several rows/columns."""

    row: int
    col: int
    text: str
    bbox: BBox | None
    page: int
    rowspan: int = 1
    colspan: int = 1
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Grid:
    """A table grid on one page (tables continued over pages are joined into one Grid by the builder;
    each cell keeps its own page)."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    page_start: int
    page_end: int
    bbox: BBox | None = None

    def row(self, i: int) -> list[Cell]:
        """Cells that start in row ``i``, left to right."""
        return sorted((c for c in self.cells if c.row == i), key=lambda c: c.col)

    def rows(self) -> list[list[Cell]]:
        """The cells starting in each row, left to right, in one pass over the cells."""
        rows: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            if 0 <= c.row < self.n_rows:
                rows[c.row].append(c)
        return [sorted(r, key=lambda c: c.col) for r in rows]


@dataclass(frozen=True, slots=True)
class RowCell:
    """A cell of a logical row: text plus provenance."""

    text: str
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None
    col: int | None = None  # grid column where known
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Row:
    """A logical table row, the common currency of section parsers.

    From a grid: the cells of one grid row. From a text file: one (possibly re-joined) line split
    into cells by the text heuristics.
    """

    cells: tuple[RowCell, ...]
    page: int | None = None
    line: int | None = None  # first source line number, for text inputs

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells if c.text)

    @property
    def confidence(self) -> float | None:
        """The lowest OCR confidence of the row's non-empty cells; None when nothing was read by OCR."""
        values = [c.confidence for c in self.cells if c.text and c.confidence is not None]
        return min(values) if values else None


@dataclass(slots=True)
class Page:
    number: int
    width: float | None = None
    height: float | None = None
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ExtractedDocument:
    path: str
    sha256: str
    input_kind: InputKind
    pages: list[Page]
    ocr: bool = False
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [ln for p in self.pages for ln in p.lines]

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

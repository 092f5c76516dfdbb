"""Agreement of an OCR grid with the text-layer grid of the same form (tested in ``tests/extract/ocr/test_metrics``).

Cells are paired by (row, column) when both grids have the same shape. A cell *agrees* when its text,
NFKC-folded and without whitespace, is identical; ``cells_agree_ops`` also counts cells that agree
once operator variants are folded (``≧``/``≥``, which the measure parser reads alike). Numbers are the
``NUMBER`` tokens of the text-layer cell (thousands separators and spaces removed); a number is *exact*
when the OCR cell holds the same number at the same position in its own token list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from difflib import SequenceMatcher
from pathlib import Path

import regex

from cnfiscal.extract.layout import Cell, Grid
from cnfiscal.models import DocumentRecord
from cnfiscal.numbers.parse import NUMBER, fold
from cnfiscal.vocab.operators import OPERATOR_SYMBOLS

_SPACE = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class OcrScore:
    cells: int = 0
    cells_agree: int = 0
    numbers: int = 0
    numbers_exact: int = 0
    shape_mismatch: int = 0  # grid pairs whose shapes differ (their cells are all counted as wrong)
    cells_agree_ops: int = 0  # agreeing once ≧/≥ and other operator variants are folded

    def __add__(self, o: OcrScore) -> OcrScore:
        return OcrScore(*(a + b for a, b in zip(astuple(self), astuple(o), strict=True)))

    @property
    def cell_rate(self) -> float:
        return self.cells_agree / self.cells if self.cells else 1.0


def norm(text: str) -> str:
    return _SPACE.sub("", fold(text))


def norm_ops(text: str) -> str:
    return "".join(OPERATOR_SYMBOLS.get(ch, ch) for ch in norm(text))


def numbers(text: str) -> list[str]:
    return [_SPACE.sub("", m.group()).replace(",", "") for m in NUMBER.finditer(fold(text))]


def _by_pos(cells: Sequence[Cell]) -> dict[tuple[int, int], Cell]:
    return {(c.row, c.col): c for c in cells}


def score_grid(truth: Grid, ocr: Grid | None, mismatches: list[tuple[str, str]] | None = None) -> OcrScore:
    """Compare one grid; cells differing even with operators folded go to ``mismatches`` as (truth, ocr)."""
    want = [c for c in truth.cells if norm(c.text)]
    n_numbers = sum(len(numbers(c.text)) for c in want)
    if ocr is None or (ocr.n_rows, ocr.n_cols) != (truth.n_rows, truth.n_cols):
        return OcrScore(len(want), 0, n_numbers, 0, 1, 0)
    got = _by_pos(ocr.cells)
    agree = agree_ops = exact = 0
    for c in want:
        o = got.get((c.row, c.col))
        text = o.text if o is not None else ""
        agree += norm(text) == norm(c.text)
        if norm_ops(text) == norm_ops(c.text):
            agree_ops += 1
        elif mismatches is not None:
            mismatches.append((c.text, text))
        mine = numbers(text)
        exact += sum(1 for i, n in enumerate(numbers(c.text)) if i < len(mine) and mine[i] == n)
    return OcrScore(len(want), agree, n_numbers, exact, 0, agree_ops)


def score_grids(
    truth: Sequence[Grid], ocr: Sequence[Grid], mismatches: list[tuple[str, str]] | None = None
) -> OcrScore:
    total = OcrScore()
    for i, t in enumerate(truth):
        total += score_grid(t, ocr[i] if i < len(ocr) else None, mismatches)
    return total


NOT_FIELDS = ("bbox", "confidence", "warnings")  # provenance / diagnostics, not data
SAME_ROW = 0.8


@dataclass(frozen=True, slots=True)
class RecordScore:
    fields: int  # data leaves of the text-layer record
    fields_agree: int
    indicators: int  # indicator rows of the text-layer record
    indicators_found: int  # ... with an OCR row at the same place whose labels read alike (``same_row``)
    differing: tuple[tuple[str, object, object], ...]

    @property
    def field_rate(self) -> float:
        return self.fields_agree / self.fields if self.fields else 1.0


def leaves(value: object, path: str = "") -> dict[str, object]:
    """Leaf paths → values (``self_evals[0].indicators[3].target.value``), provenance left out."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for k, v in value.items():
            if k not in NOT_FIELDS:
                out.update(leaves(v, f"{path}.{k}" if path else k))
        return out or {path: {}}
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            out.update(leaves(v, f"{path}[{i}]"))
        return out or {path: []}
    return {path: value}


def _labels(ind: dict) -> str:
    return "|".join(norm_ops(ind.get(k) or "") for k in ("level1", "level2", "level3"))


def same_row(a: dict, b: dict) -> bool:
    """The same indicator row: its three labels read alike (a misread character is a field error, not a lost row)."""
    return SequenceMatcher(None, _labels(a), _labels(b)).ratio() >= SAME_ROW


def score_records(truth: dict, ocr: dict) -> RecordScore:
    """Compare the ``self_evals`` of two DocumentRecords (as JSON dicts) leaf by leaf."""
    want, got = leaves(truth.get("self_evals", []), "self_evals"), leaves(ocr.get("self_evals", []), "self_evals")
    differing = tuple((k, v, got.get(k)) for k, v in want.items() if got.get(k, object()) != v)
    inds_t = [i for se in truth.get("self_evals", []) for i in se["indicators"]]
    inds_o = [i for se in ocr.get("self_evals", []) for i in se["indicators"]]
    found = sum(1 for k, ind in enumerate(inds_t) if k < len(inds_o) and same_row(inds_o[k], ind))
    return RecordScore(len(want), len(want) - len(differing), len(inds_t), found, differing)


def source_pages(source: Path, pages: list[int], folder: Path) -> Path:
    """The text-layer pages (1-based) a scanned fixture was made from, as a PDF of their own in ``folder``."""
    import pymupdf

    out = folder / f"{source.stem}_p{pages[0]}-{pages[-1]}_text.pdf"
    with pymupdf.open(source) as doc:
        doc.select([p - 1 for p in pages])
        doc.save(out)
    return out


def table_amounts(record: DocumentRecord) -> list[tuple[str, str, float | None]]:
    """Every amount of the record's standard tables: (table kind | row | column, yuan, confidence), rows and
    columns by position (a header word misread by OCR does not make a different column)."""
    out = []
    for t in record.tables:
        for i, row in enumerate(t.rows):
            for j, money in enumerate(row.values.values()):
                if money is not None:
                    out.append((f"{t.kind}|{i}|{j}", str(money.yuan), money.confidence))
    return out

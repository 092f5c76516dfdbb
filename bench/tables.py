"""Table engines compared on the bundled PDFs: speed (pages/s) and agreement with hand-checked tables.

Engines: cnfiscal's grid builder (ruling lines + word boxes), pdfplumber ``extract_tables()``,
PyMuPDF ``find_tables(use_layout=False)`` as it extracts and with its cells filled from
``get_text("words")``, and PyMuPDF's default ``find_tables()`` (layout model; slow, so run on the gold
pages only). The gold tables are in ``bench/gold/tables.json``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pymupdf

from bench._metrics import RawRows, TableScore, best_score, pages_per_second
from bench._registry import ROOT, BenchContext, benchmark

GOLD = Path(__file__).parent / "gold" / "tables.json"
# Speed is measured on one document per producer (WPS 表格, ONLYOFFICE, WPS 文字, LibreOffice): 77 pages,
# enough for a stable pages/s and keeping pdfplumber's ~10 pages/s inside the bench's time budget.
SPEED_SET = (
    "budget_commerce_dept_2025.pdf",
    "final_finance_2024.pdf",
    "final_socialwork_2024.pdf",
    "self_eval_seed000_dept_2021.pdf",
)

PageRows = list[RawRows]  # the tables of one page
Engine = Callable[[Path, set[int] | None], Iterator[tuple[int, PageRows]]]


def cnfiscal_grids(path: Path, only: set[int] | None) -> Iterator[tuple[int, PageRows]]:
    from cnfiscal.extract.grid.lines import page_rulings
    from cnfiscal.extract.grid.tables import find_page_tables
    from cnfiscal.extract.layout import Word

    with pymupdf.open(path) as doc:
        for page in doc:
            n = page.number + 1
            if only and n not in only:
                continue
            words = [Word(w[4], (w[0], w[1], w[2], w[3]), n) for w in page.get_text("words")]
            tables = find_page_tables(n, page_rulings(page.get_cdrawings()), words)
            yield n, [[t.row_texts(r) for r in range(t.n_rows)] for t in tables]


def pdfplumber_tables(path: Path, only: set[int] | None) -> Iterator[tuple[int, PageRows]]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages, start=1):
            if only and i not in only:
                continue
            yield i, page.extract_tables()
            page.close()


def _mupdf(use_layout: bool, fill_from_words: bool) -> Engine:
    def run(path: Path, only: set[int] | None) -> Iterator[tuple[int, PageRows]]:
        with pymupdf.open(path) as doc:
            for page in doc:
                n = page.number + 1
                if only and n not in only:
                    continue
                found = page.find_tables(use_layout=use_layout).tables
                if fill_from_words:
                    words = page.get_text("words")
                    yield n, [_fill(t, words) for t in found]
                else:
                    yield n, [t.extract() for t in found]

    return run


def _fill(table: Any, words: list[tuple[Any, ...]]) -> RawRows:
    """PyMuPDF's cells with their text taken from the page's words (its own extract garbles numbers)."""
    from cnfiscal.extract.grid.text import Piece, cell_text

    rows = []
    for row in table.rows:
        texts: list[str | None] = []
        for box in row.cells:
            if box is None:
                texts.append(None)
                continue
            x0, y0, x1, y1 = box
            inside = [w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1]
            texts.append(cell_text([Piece(w[4], (w[0], w[1], w[2], w[3])) for w in inside]))
        rows.append(texts)
    return rows


ENGINES: dict[str, tuple[Engine, bool]] = {  # name -> (engine, run on all pages)
    "cnfiscal grid": (cnfiscal_grids, True),
    "pdfplumber": (pdfplumber_tables, True),
    "pymupdf no-layout": (_mupdf(False, False), True),
    "pymupdf no-layout+words": (_mupdf(False, True), False),  # same finder as above: speed alike
    "pymupdf layout": (_mupdf(True, False), False),
}


def _gold() -> list[dict[str, Any]]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["tables"]


def _run(engine: Engine, files: dict[Path, set[int] | None]) -> tuple[int, float, dict[tuple[str, int], PageRows]]:
    pages, seconds, out = 0, 0.0, {}
    for path, only in files.items():
        t0 = time.process_time()  # CPU time of this process: the machine is shared
        for n, tables in engine(path, only):
            out[path.name, n] = tables
            pages += 1
        seconds += time.process_time() - t0
    return pages, seconds, out


@benchmark("tables")
def table_engines(ctx: BenchContext) -> list[str]:
    gold = _gold()
    gold_pages: dict[Path, set[int] | None] = {}
    for g in gold:
        gold_pages.setdefault(ROOT / "samples" / "pdf" / g["file"], set()).add(g["page"])  # type: ignore[union-attr]
    speed_set = SPEED_SET[-1:] if ctx.quick else SPEED_SET
    every: dict[Path, set[int] | None] = {p: None for p in ctx.pdfs if p.name in speed_set}
    lines = [f"   {'engine':26} {'pages':>5} {'pages/s':>8}  {'gold rows exact':>16} {'gold cells right':>17}"]
    for name, (engine, all_pages) in ENGINES.items():
        pages, seconds, out = _run(engine, every if all_pages else gold_pages)
        if all_pages:  # gold pages outside the speed set are read too (not timed)
            missing = {p: s for p, s in gold_pages.items() if p not in every}
            out.update(_run(engine, missing)[2])
        total = TableScore(0, 0, 0, 0)
        for g in gold:
            total += best_score(g["rows"], out.get((g["file"], g["page"]), []))
        where = "speed set" if all_pages else "gold"
        lines.append(
            f"   {name:26} {pages:5d} {pages_per_second(pages, seconds):8.1f}"
            f"  {total.rows_exact:5d}/{total.rows_gold:<4d} {total.row_accuracy:5.0%}"
            f"  {total.cells_right:5d}/{total.cells_gold:<4d} {total.cell_accuracy:5.0%}   ({where} pages)"
        )
    return lines

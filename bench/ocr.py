"""OCR of scanned forms: seconds per page, where the time goes, and agreement with the text layer.

For each scanned fixture in ``tests/data/scanned`` (made by ``scripts/make_scanned_fixtures.py`` from
``samples/pdf/self_eval_*.pdf``), every page is OCRed (render → preprocess → grid → segment →
recognise) with RapidOCR, and its table grids are compared cell by cell with the grids the text-layer
PDF gives (``bench/_ocr_metrics``). Reported: wall and CPU seconds per page per stage, cell text agreement,
exact numbers — with recognition in this process only, and shared with one helper process (``ocr.pool``,
the default on two cores; CPU counts the helper too, helpers started and warm before timing, as in a
long-lived process). For scale, RapidOCR's own whole-page detection + recognition runs on one page too.
The machine is shared: CPU seconds are the steadier figure.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pymupdf

from bench._ocr_metrics import OcrScore, RecordScore, score_grids, score_records
from bench._registry import ROOT, BenchContext, benchmark
from cnfiscal.extract.grid_join import join_tables
from cnfiscal.extract.inputs import open_input
from cnfiscal.extract.layout import Grid, Page
from cnfiscal.extract.reader import read_document
from cnfiscal.options import Options

SCANNED = ROOT / "tests" / "data" / "scanned"
TARGET_S_PER_PAGE = 1.5
DPI = 200


def text_grids(source: Path) -> list[Grid]:
    options = Options(ocr="never")
    doc = read_document(open_input(source, options), options)
    return [g for p in doc.pages for g in p.grids]


def ocr_grids(
    path: Path, engine: object, timings: dict[str, float], dpi: int, cpu: Callable[[], float]
) -> tuple[list[Grid], int, float]:
    from cnfiscal.extract.ocr.page import ocr_page

    pages: list[Page] = []
    tables = []
    cpu0 = cpu()
    with pymupdf.open(path) as doc:
        for pdf_page in doc:
            scanned = ocr_page(pdf_page, pdf_page.number + 1, dpi, engine)  # type: ignore[arg-type]
            pages.append(scanned.page)
            tables.append(scanned.tables)
            for k, v in scanned.timings.items():
                timings[k] = timings.get(k, 0.0) + v
    return join_tables(tables, pages), len(pages), cpu() - cpu0


def whole_page_baseline(path: Path, threads: int) -> float:
    """RapidOCR's own pipeline (detection over the whole page, then recognition) on page 1, seconds."""
    from rapidocr_onnxruntime import RapidOCR

    from cnfiscal.extract.ocr.render import render_page

    ocr = RapidOCR(intra_op_num_threads=threads, use_cls=False)
    with pymupdf.open(path) as doc:
        image = render_page(doc[0], DPI).image
    t0 = time.perf_counter()
    ocr(image)
    return time.perf_counter() - t0


def record_agreement(item: dict, engine: object, dpi: int) -> RecordScore:
    """The scan's record vs the text-layer PDF's record (OCR outputs replayed from the timed run)."""
    from cnfiscal.extract.ocr.engine import use_engine
    from cnfiscal.pipeline import process

    truth = process(ROOT / item["source"])
    with use_engine(engine):  # type: ignore[arg-type]
        scanned = process(SCANNED / item["file"], Options(ocr_dpi=dpi))
    return score_records(truth.model_dump(mode="json"), scanned.model_dump(mode="json"))


def _engine(processes: int) -> tuple[object, Callable[[], float]]:
    """RapidOCR on ``processes`` processes (helpers warm) and a clock of the CPU seconds of all of them."""
    from cnfiscal.extract.ocr.engine import RapidEngine
    from cnfiscal.extract.ocr.pool import ParallelEngine

    if processes == 1:
        return RapidEngine(threads=1), time.process_time
    engine = ParallelEngine(processes - 1)
    for helper in engine._helpers:
        helper.ready.wait(120)
    return engine, lambda: time.process_time() + engine.helper_cpu


def _report(threads: int, manifest: list[dict], dpi: int, lines: list[str]) -> OcrScore:
    from cnfiscal.extract.ocr.engine import ReplayEngine

    # a replay engine in front of RapidOCR records the timed run, so the record comparison costs no OCR
    inner, clock = _engine(threads)
    engine = ReplayEngine(Path(tempfile.mkdtemp()) / "replay.json", inner)  # type: ignore[arg-type]
    total, timings, n_pages, cpu, wall = OcrScore(), {}, 0, 0.0, 0.0
    fields = agree = inds = found = 0
    for item in manifest:
        mismatches: list[tuple[str, str]] = []
        t0 = time.perf_counter()
        grids, n, used = ocr_grids(SCANNED / item["file"], engine, timings, dpi, clock)
        wall += time.perf_counter() - t0
        cpu += used
        n_pages += n
        score = score_grids(text_grids(ROOT / item["source"]), grids, mismatches)
        total += score
        short = [m for m in mismatches if len(m[0]) < 40]
        rec = record_agreement(item, engine, dpi)
        fields, agree, inds, found = (
            fields + rec.fields,
            agree + rec.fields_agree,
            inds + rec.indicators,
            found + rec.indicators_found,
        )
        lines.append(
            f"   {item['file']} @{dpi} dpi: record fields {rec.fields_agree}/{rec.fields} ({rec.field_rate:.1%}), "
            f"indicator rows {rec.indicators_found}/{rec.indicators}"
        )
        lines.append(
            f"   {item['file']} @{dpi} dpi: cells {score.cells_agree}/{score.cells} "
            f"({score.cells_agree_ops} with ≧/≥ folded), numbers {score.numbers_exact}/{score.numbers}; "
            f"{len(mismatches)} differing, the short ones: {short}"
        )
    stages = ", ".join(f"{k} {v / n_pages:.2f}" for k, v in sorted(timings.items(), key=lambda kv: -kv[1]))
    load = os.getloadavg()[0]  # the machine is shared: wall time depends on what else runs
    lines.append(
        f"   processes={threads} @{dpi} dpi: {wall / n_pages:.2f} s/page wall, {cpu / n_pages:.2f} s/page CPU "
        f"(all processes; target ≤ {TARGET_S_PER_PAGE}) over {n_pages} pages, load {load:.1f} on "
        f"{os.cpu_count()} cores; per stage, s/page wall: {stages}"
    )
    lines.append(
        f"   processes={threads} @{dpi} dpi: cells agree {total.cells_agree}/{total.cells} ({total.cell_rate:.1%}); "
        f"{total.cells_agree_ops}/{total.cells} with ≧/≥ folded; numbers exact {total.numbers_exact}/"
        f"{total.numbers}; grid shape mismatches {total.shape_mismatch}"
    )
    lines.append(
        f"   processes={threads} @{dpi} dpi: record fields {agree}/{fields} ({agree / max(1, fields):.1%}; "
        f"target 97%), "
        f"indicator rows {found}/{inds} (target all)"
    )
    return total


@benchmark("ocr")
def run(ctx: BenchContext) -> list[str]:
    manifest = json.loads((SCANNED / "MANIFEST.json").read_text(encoding="utf-8"))
    lines: list[str] = []
    if ctx.quick:
        _report(2, manifest[:1], DPI, lines)
        return lines
    _report(1, manifest, DPI, lines)
    _report(2, manifest, DPI, lines)  # recognition shared with a helper process (the default on 2 cores)
    for dpi in (150, 300):  # the dpi choice, measured on one fixture
        _report(1, manifest[:1], dpi, lines)
    base = whole_page_baseline(SCANNED / manifest[0]["file"], 1)
    lines.append(
        f"   RapidOCR's own whole-page detection + recognition, 1 thread: {base:.2f} s wall for page 1 "
        f"of {manifest[0]['file']}"
    )
    return lines

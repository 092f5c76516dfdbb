"""Write a whole report: overview with charts, one page per document, optionally the auditor's workbook.

``report_from_db`` and ``report_from_files`` only differ in where the frames come from (``report.data``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from cnfiscal.corpus.walk import walk
from cnfiscal.models import DocumentRecord, Status
from cnfiscal.options import Options
from cnfiscal.report.data import ReportData, from_db, from_records
from cnfiscal.report.offices import office_index, office_pages
from cnfiscal.report.overview import draw_charts, write_overview
from cnfiscal.report.pages import write_document_page
from cnfiscal.report.xlsx import write_workbook
from cnfiscal.vocab.messages import DEFAULT_LANG

log = logging.getLogger(__name__)


@dataclass
class ReportResult:
    index: Path
    pages: list[Path] = field(default_factory=list)
    charts: list[Path] = field(default_factory=list)
    workbook: Path | None = None
    offices: list[Path] = field(default_factory=list)  # office/<id>.html: across documents (issue 14, report.offices)
    documents: int = 0
    failed: int = 0
    seconds: float = 0.0


def write_report(
    data: ReportData,
    out_dir: Path,
    xlsx: Path | None = None,
    title: str = "cnfiscal 审核报告",
    offices: list[list[object]] | None = None,
) -> ReportResult:
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir)
    drawn = draw_charts(data, out_dir)
    pages = [write_document_page(data, doc, out_dir) for doc in data.documents.itertuples(index=False)]
    index = write_overview(data, drawn, out_dir, title, offices or [])
    workbook = write_workbook(data, xlsx) if xlsx is not None else None
    result = ReportResult(
        index=index,
        pages=pages,
        charts=[out_dir / c.file for c in drawn.values() if c is not None],
        workbook=workbook,
        documents=len(data.documents),
        failed=int((data.documents["status"] == "failed").sum()),
        seconds=round(time.perf_counter() - t0, 3),
    )
    log.info(
        "report: %d documents, %d charts in %s (%.1fs)", result.documents, len(result.charts), out_dir, result.seconds
    )
    return result


def _clear_previous(out_dir: Path) -> None:
    """Remove what an earlier report wrote here (pages and pictures only), so no stale page survives."""
    for pattern in ("doc/*.html", "charts/*.png", "evidence/*.png"):
        for old in out_dir.glob(pattern):
            old.unlink()


def report_from_db(db: Path, out_dir: Path, xlsx: Path | None = None, lang: str = DEFAULT_LANG) -> ReportResult:
    offices = office_index(db)
    result = write_report(from_db(db, lang), out_dir, xlsx, title=f"cnfiscal 审核报告 — {db.name}", offices=offices)
    result.offices = office_pages(db, out_dir, lang)
    return result


def report_from_records(
    records: list[DocumentRecord], out_dir: Path, xlsx: Path | None = None, lang: str = DEFAULT_LANG
) -> ReportResult:
    title = "cnfiscal 审核报告" + (f" — {Path(records[0].source.path).name}" if len(records) == 1 else "")
    return write_report(from_records(records, lang=lang), out_dir, xlsx, title=title)


def expand(paths: list[Path]) -> list[Path]:
    """Folders become the PDF and text files under them (as ``ingest`` finds them); files stay as given."""
    out: list[Path] = []
    for p in paths:
        out.extend([Path(f) for f in walk([p]).files] if p.is_dir() else [p])
    return out


def report_from_files(
    paths: list[Path],
    out_dir: Path,
    xlsx: Path | None = None,
    options: Options | None = None,
    lang: str = DEFAULT_LANG,
) -> tuple[ReportResult, list[DocumentRecord]]:
    """Run the pipeline on each file, or each PDF/text file under a folder (no database); report on the records."""
    from cnfiscal.pipeline import process

    records = [process(p, options) for p in expand(paths)]
    for r in records:
        if r.status is Status.FAILED:
            log.warning("%s: failed: %s", r.source.path, r.errors[0].reason if r.errors else "unknown")
    return report_from_records(records, out_dir, xlsx, lang), records

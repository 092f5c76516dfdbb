"""The orchestrator: input → extract → normalize (section parsers) → validate → DocumentRecord.

``process`` never raises for a bad document: trouble becomes a record with status ``failed`` and an
ErrorItem naming the stage and the reason, so a batch can go on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from cnfiscal import __version__
from cnfiscal.errors import CnfiscalError
from cnfiscal.extract.classify import detect_doc_type
from cnfiscal.extract.inputs import InputFile, open_input, sha256_bytes
from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.extract.reader import read_document
from cnfiscal.models import DocumentRecord, ErrorItem, InputKind, Source, Status
from cnfiscal.options import Options
from cnfiscal.sections import SECTION_PARSERS, Parts

log = logging.getLogger(__name__)
T = TypeVar("T")


def process(path: Path | str, options: Options | None = None) -> DocumentRecord:
    """Run the whole pipeline on one file; always returns a record."""
    options = options or Options()
    path = Path(path)
    timings: dict[str, float] = {}
    try:
        inp = _timed(timings, "read", lambda: open_input(path, options))
        doc = _timed(timings, "extract", lambda: read_document(inp, options))
        record = _timed(timings, "normalize", lambda: normalize_stage(doc))
        if options.validate_records:
            record = _timed(timings, "validate", lambda: validate_stage(record))
    except CnfiscalError as e:
        log.warning("%s: %s", path, e)
        return failed_record(path, e.stage, str(e), type(e).__name__, timings)
    except Exception as e:  # a bug or a library crash on this file: record it, keep the batch going
        log.exception("%s: internal error", path)
        return failed_record(path, "internal", f"{type(e).__name__}: {e}", type(e).__name__, timings)
    return record.model_copy(update={"timings": timings, "versions": versions()})


def normalize_stage(doc: ExtractedDocument) -> DocumentRecord:
    doc_type = detect_doc_type(doc)
    merged = Parts(warnings=list(doc.warnings))
    errors: list[ErrorItem] = []
    for name, parse in SECTION_PARSERS():
        try:
            parts = parse(doc, doc_type)
        except Exception as e:  # one parser failing leaves the others' results
            log.exception("%s: section parser %s failed", doc.path, name)
            errors.append(ErrorItem(stage=f"normalize.{name}", reason=str(e), error_type=type(e).__name__))
            continue
        _merge(merged, parts)
    for page in doc.pages:
        merged.warnings.extend(page.warnings)
    return DocumentRecord(
        doc_type=doc_type,
        unit_name=merged.unit_name,
        year=merged.year,
        fill_date=merged.fill_date,
        source=source_of(doc),
        status=Status.PARTIAL if errors else Status.OK,
        self_evals=merged.self_evals,
        tables=merged.tables,
        claims=merged.claims,
        units=merged.units,
        unit_counts=merged.unit_counts,
        warnings=merged.warnings,
        errors=errors,
    )


def validate_stage(record: DocumentRecord) -> DocumentRecord:
    from cnfiscal.validate import run_rules

    findings, errors = run_rules(record)
    sha = record.source.sha256
    findings = [f.model_copy(update={"finding_id": f.identity(sha)}) for f in findings]
    status = Status.PARTIAL if errors or record.status is Status.PARTIAL else Status.OK
    return record.model_copy(update={"findings": findings, "errors": record.errors + errors, "status": status})


def source_of(doc: ExtractedDocument) -> Source:
    return Source(
        path=doc.path,
        sha256=doc.sha256,
        pages=len(doc.pages),
        input_kind=doc.input_kind,
        ocr=doc.ocr,
        encoding=doc.encoding,
    )


def failed_record(path: Path, stage: str, reason: str, error_type: str, timings: dict[str, float]) -> DocumentRecord:
    try:
        data = path.read_bytes()
        sha, size = sha256_bytes(data), len(data)
    except OSError:
        sha, size = "", None
    kind = _KIND_BY_SUFFIX.get(path.suffix.lower(), InputKind.TEXT)
    return DocumentRecord(
        source=Source(path=str(path), sha256=sha, input_kind=kind, bytes=size),
        status=Status.FAILED,
        errors=[ErrorItem(stage=stage, reason=reason, error_type=error_type)],
        timings=timings,
        versions=versions(),
    )


# The input kind a failed file was named as (its content could not be read, so its name is all there is).
_KIND_BY_SUFFIX = {
    ".pdf": InputKind.PDF_TEXT,
    ".xlsx": InputKind.XLSX,
    ".xls": InputKind.XLS,
    ".et": InputKind.XLS,
    ".docx": InputKind.DOCX,
    ".doc": InputKind.DOCX,
    ".wps": InputKind.DOCX,
    ".html": InputKind.HTML,
    ".htm": InputKind.HTML,
}


def versions() -> dict[str, str]:
    import pymupdf

    return {"cnfiscal": __version__, "pymupdf": pymupdf.VersionBind}


def _merge(into: Parts, parts: Parts) -> None:
    into.self_evals.extend(parts.self_evals)
    into.tables.extend(parts.tables)
    into.claims.extend(parts.claims)
    into.units.extend(parts.units)
    into.unit_counts.extend(parts.unit_counts)
    into.warnings.extend(parts.warnings)
    into.unit_name = into.unit_name or parts.unit_name
    into.year = into.year or parts.year
    into.fill_date = into.fill_date or parts.fill_date


def _timed(timings: dict[str, float], stage: str, fn: Callable[[], T]) -> T:
    with _clock(timings, stage):
        return fn()


@contextmanager
def _clock(timings: dict[str, float], stage: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(time.perf_counter() - t0, 4)


__all__ = ["InputFile", "process"]

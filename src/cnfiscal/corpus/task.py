"""The per-document work, the same in a local worker process and on a Dask worker.

``run_task(task, options, limits)`` checks the input against the resource limits (page count, image size), runs
``pipeline.process`` and checks that the file still has the hash it had when it was planned (a file that changed or
vanished while being read is a failed record, keyed by the planned hash). It returns the record as JSON, so what
crosses a process or network boundary is plain text.
"""

from __future__ import annotations

import logging
import resource
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cnfiscal.models import DocumentRecord, ErrorItem, InputKind, Source, Status
from cnfiscal.options import Options

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document resource limits (0 = no limit)."""

    seconds: float = 300.0
    memory_mb: int = 3072  # RLIMIT_AS of each worker process
    max_pages: int = 1000
    max_image_megapixels: float = 150.0  # one embedded image; an A4 page at 600 dpi is ~35 Mpx


@dataclass(frozen=True, slots=True)
class Task:
    index: int
    path: str
    sha256: str
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    index: int
    record_json: str
    peak_rss_mb: float = 0.0
    worker: str = ""


Work = Callable[[Task, Options, Limits], Outcome]


def run_task(task: Task, options: Options, limits: Limits) -> Outcome:
    """Process one document within its limits; never raises for a bad document."""
    from cnfiscal.pipeline import process

    reason = preflight(Path(task.path), limits)
    if reason:
        record = failed(task, "input", reason, "ResourceLimit")
    else:
        record = checked(task, process(task.path, options), limits)
    return Outcome(task.index, record.model_dump_json(), peak_rss_mb())


def checked(task: Task, record: DocumentRecord, limits: Limits) -> DocumentRecord:
    """Key the record by the planned hash; a changed file or a memory error gets a clear reason."""
    got = record.source.sha256
    if record.status is not Status.FAILED and got == task.sha256 and record.source.bytes is None:
        record = record.model_copy(update={"source": record.source.model_copy(update={"bytes": task.size})})
    if record.status is not Status.FAILED and got != task.sha256:
        reason = f"file changed while being read (sha256 {task.sha256[:12]}… when listed, {got[:12]}… when read)"
        return failed(task, "input", reason, "FileChanged")
    if record.status is Status.FAILED:
        first = record.errors[0] if record.errors else None
        if first is not None and first.error_type == "MemoryError":
            reason = f"memory limit exceeded ({limits.memory_mb} MB per worker)"
            return failed(task, first.stage, reason, "MemoryError")
        if got != task.sha256:
            gone = "" if Path(task.path).exists() else "file vanished while being read; "
            source = record.source.model_copy(update={"sha256": task.sha256, "bytes": task.size})
            errors = [
                e.model_copy(update={"reason": gone + e.reason}) if i == 0 and gone else e
                for i, e in enumerate(record.errors)
            ]
            return record.model_copy(update={"source": source, "errors": errors})
    return record


def failed(task: Task, stage: str, reason: str, error_type: str) -> DocumentRecord:
    """A failed record for ``task`` made without reading the file (crash, time limit, resource limit)."""
    kind = InputKind.PDF_TEXT if task.path.lower().endswith(".pdf") else InputKind.TEXT
    return DocumentRecord(
        source=Source(path=task.path, sha256=task.sha256, input_kind=kind, bytes=task.size),
        status=Status.FAILED,
        errors=[ErrorItem(stage=stage, reason=reason, error_type=error_type)],
    )


def failed_outcome(task: Task, stage: str, reason: str, error_type: str) -> Outcome:
    return Outcome(task.index, failed(task, stage, reason, error_type).model_dump_json())


def preflight(path: Path, limits: Limits) -> str | None:
    """A reason to refuse a PDF before reading it fully (too many pages, a decompression-bomb image), or None.

    Anything this check cannot open is left to the pipeline, which gives the reason (damaged, encrypted …).
    """
    if not _looks_like_pdf(path):
        return None
    import pymupdf

    try:
        with pymupdf.open(path) as doc:
            if doc.needs_pass:
                return None
            if limits.max_pages and doc.page_count > limits.max_pages:
                return f"too many pages ({doc.page_count} > limit {limits.max_pages}); raise --max-pages to ingest it"
            return _image_limit(doc, limits)
    except Exception:  # damaged: the pipeline reports it
        return None


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return b"%PDF-" in f.read(1024)
    except OSError:
        return False


def _image_limit(doc: object, limits: Limits) -> str | None:
    if not limits.max_image_megapixels:
        return None
    for page in doc:  # type: ignore[attr-defined]
        for img in page.get_images(full=True):
            mpx = img[2] * img[3] / 1e6
            if mpx > limits.max_image_megapixels:
                return (
                    f"page {page.number + 1}: image of {img[2]}×{img[3]} px ({mpx:.0f} Mpx) exceeds the limit "
                    f"of {limits.max_image_megapixels:.0f} Mpx"
                )
    return None


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space, so a runaway document gets a MemoryError instead of the OOM killer."""
    if memory_mb:
        cap = memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))

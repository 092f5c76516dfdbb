"""The ingest orchestrator: walk → hash → plan (skip known hashes) → process in workers → one writer.

Each finished document is committed in its own transaction as soon as it comes back, so an interrupted run keeps
everything finished before the interruption and a re-run does only the rest; the end state is the same as one
uninterrupted run. A file whose sha256 is already in the database is skipped; the same path with a new hash becomes a
new version and the old one is marked superseded.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cnfiscal.corpus import store
from cnfiscal.corpus.crossdoc import store as crossdoc
from cnfiscal.corpus.progress import IngestSummary, Progress
from cnfiscal.corpus.rows import record_to_rows
from cnfiscal.corpus.task import Limits, Outcome, Task, Work, failed, run_task
from cnfiscal.corpus.walk import Found, hash_file, walk
from cnfiscal.errors import CorpusError
from cnfiscal.models import DocumentRecord, ErrorItem, InputKind, Source, Status
from cnfiscal.options import Options

log = logging.getLogger(__name__)


class Backend(Protocol):
    replaced: int

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]: ...


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """How an ingest runs (the CLI builds it from its flags)."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    scheduler: str | None = None  # a Dask scheduler address, tcp://host:port
    client: Any = None  # or a distributed.Client
    options: Options = field(default_factory=Options)
    limits: Limits = field(default_factory=Limits)
    work: Work = run_task
    progress: bool | None = None  # None: a bar when stderr is a terminal
    retry_failed: bool = False  # process again what failed before (e.g. after raising a limit)
    on_hashed: Callable[[Found], None] | None = None  # test hook: called after a file is hashed, before its work
    on_stored: Callable[[Outcome, DocumentRecord], None] | None = None  # called after each document is committed


def ingest(
    paths: Iterable[Path | str], db: Path | str, config: IngestConfig | None = None, **overrides: Any
) -> IngestSummary:
    """Ingest files and folders into the DuckDB file ``db``; return what was done.

    Keyword overrides set ``IngestConfig`` fields: ``ingest(["docs/"], db="c.duckdb", workers=2)``.
    """
    config = IngestConfig(**{**(_fields(config) if config else {}), **overrides})
    if isinstance(paths, str | Path):
        paths = [paths]
    t0 = time.perf_counter()
    con = store.connect(db)
    try:
        summary = IngestSummary(db=str(db))
        tasks = plan(paths, con, summary, config)
        run_tasks(tasks, con, summary, config)
        refresh_crossdoc(con)  # after a reinstated version, or an earlier run cut short
    finally:
        con.close()
    summary.seconds = round(time.perf_counter() - t0, 3)
    log.info("%s", summary.render())
    return summary


def plan(paths: Iterable[Path | str], con: Any, summary: IngestSummary, config: IngestConfig) -> list[Task]:
    """Hash every file found; skip known hashes and duplicates; store unreadable files as failed rows now."""
    walked = walk(paths)
    summary.issues.extend(walked.issues)
    summary.found = len(walked.files)
    have = store.known(con)
    skip = have.hashes - have.failed if config.retry_failed else have.hashes
    seen: set[str] = set()
    tasks: list[Task] = []
    for path in walked.files:
        found = hash_file(path)
        if found.sha256 is None:
            write(con, unreadable(found), summary)
            continue
        if found.sha256 in skip or found.sha256 in seen:
            summary.skipped += 1
            _reinstate_if_reverted(con, have, found)
            continue
        seen.add(found.sha256)
        if config.on_hashed is not None:
            config.on_hashed(found)
        tasks.append(Task(len(tasks), path, found.sha256, found.size))
    return tasks


def _reinstate_if_reverted(con: Any, have: store.Known, found: Found) -> None:
    sha, path = found.sha256 or "", found.path
    if have.path_of.get(sha) == path and have.live_by_path.get(path, sha) != sha:
        log.info("%s: back to an earlier version (%s…); that version is live again", path, sha[:12])
        store.reinstate(con, sha, path)


def run_tasks(tasks: list[Task], con: Any, summary: IngestSummary, config: IngestConfig) -> None:
    if not tasks:
        return
    backend = make_backend(config, len(tasks))
    summary.workers = getattr(backend, "size", 0)
    with Progress(len(tasks), config.progress) as progress:
        for outcome in backend.run(tasks):
            record = decode(outcome, tasks[outcome.index])
            write(con, record, summary)
            summary.note_worker(outcome.worker, outcome.peak_rss_mb)
            if config.on_stored is not None:
                config.on_stored(outcome, record)
            progress.advance(record.source.path, record.status is Status.FAILED)
    summary.workers_replaced = backend.replaced


def make_backend(config: IngestConfig, n_tasks: int) -> Backend:
    if config.scheduler or config.client is not None:
        from cnfiscal.corpus.dask_backend import DaskBackend

        return DaskBackend(config.scheduler, config.client, config.options, config.limits, config.work)
    if config.workers <= 0:
        from cnfiscal.corpus.inline import InlineBackend

        return InlineBackend(config.options, config.limits, config.work)
    from cnfiscal.corpus.workers import WorkerPool

    return WorkerPool(min(config.workers, n_tasks), config.options, config.limits, config.work)


def decode(outcome: Outcome, task: Task) -> DocumentRecord:
    try:
        return DocumentRecord.model_validate_json(outcome.record_json)
    except ValueError as e:  # a worker sent something that is not a record: a bug, recorded as a failure
        log.error("%s: worker returned an invalid record: %s", task.path, e)
        return failed(task, "corpus", f"worker returned an invalid record: {e}", "CorpusError")


def write(con: Any, record: DocumentRecord, summary: IngestSummary) -> None:
    version = store.write_document(con, record_to_rows(record))
    log.debug("stored %s (version %d, %s)", record.source.path, version, record.status)
    summary.add(record, version)
    refresh_crossdoc(con)


def refresh_crossdoc(con: Any) -> None:
    """Re-check the office group a stored document changed (issue 14); a failure here never loses the document:
    the next refresh completes it."""
    try:
        crossdoc.refresh(con)
    except CorpusError as e:
        log.error("cross-document checks not updated: %s", e)


def unreadable(found: Found) -> DocumentRecord:
    kind = InputKind.PDF_TEXT if found.path.lower().endswith(".pdf") else InputKind.TEXT
    return DocumentRecord(
        source=Source(path=found.path, sha256="", input_kind=kind),
        status=Status.FAILED,
        errors=[ErrorItem(stage="input", reason=found.reason or "cannot read", error_type="InputError")],
    )


def _fields(config: IngestConfig) -> dict[str, Any]:
    return {name: getattr(config, name) for name in IngestConfig.__dataclass_fields__}

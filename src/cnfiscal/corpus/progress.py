"""The ingest summary, and progress: a rich bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from cnfiscal.models import DocumentRecord, Status

log = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 5.0


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    db: str
    found: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    superseded: int = 0
    pages: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    issues: list[str] = field(default_factory=list)  # walk issues: loops, missing arguments
    seconds: float = 0.0
    workers: int = 0
    workers_replaced: int = 0
    peak_worker_rss_mb: dict[str, float] = field(default_factory=dict)

    def add(self, record: DocumentRecord, version: int) -> None:
        if record.status is Status.FAILED:
            self.failed += 1
            reason = record.errors[0].reason if record.errors else "unknown"
            self.failures.append((record.source.path, reason))
        else:
            self.done += 1
            self.pages += record.source.pages or 0
        self.superseded += version > 1
        self.findings.update(str(f.severity) for f in record.findings)

    def note_worker(self, worker: str, rss_mb: float) -> None:
        if worker:
            self.peak_worker_rss_mb[worker] = max(rss_mb, self.peak_worker_rss_mb.get(worker, 0.0))

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def render(self) -> str:
        sev = ", ".join(f"{k} {self.findings.get(k, 0)}" for k in ("error", "warning", "info"))
        rate = self.done / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.db}: {self.done} done, {self.skipped} skipped, {self.failed} failed "
            f"({self.found} found; {self.superseded} new versions of known paths)",
            f"pages {self.pages}; findings: {sev}; {self.seconds:.1f} s ({rate:.1f} documents/s)",
        ]
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failures]
        lines += [f"  note: {issue}" for issue in self.issues]
        return "\n".join(lines)


class Progress:
    """``with Progress(total) as p: p.advance(path)`` — a rich bar on a terminal, else a log line every few seconds."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        self.total, self.count, self.failed = total, 0, 0
        self.tty = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None
        self._task: Any = None
        self._last = time.monotonic()

    def __enter__(self) -> Progress:
        if self.tty and self.total:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("", total=self.total)
        return self

    def advance(self, path: str, failed: bool) -> None:
        self.count += 1
        self.failed += failed
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=f"{self.failed} failed")
        elif time.monotonic() - self._last >= LOG_EVERY_SECONDS or self.count == self.total:
            self._last = time.monotonic()
            log.info("ingest: %d/%d documents (%d failed), last %s", self.count, self.total, self.failed, path)

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

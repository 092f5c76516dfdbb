"""The watch orchestrator: crawl and fetch → plan (skip known hashes) → process in the ingest's workers → digest.

The documents go through the ingest's own machinery (its backends, its one writer, its per-document transactions);
a document's path in the database is the URL it was fetched from, so the same URL with new content is a new version
and the older one is marked superseded exactly as ``ingest`` does for a path. A URL's state is written after its
document is committed: a run killed at any point leaves nothing half-done, and a re-run completes it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from cnfiscal.corpus import store
from cnfiscal.corpus.ingest import IngestConfig, decode, make_backend, refresh_crossdoc, write
from cnfiscal.corpus.progress import IngestSummary, Progress
from cnfiscal.corpus.task import Task
from cnfiscal.corpus.watch import digest as digests
from cnfiscal.corpus.watch import markdown
from cnfiscal.corpus.watch.blobs import BlobStore
from cnfiscal.corpus.watch.crawl import Crawl, Crawler, Hit
from cnfiscal.corpus.watch.fetch import Fetched, Fetcher, FetchStatus, HttpConfig, blob_path
from cnfiscal.corpus.watch.rows import row_for
from cnfiscal.corpus.watch.sources import UrlKind, WatchSource, parse_sources
from cnfiscal.corpus.watch.state import (
    RunCounts,
    UrlRow,
    create_tables,
    finish_run,
    load_urls,
    now,
    save_url,
    start_run,
)
from cnfiscal.corpus.watch.state import window as digest_window
from cnfiscal.models import DocumentRecord, Status

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """How a watch run goes (the CLI builds it from its flags)."""

    http: HttpConfig = field(default_factory=HttpConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    store: Path | None = None  # fetched files; default: ``<db name>.files/`` beside the database
    digest: Path | None = None  # the digest folder; None: no digest files (the digest is still returned)
    max_pages: int = 500  # pages fetched per run at most
    transport: Any = None  # an httpx transport instead of the network (e.g. a proxy's)


@dataclass(slots=True)
class WatchSummary:
    db: str
    ingest: IngestSummary
    digest: digests.Digest | None = None
    digest_path: Path | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.digest is not None and not self.digest.failed

    def render(self) -> str:
        head = markdown.headline(self.digest) if self.digest else "没有结果 no result"
        lines = [f"{self.db}: {head}; {self.seconds:.1f} s"]
        if self.digest:
            lines += [f"  失败 failed: {f.url}: {f.reason}" for f in self.digest.failed]
        if self.digest_path:
            lines.append(f"  日报 digest: {self.digest_path}")
        return "\n".join(lines)


@dataclass(slots=True)
class _Pending:
    """A document to process: its task, the URL it is stored under, the URL rows to write once it is stored."""

    task: Task
    label: str
    rows: list[UrlRow] = field(default_factory=list)


@dataclass(slots=True)
class _Run:
    con: duckdb.DuckDBPyConnection
    run_id: int
    blobs: BlobStore
    known: dict[str, UrlRow]
    config: WatchConfig
    pending: dict[str, _Pending] = field(default_factory=dict)  # by sha256
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1


def watch(sources: list[str] | list[WatchSource], db: Path | str, config: WatchConfig | None = None) -> WatchSummary:
    """Fetch what is new at ``sources``, ingest it into ``db``, and digest the run."""
    config = config or WatchConfig()
    parsed = parse_sources([str(s) for s in sources]) if sources and isinstance(sources[0], str) else sources
    watched: list[WatchSource] = [s for s in parsed if isinstance(s, WatchSource)]
    t0 = time.perf_counter()
    con = store.connect(db)
    try:
        create_tables(con)
        summary = _watch(con, watched, Path(db), config)
    finally:
        con.close()
    summary.seconds = round(time.perf_counter() - t0, 3)
    log.info("%s", summary.render())
    return summary


def _watch(con: duckdb.DuckDBPyConnection, sources: list[WatchSource], db: Path, config: WatchConfig) -> WatchSummary:
    blobs = BlobStore(config.store or db.with_name(db.stem + ".files"))
    run_id, started = start_run(con, sources, blobs.root)
    blobs.clean_partial()
    run = _Run(con, run_id, blobs, load_urls(con), config)
    fetcher = Fetcher(config.http, blobs, config.transport)
    try:
        crawl = Crawler(fetcher, run.known, lambda hit, f: _save_page(run, hit, f), config.max_pages).run(sources)
    finally:
        fetcher.close()
    summary = IngestSummary(db=str(db), found=len(crawl.files))
    _plan(run, crawl, summary)
    _process(run, list(run.pending.values()), summary)
    refresh_crossdoc(con)  # as ingest does: after a reinstated version, or a run cut short
    notes = crawl.notes + _empty_sources(sources, crawl)
    head = {"run_id": run_id, "started_at": started.isoformat() + "Z", "db": str(db), "notes": notes}
    digest = digests.build(
        con,
        digest_window(con, run_id),
        _counts(run, crawl, fetcher.requests, summary),
        **head,
        finished_at=now().isoformat() + "Z",
        sources=[s.url for s in sources],
    )
    digest.source_counts = [
        digests.DigestSource(url=url, pages=c.pages, files=c.files, failed=c.failed)
        for url, c in crawl.by_source.items()
    ]
    digest.summary = markdown.headline(digest)
    path = digests.write(digest, config.digest, markdown.render(digest)) if config.digest else None
    c = digest.counts
    finish_run(con, run_id, RunCounts(c.requests, c.downloaded, c.not_modified, c.failed), str(path) if path else None)
    return WatchSummary(str(db), summary, digest, path)


def _empty_sources(sources: list[WatchSource], crawl: Crawl) -> list[str]:
    """A listing that answered but led to no file at all: redesigned, or its links made by a script?"""
    notes = []
    for s in sources:
        count = crawl.by_source.get(s.url)
        if s.kind is UrlKind.PAGE and count is not None and count.files == 0 and count.failed < count.pages:
            notes.append(
                f"来源 {s.url} 本次没有找到任何文件（栏目改版，或链接由脚本生成？）"
                "source led to no file this run (page redesigned, or links made by a script?)"
            )
            log.warning("%s", notes[-1])
    return notes


def _save_page(run: _Run, hit: Hit, fetched: Fetched) -> None:
    run.count(fetched.status.value)
    prior = run.known.get(hit.url)
    row = row_for(hit, fetched, prior, run.run_id, run.blobs)
    save_url(run.con, row, new_content=False)
    if prior is not None and prior.sha256 and prior.sha256 != row.sha256:
        _drop_page_copy(run, prior.sha256, hit.suffix)


def _drop_page_copy(run: _Run, sha: str, suffix: str) -> None:
    """A page's previous copy is only needed to answer a 304; once the page has changed it goes (unless another URL
    serves it, or it is a document's file)."""
    users = run.con.execute(
        "SELECT (SELECT count(*) FROM watch_urls WHERE sha256 = ?) + (SELECT count(*) FROM documents WHERE sha256 = ?)",
        [sha, sha],
    ).fetchone()
    path = blob_path(run.blobs, sha, suffix)
    if path is not None and users is not None and users[0] == 0:
        path.unlink(missing_ok=True)


def _plan(run: _Run, crawl: Crawl, summary: IngestSummary) -> None:
    """Store the URL state of what needs no work now; queue each unknown content once."""
    have = store.known(run.con)
    retry = run.config.ingest.retry_failed
    skip = have.hashes - have.failed if retry else have.hashes
    for hit, fetched in sorted(crawl.files, key=lambda hf: hf[0].url):  # a stable order, whatever came back first
        run.count(fetched.status.value)
        row = row_for(hit, fetched, run.known.get(hit.url), run.run_id, run.blobs)
        if fetched.status is FetchStatus.DOWNLOADED and row.sha256 and row.sha256 not in skip:
            _queue(run, row, hit).rows.append(row)
            continue
        new_content = fetched.status is FetchStatus.DOWNLOADED
        save_url(run.con, row, new_content)
        if new_content and row.sha256:
            summary.skipped += 1
            _reinstate_if_reverted(run.con, have, row)
        elif retry and fetched.status is FetchStatus.NOT_MODIFIED and row.sha256 in have.failed:
            _queue(run, row, hit, have.path_of.get(row.sha256 or ""))


def _queue(run: _Run, row: UrlRow, hit: Hit, label: str | None = None) -> _Pending:
    sha = row.sha256 or ""
    if sha not in run.pending:
        path = blob_path(run.blobs, sha, hit.suffix)
        task = Task(len(run.pending), str(path), sha, row.bytes)
        run.pending[sha] = _Pending(task, label or row.url)
    return run.pending[sha]


def _reinstate_if_reverted(con: duckdb.DuckDBPyConnection, have: store.Known, row: UrlRow) -> None:
    sha = row.sha256 or ""
    if have.path_of.get(sha) == row.url and have.live_by_path.get(row.url, sha) != sha:
        log.info("%s: serves an earlier version again (%s…); that version is live again", row.url, sha[:12])
        store.reinstate(con, sha, row.url)


def _process(run: _Run, pending: list[_Pending], summary: IngestSummary) -> None:
    """The ingest's backends and writer; each document committed, then the URL rows that point to it."""
    if not pending:
        return
    tasks = [p.task for p in pending]
    backend = make_backend(run.config.ingest, len(tasks))
    summary.workers = getattr(backend, "size", 0)
    with Progress(len(tasks), run.config.ingest.progress) as progress:
        for outcome in backend.run(tasks):
            item = pending[outcome.index]
            record = relabel(decode(outcome, item.task), item.label)
            write(run.con, record, summary)
            for row in item.rows:
                save_url(run.con, row, new_content=True)
            progress.advance(item.label, record.status is Status.FAILED)
    summary.workers_replaced = backend.replaced


def relabel(record: DocumentRecord, url: str) -> DocumentRecord:
    """The record as stored: its path is the URL it came from (the local copy is in the file store)."""
    return record.model_copy(update={"source": record.source.model_copy(update={"path": url})})


def _counts(run: _Run, crawl: Crawl, requests: int, summary: IngestSummary) -> digests.DigestCounts:
    return digests.DigestCounts(
        pages=crawl.pages,
        files=len(crawl.files),
        requests=requests,
        downloaded=run.counts.get(FetchStatus.DOWNLOADED.value, 0),
        not_modified=run.counts.get(FetchStatus.NOT_MODIFIED.value, 0),
        processed=summary.done + summary.failed,
    )

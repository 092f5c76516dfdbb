"""The watch state in the corpus database, beside the documents it leads to.

``watch_urls`` one row per URL seen (page or file): its HTTP validators, the sha256 it last served (and where that body
is kept, relative to the file store), first/last seen, whether its last fetch failed and why, the source's hints.
``watch_versions`` one row each time a URL served content it had not served before (``previous_sha256`` null: first
seen). ``watch_runs`` one row per run (``finished_at`` null: interrupted). ``watch_sources`` one row per source.

Every change is its own small transaction, written after the document it points to is committed, so a ``kill -9``
leaves a state that a re-run completes to what one uninterrupted run gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cnfiscal.corpus.watch.sources import WatchSource
from cnfiscal.corpus.watch.tables import WATCH_SPECS
from cnfiscal.errors import CorpusError

log = logging.getLogger(__name__)

# columns that say when something happened, not what was seen (left out when two databases are compared)
VOLATILE = frozenset({"first_seen", "last_seen", "last_changed", "first_run", "last_run", "run_id", "seen_at"})


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class UrlRow:
    """One row of ``watch_urls``."""

    url: str
    kind: str
    source: str
    referrer: str | None = None
    link_text: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    bytes: int | None = None
    content_kind: str | None = None
    blob: str | None = None
    status: str = "ok"
    reason: str | None = None
    office_hint: str | None = None
    year_hint: int | None = None
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None
    last_changed: dt.datetime | None = None
    first_run: int | None = None
    last_run: int | None = None


URL_COLUMNS = tuple(f.name for f in dataclasses.fields(UrlRow))


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the watch tables; a column added to a spec later is added to an older database too."""
    for spec in WATCH_SPECS:
        con.execute(spec.ddl())
        for name, sql_type in spec.columns:
            con.execute(f'ALTER TABLE {spec.name} ADD COLUMN IF NOT EXISTS "{name}" {sql_type}')


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, what: str) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise CorpusError(f"{what}: cannot store the watch state: {e}") from e
    except BaseException:
        con.execute("ROLLBACK")
        raise


def load_urls(con: duckdb.DuckDBPyConnection) -> dict[str, UrlRow]:
    cols = ", ".join(URL_COLUMNS)
    rows = con.execute(f"SELECT {cols} FROM watch_urls").fetchall()
    return {r[0]: UrlRow(*r) for r in rows}


def save_url(con: duckdb.DuckDBPyConnection, row: UrlRow, new_content: bool) -> None:
    """Store a URL's row; with ``new_content``, a sha256 it has not served before is also a ``watch_versions`` row."""
    with transaction(con, row.url):
        previous = last_version(con, row.url)
        con.execute("DELETE FROM watch_urls WHERE url = ?", [row.url])
        marks = ", ".join("?" for _ in URL_COLUMNS)
        con.execute(f"INSERT INTO watch_urls ({', '.join(URL_COLUMNS)}) VALUES ({marks})", list(_values(row)))
        if new_content and row.sha256 and row.sha256 != previous:
            con.execute(
                "INSERT INTO watch_versions VALUES (?, ?, ?, ?, ?)",
                [row.url, row.sha256, previous, row.last_run, row.last_seen],
            )


def last_version(con: duckdb.DuckDBPyConnection, url: str) -> str | None:
    """The sha256 of the last document content ``url`` served (error pages and failures are not versions)."""
    got = con.execute(
        "SELECT sha256 FROM watch_versions WHERE url = ? ORDER BY run_id DESC, seen_at DESC LIMIT 1", [url]
    ).fetchone()
    return str(got[0]) if got else None


def _values(row: UrlRow) -> Iterator[object]:
    for name in URL_COLUMNS:
        yield getattr(row, name)


def start_run(con: duckdb.DuckDBPyConnection, sources: list[WatchSource], store: Path) -> tuple[int, dt.datetime]:
    started = now()
    with transaction(con, "watch run"):
        last = con.execute("SELECT max(run_id) FROM watch_runs").fetchone()
        run_id = int(last[0] or 0) + 1 if last else 1
        urls = json.dumps([s.url for s in sources], ensure_ascii=False)
        con.execute(
            "INSERT INTO watch_runs (run_id, started_at, sources, store) VALUES (?, ?, ?, ?)",
            [run_id, started, urls, str(store.resolve())],
        )
        for s in sources:
            _save_source(con, s, run_id, started)
    return run_id, started


def _save_source(con: duckdb.DuckDBPyConnection, s: WatchSource, run_id: int, at: dt.datetime) -> None:
    first = con.execute("SELECT first_seen FROM watch_sources WHERE url = ?", [s.url]).fetchone()
    con.execute("DELETE FROM watch_sources WHERE url = ?", [s.url])
    con.execute(
        "INSERT INTO watch_sources VALUES (?, ?, ?, ?, ?, ?, ?)",
        [s.url, s.follow_text, s.depth, s.office, s.year, first[0] if first else at, run_id],
    )


@dataclass(frozen=True, slots=True)
class RunCounts:
    requests: int = 0
    downloaded: int = 0
    not_modified: int = 0
    failed: int = 0


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, counts: RunCounts, digest: str | None) -> None:
    with transaction(con, "watch run"):
        con.execute(
            "UPDATE watch_runs SET finished_at = ?, requests = ?, downloaded = ?, not_modified = ?, failed = ?, "
            "digest = ? WHERE run_id = ?",
            [now(), counts.requests, counts.downloaded, counts.not_modified, counts.failed, digest, run_id],
        )


@dataclass(frozen=True, slots=True)
class Window:
    """The runs a digest covers: this run and any interrupted ones since the last finished run."""

    runs: tuple[int, ...]
    start: dt.datetime


def window(con: duckdb.DuckDBPyConnection, run_id: int) -> Window:
    done = con.execute(
        "SELECT max(run_id) FROM watch_runs WHERE finished_at IS NOT NULL AND run_id < ?", [run_id]
    ).fetchone()
    after = int(done[0] or 0) if done else 0
    rows = con.execute(
        "SELECT run_id, started_at FROM watch_runs WHERE run_id > ? AND run_id <= ? ORDER BY run_id", [after, run_id]
    ).fetchall()
    return Window(tuple(r[0] for r in rows), min(r[1] for r in rows))


def local_copies(con: duckdb.DuckDBPyConnection) -> dict[str, Path]:
    """sha256 → the stored copy of each document ``watch`` fetched, where it is still on disk (for readers that need
    the file itself, e.g. the report's evidence pictures: a watched document's ``documents.path`` is its URL)."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not {"watch_urls", "watch_runs"} <= have:
        return {}
    rows = con.execute(
        """SELECT u.sha256, u.blob, r.store FROM watch_urls u JOIN watch_runs r ON r.run_id = u.last_run
           JOIN documents d ON d.sha256 = u.sha256 WHERE u.blob IS NOT NULL AND r.store IS NOT NULL"""
    ).fetchall()
    copies = {sha: Path(store) / blob for sha, blob, store in rows}
    return {sha: path for sha, path in copies.items() if path.is_file()}

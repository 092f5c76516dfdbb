"""The digest of a watch run: what is new, what changed, what failed, which findings were not there before.

It is read from the database, not from memory, so it covers this run and any interrupted runs since the last finished
one (a nightly job killed yesterday is reported today). Written to ``DIR/latest.json`` and a dated copy, with a short
Markdown summary beside each (``latest.md``), Chinese first.

``new_findings`` are findings, by ``Finding.identity(sha256)``, of documents stored in this digest's runs that no
document stored before held. The identity includes the content hash, so a finding can have been there before only
when its document was. A finding an auditor dismissed (驳回) — on this version, or the same finding on an earlier
version of the URL (``corpus.reviews``) — is left out and only counted (``dismissed_findings``).
``new_corpus_findings`` are the cross-document findings (``corpus_findings``, issue 14) with a document of this
digest on either side: what a newly published document contradicts in another publication of its office.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, Field

from cnfiscal.corpus.reviews import dismissed_ids
from cnfiscal.corpus.watch.state import Window
from cnfiscal.errors import CorpusError
from cnfiscal.models import DocumentRecord

log = logging.getLogger(__name__)

DIGEST_VERSION = "cnfiscal-watch-digest-1"


class DigestDocument(BaseModel):
    url: str
    sha256: str
    doc_type: str | None = None
    unit_name: str | None = None
    year: int | None = None
    status: str | None = None
    previous_sha256: str | None = None
    office_hint: str | None = None
    year_hint: int | None = None
    title: str | None = None  # the link's text on the page it was found on (the attachment's name as published)
    found_on: str | None = None  # that page


class DigestFailure(BaseModel):
    url: str
    reason: str
    stage: str = "fetch"


class DigestFinding(BaseModel):
    finding_id: str
    url: str
    sha256: str
    rule: str
    severity: str
    message: str
    stated: str | None = None
    recomputed: str | None = None
    difference: str | None = None
    page: int | None = None
    where: str | None = None


class DigestCorpusFinding(BaseModel):
    """A finding across two documents of one office (``corpus_findings``): each side's URL (or path) and page."""

    finding_id: str
    rule: str
    severity: str
    message: str
    stated: str | None = None
    recomputed: str | None = None
    url_a: str
    page_a: int | None = None
    url_b: str | None = None
    page_b: int | None = None


class DigestSource(BaseModel):
    """What one source led to in this run: a listing that leads to no file at all is worth a look."""

    url: str
    pages: int = 0
    files: int = 0
    failed: int = 0


class DigestCounts(BaseModel):
    pages: int = 0
    files: int = 0
    requests: int = 0
    downloaded: int = 0
    not_modified: int = 0
    processed: int = 0
    new: int = 0
    changed: int = 0
    failed: int = 0
    new_findings: int = 0
    dismissed_findings: int = 0  # new by id, but an auditor dismissed them (or the same finding of an earlier version)
    new_corpus_findings: int = 0


class Digest(BaseModel):
    digest_version: str = DIGEST_VERSION
    run_id: int
    runs: list[int]
    started_at: str
    finished_at: str
    db: str
    sources: list[str]
    counts: DigestCounts
    new: list[DigestDocument] = Field(default_factory=list)
    changed: list[DigestDocument] = Field(default_factory=list)
    failed: list[DigestFailure] = Field(default_factory=list)
    new_findings: list[DigestFinding] = Field(default_factory=list)
    new_corpus_findings: list[DigestCorpusFinding] = Field(default_factory=list)
    reprocessed: list[DigestDocument] = Field(default_factory=list)  # read again (--retry-failed), now readable
    source_counts: list[DigestSource] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    summary: str = ""


def build(con: duckdb.DuckDBPyConnection, window: Window, counts: DigestCounts, **head: Any) -> Digest:
    """The digest of ``window`` (``head``: run_id, started_at, finished_at, db, sources, notes)."""
    runs = ", ".join(str(r) for r in window.runs)
    digest = Digest(runs=list(window.runs), counts=counts, **head)
    fresh: list[DigestDocument] = []
    for url, (sha, previous, first_seen) in sorted(_versions(con, runs).items()):
        _place(con, digest, fresh, url=url, sha=sha, previous=None if first_seen else previous, start=window.start)
    _place_reprocessed(con, digest, fresh, window.start)
    digest.failed.extend(_url_failures(con, runs))
    digest.failed.sort(key=lambda f: f.url)
    found = _findings(con, fresh)
    dismissed = dismissed_ids(con)
    digest.new_findings = [f for f in found if f.finding_id not in dismissed]
    digest.counts.dismissed_findings = len(found) - len(digest.new_findings)
    digest.new_corpus_findings = [f for f in _corpus_findings(con, fresh) if f.finding_id not in dismissed]
    c = digest.counts
    c.new, c.changed, c.failed = len(digest.new), len(digest.changed), len(digest.failed)
    c.new_findings, c.new_corpus_findings = len(digest.new_findings), len(digest.new_corpus_findings)
    return digest


def _versions(con: duckdb.DuckDBPyConnection, runs: str) -> dict[str, tuple[str, str | None, bool]]:
    """url → (the last sha256 it served in the window, the one before the window, first seen in the window)."""
    rows = con.execute(
        f"SELECT url, sha256, previous_sha256 FROM watch_versions WHERE run_id IN ({runs}) ORDER BY run_id, seen_at"
    ).fetchall()
    out: dict[str, tuple[str, str | None, bool]] = {}
    for url, sha, previous in rows:
        before = out.get(url)
        out[url] = (sha, before[1], before[2]) if before else (sha, previous, previous is None)
    return out


_DOC_SQL = """SELECT d.doc_type, d.unit_name, d.year, d.status, d.error, d.error_stage, d.ingested_at, u.office_hint,
u.year_hint, u.link_text, u.referrer FROM watch_urls u LEFT JOIN documents d ON d.doc_id = ? WHERE u.url = ?"""


def _place(
    con: duckdb.DuckDBPyConnection,
    digest: Digest,
    fresh: list[DigestDocument],
    *,
    url: str,
    sha: str,
    previous: str | None,
    start: dt.datetime,
) -> None:
    got = con.execute(_DOC_SQL, [sha, url]).fetchone()
    doc_type, unit, year, status, error, stage, ingested, office, year_hint, title, page = got or (None,) * 11
    if status == "failed":
        digest.failed.append(DigestFailure(url=url, reason=error or "处理失败 failed", stage=stage or "pipeline"))
        return
    stored_now = ingested is not None and ingested >= start
    doc = DigestDocument(
        url=url,
        sha256=sha,
        doc_type=doc_type,
        unit_name=unit,
        year=year,
        status=status,
        previous_sha256=previous,
        office_hint=office,
        year_hint=year_hint,
        title=title,
        found_on=page,
    )
    if previous is None and not stored_now:
        log.info("%s: serves a document stored before (%s…); not new", url, sha[:12])
        return
    if previous is None and any(d.sha256 == sha for d in digest.new):
        log.info("%s: the same document as another new URL (%s…); listed once", url, sha[:12])
        return
    (digest.changed if previous else digest.new).append(doc)
    if stored_now:
        fresh.append(doc)


_REPROCESSED_SQL = """SELECT d.path, d.sha256, d.doc_type, d.unit_name, d.year, d.status, d.error, d.error_stage
FROM documents d JOIN watch_urls u ON u.url = d.path AND u.sha256 = d.sha256
WHERE d.ingested_at >= ? AND NOT d.superseded ORDER BY d.path"""


def _place_reprocessed(
    con: duckdb.DuckDBPyConnection, digest: Digest, fresh: list[DigestDocument], start: dt.datetime
) -> None:
    """Documents stored in the window without new content at their URL: earlier failures read again."""
    placed = {d.url for d in fresh} | {f.url for f in digest.failed}
    for url, sha, doc_type, unit, year, status, error, stage in con.execute(_REPROCESSED_SQL, [start]).fetchall():
        if url in placed:
            continue
        if status == "failed":
            digest.failed.append(DigestFailure(url=url, reason=error or "处理失败 failed", stage=stage or "pipeline"))
            continue
        doc = DigestDocument(url=url, sha256=sha, doc_type=doc_type, unit_name=unit, year=year, status=status)
        digest.reprocessed.append(doc)
        fresh.append(doc)


def _url_failures(con: duckdb.DuckDBPyConnection, runs: str) -> list[DigestFailure]:
    rows = con.execute(
        f"SELECT url, reason FROM watch_urls WHERE status = 'failed' AND last_run IN ({runs}) ORDER BY url"
    ).fetchall()
    return [DigestFailure(url=u, reason=r or "失败 failed") for u, r in rows]


def _findings(con: duckdb.DuckDBPyConnection, docs: list[DigestDocument]) -> list[DigestFinding]:
    out: list[DigestFinding] = []
    seen: set[str] = set()
    for doc in docs:
        got = con.execute("SELECT record_json FROM records WHERE sha256 = ?", [doc.sha256]).fetchone()
        if not got:
            continue
        record = DocumentRecord.model_validate_json(got[0])
        for f in record.findings:
            fid = f.identity(doc.sha256)
            if fid not in seen:
                seen.add(fid)
                out.append(_finding(fid, doc, f))
    return out


def _corpus_findings(con: duckdb.DuckDBPyConnection, docs: list[DigestDocument]) -> list[DigestCorpusFinding]:
    shas = sorted({d.sha256 for d in docs})
    if not shas:
        return []
    marks = ", ".join("?" * len(shas))
    rows = con.execute(
        "SELECT f.finding_id, f.rule, f.severity, f.message, f.stated, f.recomputed, "
        "coalesce(a.path, f.sha256_a), f.page_a, coalesce(b.path, f.sha256_b), f.page_b FROM corpus_findings f "
        "LEFT JOIN documents a ON a.sha256 = f.sha256_a LEFT JOIN documents b ON b.sha256 = f.sha256_b "
        f"WHERE f.sha256_a IN ({marks}) OR f.sha256_b IN ({marks}) ORDER BY f.finding_id",
        [*shas, *shas],
    ).fetchall()
    names = ("finding_id", "rule", "severity", "message", "stated", "recomputed", "url_a", "page_a", "url_b", "page_b")
    return [DigestCorpusFinding(**dict(zip(names, row, strict=True))) for row in rows]


def _finding(fid: str, doc: DigestDocument, f: Any) -> DigestFinding:
    return DigestFinding(
        finding_id=fid,
        url=doc.url,
        sha256=doc.sha256,
        rule=f.rule,
        severity=str(f.severity),
        message=f.message,
        stated=f.stated,
        recomputed=f.recomputed,
        difference=f.difference,
        page=f.page,
        where=f.where,
    )


def write(digest: Digest, folder: Path, markdown: str) -> Path:
    """``latest.json`` / ``latest.md`` and dated copies, each written atomically; returns latest.json's path."""
    stamp = digest.finished_at.replace(":", "").replace("-", "")[:15]  # 20261204T231000
    text = digest.model_dump_json(indent=2) + "\n"
    dated = f"{stamp}-run{digest.run_id}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in (dated, "latest"):  # the dated copy first: latest.json never names a run that has no copy
            _atomic(folder / f"{name}.json", text)
            _atomic(folder / f"{name}.md", markdown)
    except OSError as e:
        raise CorpusError(f"{folder}: 无法写日报 cannot write the digest: {e.strerror or e}") from e
    return folder / "latest.json"


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)

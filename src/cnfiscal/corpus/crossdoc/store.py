"""Keeping the cross-document tables in step with the documents: incremental and crash-safe.

``refresh(con)`` runs after each document is committed (and at the end of an ingest). In one transaction it:

1. links every live document that has no ``office_links`` row yet (reading its stored record) and drops the link
   rows of documents that are no longer live (superseded, removed, failed);
2. groups the live documents by office and compares each group's content signature (the sorted sha256 of its
   documents) with the one stored in ``offices`` when the group was last checked;
3. re-checks only the groups whose signature changed — their findings and checks are replaced — and retracts the
   findings of offices left without a live document.

So adding a document re-checks its office's group only, a new version or a removal retracts what it caused, and a
``kill -9`` between a document's commit and this step leaves a state the next ``refresh`` completes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections import Counter, defaultdict
from dataclasses import asdict
from typing import Any

import duckdb
import pyarrow as pa

from cnfiscal.corpus.crossdoc import rules
from cnfiscal.corpus.crossdoc.identity import members
from cnfiscal.corpus.crossdoc.identity.offices import OfficeLink, link
from cnfiscal.corpus.crossdoc.tables import CORPUS_CHECKS, CORPUS_FINDINGS, OFFICE_LINKS, OFFICES
from cnfiscal.corpus.tablespec import TableSpec
from cnfiscal.errors import CorpusError
from cnfiscal.models import DocumentRecord

log = logging.getLogger(__name__)

_LIVE = "SELECT sha256 FROM documents WHERE status = 'ok' AND NOT superseded AND sha256 IS NOT NULL AND sha256 <> ''"


def refresh(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the cross-document tables up to date; return the office ids whose group was re-checked."""
    con.execute("BEGIN TRANSACTION")
    try:
        checked = _refresh(con)
        con.execute("COMMIT")
    except BaseException as e:
        con.execute("ROLLBACK")
        if isinstance(e, duckdb.Error):
            raise CorpusError(f"cannot update the cross-document tables: {e}") from e
        raise
    return checked


def _refresh(con: duckdb.DuckDBPyConnection) -> list[str]:
    live = {row[0] for row in con.execute(_LIVE).fetchall()}
    linked = {row[0] for row in con.execute("SELECT sha256 FROM office_links").fetchall()}
    for sha in sorted(linked - live):
        con.execute("DELETE FROM office_links WHERE sha256 = ?", [sha])
    for sha in sorted(live - linked):
        record = _record(con, sha)
        if record is not None:
            found = link(record)
            _store_link(con, found, members.listed(found, record))
    _join_members(con)
    con.execute(  # a document row written again (a retry) starts without its office id
        f"UPDATE documents SET office_id = {_OFFICE} FROM office_links l "
        f"WHERE documents.sha256 = l.sha256 AND documents.office_id IS DISTINCT FROM {_OFFICE}"
    )
    groups = _groups(con)
    stored = dict(con.execute("SELECT office_id, signature FROM offices").fetchall())
    for office_id in sorted(set(stored) - set(groups)):
        log.info("office %s has no live document: its cross-document findings are retracted", office_id)
        _delete_office(con, office_id)
    checked = []
    for office_id, shas in sorted(groups.items()):
        signature = _signature(shas)
        if stored.get(office_id) != signature:
            _check_office(con, office_id, shas, signature)
            checked.append(office_id)
    return checked


def _record(con: duckdb.DuckDBPyConnection, sha: str) -> DocumentRecord | None:
    rows = con.execute("SELECT record_json FROM records WHERE sha256 = ?", [sha]).fetchall()
    if not rows or rows[0][0] is None:
        return None
    return DocumentRecord.model_validate_json(rows[0][0])


def _store_link(con: duckdb.DuckDBPyConnection, found: OfficeLink, listed: list[members.Listed]) -> None:
    row = {
        **{k: v for k, v in asdict(found).items() if k in OFFICE_LINKS.column_names},
        "rules": json.dumps(list(found.rules), ensure_ascii=False),
        "names": json.dumps(list(found.names), ensure_ascii=False),
        "units": json.dumps([asdict(e) for e in listed], ensure_ascii=False) if listed else None,
    }
    _insert(con, OFFICE_LINKS, [row])
    con.execute("UPDATE documents SET office_id = ? WHERE sha256 = ?", [found.office_id, found.sha256])
    if found.office_id is None:
        log.info("%s…: not linked to an office: %s", found.sha256[:12], found.reason)


_MEMBER_COLUMNS = "member_of, member_office_id, member_page, member_line, member_confidence"


def _join_members(con: duckdb.DuckDBPyConnection) -> None:
    """Make each linked document a member of the department whose same-year list names it (``members.join``), or
    no longer one: the membership columns of ``office_links`` are set from the stored links and lists."""
    rows = con.execute(
        f"SELECT sha256, office_id, key, scope, confidence, year, units, {_MEMBER_COLUMNS} FROM office_links "
        "ORDER BY sha256"
    ).fetchall()
    links = [OfficeLink(r[0], r[1], r[2], None, "", scope=r[3], confidence=r[4] or 0.0, year=r[5]) for r in rows]
    entries = [members.Listed(**e) for r in rows for e in json.loads(r[6] or "[]")]
    for row, joined in zip(rows, members.join(links, entries), strict=True):
        member = joined.member_of is not None
        now = (
            joined.member_of, joined.office_id if member else None, joined.member_page, joined.member_line,
            joined.confidence if member else None,
        )  # fmt: skip
        if now != tuple(row[7:12]):
            con.execute(
                "UPDATE office_links SET member_of = ?, member_office_id = ?, member_page = ?, member_line = ?, "
                "member_confidence = ? WHERE sha256 = ?",
                [*now, row[0]],
            )


# The office a document is checked in: its department's when a list names it, else its own.
_OFFICE = "coalesce(l.member_office_id, l.office_id)"


def _groups(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for office_id, sha in con.execute(
        f"SELECT {_OFFICE}, l.sha256 FROM office_links l WHERE {_OFFICE} IS NOT NULL ORDER BY l.sha256"
    ).fetchall():
        out[office_id].append(sha)
    return dict(out)


def _signature(shas: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(shas)).encode()).hexdigest()


def _delete_office(con: duckdb.DuckDBPyConnection, office_id: str) -> None:
    for table in ("corpus_findings", "corpus_checks", "offices"):
        con.execute(f"DELETE FROM {table} WHERE office_id = ?", [office_id])


def _check_office(con: duckdb.DuckDBPyConnection, office_id: str, shas: list[str], signature: str) -> None:
    group = []
    for sha in shas:
        record = _record(con, sha)
        if record is not None:
            year, scope, key = _link_row(con, sha)
            group.append(rules.Member(record, year, scope, key if scope == "unit" else None))
    result = rules.check_office(office_id, group)
    _delete_office(con, office_id)
    _insert(con, CORPUS_FINDINGS, [_finding_row(f) for f in result.findings])
    _insert(con, CORPUS_CHECKS, [asdict(c) for c in result.checks])
    _insert(con, OFFICES, [_office_row(con, office_id, shas, signature, len(result.findings))])
    log.info("office %s: %d documents checked, %d cross-document findings", office_id, len(shas), len(result.findings))


def _link_row(con: duckdb.DuckDBPyConnection, sha: str) -> tuple[int | None, str | None, str | None]:
    rows = con.execute(
        "SELECT year, CASE WHEN member_office_id IS NULL THEN scope ELSE 'unit' END, key FROM office_links "
        "WHERE sha256 = ?",
        [sha],
    ).fetchall()
    return (rows[0][0], rows[0][1], rows[0][2]) if rows else (None, None, None)


def _finding_row(f: rules.CrossFinding) -> dict[str, object]:
    row = f.model_dump(mode="json")
    row["message_params"] = json.dumps(f.message_params, ensure_ascii=False)
    return {name: row.get(name) for name in CORPUS_FINDINGS.column_names}


def _office_row(
    con: duckdb.DuckDBPyConnection, office_id: str, shas: list[str], signature: str, n_findings: int
) -> dict[str, object]:
    placeholders = ", ".join("?" for _ in shas)
    rows = con.execute(
        f"SELECT sha256, key, name, source, rules, confidence, year, names, {_MEMBER_COLUMNS}, scope FROM office_links "
        f"WHERE sha256 IN ({placeholders}) ORDER BY year, sha256",
        shas,
    ).fetchall()
    # the office's name and key: the department's own documents', before its own unit's (X本级) and its units'
    own = [r for r in rows if r[8] is None and r[13] != "unit"] or [r for r in rows if r[8] is None] or rows
    printed = Counter(r[2] for r in own if r[2])
    names = sorted({n for r in own for n in json.loads(r[7] or "[]")})
    return {
        "office_id": office_id,
        "key": own[0][1] if own else None,
        "name": printed.most_common(1)[0][0] if printed else None,
        "names": json.dumps(names, ensure_ascii=False),
        "years": json.dumps(sorted({r[6] for r in rows if r[6] is not None})),
        "n_documents": len(shas),
        "evidence": json.dumps([_evidence(r) for r in rows], ensure_ascii=False),
        "signature": signature,
        "n_findings": n_findings,
        "checked_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }


def _evidence(r: tuple[Any, ...]) -> dict[str, object]:
    """How one document was linked: its name (source, rules, confidence), and for a unit its department's list."""
    out = {"sha256": r[0], "name": r[2], "source": r[3], "rules": json.loads(r[4] or "[]"), "confidence": r[5]}
    if r[8] is not None:
        out |= {"member_of": r[8], "page": r[10], "line": r[11], "confidence": r[12]}
    return out


def _insert(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    data = pa.Table.from_pylist([{c: r.get(c) for c in spec.column_names} for r in rows], schema=spec.arrow_schema())
    con.register("_cnfiscal_crossdoc", data)
    try:
        con.execute(f"INSERT INTO {spec.name} SELECT * FROM _cnfiscal_crossdoc")
    finally:
        con.unregister("_cnfiscal_crossdoc")

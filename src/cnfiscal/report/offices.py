"""One page per office (template ``office.html``, issue 14): its documents and why they are linked, its figures year
by year, and the cross-document checks — findings pointing at both documents, agreements counted, and why the rest
was not checked. Read from the corpus tables ``offices``, ``office_links``, ``corpus_findings``, ``corpus_checks``."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from cnfiscal.corpus.crossdoc.figures.items import Figure, label_of
from cnfiscal.corpus.crossdoc.figures.statements import figures
from cnfiscal.corpus.reviews import decisions
from cnfiscal.models import DocumentRecord
from cnfiscal.report.crossfindings import message_in
from cnfiscal.report.data import decision_label, doc_stem
from cnfiscal.report.render import Cell, render_page

log = logging.getLogger(__name__)

OFFICE_DIR = "office"
YEAR_ITEMS = ("总计.支出", "财政拨款.支出", "一般公共预算.支出", "基本支出", "项目支出", "三公", "机关运行经费")
TEN_THOUSAND = Decimal(10_000)


def office_pages(db: Path, out_dir: Path, lang: str = "zh") -> list[Path]:
    """The office pages of the corpus database ``db`` (read only), written under ``out_dir/office/``."""
    from cnfiscal.corpus.store import connect

    con = connect(db, read_only=True)
    try:
        return write_office_pages(con, out_dir, lang)
    finally:
        con.close()


def write_office_pages(con: duckdb.DuckDBPyConnection, out_dir: Path, lang: str = "zh") -> list[Path]:
    """Write ``out_dir/office/<office_id>.html`` for every office with two documents or more (earlier ones removed)."""
    folder = out_dir / OFFICE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    offices = con.execute("SELECT office_id, name, names FROM offices WHERE n_documents > 1 ORDER BY name").fetchall()
    pages = [_write(con, out_dir, lang, row) for row in offices]
    log.info("report: %d office pages in %s", len(pages), folder)
    return pages


def office_index(db: Path) -> list[list[object]]:
    """One row per office page, for the overview: the office (linked), documents, statements agreeing, findings."""
    from cnfiscal.corpus.store import connect

    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT o.office_id, o.name, o.n_documents, "
            "count(*) FILTER (WHERE c.outcome = 'agrees'), count(*) FILTER (WHERE c.outcome = 'finding') "
            "FROM offices o LEFT JOIN corpus_checks c ON c.office_id = o.office_id "
            "WHERE o.n_documents > 1 GROUP BY ALL ORDER BY o.name"
        ).fetchall()
    finally:
        con.close()
    return [[Cell(name, href=f"{OFFICE_DIR}/{oid}.html"), n, agrees, found] for oid, name, n, agrees, found in rows]


def _write(con: duckdb.DuckDBPyConnection, out_dir: Path, lang: str, office: tuple[str, str, str]) -> Path:
    office_id, name, names = office
    links = con.execute(
        # a unit its department's list names is shown on the department's page, linked by that list
        "SELECT l.sha256, l.year, l.doc_type, d.path, l.name, "
        "CASE WHEN l.member_of IS NULL THEN l.source ELSE 'unit_list' END, l.rules, "
        "coalesce(l.member_confidence, l.confidence) FROM office_links l "
        "JOIN documents d ON d.sha256 = l.sha256 AND NOT d.superseded "
        "WHERE coalesce(l.member_office_id, l.office_id) = ? ORDER BY l.year, d.path",
        [office_id],
    ).fetchall()
    files = {sha: Path(path).name for sha, _, _, path, *_ in links}
    records = {sha: _record(con, sha) for sha in files}
    path = out_dir / OFFICE_DIR / f"{office_id}.html"
    return render_page(
        "office.html", path, title=name, home="../index.html", lang=lang, office_id=office_id,
        names=json.loads(names or "[]"), links=[_link_row(row) for row in links],
        year_headers=["年度 year", "类型 kind", "文件 file", *(label_of(i) for i in YEAR_ITEMS)],
        year_rows=[_year_row(row, records[row[0]]) for row in links], year_num=tuple(range(3, 3 + len(YEAR_ITEMS))),
        counts=_counts(con, office_id), findings=_findings(con, office_id, files, lang),
        unchecked=_unchecked(con, office_id),
    )  # fmt: skip


def _record(con: duckdb.DuckDBPyConnection, sha: str) -> DocumentRecord | None:
    rows = con.execute("SELECT record_json FROM records WHERE sha256 = ?", [sha]).fetchall()
    return DocumentRecord.model_validate_json(rows[0][0]) if rows and rows[0][0] else None


def _href(sha: str) -> str:
    return f"../doc/{doc_stem(sha)}.html"


def _link_row(row: tuple[Any, ...]) -> list[object]:
    sha, year, doc_type, path, printed, source, rules, confidence = row
    rules_text = "；".join(json.loads(rules or "[]"))
    return [year, doc_type, Cell(Path(path).name, href=_href(sha)), printed, source, rules_text, confidence]


def _year_row(row: tuple[Any, ...], record: DocumentRecord | None) -> list[object]:
    sha, year, doc_type, path = row[:4]
    found = _first_by_item(figures(record)) if record is not None else {}
    cells = [_amount(found.get(item)) for item in YEAR_ITEMS]
    return [year, doc_type, Cell(Path(path).name, href=_href(sha)), *cells]


def _first_by_item(found: Iterable[Figure]) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for f in sorted(found, key=lambda f: f.source != "table"):
        out.setdefault(f.item, f)
    return out


def _amount(figure: Figure | None) -> object:
    if figure is None:
        return None
    wan = (figure.money.yuan / TEN_THOUSAND).quantize(Decimal("0.01"))
    return Cell(f"{wan:,f}", title=f"p{figure.page}: {figure.evidence}", num=True)


def _counts(con: duckdb.DuckDBPyConnection, office_id: str) -> dict[str, int]:
    rows = con.execute("SELECT outcome, count(*) FROM corpus_checks WHERE office_id = ? GROUP BY 1", [office_id])
    found = dict(rows.fetchall())
    return {k: int(found.get(k, 0)) for k in ("agrees", "finding", "unchecked")}


def _findings(
    con: duckdb.DuckDBPyConnection, office_id: str, files: dict[str, str], lang: str
) -> list[dict[str, object]]:
    rows = con.execute(
        "SELECT severity, rule, message, sha256_a, page_a, sha256_b, page_b, tolerance, message_key, message_params, "
        "finding_id FROM corpus_findings "
        "WHERE office_id = ? ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, year_a",
        [office_id],
    ).fetchall()
    held = {r.finding_id: r for r in decisions(con).itertuples(index=False)}
    return [
        {"severity": sev, "rule": rule, "message": message_in(message, key, params, lang, sev),
         "file_a": files.get(a, a[:12]), "href_a": _href(a), "page_a": pa, "file_b": files.get(b or "", (b or "")[:12]),
         "href_b": _href(b) if b else None, "page_b": pb, "tolerance": tol, "finding_id": fid,
         "decision": decision_label(getattr(held.get(fid), "decision", None)),
         "decision_note": getattr(held.get(fid), "note", None) or ""}
        for sev, rule, message, a, pa, b, pb, tol, key, params, fid in rows
    ]  # fmt: skip


def _unchecked(con: duckdb.DuckDBPyConnection, office_id: str) -> list[list[object]]:
    rows = con.execute(
        "SELECT reason FROM corpus_checks WHERE office_id = ? AND outcome = 'unchecked'", [office_id]
    ).fetchall()
    return [[reason, n] for reason, n in Counter(r[0] for r in rows).most_common()]

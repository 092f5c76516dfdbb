"""What a report is drawn from: the corpus tables as pandas DataFrames, from a database or from records.

Both modes go through the same frames: ``from_db`` reads them with ``cnfiscal.corpus.load``; ``from_records``
writes the records with the corpus writer (``record_to_rows`` + ``write_document``) into an in-memory database
and loads that, so the report code never knows which mode it is in. Money and numbers stay ``Decimal``.
Superseded document versions are left out.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from cnfiscal.corpus.reviews import CHINESE, Decision, decisions
from cnfiscal.corpus.rows import record_to_rows
from cnfiscal.corpus.store import connect, load, write_document
from cnfiscal.corpus.watch.state import local_copies
from cnfiscal.models import BBox, DocumentRecord
from cnfiscal.report.crossfindings import COLUMNS as CROSS
from cnfiscal.report.crossfindings import load_cross_findings
from cnfiscal.vocab.messages import DEFAULT_LANG, render

log = logging.getLogger(__name__)

TABLES = (
    "documents",
    "self_evals",
    "funding",
    "indicators",
    "tables",
    "table_rows",
    "table_values",
    "claims",
    "findings",
    "warnings",
    "errors",
)
UNKNOWN_OFFICE = "(未识别单位)"
DECISION_COLUMNS = ("decision", "decision_note", "decision_who", "decision_when", "inherited_from")


@dataclass(frozen=True)
class ReportData:
    documents: pd.DataFrame
    self_evals: pd.DataFrame
    funding: pd.DataFrame
    indicators: pd.DataFrame
    tables: pd.DataFrame
    table_rows: pd.DataFrame
    table_values: pd.DataFrame
    claims: pd.DataFrame
    findings: pd.DataFrame
    warnings: pd.DataFrame
    errors: pd.DataFrame
    base_dir: Path  # relative source paths are looked up from here (and from the working directory)
    lang: str = DEFAULT_LANG  # language of the findings' messages and of the report (zh, en)
    local_copies: dict[str, Path] = field(default_factory=dict)  # sha256 → stored file (watched URLs: path is a URL)
    # findings across two documents (report.crossfindings), with their decisions; empty when read from records
    corpus_findings: pd.DataFrame = field(default_factory=lambda: with_decisions(pd.DataFrame(columns=CROSS), None))

    def rows_of(self, table: str, sha256: str) -> list[Any]:
        """Rows (named tuples, in table order) of ``table`` that belong to one document.

        Each table is split by document once; per-document DataFrame filters would make a large corpus slow.
        """
        groups = self._groups.get(table)
        if groups is None:
            groups = self._groups[table] = {}
            for row in getattr(self, table).itertuples(index=False, name=f"{table}_row"):
                groups.setdefault(row.sha256, []).append(row)
        return groups.get(sha256, [])

    @cached_property
    def _groups(self) -> dict[str, dict[str, list[Any]]]:
        return {}

    def source_pdf(self, path: str | None, input_kind: str | None, sha256: str | None = None) -> Path | None:
        """The document's PDF if it is one and can be found: the copy ``watch`` stored (its path is a URL), else
        the path as stored, or relative to ``base_dir``."""
        if not path or not (input_kind or "").startswith("pdf"):
            return None
        stored = self.local_copies.get(sha256 or "")
        for candidate in (*(() if stored is None else (stored,)), Path(path), self.base_dir / path):
            if candidate.is_file():
                return candidate
        log.warning("%s: source PDF not found; evidence pictures left out", path)
        return None


def from_frames(
    frames: dict[str, pd.DataFrame],
    base_dir: Path,
    *,
    reviewed: pd.DataFrame | None = None,
    lang: str = DEFAULT_LANG,
    local_copies: dict[str, Path] | None = None,
    corpus_findings: pd.DataFrame | None = None,
) -> ReportData:
    docs = frames["documents"]
    if "superseded" in docs:
        docs = docs[~docs["superseded"].fillna(False).astype(bool)]
    live = set(docs["sha256"].dropna())
    parts = {name: _only(frames[name], live) for name in TABLES if name != "documents"}
    parts["findings"] = localize(with_decisions(parts["findings"], reviewed), lang)
    cross = with_decisions(pd.DataFrame(columns=CROSS) if corpus_findings is None else corpus_findings, reviewed)
    return ReportData(
        documents=docs.reset_index(drop=True), base_dir=base_dir, lang=lang, local_copies=local_copies or {},
        corpus_findings=cross, **parts,
    )  # fmt: skip


def from_db(db: Path, lang: str = DEFAULT_LANG) -> ReportData:
    _upgrade(db)
    con = connect(db, read_only=True)
    try:
        frames = load(con, list(TABLES))
        reviewed = decisions(con)
        copies = local_copies(con)
        cross = load_cross_findings(con, lang)
    finally:
        con.close()
    return from_frames(
        frames, base_dir=db.resolve().parent, reviewed=reviewed, lang=lang, local_copies=copies, corpus_findings=cross
    )


def _upgrade(db: Path) -> None:
    """A database made before review decisions gains the reviews table and the findings' new columns (the
    writer's own migration, run once); its older findings have no finding_id until they are ingested again."""
    con = connect(db, read_only=True)
    try:
        found = con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'findings' AND column_name = 'bbox_b'"
        ).fetchone()
        has_reviews = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'reviews'"
        ).fetchone()
    finally:
        con.close()
    if found and found[0] and has_reviews and has_reviews[0]:
        return
    log.warning("%s: upgrading the database for review decisions", db)
    connect(db).close()


def from_records(
    records: Iterable[DocumentRecord], base_dir: Path | None = None, lang: str = DEFAULT_LANG
) -> ReportData:
    """The same frames as ``from_db``: the records go through the corpus writer into an in-memory database."""
    con = connect(":memory:")
    try:
        for record in records:
            write_document(con, record_to_rows(record))
        frames = load(con, list(TABLES))
    finally:
        con.close()
    return from_frames(frames, base_dir or Path.cwd(), lang=lang)


def with_decisions(findings: pd.DataFrame, reviewed: pd.DataFrame | None) -> pd.DataFrame:
    """The findings with the auditor's decision that holds for each (columns ``DECISION_COLUMNS``; empty when none)."""
    if reviewed is None or reviewed.empty:
        return findings.assign(**{c: pd.Series([None] * len(findings), dtype=object) for c in DECISION_COLUMNS})
    table = reviewed.rename(
        columns={"note": "decision_note", "who": "decision_who", "when": "decision_when"}
    ).drop_duplicates("finding_id")
    return findings.merge(table[["finding_id", *DECISION_COLUMNS[:-1], "inherited_from"]], on="finding_id", how="left")


def decision_label(value: object) -> str:
    """确认 / 驳回 / 待定 for a stored decision; empty when there is none."""
    if not isinstance(value, str) or value not in Decision.__members__.values():
        return ""
    return CHINESE[Decision(value)]


def localize(findings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Messages in ``lang`` from their template key and figures (messages stored before templates stay as they are)."""
    if lang == DEFAULT_LANG or findings.empty or "message_key" not in findings:
        return findings
    messages = [
        render(key, json.loads(params) if isinstance(params, str) else {}, lang, within=sev == "info")
        if isinstance(key, str)
        else message
        for key, params, sev, message in zip(
            findings["message_key"], findings["message_params"], findings["severity"], findings["message"], strict=True
        )
    ]
    return findings.assign(message=messages)


def _only(frame: pd.DataFrame, keys: set[str]) -> pd.DataFrame:
    return frame[frame["sha256"].isin(keys)].reset_index(drop=True)


def parse_bbox(value: object) -> BBox | None:
    """The JSON ``[x0, y0, x1, y1]`` of a bbox column, or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in json.loads(value))
    except (ValueError, TypeError):
        log.warning("bad bbox value %r", value)
        return None
    return (x0, y0, x1, y1)


def doc_stem(sha256: str) -> str:
    """File-name stem of a document's page and pictures."""
    return sha256[:16] if sha256 else "unreadable"


# --- aggregates for the overview ------------------------------------------------------------------


def office_of(data: ReportData) -> pd.Series:
    """Office name per self-evaluation (its own unit name, else the document's), indexed like ``self_evals``."""
    doc_units = data.documents.set_index("sha256")["unit_name"]
    own = data.self_evals["unit_name"]
    return own.where(own.notna(), data.self_evals["sha256"].map(doc_units)).fillna(UNKNOWN_OFFICE)


def total_rows(data: ReportData) -> pd.DataFrame:
    """One row per self-evaluation with its total funding row: office, year, kind, rate, score, budget, executed.

    ``rate`` is the rate as printed; where the table prints none, executed / full-year budget.
    ``score`` is the table's total score, else the conclusion's stated score.
    The same self-evaluation read from two inputs (a PDF and its OCR text, a re-publication) counts once:
    rows equal in office, year, kind, project and figures are kept once.
    """
    se = data.self_evals.assign(office=office_of(data))
    totals = data.funding[(data.funding["canonical"] == "total") & ~data.funding["is_breakdown"].fillna(False)]
    totals = totals.drop_duplicates(["sha256", "se_idx"])
    merged = se.merge(totals, on=["sha256", "se_idx"], how="left", suffixes=("", "_funding"))
    out = pd.DataFrame(
        {
            "sha256": merged["sha256"],
            "se_idx": merged["se_idx"],
            "office": merged["office"],
            "year": merged["year"].where(merged["year"].notna(), merged["sha256"].map(_doc_years(data))),
            "kind": merged["kind"],
            "project_name": merged["project_name"],
            "budget": merged["annual_budget_yuan"],
            "executed": merged["executed_yuan"],
            "score": merged["total_score"].where(merged["total_score"].notna(), merged["score_stated"]),
        }
    )
    out["rate"] = [_rate(r, b, e) for r, b, e in zip(merged["rate"], out["budget"], out["executed"], strict=True)]
    same = ["office", "year", "kind", "project_name", "budget", "executed", "rate", "score"]
    unique = out[~out[same].astype(str).duplicated()]
    if len(unique) < len(out):
        log.info(
            "%d self-evaluations read twice (same office, year and figures) are counted once", len(out) - len(unique)
        )
    return unique.reset_index(drop=True)


def _doc_years(data: ReportData) -> pd.Series:
    return data.documents.set_index("sha256")["year"]


def _rate(stated: object, budget: object, executed: object) -> Decimal | None:
    if isinstance(stated, Decimal):
        return stated
    if isinstance(budget, Decimal) and isinstance(executed, Decimal) and budget:
        return executed / budget
    return None


def budget_by_office(totals: pd.DataFrame) -> pd.DataFrame:
    """Full-year budget and executed (元) per office, for the office's latest year: its department-level
    self-evaluation where there is one, else the sum of its project self-evaluations (so a project is not
    counted twice). Columns budget, executed, year; index office."""
    rows = totals.dropna(subset=["budget", "executed"]).assign(year=lambda f: f["year"].fillna(-1))
    latest = rows.groupby("office")["year"].transform("max")
    rows = rows[rows["year"] == latest]
    has_dept = set(rows.loc[rows["kind"] == "dept", "office"])
    rows = rows[(rows["kind"] == "dept") | ~rows["office"].isin(has_dept)]
    if rows.empty:
        return pd.DataFrame(columns=["budget", "executed", "year"])
    out = rows.groupby("office", sort=True).agg(
        budget=("budget", "sum"), executed=("executed", "sum"), year=("year", "max")
    )
    out["year"] = [None if y == -1 else int(y) for y in out["year"]]
    return out


def findings_counts(findings: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Findings per rule (rows) and severity (columns), rules with most findings first; with ``top``, the
    rules beyond the first ``top - 1`` are summed into one row ``其他 (N rules)``."""
    if findings.empty:
        return pd.DataFrame()
    counts = pd.crosstab(findings["rule"], findings["severity"])
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    if top is None or len(counts) <= top:
        return counts
    rest = counts.iloc[top - 1 :]
    other = pd.DataFrame([rest.sum()], index=[f"其他 ({len(rest)} rules)"])
    return pd.concat([counts.iloc[: top - 1], other])


def documents_by_kind_year(documents: pd.DataFrame) -> pd.DataFrame:
    years = pd.Series([str(int(y)) if pd.notna(y) else "—" for y in documents["year"]], index=documents.index)
    return pd.crosstab(documents["doc_type"].fillna("unknown"), years)


def documents_by_office(documents: pd.DataFrame) -> pd.DataFrame:
    offices = documents["unit_name"].fillna(UNKNOWN_OFFICE)
    return pd.crosstab(offices, documents["doc_type"].fillna("unknown"))

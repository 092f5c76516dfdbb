"""The corpus database: one DDL, one column list per table, shared by the writer, ``load`` and ``export``.

Every table carries the document key. ``documents.doc_id`` is the file's sha256 (or, for a file that could not even be
hashed, ``unreadable:<sha256 of its path>``); every other table has a ``sha256`` column that joins to
``documents.sha256``, plus ordinal columns (``se_idx``, ``row_idx`` …) that keep the record's order.
Money is ``DECIMAL(38,6)`` in 元 (``*_yuan``) next to the text as printed (``*_raw``), its unit and its page;
rates, weights, scores and measure values are ``DECIMAL(38,10)``. No value is ever a float.
"""

from __future__ import annotations

import duckdb

from cnfiscal.corpus.crossdoc.tables import CROSSDOC_TABLES
from cnfiscal.corpus.tablespec import (
    MONEY,
    MONEY_SCALE,
    NUMBER,
    NUMBER_SCALE,
    TableSpec,
    arrow_type,
    measure_columns,
    money_columns,
)
from cnfiscal.errors import CorpusError

__all__ = [
    "MONEY",
    "MONEY_SCALE",
    "NUMBER",
    "NUMBER_SCALE",
    "TableSpec",
    "arrow_type",
    "measure_columns",
    "money_columns",
]

KEY = ("sha256", "VARCHAR")
BBOX = ("bbox", "VARCHAR")  # JSON "[x0, y0, x1, y1]" in PDF points, null for text inputs

DOCUMENTS = TableSpec(
    "documents",
    (
        ("doc_id", "VARCHAR"),
        KEY,
        ("path", "VARCHAR"),
        ("version", "INTEGER"),
        ("superseded", "BOOLEAN"),
        ("superseded_by", "VARCHAR"),
        ("status", "VARCHAR"),  # ok | failed (SPEC); a partial record is "ok" here and "partial" in record_status
        ("record_status", "VARCHAR"),
        ("error", "VARCHAR"),
        ("error_stage", "VARCHAR"),
        ("doc_type", "VARCHAR"),
        ("unit_name", "VARCHAR"),
        ("year", "INTEGER"),
        ("fill_date", "DATE"),
        ("pages", "INTEGER"),
        ("input_kind", "VARCHAR"),
        ("ocr", "BOOLEAN"),
        ("bytes", "BIGINT"),
        ("encoding", "VARCHAR"),
        ("schema_version", "VARCHAR"),
        ("n_self_evals", "INTEGER"),
        ("n_tables", "INTEGER"),
        ("n_claims", "INTEGER"),
        ("n_findings", "INTEGER"),
        ("n_warnings", "INTEGER"),
        ("seconds", "DOUBLE"),
        ("timings", "VARCHAR"),
        ("versions", "VARCHAR"),
        ("ingested_at", "TIMESTAMP"),
        ("office_id", "VARCHAR"),  # issue 14: the office (corpus.crossdoc.offices); null when no link could be made
    ),
    ("path", "version"),
)

SELF_EVALS = TableSpec(
    "self_evals",
    (
        KEY,
        ("se_idx", "INTEGER"),
        ("kind", "VARCHAR"),
        ("unit_name", "VARCHAR"),
        ("project_name", "VARCHAR"),
        ("department", "VARCHAR"),
        ("year", "INTEGER"),
        ("fill_date", "DATE"),
        ("money_unit", "VARCHAR"),
        ("page_start", "INTEGER"),
        ("page_end", "INTEGER"),
        ("goals_expected", "VARCHAR"),
        ("goals_actual", "VARCHAR"),
        ("total_weight", NUMBER),
        ("total_score", NUMBER),
        ("grade", "VARCHAR"),
        ("score_stated", NUMBER),
        ("conclusion_text", "VARCHAR"),
        ("contact_name", "VARCHAR"),
        ("contact_phone", "VARCHAR"),
        ("n_funding", "INTEGER"),
        ("n_indicators", "INTEGER"),
        ("notes", "VARCHAR"),
    ),
    ("sha256", "se_idx"),
)

FUNDING = TableSpec(
    "funding",
    (
        KEY,
        ("se_idx", "INTEGER"),
        ("row_idx", "INTEGER"),
        ("source", "VARCHAR"),
        ("canonical", "VARCHAR"),
        ("is_breakdown", "BOOLEAN"),
        *money_columns("initial_budget"),
        *money_columns("annual_budget"),
        *money_columns("executed"),
        ("weight", NUMBER),
        ("rate", NUMBER),
        ("rate_raw", "VARCHAR"),
        ("score", NUMBER),
        ("page", "INTEGER"),
        BBOX,
    ),
    ("sha256", "se_idx", "row_idx"),
)

INDICATORS = TableSpec(
    "indicators",
    (
        KEY,
        ("se_idx", "INTEGER"),
        ("row_idx", "INTEGER"),
        ("level1", "VARCHAR"),
        ("level2", "VARCHAR"),
        ("level3", "VARCHAR"),
        *measure_columns("target"),
        *measure_columns("actual"),
        ("weight", NUMBER),
        ("score", NUMBER),
        ("reason", "VARCHAR"),
        ("is_subtotal", "BOOLEAN"),
        ("level1_weight", NUMBER),
        ("page", "INTEGER"),
        BBOX,
        ("confidence", "DOUBLE"),
    ),
    ("sha256", "se_idx", "row_idx"),
)

TABLES = TableSpec(
    "tables",
    (
        KEY,
        ("table_idx", "INTEGER"),
        ("name", "VARCHAR"),
        ("code", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("unit_name", "VARCHAR"),
        ("year", "INTEGER"),
        ("page_start", "INTEGER"),
        ("page_end", "INTEGER"),
        ("columns", "VARCHAR"),
        ("n_rows", "INTEGER"),
        ("empty", "BOOLEAN"),
        ("notes", "VARCHAR"),
    ),
    ("sha256", "table_idx"),
)

TABLE_ROWS = TableSpec(
    "table_rows",
    (
        KEY,
        ("table_idx", "INTEGER"),
        ("row_idx", "INTEGER"),
        ("table_code", "VARCHAR"),
        ("table_name", "VARCHAR"),
        ("code", "VARCHAR"),
        ("name", "VARCHAR"),
        ("level", "VARCHAR"),
        ("side", "VARCHAR"),
        ("page", "INTEGER"),
        BBOX,
    ),
    ("sha256", "table_idx", "row_idx"),
)

TABLE_VALUES = TableSpec(
    "table_values",
    (
        KEY,
        ("table_idx", "INTEGER"),
        ("row_idx", "INTEGER"),
        ("col_idx", "INTEGER"),
        ("column_name", "VARCHAR"),
        *money_columns("value"),
        ("value_bbox", "VARCHAR"),
    ),
    ("sha256", "table_idx", "row_idx", "col_idx"),
)

CLAIMS = TableSpec(
    "claims",
    (
        KEY,
        ("claim_idx", "INTEGER"),
        ("text", "VARCHAR"),
        ("page", "INTEGER"),
        ("kind", "VARCHAR"),
        ("subject", "VARCHAR"),
        ("value", NUMBER),
        ("unit", "VARCHAR"),
        ("base", "VARCHAR"),
        *money_columns("amount"),
        BBOX,
    ),
    ("sha256", "claim_idx"),
)

FINDINGS = TableSpec(
    "findings",
    (
        KEY,
        ("finding_idx", "INTEGER"),
        ("rule", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("message", "VARCHAR"),
        ("stated", "VARCHAR"),
        ("recomputed", "VARCHAR"),
        ("difference", "VARCHAR"),
        ("tolerance", "VARCHAR"),
        ("page", "INTEGER"),
        BBOX,
        ("evidence", "VARCHAR"),
        ("location", "VARCHAR"),
        # added by issue 16 (appended, so an older database gains them by ALTER TABLE: see ``create_all``)
        ("finding_id", "VARCHAR"),  # Finding.identity(sha256): stable over runs, the key of a review decision
        ("message_key", "VARCHAR"),  # vocab.messages template key; with message_params, the message in any language
        ("message_params", "VARCHAR"),  # JSON object of the figures as printed
        ("page_b", "INTEGER"),  # the other figure of a comparison, when printed elsewhere (a table cell)
        ("bbox_b", "VARCHAR"),
    ),
    ("sha256", "finding_idx"),
)

WARNINGS = TableSpec(
    "warnings",
    (
        KEY,
        ("warning_idx", "INTEGER"),
        ("location", "VARCHAR"),
        ("message", "VARCHAR"),
    ),
    ("sha256", "warning_idx"),
)

ERRORS = TableSpec(
    "errors",
    (
        ("doc_id", "VARCHAR"),
        KEY,
        ("error_idx", "INTEGER"),
        ("stage", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("page", "INTEGER"),
        ("error_type", "VARCHAR"),
    ),
    ("doc_id", "error_idx"),
)

RECORDS = TableSpec("records", (KEY, ("record_json", "VARCHAR")), ("sha256",))

# An auditor's decisions on findings, one row per decision (the latest per finding counts; see corpus.reviews).
# Not keyed for deletion by sha256: a re-ingest or a new version of the document keeps them. The finding's
# path, rule, location and figures are kept so an unchanged finding of a new version inherits the decision.
REVIEWS = TableSpec(
    "reviews",
    (
        ("finding_id", "VARCHAR"),
        ("decision", "VARCHAR"),  # confirmed | dismissed | pending (确认 | 驳回 | 待定)
        ("note", "VARCHAR"),
        ("who", "VARCHAR"),
        ("when", "TIMESTAMP"),
        ("source", "VARCHAR"),  # cli | xlsx file name
        KEY,
        ("path", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("location", "VARCHAR"),
        ("stated", "VARCHAR"),
        ("recomputed", "VARCHAR"),
    ),
    ("when", "finding_id"),
)

ALL_TABLES: tuple[TableSpec, ...] = (
    DOCUMENTS,
    SELF_EVALS,
    FUNDING,
    INDICATORS,
    TABLES,
    TABLE_ROWS,
    TABLE_VALUES,
    CLAIMS,
    FINDINGS,
    WARNINGS,
    ERRORS,
    RECORDS,
    REVIEWS,
    *CROSSDOC_TABLES,  # offices, office_links, corpus_findings, corpus_checks (cross-document, issue 14)
)
SPECS: dict[str, TableSpec] = {t.name: t for t in ALL_TABLES}
CHILD_TABLES = tuple(
    t for t in ALL_TABLES if t.name not in ("documents", "errors", "reviews") and t not in CROSSDOC_TABLES
)

META_DDL = "CREATE TABLE IF NOT EXISTS corpus_meta (key VARCHAR, value VARCHAR)"
SCHEMA_ID = "cnfiscal-corpus-2"


def create_all(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table (idempotent) on a ``duckdb`` connection."""
    for spec in ALL_TABLES:
        con.execute(spec.ddl())
        _add_columns(con, spec)
    con.execute(META_DDL)
    found = con.execute("SELECT value FROM corpus_meta WHERE key = 'schema'").fetchall()
    if not found:
        con.execute("INSERT INTO corpus_meta VALUES ('schema', ?)", [SCHEMA_ID])
    elif found[0][0] != SCHEMA_ID:
        raise CorpusError(f"database layout {found[0][0]} is not {SCHEMA_ID}: ingest into a new database file")


def _add_columns(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> None:
    """Columns appended to a spec after a database was made are added to it (in order, at the end, so the
    writer's positional inserts still line up)."""
    have = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()",
        [spec.name],
    ).fetchone()
    if have is None:
        return
    for name, sql_type in spec.columns[have[0] :]:
        con.execute(f'ALTER TABLE {spec.name} ADD COLUMN "{name}" {sql_type}')

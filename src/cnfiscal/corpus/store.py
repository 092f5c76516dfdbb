"""The one writer of the corpus database, and ``load`` for readers.

A document's rows are written in one transaction (delete whatever the key already had, insert, mark an older version
of the same path superseded, commit), so a ``kill -9`` at any moment leaves either all of a document or none of it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from cnfiscal.corpus.rows import Row, Rows
from cnfiscal.corpus.schema import ALL_TABLES, CHILD_TABLES, SPECS, create_all
from cnfiscal.errors import CorpusError

log = logging.getLogger(__name__)


def connect(db: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, for writing, create) the corpus database."""
    try:
        if read_only:
            if not Path(db).exists():
                raise CorpusError(f"{db}: no such database")
            return duckdb.connect(str(db), read_only=True)
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(db))
    except duckdb.Error as e:
        raise CorpusError(f"{db}: cannot open database: {e}") from e
    try:
        create_all(con)
    except BaseException:
        con.close()
        raise
    return con


@dataclass(frozen=True, slots=True)
class Known:
    """What the database already holds: content hashes (and which of them failed), the live key of each path."""

    hashes: frozenset[str]
    failed: frozenset[str]
    live_by_path: dict[str, str]
    path_of: dict[str, str]  # sha256 → the path it was stored under


def known(con: duckdb.DuckDBPyConnection) -> Known:
    rows = con.execute("SELECT doc_id, sha256, path, superseded, status FROM documents").fetchall()
    hashes = frozenset(sha for _, sha, _, _, _ in rows if sha)
    failed = frozenset(sha for _, sha, _, _, status in rows if sha and status == "failed")
    live = {path: doc_id for doc_id, _, path, superseded, _ in rows if not superseded}
    path_of = {sha: path for _, sha, path, _, _ in rows if sha}
    return Known(hashes, failed, live, path_of)


def reinstate(con: duckdb.DuckDBPyConnection, doc_id: str, path: str) -> None:
    """A path is back to content stored before (A → B → A): that older version becomes the live one again."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "UPDATE documents SET superseded = true, superseded_by = ? WHERE path = ? AND NOT superseded",
            [doc_id, path],
        )
        con.execute("UPDATE documents SET superseded = false, superseded_by = NULL WHERE doc_id = ?", [doc_id])
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise CorpusError(f"{path}: cannot reinstate an older version: {e}") from e


def write_document(con: duckdb.DuckDBPyConnection, rows: Rows) -> int:
    """Store one document's rows in one transaction; return the version number given to it."""
    doc = rows["documents"][0]
    doc_id, path = str(doc["doc_id"]), str(doc["path"])
    con.execute("BEGIN TRANSACTION")
    try:
        version = _replace(con, doc_id, path, rows)
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise CorpusError(f"{path}: cannot store the document: {e}") from e
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return version


def _replace(con: duckdb.DuckDBPyConnection, doc_id: str, path: str, rows: Rows) -> int:
    con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM errors WHERE doc_id = ?", [doc_id])
    sha = rows["documents"][0]["sha256"]
    if sha:
        for spec in CHILD_TABLES:
            con.execute(f"DELETE FROM {spec.name} WHERE sha256 = ?", [sha])
    previous = con.execute("SELECT max(version) FROM documents WHERE path = ?", [path]).fetchone()
    version = (previous[0] or 0) + 1 if previous else 1
    con.execute(
        "UPDATE documents SET superseded = true, superseded_by = ? WHERE path = ? AND NOT superseded", [doc_id, path]
    )
    doc = {**rows["documents"][0], "version": version, "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}
    _insert(con, "documents", [doc])
    for spec in ALL_TABLES[1:]:
        if rows.get(spec.name):
            _insert(con, spec.name, rows[spec.name])
    return version


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    spec = SPECS[table]
    try:
        data = pa.Table.from_pylist(rows, schema=spec.arrow_schema())
    except (pa.ArrowInvalid, pa.ArrowTypeError) as e:
        raise CorpusError(f"rows for table {table} do not fit its columns: {e}") from e
    con.register("_cnfiscal_rows", data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _cnfiscal_rows")
    finally:
        con.unregister("_cnfiscal_rows")


def load(db: Path | str | duckdb.DuckDBPyConnection, tables: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every corpus table as a pandas DataFrame (money and numbers as ``decimal.Decimal`` objects, never float).

    Tables (see ``cnfiscal.corpus.schema`` for the column lists):
    ``documents`` one row per input and version (doc_id, sha256, path, version, superseded, status ok|failed, error,
    doc_type, unit_name, year, pages, input_kind, timings …); ``self_evals``; ``funding``; ``indicators``; ``tables``;
    ``table_rows``; ``table_values`` (one row per table cell); ``claims``; ``findings``; ``warnings``; ``errors``;
    ``records`` (the full DocumentRecord JSON). Rows are ordered by key and ordinal.
    """
    names = tables or [spec.name for spec in ALL_TABLES]
    if isinstance(db, duckdb.DuckDBPyConnection):
        return {name: read_table(db, name) for name in names}
    con = connect(db, read_only=True)
    try:
        return {name: read_table(con, name) for name in names}
    finally:
        con.close()


def read_table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    spec = SPECS.get(name)
    if spec is None:
        raise CorpusError(f"no such corpus table: {name}")
    order = ", ".join(f'"{c}"' for c in spec.order_by)
    arrow = con.sql(f"SELECT * FROM {name} ORDER BY {order}").to_arrow_table()
    return arrow.to_pandas(types_mapper=_PANDAS_TYPES.get, date_as_object=True)


def read_arrow(con: duckdb.DuckDBPyConnection, name: str) -> pa.Table:
    """One table as Arrow (DECIMAL columns stay decimal128), ordered by key and ordinal."""
    spec = SPECS[name]
    order = ", ".join(f'"{c}"' for c in spec.order_by)
    return con.sql(f"SELECT * FROM {name} ORDER BY {order}").to_arrow_table()


# nullable pandas dtypes, so an integer column with a null stays integer (page 3, not 3.0)
_PANDAS_TYPES = {
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
}

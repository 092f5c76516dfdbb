"""Export every corpus table: Parquet (types kept: DECIMAL stays decimal128), CSV, JSON Lines, or one xlsx workbook.

``parquet``, ``csv`` and ``jsonl`` write one file per table into the folder ``out`` (``documents.parquet`` …),
and ``decisions``: the auditor's decision that holds for each finding (``reviews`` keeps the history);
``records.jsonl`` holds one whole DocumentRecord per line. The watch tables (``watch_urls`` …) are exported with the
rest when the database has them. ``xlsx`` writes the file ``out`` with one sheet per table,
frozen header row and filters, for an auditor; the ``records`` table (whole records as JSON) is left out of it,
and a table longer than a sheet continues on ``<table> (2)``. Every file is written to a temporary name and renamed.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from cnfiscal.corpus import store
from cnfiscal.corpus.reviews import DECISIONS, DECISIONS_SQL
from cnfiscal.corpus.schema import ALL_TABLES, SPECS, TableSpec
from cnfiscal.corpus.watch.tables import WATCH_SPECS

log = logging.getLogger(__name__)

XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header
XLSX_SKIP = frozenset({"records"})
XLSX_MAX_CELL = 32_767
BATCH_ROWS = 50_000


class ExportFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"


def export(db: Path | str, fmt: ExportFormat | str, out: Path | str) -> list[Path]:
    """Write every table of ``db`` as ``fmt`` to ``out``; return the files written.

    Tables are streamed in record batches, so memory does not grow with the size of the corpus.
    """
    fmt = ExportFormat(fmt)
    out = Path(out)
    con = store.connect(db, read_only=True)
    try:
        if fmt is ExportFormat.XLSX:
            write_xlsx(con, out)
            return [out]
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for spec in tables_of(con):
            path = out / f"{spec.name}.{fmt.value}"
            with _atomic(path) as tmp:
                _WRITERS[fmt](con, spec.name, tmp)
            written.append(path)
        return written
    finally:
        con.close()


def tables_of(con: duckdb.DuckDBPyConnection) -> list[TableSpec]:
    """Every corpus table, the decision that holds per finding (``decisions``, derived from ``reviews``), and the
    watch tables (``cnfiscal watch``) when the database has them."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return [*ALL_TABLES, DECISIONS, *(spec for spec in WATCH_SPECS if spec.name in have)]


_EXPORTED = {**SPECS, DECISIONS.name: DECISIONS, **{spec.name: spec for spec in WATCH_SPECS}}
_DERIVED = {DECISIONS.name: DECISIONS_SQL}  # exported tables that are a query, not a stored table


def batches(con: duckdb.DuckDBPyConnection, table: str) -> Iterator[pa.RecordBatch]:
    """One table in key order, ``BATCH_ROWS`` rows at a time (DECIMAL columns stay decimal128)."""
    spec = _EXPORTED[table]
    order = ", ".join(f'"{c}"' for c in spec.order_by)
    cursor = con.cursor()  # its own cursor, so other queries can run while this one is being read
    try:
        source = f"({_DERIVED[table]})" if table in _DERIVED else table
        yield from cursor.sql(f"SELECT * FROM {source} ORDER BY {order}").to_arrow_reader(BATCH_ROWS)
    finally:
        cursor.close()


def write_parquet(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    import pyarrow.parquet as pq

    with pq.ParquetWriter(path, _EXPORTED[table].arrow_schema()) as writer:
        for batch in batches(con, table):
            writer.write_batch(batch)


def write_csv(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """UTF-8 with a BOM (so Excel shows the Chinese text); decimals written exactly as text; empty cells empty."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(",".join(_EXPORTED[table].column_names) + "\n")
        for batch in batches(con, table):
            batch.to_pandas(date_as_object=True).to_csv(f, index=False, header=False)


def write_jsonl(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """One JSON object per row (decimals as strings); for ``records``, one whole DocumentRecord per line."""
    with path.open("w", encoding="utf-8") as f:
        for batch in batches(con, table):
            if table == "records":
                f.writelines(text + "\n" for text in batch.column("record_json").to_pylist())
                continue
            for row in batch.to_pylist():
                f.write(json.dumps(row, ensure_ascii=False, default=_json_value) + "\n")


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_xlsx(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    """One sheet per table (``records`` left out), frozen header and filters; long tables continue on more sheets."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for spec in tables_of(con):
        if spec.name not in XLSX_SKIP:
            _xlsx_table(wb, con, spec.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _atomic(out) as tmp:
        wb.save(tmp)


def _xlsx_table(wb: Any, con: duckdb.DuckDBPyConnection, table: str) -> None:
    header = _EXPORTED[table].column_names
    total = _count(con, table)
    ws, part, on_sheet = None, 0, XLSX_MAX_ROWS
    for batch in batches(con, table):
        for row in batch.to_pylist():
            if on_sheet == XLSX_MAX_ROWS:
                part, on_sheet = part + 1, 0
                rows_here = min(XLSX_MAX_ROWS, total - (part - 1) * XLSX_MAX_ROWS)
                ws = _sheet(wb, table if part == 1 else f"{table} ({part})", header, rows_here)
            ws.append([_cell(v) for v in row.values()])  # type: ignore[union-attr]
            on_sheet += 1
    if ws is None:
        _sheet(wb, table, header, 0)


def _sheet(wb: Any, title: str, header: list[str], n_rows: int) -> Any:
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{_column_letter(len(header))}{n_rows + 1}"
    ws.append(header)
    return ws


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    source = f"({_DERIVED[table]})" if table in _DERIVED else table
    row = con.execute(f"SELECT count(*) FROM {source}").fetchone()
    return int(row[0]) if row else 0


def _cell(value: object) -> object:
    """Decimals stay numbers (Excel shows them as such); over-long text is cut with a marker."""
    if isinstance(value, str) and len(value) > XLSX_MAX_CELL:
        return value[: XLSX_MAX_CELL - 20] + " …[truncated]"
    return value


def _column_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(max(n, 1)))


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_WRITERS: dict[ExportFormat, Callable[[duckdb.DuckDBPyConnection, str, Path], None]] = {
    ExportFormat.PARQUET: write_parquet,
    ExportFormat.CSV: write_csv,
    ExportFormat.JSONL: write_jsonl,
}

"""Export every corpus table: Parquet (types kept: DECIMAL stays decimal128), CSV, JSON Lines, or one xlsx workbook.

``parquet``, ``csv`` and ``jsonl`` write one file per table into the folder ``out`` (``documents.parquet`` …);
``records.jsonl`` holds one whole DocumentRecord per line. ``xlsx`` writes the file ``out`` with one sheet per table,
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

import pyarrow as pa

from cnfiscal.corpus import store
from cnfiscal.corpus.schema import ALL_TABLES

log = logging.getLogger(__name__)

XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header
XLSX_SKIP = frozenset({"records"})
XLSX_MAX_CELL = 32_767


class ExportFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"


def export(db: Path | str, fmt: ExportFormat | str, out: Path | str) -> list[Path]:
    """Write every table of ``db`` as ``fmt`` to ``out``; return the files written."""
    fmt = ExportFormat(fmt)
    out = Path(out)
    con = store.connect(db, read_only=True)
    try:
        tables = {spec.name: store.read_arrow(con, spec.name) for spec in ALL_TABLES}
    finally:
        con.close()
    if fmt is ExportFormat.XLSX:
        write_xlsx(tables, out)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    writer = _WRITERS[fmt]
    written = []
    for name, table in tables.items():
        path = out / f"{name}.{fmt.value}"
        with _atomic(path) as tmp:
            writer(table, tmp)
        written.append(path)
    return written


def write_parquet(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, path)


def write_csv(table: pa.Table, path: Path) -> None:
    """UTF-8 with a BOM (so Excel shows the Chinese text); decimals written exactly as text."""
    frame = table.to_pandas(date_as_object=True)
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def write_jsonl(table: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        if table.column_names == ["sha256", "record_json"]:
            for text in table.column("record_json").to_pylist():
                f.write(text + "\n")
            return
        for row in table.to_pylist():
            f.write(json.dumps(row, ensure_ascii=False, default=_json_value) + "\n")


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_xlsx(tables: dict[str, pa.Table], out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name, table in tables.items():
        if name in XLSX_SKIP:
            continue
        for part, rows in enumerate(_chunks(table.to_pylist(), XLSX_MAX_ROWS)):
            ws = wb.create_sheet(name if part == 0 else f"{name} ({part + 1})")
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = f"A1:{_column_letter(len(table.column_names))}{len(rows) + 1}"
            ws.append(table.column_names)
            for row in rows:
                ws.append([_cell(v) for v in row.values()])
    out.parent.mkdir(parents=True, exist_ok=True)
    with _atomic(out) as tmp:
        wb.save(tmp)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    yield rows[:size]
    for start in range(size, len(rows), size):
        yield rows[start : start + size]


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


_WRITERS: dict[ExportFormat, Callable[[pa.Table, Path], None]] = {
    ExportFormat.PARQUET: write_parquet,
    ExportFormat.CSV: write_csv,
    ExportFormat.JSONL: write_jsonl,
}

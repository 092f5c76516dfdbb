"""A corpus table's name, columns (SQL types) and order: its DDL and its Arrow schema (the writer, ``load`` and
``export`` share it). Kept apart from ``schema`` so a part of the corpus (``crossdoc``) can declare its own tables
that ``schema`` lists with the rest."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

MONEY = "DECIMAL(38,6)"
NUMBER = "DECIMAL(38,10)"
MONEY_SCALE, NUMBER_SCALE = 6, 10


def money_columns(prefix: str) -> list[tuple[str, str]]:
    """``<prefix>_yuan`` (exact 元), ``_raw`` (as printed), ``_unit`` (元/万元/亿元), ``_page``."""
    return [
        (f"{prefix}_yuan", MONEY),
        (f"{prefix}_raw", "VARCHAR"),
        (f"{prefix}_unit", "VARCHAR"),
        (f"{prefix}_page", "INTEGER"),
    ]


def measure_columns(prefix: str) -> list[tuple[str, str]]:
    return [
        (f"{prefix}_raw", "VARCHAR"),
        (f"{prefix}_op", "VARCHAR"),
        (f"{prefix}_value", NUMBER),
        (f"{prefix}_unit", "VARCHAR"),
        (f"{prefix}_kind", "VARCHAR"),
    ]


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, str], ...]
    order_by: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def ddl(self) -> str:
        cols = ", ".join(f'"{c}" {t}' for c, t in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({cols})"

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c, arrow_type(t)) for c, t in self.columns])


def arrow_type(sql_type: str) -> pa.DataType:
    if sql_type.startswith("DECIMAL("):
        precision, scale = (int(x) for x in sql_type[8:-1].split(","))
        return pa.decimal128(precision, scale)
    return _ARROW[sql_type]


_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}

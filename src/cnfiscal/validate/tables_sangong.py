"""三公 table: 合计 = 因公出国（境）费 + 公务用车购置及运行（维护）费 + 公务接待费, and 小计 = 购置费 + 运行费 — across
the columns (the parts as columns), or down each column (the parts as rows: ``项目 | 预算数`` pages)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

import regex

from cnfiscal.models import DocumentRecord, Finding, Money, Table, TableRow
from cnfiscal.validate.base import Check, finding_of
from cnfiscal.validate.tolerance import Tolerance, money_precision
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import msg
from cnfiscal.vocab.tables import SANGONG_ROW_PREFIX, SANGONG_ROWS

_ROWS = {k: regex.compile(p) for k, p in SANGONG_ROWS.items()}
_PREFIX = regex.compile(SANGONG_ROW_PREFIX)


def sangong_sum(record: DocumentRecord) -> Iterator[Finding]:
    """三公 合计 = 因公出国（境） + 公务用车 + 公务接待; 公务用车 小计 = 购置 + 运行 — per 预算数/决算数."""
    for t in record.tables:
        if not (t.kind or "").endswith("sangong"):
            continue
        cols = list(dict.fromkeys(c for r in t.rows for c in r.values) | dict.fromkeys(t.columns))
        for suffix in _suffixes(cols):
            group = {k: _col(cols, suffix, alts) for k, alts in _SANGONG_COLS.items()}
            for r in t.rows:
                yield from _sangong_checks(t, _in_row(r, group))
        rows = _part_rows(t)
        if "total" in rows or "car" in rows:  # the parts printed as rows: the same sums down each column
            for col in cols:
                yield from _sangong_checks(t, _in_column(rows, col))


def _part_rows(t: Table) -> dict[str, TableRow]:
    """The rows naming the 三公 parts (the first row of each part; ``vocab.tables.SANGONG_ROWS``)."""
    found: dict[str, TableRow] = {}
    for r in t.rows:
        name = _PREFIX.sub("", regex.sub(r"\s+", "", r.name or ""))
        key = next((k for k, p in _ROWS.items() if p.search(name)), None)
        if key is not None:
            found.setdefault(key, r)
    return found


def _in_column(rows: dict[str, TableRow], col: str) -> Callable[[str], Money | None] | None:
    if any(col in r.values and r.values[col] is None for r in rows.values()):
        return None  # an unreadable amount in this column: nothing to recompute
    return lambda key: rows[key].values.get(col) if key in rows else None


def _in_row(r: TableRow, g: dict[str, str | None]) -> Callable[[str], Money | None] | None:
    if any(col in r.values and r.values[col] is None for col in g.values() if col):
        return None  # an unreadable amount in this row: nothing to recompute
    return lambda key: r.values.get(col) if (col := g.get(key)) else None


# key -> alternatives (words all in the header, words none in it), the first that names a column wins. A table that
# also prints 会议费、培训费 (or 机关运行经费) has the 三公 total in a “三公”经费小计 column, not in the table's 合计.
_SANGONG_COLS: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "total": ((("三公", "小计"), ()), (("三公", "合计"), ()), (("合计",), ())),
    "abroad": ((("出国",), ()),),
    "reception": ((("接待",), ()),),
    "car": ((("公务用车", "小计"), ("三公",)), (("小计",), ("三公",))),
    "buy": ((("购置",), ("小计", "合计")),),
    "run": ((("运行",), ("小计", "合计", "机关运行", "购置")),),
}


def _suffixes(cols: list[str]) -> list[str]:
    found = [s for s in ("预算数", "决算数") if any(c.endswith(s) for c in cols)]
    return found or [""]


def _col(cols: list[str], suffix: str, alternatives: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> str | None:
    for include, exclude in alternatives:
        for c in cols:
            if c.endswith(suffix) and all(w in c for w in include) and not any(x in c for x in exclude):
                return c
    return None


def _sangong_checks(t: Table, val: Callable[[str], Money | None] | None) -> Iterator[Finding]:
    if val is None:
        return
    car_parts = [m for m in (val("buy"), val("run")) if m is not None]
    car = val("car")
    checks: list[tuple[str, Money | None, list[Money]]] = [
        (
            "sangong.sum",
            val("total"),
            [m for m in (val("abroad"), car if car is not None else None, val("reception")) if m is not None]
            + ([] if car is not None else car_parts),
        ),
        ("sangong.sum:car", car, car_parts),
    ]
    for key, total, parts in checks:
        if total is None or not parts:
            continue
        tol = Tolerance.of_sum(money_precision(total), [money_precision(p) for p in parts])
        recomputed = sum((p.yuan for p in parts), Decimal(0))
        f = finding_of(
            Check(
                "sangong.sum",
                msg(
                    key,
                    table=t.name,
                    stated=sh.amount(total),
                    parts=" + ".join(sh.amount(p) for p in parts),
                    sum=sh.like(recomputed, total, *parts),
                ),
                total.yuan,
                recomputed,
                tol,
                f"tables[{t.name}]",
                total.page,
                total.bbox,
                " + ".join(p.raw for p in parts),
            )
        )
        if f:
            yield f

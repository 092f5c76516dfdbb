"""Cross-checks inside one standard table: totals = Σ rows, 类 = Σ款 = Σ项, 合计 = 基本 + 项目, the 总表 balance."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import regex

from cnfiscal.models import DocumentRecord, Finding, InputKind, Money, Table, TableRow
from cnfiscal.validate.base import Check, finding_of, region_of
from cnfiscal.validate.patterns import rx
from cnfiscal.validate.tolerance import Tolerance, money_precision
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import Message, msg
from cnfiscal.vocab.tables import TOTAL_PART_COLUMNS

_TOTAL_NAME = regex.compile(r"^(?:合计|总计)$")
_NEXT_LEVEL = {"类": "款", "款": "项"}
_BALANCE_KINDS = ("final.total", "final.fiscal_total", "final.nonfiscal_total", "budget.total", "budget.fiscal_total")


def _where(t: Table) -> str:
    return f"tables[{t.code or t.name}]"


def _sum_check(  # noqa: PLR0917
    rule: str, t: Table, message: Message, total: Money, parts: list[Money], evidence: str
) -> Finding | None:
    stated = total.yuan
    recomputed = sum((p.yuan for p in parts), Decimal(0))
    if stated == recomputed:
        return None  # what finding_of returns for equal figures, without building their tolerance
    figures = {"stated": sh.amount(total), "sum": sh.like(recomputed, total, *parts)}
    message = Message(message.key, {**message.params, **figures})
    tol = Tolerance.of_sum(money_precision(total), [money_precision(p) for p in parts])
    confidences = (total.confidence, *(p.confidence for p in parts))  # a doubtful OCR amount: a warning
    page_b, bbox_b = region_of(parts)  # the cells summed, framed beside the stated total
    return finding_of(
        Check(
            rule,
            message,
            stated,
            recomputed,
            tol,
            _where(t),
            total.page,
            total.bbox,
            evidence,
            confidences=confidences,
            page_b=page_b,
            bbox_b=bbox_b,
        )
    )


def value_columns(t: Table) -> list[str]:
    return list(dict.fromkeys(c for r in t.rows for c in r.values))


def _money(row: TableRow, col: str) -> Money | None:
    return row.values.get(col)


def unreadable(rows: list[TableRow], col: str) -> bool:
    """A cell that printed something the reader could not parse (kept as None): skip the check."""
    return any(col in r.values and r.values[col] is None for r in rows)


def _total(record: DocumentRecord, t: Table, tot: Money | None, parts: list[Money], row: TableRow) -> Money | None:
    """The stated total; an empty total cell counts as 0 in a text-layer PDF (nothing printed there), and is
    skipped in OCR/text inputs (where a lost cell is likelier than a missing figure)."""
    if not parts:
        return None
    if tot is not None:
        return tot
    if record.source.input_kind is not InputKind.PDF_TEXT:
        return None
    return Money(yuan=Decimal(0), raw="", unit=t.unit or "元", page=row.page, bbox=row.bbox)


def rows_sum(record: DocumentRecord) -> Iterator[Finding]:
    """The 合计 row = Σ of the 类 rows, per column (tables with subject codes)."""
    for t in record.tables:
        total = next((r for r in t.rows if r.code is None and r.name and _TOTAL_NAME.match(r.name)), None)
        classes = [r for r in t.rows if r.level == "类"]
        if total is None or not classes:
            continue
        for col in value_columns(t):
            if unreadable([total, *classes], col):
                continue
            tot = _money(total, col)
            parts = [m for r in classes if (m := _money(r, col)) is not None]
            tot = _total(record, t, tot, parts, total)
            if tot is None:
                continue
            f = _sum_check(
                "table.rows_sum",
                t,
                msg("table.rows_sum", table=t.name, column=col if "合计" in col else f"{col}合计", n=len(parts)),
                tot,
                parts,
                f"{len(parts)} 类 rows",
            )
            if f:
                yield f


def level_sum(record: DocumentRecord) -> Iterator[Finding]:
    """Each 类 = Σ its 款; each 款 = Σ its 项 (by code prefix), per column."""
    for t in record.tables:
        coded = [r for r in t.rows if r.code and r.level]
        cols = value_columns(t)
        for parent in coded:
            below = _NEXT_LEVEL.get(parent.level or "")
            children = [
                r
                for r in coded
                if r.level == below and (r.code or "").startswith(parent.code or "") and r.side == parent.side
            ]
            if not children:
                continue
            yield from _level_cols(record, t, parent, children, cols)


def _level_cols(
    record: DocumentRecord, t: Table, parent: TableRow, children: list[TableRow], cols: list[str]
) -> Iterator[Finding]:
    for col in cols:
        if unreadable([parent, *children], col):
            continue
        tot = _money(parent, col)
        parts = [m for r in children if (m := _money(r, col)) is not None]
        tot = _total(record, t, tot, parts, parent)
        if tot is None:
            continue
        f = _sum_check(
            "table.level_sum",
            t,
            msg(
                "table.level_sum",
                table=t.name,
                code=parent.code,
                name=parent.name,
                column=col,
                n=len(children),
                level=children[0].level,
            ),
            tot,
            parts,
            ", ".join(r.code or "" for r in children),
        )
        if f:
            yield f


def _has_value(r: TableRow, cols: list[str]) -> bool:
    return any((m := r.values.get(c)) is not None and m.yuan != 0 for c in cols)


def basic_plus_project(record: DocumentRecord) -> Iterator[Finding]:
    """合计 = 基本支出 + 项目支出 (+ 上缴/经营/补助); 合计 = 人员经费 + 公用经费 — on every row."""
    for t in record.tables:
        cols = value_columns(t)
        total = next((c for c in cols if c.endswith("合计") or c == "合计"), None)
        level = next((i for i, names in enumerate(TOTAL_PART_COLUMNS) if sum(c in names for c in cols) >= 2), None)
        if total is None or level is None:
            continue
        parts = [c for c in cols if c in TOTAL_PART_COLUMNS[level]]
        below = {c for names in TOTAL_PART_COLUMNS[level + 1 :] for c in names}  # breakdowns of a part
        unknown = [c for c in cols if c != total and c not in parts and c not in below and not c.endswith("合计")]
        for r in t.rows:
            if any(unreadable([r], c) for c in [total, *parts]) or _has_value(r, unknown):
                continue  # a column the identity does not know holds an amount here: not checked
            tot = _money(r, total)
            vals = [m for c in parts if (m := _money(r, c)) is not None]
            tot = _total(record, t, tot, vals, r)
            if tot is None:
                continue
            f = _sum_check(
                "table.basic_plus_project",
                t,
                msg(
                    "table.basic_plus_project",
                    table=t.name,
                    code=r.code or "",
                    name=r.name,
                    column=total,
                    parts=" + ".join(f"{c}{sh.amount(m)}" for c in parts if (m := _money(r, c)) is not None),
                ),
                tot,
                vals,
                r.name or "",
            )
            if f:
                yield f


def _side_value(t: Table, side: str, pattern: str) -> Money | None:
    rx = regex.compile(pattern)
    for r in t.rows:
        if r.side == side and r.name and rx.search(r.name):
            vals = [v for v in r.values.values() if v is not None]
            return vals[0] if vals else None
    return None


def total_balance(record: DocumentRecord) -> Iterator[Finding]:
    """总表: 收入 side 总计 = 支出 side 总计, and each 总计 = its 本年合计 + 结转/结余 lines."""
    for t in record.tables:
        if t.kind not in _BALANCE_KINDS or t.empty:
            continue
        inc = _side_value(t, "收入", r"总计")
        exp = _side_value(t, "支出", r"总计")
        if inc is not None and exp is not None:
            f = _sum_check(
                "final.total.balance", t, msg("final.total.balance", table=t.name), inc, [exp], "总计 | 总计"
            )
            if f:
                yield f
        yield from _side_balance(t, "收入", inc)
        yield from _side_balance(t, "支出", exp)


def _side_balance(t: Table, side: str, total: Money | None) -> Iterable[Finding]:
    if total is None:
        return []
    rows = [r for r in t.rows if r.side == side and r.name]
    year_total = next((r for r in rows if rx(r"本年(?:收入|支出)合计").search(r.name or "")), None)
    if year_total is None:
        return []
    extra = [  # after the year's total as a 总表 prints them; before it in a one-column table (年初结转和结余 first)
        r
        for r in rows
        if r is not year_total
        and not rx(r"总计").search(r.name or "")
        and rx(r"^(?:使用|结余分配|年初|年末|用事业基金|上年结转)").match(r.name or "")
    ]
    named = [
        (r, m)
        for r in [year_total, *extra]
        for m in [next((v for v in r.values.values() if v is not None), None)]
        if m is not None
    ]
    parts = [m for _, m in named]
    f = _sum_check(
        "final.total.balance",
        t,
        msg(
            "final.total.balance:side",
            table=t.name,
            side=side,
            parts=" + ".join(f"{r.name}{sh.amount(m)}" for r, m in named),
        ),
        total,
        parts,
        " + ".join(r.name or "" for r in [year_total, *extra]),
    )
    return [f] if f else []

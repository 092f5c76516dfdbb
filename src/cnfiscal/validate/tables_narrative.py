"""Narrative vs numbers: direction words (大于/小于/持平) against the two amounts they compare, 类/款/项 lines
against the expenditure table, and years that contradict the report's year."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from cnfiscal.models import Claim, DocumentRecord, Finding, Money, Severity, Table, TableRow
from cnfiscal.validate.base import claim_vs_table, finding
from cnfiscal.validate.patterns import rx
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import msg
from cnfiscal.vocab.narrative import DIRECTION_WORDS

YEAR_WARNING = regex.compile(r"^p\.(\d+): year (\d{4}) in '(.+)' where (\d{4}) is expected$")
_CLASS = regex.compile(r"^(?P<name>.+?)[（(]\d*类[)）]$")
_EXPENSE_KINDS = ("final.general", "budget.general", "final.expense", "budget.expense")


def _groups(record: DocumentRecord) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for c in record.claims:
        out.setdefault(c.group or "", []).append(c)
    return out


def direction_words(record: DocumentRecord) -> Iterator[Finding]:
    """决算数大于预算数 etc.: the word must agree with the 决算 and 预算 amounts of its paragraph."""
    for claims in _groups(record).values():
        budget = next((c.amount for c in claims if c.role == "budget" and c.amount), None)
        executed = next((c.amount for c in claims if c.role == "executed" and c.amount), None)
        if budget is None or executed is None:
            continue
        actual = ">" if executed.yuan > budget.yuan else "<" if executed.yuan < budget.yuan else "="
        for c in claims:
            if c.role != "direction" or c.base not in DIRECTION_WORDS:
                continue
            if DIRECTION_WORDS[c.base] != actual:
                yield finding(
                    msg(
                        "doc.direction_word",
                        word=c.base,
                        executed=sh.amount(executed),
                        actual=actual,
                        budget=sh.amount(budget),
                    ),
                    "doc.direction_word",
                    Severity.ERROR,
                    stated=c.base,
                    recomputed=actual,
                    page=c.page,
                    evidence=c.text,
                    where="claims",
                )


def _row_by_name(t: Table, name: str, level: str) -> TableRow | None:
    flat = rx(r"\s+").sub("", name)
    return next((r for r in t.rows if r.level == level and r.name and rx(r"\s+").sub("", r.name) == flat), None)


def _row_by_chain(t: Table, names: list[str]) -> TableRow | None:
    """The 项 row named by 类/款/项 names, each found under the code of the one before."""
    prefix = ""
    row = None
    for name, level in zip(names, ("类", "款", "项"), strict=True):
        flat = rx(r"[\s“”\"]").sub("", name)
        if not flat and level == "类":
            continue  # an item named by 款 and 项 only (its 类 is the heading above): the 款 is found by its name
        row = next(
            (
                r
                for r in t.rows
                if r.level == level
                and (r.code or "").startswith(prefix)
                and r.name
                and rx(r"\s+").sub("", r.name) in (flat, flat + "支出")  # 其他人大事务 names 其他人大事务支出
            ),
            None,
        )
        if row is None:
            return None
        prefix = row.code or ""
    return row


def _first_value(r: TableRow) -> Money | None:
    return next((v for v in r.values.values() if v is not None), None)


def _expense_table(record: DocumentRecord) -> Table | None:
    return next((t for k in _EXPENSE_KINDS for t in record.tables if t.kind == k and t.rows), None)


def class_lines(record: DocumentRecord) -> Iterator[Finding]:
    """``一般公共服务支出（类）2106.66万元`` and ``…（类）…（款）…（项）… 支出决算为X`` = the table's row."""
    table = _expense_table(record)
    if table is None:
        return
    for c in record.claims:
        if c.kind != "amount" or c.amount is None:
            continue
        row = None
        if c.subject and (m := _CLASS.match(c.subject)):
            row = _row_by_name(table, m["name"], "类")
        elif c.role in ("executed", "line") and c.base and c.base.count("/") == 2:
            row = _row_by_chain(table, c.base.split("/"))
        value = _first_value(row) if row else None
        if value is None:
            continue
        message = msg(
            "claim.table",
            subject=c.subject or c.base,
            stated=sh.amount(c.amount),
            table=f"{table.name} {row.code if row else ''}".strip(),
            other=sh.amount(value),
        )
        f = claim_vs_table(c, c.amount, message, value)
        if f:
            yield f


def class_names(record: DocumentRecord) -> Iterator[Finding]:
    """``科学技术（类）`` where the table's 类 is ``科学技术支出``: a class name that is not the table's."""
    table = _expense_table(record)
    if table is None:
        return
    seen: set[str] = set()
    for c in record.claims:
        name = None
        if c.kind == "amount" and c.subject and (m := _CLASS.match(c.subject)):
            name = m["name"]
        elif c.base and c.base.count("/") == 2:
            name = c.base.split("/")[0]
        name = rx(r"[\s“”\"]").sub("", name or "")
        if name and name not in seen:
            seen.add(name)
            if _row_by_name(table, name, "类") is None:
                yield _unknown_class(c, name, table)


def _unknown_class(c: Claim, name: str, table: Table) -> Finding:
    return finding(
        msg("doc.class_name", name=name, table=table.name),
        "doc.class_name",
        Severity.WARNING,
        stated=name,
        page=c.page,
        evidence=c.text,
        where="claims",
    )


def narrative_years(record: DocumentRecord) -> Iterator[Finding]:
    for w in record.warnings:
        if m := YEAR_WARNING.match(w):
            yield finding(
                msg("doc.year_mismatch:narrative", year=m[2], expected=m[4], report_year=record.year),
                "doc.year_mismatch",
                Severity.WARNING,
                stated=m[2],
                recomputed=m[4],
                page=int(m[1]),
                evidence=m[3],
                where="narrative",
            )

"""Document-level checks of 决算/预算 reports: cross-table equalities, years, template residue, missing
tables, empty-table notes contradicted by amounts, blank pages."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from cnfiscal.models import DocumentRecord, Finding, Money, Severity, Table
from cnfiscal.validate.base import Check, finding, finding_of, region_of
from cnfiscal.validate.patterns import rx
from cnfiscal.validate.tolerance import Tolerance, money_precision
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import Message, msg
from cnfiscal.vocab.narrative import TEMPLATE_RESIDUE
from cnfiscal.vocab.tables import SPEC_BY_KIND, TABLES_ELSEWHERE_NOTE, TEMPLATE_FAMILIES, TableKind

BLANK_PAGE = regex.compile(r"^p\.(\d+): blank page$")
RESIDUE_WARNING = regex.compile(r"^p\.(\d+): template residue '(.+?)' in '(.*)' \((\d+) lines\)$")
MISSING = regex.compile(r"^目录 lists (.+) but the table was not found$")
_RESIDUE = regex.compile("|".join(TEMPLATE_RESIDUE))
_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")

# (table kind, row name pattern, column pattern) pairs that must agree.
CROSS: tuple[tuple[tuple[str, str, str], tuple[str, str, str], str], ...] = (
    (("final.total", r"^本年收入合计$", r""), ("final.income", r"^合计$", r"本年收入合计"), "本年收入合计"),
    (("final.total", r"^本年支出合计$", r""), ("final.expense", r"^合计$", r"本年支出合计"), "本年支出合计"),
    (
        ("final.fiscal_total", r"^本年支出合计$", r"一般公共预算"),
        ("final.general", r"^合计$", r"合计$"),
        "一般公共预算财政拨款支出",
    ),
    (("final.expense", r"^合计$", r"基本支出"), ("final.general_basic", r"^(?:人员经费合计|公用经费合计)$", r""), ""),
    (("budget.total", r"收入总计", r""), ("budget.income", r"^合计$", r"^合计$"), "收入总计"),
    (("budget.total", r"支出总计", r""), ("budget.expense", r"^合计$", r"^合计$"), "支出总计"),
    (
        ("budget.fiscal_total", r"支出总计", r"一般公共预算"),
        ("budget.general", r"^合计$", r"合计$"),
        "一般公共预算支出",
    ),
    (
        ("budget.general", r"^合计$", r"基本支出"),
        ("budget.general_basic", r"^合计$", r"合计$"),
        "一般公共预算 基本支出",
    ),
    # the twelve-table template (收支预算总表 … 财政拨款支出预算表, 财政拨款基本支出预算表)
    (("budget.total", r"^收入合计$", r""), ("budget.income", r"^收入总计$", r""), "收入合计"),
    (("budget.fiscal_total", r"^支出合计$", r""), ("budget.fiscal_expense", r"^合计$", r""), "财政拨款支出"),
    (("budget.fiscal_total", r"基本支出$", r""), ("budget.fiscal_basic", r"^合计$", r""), "财政拨款基本支出"),
)


def _find(tables: list[Table], kind: str, row_pat: str, col_pat: str) -> Money | None:
    t = next((t for t in tables if t.kind == kind), None)
    if t is None:
        return None
    for r in t.rows:
        if r.name and rx(row_pat).search(r.name):
            for col, v in r.values.items():
                if v is not None and rx(col_pat).search(col):
                    return v
    return None


def cross_table(record: DocumentRecord) -> Iterator[Finding]:
    for (ka, ra, ca), (kb, rb, cb), label in CROSS:
        if not label:
            continue
        a, b = _find(record.tables, ka, ra, ca), _find(record.tables, kb, rb, cb)
        if a is None or b is None:
            continue
        tol = Tolerance.of_sum(money_precision(a), [money_precision(b)])
        f = finding_of(
            Check(
                "final.cross_table",
                msg(
                    "final.cross_table",
                    label=label,
                    table_a=_name(record, ka),
                    stated=sh.amount(a),
                    table_b=_name(record, kb),
                    other=sh.amount(b),
                ),
                a.yuan,
                b.yuan,
                tol,
                f"tables[{ka}]",
                a.page,
                a.bbox,
                f"{a.raw} vs {b.raw}",
                page_b=b.page,
                bbox_b=b.bbox,
            )
        )
        if f:
            yield f


def _name(record: DocumentRecord, kind: str) -> str:
    return next((t.name for t in record.tables if t.kind == kind), kind)


def basic_split(record: DocumentRecord) -> Iterator[Finding]:
    """一般公共预算 基本支出 (支出表 合计 row) = 人员经费合计 + 公用经费合计 of the 基本支出 table."""
    general = next((t for t in record.tables if t.kind == "final.general"), None)
    basic = next((t for t in record.tables if t.kind == "final.general_basic"), None)
    if general is None or basic is None:
        return
    total = _find([general], "final.general", r"^合计$", r"基本支出")
    parts = [
        v
        for r in basic.rows
        if r.name and rx(r"^(?:人员|公用)经费合计$").match(r.name)
        for v in r.values.values()
        if v is not None
    ]
    if total is None or len(parts) != 2:
        return
    tol = Tolerance.of_sum(money_precision(total), [money_precision(p) for p in parts])
    f = finding_of(
        Check(
            "final.cross_table",
            msg(
                "final.cross_table:basic_split",
                stated=sh.amount(total),
                parts=" + ".join(sh.amount(p) for p in parts),
                sum=sh.like(parts[0].yuan + parts[1].yuan, total, *parts),
            ),
            total.yuan,
            parts[0].yuan + parts[1].yuan,
            tol,
            "tables[final.general_basic]",
            total.page,
            total.bbox,
            " + ".join(p.raw for p in parts),
            page_b=region_of(parts)[0],
            bbox_b=region_of(parts)[1],
        )
    )
    if f:
        yield f


def unit_name(record: DocumentRecord) -> Iterator[Finding]:
    """A table's 编制部门/单位 that is not the unit on the cover."""
    cover = rx(r"\s+").sub("", record.unit_name or "")
    if not cover:
        return
    for t in record.tables:
        name = rx(r"\s+").sub("", t.unit_name or "")
        if name and name not in cover and cover not in name:
            yield _finding(
                "doc.unit_name",
                Severity.WARNING,
                msg("doc.unit_name", table=t.name, name=name, cover=cover),
                name,
                t.page_start,
                f"tables[{t.name}]",
            )


# 总表 whose 支出 side lists the 类 (一、一般公共服务支出 …) → the coded table holding the same 类 rows.
CLASS_PAIRS: tuple[tuple[str, str], ...] = (
    ("final.total", "final.expense"),
    ("final.fiscal_total", "final.general"),
    ("budget.total", "budget.expense"),
    ("budget.fiscal_total", "budget.general"),
)
_ENUM = regex.compile(r"^[一二三四五六七八九十]+[、.．]")


def class_lines(record: DocumentRecord) -> Iterator[Finding]:
    """A 类 listed on the 支出 side of a 总表 = that 类's row in the expenditure table (first column)."""
    for total_kind, coded_kind in CLASS_PAIRS:
        total = next((t for t in record.tables if t.kind == total_kind), None)
        coded = next((t for t in record.tables if t.kind == coded_kind), None)
        if total is None or coded is None:
            continue
        classes = {rx(r"\s+").sub("", r.name or ""): r for r in coded.rows if r.level == "类"}
        for r in total.rows:
            if r.side != "支出" or not r.name or not _ENUM.match(r.name):
                continue
            row = classes.get(_ENUM.sub("", rx(r"\s+").sub("", r.name)))
            a = next((v for v in r.values.values() if v is not None), None)
            b = next((v for v in row.values.values() if v is not None), None) if row else None
            if a is None or b is None:
                continue
            tol = Tolerance.of_sum(money_precision(a), [money_precision(b)])
            f = finding_of(
                Check(
                    "final.cross_table",
                    msg(
                        "final.cross_table",
                        label=r.name,
                        table_a=total.name,
                        stated=sh.amount(a),
                        table_b=coded.name,
                        other=sh.amount(b),
                    ),
                    a.yuan,
                    b.yuan,
                    tol,
                    f"tables[{total_kind}]",
                    a.page,
                    a.bbox,
                    f"{a.raw} vs {row.code if row else ''} {b.raw}",
                    page_b=b.page,
                    bbox_b=b.bbox,
                )
            )
            if f:
                yield f


def year_mismatch(record: DocumentRecord) -> Iterator[Finding]:
    if record.year is None:
        return
    for t in record.tables:
        if t.year is not None and t.year != record.year:
            yield _finding(
                "doc.year_mismatch",
                Severity.WARNING,
                msg("doc.year_mismatch", table=t.name, year=t.year, report_year=record.year),
                str(t.year),
                t.page_start,
                f"tables[{t.name}]",
            )


def template_residue(record: DocumentRecord) -> Iterator[Finding]:
    """Template text left in the narrative (from the extract warnings) or in a table's row labels."""
    for w in record.warnings:
        if m := RESIDUE_WARNING.match(w):
            message = msg("doc.template_residue", residue=m[2], n=m[4])
            yield _finding("doc.template_residue", Severity.WARNING, message, m[3], int(m[1]), "narrative", m[3])
    for t in record.tables:
        for r in t.rows:
            if r.name and (m := _RESIDUE.search(r.name)):
                yield _finding(
                    "doc.template_residue",
                    Severity.WARNING,
                    msg("doc.template_residue:row", residue=m[0]),
                    r.name,
                    r.page,
                    f"tables[{t.name}]",
                    r.name,
                )


def missing_table(record: DocumentRecord) -> Iterator[Finding]:
    """doc.missing_table — a table the 目录 lists, or the document's template family requires, is not in the file;
    never when the document says its tables are published separately."""
    if any(w.startswith(TABLES_ELSEWHERE_NOTE) for w in record.warnings):
        return
    for w in record.warnings:
        if m := MISSING.match(w):
            yield _finding(
                "doc.missing_table", Severity.ERROR, msg("doc.missing_table", title=m[1]), m[1], None, "tables"
            )
    present = {t.kind for t in record.tables}
    for k in _family_missing(present):
        spec = SPEC_BY_KIND[k]
        if not any(spec.title in w for w in record.warnings):
            yield _finding(
                "doc.missing_table",
                Severity.ERROR,
                msg("doc.missing_table:standard", title=spec.title),
                spec.title,
                None,
                "tables",
            )


def _family_missing(present: set[str | None]) -> list[TableKind]:
    """The required tables absent from the template family the document's tables belong to (the family with the
    largest share present, at least its ``min_share``); none when no family fits."""
    best, share = None, 0.0
    for fam in TEMPLATE_FAMILIES:
        s = sum(1 for k in fam.kinds if k.value in present) / len(fam.kinds)
        if s >= fam.min_share and s > share:
            best, share = fam, s
    return [k for k in best.required if k.value not in present] if best else []


def empty_contradiction(record: DocumentRecord) -> Iterator[Finding]:
    for t in record.tables:
        note = next((n for n in t.notes if rx(r"为空表|无数据").search(n)), None)
        amounts = [v for r in t.rows for v in r.values.values() if v is not None and v.yuan != Decimal(0)]
        if note and amounts:
            yield _finding(
                "doc.empty_contradiction",
                Severity.ERROR,
                msg("doc.empty_contradiction", table=t.name, n=len(amounts)),
                "; ".join(a.raw for a in amounts[:8]),
                t.page_start,
                f"tables[{t.name}]",
                note,
            )


def blank_page(record: DocumentRecord) -> Iterator[Finding]:
    for w in record.warnings:
        if m := BLANK_PAGE.match(w):
            yield _finding("doc.blank_page", Severity.INFO, msg("doc.blank_page", page=m[1]), None, int(m[1]), "source")


def _finding(  # noqa: PLR0917 - a plain record builder
    rule: str,
    sev: Severity,
    message: Message,
    stated: str | None,
    page: int | None,
    where: str,
    evidence: str | None = None,
) -> Finding:
    return finding(message, rule, sev, stated=stated, page=page, where=where, evidence=evidence)

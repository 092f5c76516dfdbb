"""三公 narrative vs the 三公 table: the amounts stated for 三公 合计, 因公出国（境）, 公务用车 (小计, 购置, 运行) and
公务接待 equal the table's cells (预算数 or 决算数 as the sentence says; budgets have one figure per item)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnfiscal.models import Claim, DocumentRecord, Finding, InputKind, Money, Table
from cnfiscal.validate.base import claim_vs_table
from cnfiscal.validate.patterns import rx
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import msg

# subject pattern → column keyword (the item), checked in order
ITEMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"三公", "三公", ("会议", "培训")),  # a “三公”经费小计 column (a 合计 that also holds 会议费、培训费 is not it)
    (r"三公", "合计", ()),
    (r"因公出国", "出国", ()),
    (r"公务接待", "接待", ()),
    (r"购置及运行", "小计", ("三公",)),
    (r"公务用车购置费|公务用车购置(?!及)", "购置", ("小计",)),
    (r"公务用车运行", "运行", ("小计", "购置", "机关运行")),
    (r"机关运行经费", "机关运行", ()),
)


def sangong_claims(record: DocumentRecord) -> Iterator[Finding]:
    table = next((t for t in record.tables if (t.kind or "").endswith("sangong") and t.rows), None)
    if table is None or len(table.rows) != 1:
        return
    pdf = record.source.input_kind is InputKind.PDF_TEXT
    for c in record.claims:
        if c.kind != "amount" or c.amount is None or not c.subject:
            continue
        col = _column(table, c)
        value = table.rows[0].values.get(col) if col else None
        if col is None or (value is None and (col in table.rows[0].values or not pdf)):
            continue  # unreadable, or absent in an OCR/text input (a lost cell, not a 0)
        stated = value or Money(yuan=Decimal(0), raw="", unit=c.amount.unit)  # an empty cell prints nothing: 0
        other = sh.amount(stated) if stated.raw else "空白"
        message = msg(
            "claim.table", subject=c.subject, stated=sh.amount(c.amount), table=f"{table.name} {col}", other=other
        )
        f = claim_vs_table(c, c.amount, message, stated)
        if f:
            yield f


def _column(table: Table, c: Claim) -> str | None:
    subject = c.subject or ""
    if "三公" not in subject and not rx(r"因公出国|公务接待|公务用车|机关运行经费").search(subject):
        return None
    budget_words = c.role == "budget" or ("预算" in subject and "决算" not in subject)
    half = "预算数" if budget_words else "决算数"  # a final account's figures are 决算 unless said otherwise
    for pattern, key, exclude in ITEMS:
        if rx(pattern).search(subject):
            cols = [col for col in table.columns if key in col and not any(x in col for x in exclude)]
            if not cols:
                continue  # the next reading of the subject
            halves = [col for col in cols if col.endswith(half)]
            if halves:
                return halves[0]
            split = any(col.endswith(("预算数", "决算数")) for col in cols)
            return cols[0] if cols and not split else None
    return None

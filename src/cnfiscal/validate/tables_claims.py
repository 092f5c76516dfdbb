"""Narrative claims of 决算/预算 reports recomputed: shares, completion rates, changes, table figures."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex

from cnfiscal.models import Claim, DocType, DocumentRecord, Finding, Money, Table
from cnfiscal.validate.base import Check, claim_vs_table, finding_of
from cnfiscal.validate.patterns import rx
from cnfiscal.validate.tolerance import Tolerance, money_precision, rate_ulp
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import Message, msg

_REPORT = (DocType.FINAL_ACCOUNT, DocType.BUDGET)
_WHOLE = regex.compile(r"合计|总计|总额")
_PRIOR_SUBJECT = regex.compile(r"执行数$|上年|上一年")
_CURRENT_SUBJECT = regex.compile(r"预算安排$|预算数?$|本年")
_RESTATED = regex.compile(r"预算安排$")
_QUALIFIERS = ("非财政拨款", "政府性基金", "国有资本经营")


def _groups(record: DocumentRecord) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for c in record.claims:
        out.setdefault(c.group or "", []).append(c)
    return out


def _pct_check(rule: str, c: Claim, stated: Decimal, recomputed: Decimal, message: Message) -> Finding | None:
    """A stated percentage against the one recomputed; the message gets both, written as percentages."""
    tol = Tolerance.single(rate_ulp(stated, c.value_raw or c.text))  # the percentage as printed: its own digits
    shown = sh.printed_rate(stated, c.value_raw)
    figures = {"stated": shown, "recomputed": sh.recomputed_rate(recomputed, stated, shown)}
    full = Message(message.key, {**message.params, **figures})
    return finding_of(
        Check(rule, full, stated, recomputed.quantize(Decimal("0.000001")), tol, "claims", c.page, c.bbox, c.text)
    )


def share_findings(record: DocumentRecord) -> Iterator[Finding]:
    if record.doc_type not in _REPORT:
        return
    for claims in _groups(record).values():
        amounts = [c for c in claims if c.kind == "amount" and c.amount is not None]
        parts = {id(c.amount) for c in claims if c.kind == "share"}
        plain = [c for c in amounts if id(c.amount) not in parts]
        whole = next((c for c in amounts if c.subject and _WHOLE.search(c.subject)), plain[0] if plain else None)
        for c in claims:
            if c.kind != "share" or c.value is None or c.amount is None or whole is None or whole.amount is None:
                continue
            if (c.base and not _WHOLE.search(c.base)) or whole.amount.yuan == 0 or c.amount is whole.amount:
                continue
            f = _pct_check(
                "claim.share",
                c,
                c.value,
                c.amount.yuan / whole.amount.yuan,
                msg(
                    "claim.share",
                    subject=c.subject or "",
                    part=sh.amount(c.amount),
                    whole_subject=whole.subject or "",
                    whole=sh.amount(whole.amount),
                ),
            )
            if f:
                yield f


def rate_findings(record: DocumentRecord) -> Iterator[Finding]:
    if record.doc_type not in _REPORT:
        return
    for claims in _groups(record).values():
        budget = next((c for c in claims if c.role == "budget" and c.amount), None)
        executed = next((c for c in claims if c.role == "executed" and c.amount), None)
        for c in claims:
            if c.kind != "rate" or c.value is None or budget is None or executed is None:
                continue
            assert budget.amount is not None and executed.amount is not None
            if budget.amount.yuan == 0:
                continue
            f = _pct_check(
                "claim.rate",
                c,
                c.value,
                executed.amount.yuan / budget.amount.yuan,
                msg("claim.rate", executed=sh.amount(executed.amount), budget=sh.amount(budget.amount)),
            )
            if f:
                yield f


def change_findings(record: DocumentRecord) -> Iterator[Finding]:
    """P% = D / prior, with prior = current − signed D (current: the paragraph's first amount); or, when the
    paragraph states both years (上年执行数 X … 本年预算安排 Y … 增加P%), P% = (Y − X) / X."""
    if record.doc_type not in _REPORT:
        return
    for claims in _groups(record).values():
        pct = next((c for c in claims if c.role == "change_pct" and c.value is not None), None)
        if pct is None or pct.value is None:
            continue
        pair = _prior_current(claims)
        if pair is None:
            continue
        prior, current, how = pair
        if prior == 0:
            continue
        f = _pct_check("claim.change", pct, pct.value, (current - prior) / prior, how)
        if f:
            yield f


def _prior_current(claims: list[Claim]) -> tuple[Decimal, Decimal, Message] | None:
    amounts = [c for c in claims if c.kind == "amount" and c.amount is not None]
    change = next((c for c in claims if c.role == "change" and c.value is not None), None)
    prior_c = next((c for c in amounts if c.subject and _PRIOR_SUBJECT.search(c.subject)), None)
    current_c = next(
        (c for c in amounts if c is not prior_c and c.subject and _CURRENT_SUBJECT.search(c.subject)), None
    )
    if change is None and prior_c and current_c and prior_c.amount and current_c.amount:
        a, b = prior_c.amount, current_c.amount
        return a.yuan, b.yuan, msg("claim.change", prior=sh.amount(a), current=sh.amount(b))
    if change is not None and change.value is not None and amounts and amounts[0].amount is not None:
        this_year = amounts[0].amount
        current = this_year.yuan
        prior = current - change.value
        delta = sh.like(change.value, this_year, *([change.amount] if change.amount else []))
        shown = msg(
            "claim.change:delta",
            delta=delta,
            current=sh.amount(this_year),
            prior=sh.like(prior, this_year, *([change.amount] if change.amount else [])),
        )
        return prior, current, shown
    return None


# narrative subject pattern → (table kind, row pattern)
SUBJECT_ROWS: tuple[tuple[str, str, str], ...] = (
    (r"^(?:\S*年度)?收入支出(?:决算)?总计$|^(?:\S*年度)?收入、支出决算总计$", "final.total", r"^总计$"),
    (
        r"^(?:\S*年度)?财政拨款收入?支出(?:决算)?总计$|^(?:\S*年度)?财政拨款收、支决算总计$",
        "final.fiscal_total",
        r"^总计$",
    ),
    (r"^本年收入合计$|收入决算合计$", "final.total", r"^本年收入合计$"),
    (r"^本年支出合计$|支出决算合计$", "final.total", r"^本年支出合计$"),
    (r"^人员经费$", "final.general_basic", r"^人员经费合计$"),
    (r"^公用经费$", "final.general_basic", r"^公用经费合计$"),
)


def _other_year(subject: str, year: int | None) -> bool:
    years = [int(y) for y in rx(r"((?:19|20)\d{2})\s*年").findall(subject)]
    return bool(year and years and any(y != year for y in years))


def _qualified_elsewhere(c: Claim, group: list[Claim]) -> bool:
    """A bare 本年收入合计 inside a paragraph about 非财政拨款 speaks of another table."""
    return any(q in g.text and q not in (c.subject or "") for g in group for q in _QUALIFIERS)


def table_findings(record: DocumentRecord) -> Iterator[Finding]:
    groups = _groups(record)
    for c in record.claims:
        if c.kind != "amount" or c.amount is None or not c.subject:
            continue
        if _other_year(c.subject, record.year) or _qualified_elsewhere(c, groups.get(c.group or "", [])):
            continue
        subject = rx(r"^\S*?(?:局|部|委|办|中心|处)(?=\d|本年|收入|财政)").sub("", c.subject)
        for pat, kind, row_pat in SUBJECT_ROWS:
            if rx(pat).search(subject):
                table = next((t for t in record.tables if t.kind == kind), None)
                value = _row_value(table, row_pat) if table else None
                if value is None:
                    continue
                message = msg(
                    "claim.table",
                    subject=c.subject,
                    stated=sh.amount(c.amount),
                    table=table.name if table else "",
                    other=sh.amount(value),
                )
                f = claim_vs_table(c, c.amount, message, value)
                if f:
                    yield f
                break


def _row_value(t: Table, row_pat: str) -> Money | None:
    for r in t.rows:
        if r.name and rx(row_pat).search(r.name):
            vals = [v for v in r.values.values() if v is not None]
            if vals:
                return vals[0]
    return None


def same_item(record: DocumentRecord) -> Iterator[Finding]:
    """One item given two amounts in its paragraph: the line's amount and its 本年预算安排 amount."""
    for claims in _groups(record).values():
        line = next((c for c in claims if c.role == "line" and c.amount is not None), None)
        again = next(
            (
                c
                for c in claims
                if c is not line
                and c.kind == "amount"
                and c.amount is not None
                and c.subject
                and _RESTATED.search(c.subject)
            ),
            None,
        )
        if line is None or again is None or line.amount is None or again.amount is None:
            continue
        tol = Tolerance.of_sum(money_precision(line.amount), [money_precision(again.amount)])
        f = finding_of(
            Check(
                "claim.same_item",
                msg(
                    "claim.same_item",
                    item=line.base or "",
                    stated=sh.amount(line.amount),
                    subject=again.subject or "",
                    other=sh.amount(again.amount),
                ),
                line.amount.yuan,
                again.amount.yuan,
                tol,
                "claims",
                again.page,
                again.bbox,
                again.text,
            )
        )
        if f:
            yield f

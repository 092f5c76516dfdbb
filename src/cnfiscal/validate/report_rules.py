"""Rules on the claims of a narrative report, grouped by ``Claim.group`` (see ``normalize.claims_report``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnfiscal.models import Claim, DocType, DocumentRecord, Finding, Money
from cnfiscal.validate.base import Check, findings_of
from cnfiscal.validate.tolerance import Tolerance, fmt, money_precision, rate_ulp
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import msg

Indexed = list[tuple[int, Claim]]


def groups(record: DocumentRecord) -> dict[str, Indexed]:
    out: dict[str, Indexed] = {}
    for i, claim in enumerate(record.claims):
        if claim.group:
            out.setdefault(claim.group, []).append((i, claim))
    return out


def _role(members: Indexed, role: str) -> Indexed:
    return [(i, c) for i, c in members if c.role == role]


def _money(claim: Claim) -> Money | None:
    return claim.amount


# 决算/预算 narratives have their own rate rule (``claim.rate``): each claim is checked by one rule only.
_OWN_RATE_RULE = (DocType.FINAL_ACCOUNT, DocType.BUDGET)


def rate_findings(record: DocumentRecord) -> list[Finding]:
    """report.rate — 执行率 Z% = 执行数 Y / 预算数 X (not on 决算/预算 reports: ``claim.rate`` checks those)."""
    if record.doc_type in _OWN_RATE_RULE:
        return []
    return findings_of(_rate_checks(record))


def _rate_checks(record: DocumentRecord) -> Iterator[Check]:
    for members in groups(record).values():
        budget, executed, rate = _role(members, "budget"), _role(members, "executed"), _role(members, "rate")
        if not (budget and executed and rate):
            continue
        (_, b), (_, e), (i, r) = budget[0], executed[0], rate[0]
        if b.value is None or e.value is None or r.value is None or b.value == 0:
            continue
        recomputed = (e.value / b.value).quantize(Decimal("1E-8")).normalize()
        stated = sh.printed_rate(r.value, r.value_raw)
        yield Check(
            rule="report.rate",
            message=msg(
                "report.rate",
                executed=_shown(e),
                budget_name=b.subject or "预算数",
                budget=_shown(b),
                recomputed=sh.recomputed_rate(recomputed, r.value, stated),
                stated=stated,
            ),
            stated=r.value,
            recomputed=recomputed,
            tolerance=Tolerance.single(rate_ulp(r.value, r.value_raw)),
            where=f"claims[{i}]",
            page=r.page,
            bbox=r.bbox,
            evidence=_evidence(r, f"{_shown(b)} → {_shown(e)}, 执行率 {_shown(r)}"),
            confidences=tuple(c.amount.confidence for c in (b, e) if c.amount is not None),
        )


def parts_sum_findings(record: DocumentRecord) -> list[Finding]:
    """report.parts_sum — 其中 parts sum to the whole (each part in its own unit)."""
    return findings_of(_sum_checks(record, "whole", ("part",), "report.parts_sum"))


def list_sum_findings(record: DocumentRecord) -> list[Finding]:
    """report.list_sum — the amounts of a list (or of the lists under a 项目 N 个 statement) sum to its total."""
    return findings_of(_sum_checks(record, "total", ("item", "child"), "report.list_sum"))


def _sum_checks(record: DocumentRecord, whole_role: str, part_roles: tuple[str, ...], rule: str) -> Iterator[Check]:
    for members in groups(record).values():
        wholes = _role(members, whole_role)
        parts = [c for _, c in members if c.role in part_roles]
        if not wholes or not parts:
            continue
        i, whole = wholes[0]
        amounts = [_money(p) for p in parts]
        total = _money(whole)
        if total is None or any(a is None for a in amounts):
            continue  # an item without an amount: nothing to recompute
        money = [a for a in amounts if a is not None]
        shown = " + ".join(a.raw for a in money)
        recomputed = sum((a.yuan for a in money), Decimal(0))
        yield Check(
            rule=rule,
            message=msg(
                rule,
                subject=whole.subject or "",
                stated=sh.amount(total),
                n=len(money),
                parts=" + ".join(sh.amount(a) for a in money),
                sum=sh.like(recomputed, total, *money),
            ),
            stated=total.yuan,
            recomputed=recomputed,
            tolerance=Tolerance.of_sum(money_precision(total), [money_precision(a) for a in money]),
            where=f"claims[{i}]",
            page=whole.page,
            bbox=whole.bbox,
            evidence=_evidence(whole, f"{total.raw} = {shown}"),
            confidences=(total.confidence, *(a.confidence for a in money)),
        )


def count_findings(record: DocumentRecord) -> list[Finding]:
    """report.count — 项目 N 个 equals the number of items listed after it."""
    return findings_of(_count_checks(record))


def _count_checks(record: DocumentRecord) -> Iterator[Check]:
    for members in groups(record).values():
        counts, items = _role(members, "count"), _role(members, "item")
        if not counts or not items or _role(members, "child"):
            continue
        i, count = counts[0]
        if count.value is None:
            continue
        yield Check(
            rule="report.count",
            message=msg("report.count", stated=count.value_raw or fmt(count.value), n=len(items)),
            stated=count.value,
            recomputed=Decimal(len(items)),
            tolerance=Tolerance(Decimal(0), True, "0 (exact)"),
            where=f"claims[{i}]",
            page=count.page,
            evidence=_evidence(count, "; ".join(c.subject or "?" for _, c in items)[:300]),
        )


def _shown(claim: Claim) -> str:
    if claim.value_raw:
        return claim.value_raw
    if claim.amount is not None:
        return claim.amount.raw
    return "—" if claim.value is None else fmt(claim.value)


def _evidence(claim: Claim, summary: str) -> str:
    where = f"line {claim.line}: " if claim.line is not None else ""
    return f"{where}{claim.text} [{summary}]"

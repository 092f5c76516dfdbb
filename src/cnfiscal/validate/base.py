"""What every rule produces: a ``Check`` (stated vs recomputed, with its tolerance) → a ``Finding``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from cnfiscal.models import BBox, Claim, DocumentRecord, Finding, Money, SelfEval, Severity
from cnfiscal.validate.tolerance import Tolerance, downgrade_for_confidence, fmt, judge, money_precision
from cnfiscal.vocab.messages import Message


@dataclass(frozen=True, slots=True)
class Check:
    """One comparison of a stated figure with the figure recomputed from other stated figures."""

    rule: str
    message: Message  # key and figures as printed; rendered in Chinese on the finding (vocab.messages)
    stated: Decimal
    recomputed: Decimal
    tolerance: Tolerance
    where: str
    page: int | None = None
    bbox: BBox | None = None
    evidence: str | None = None
    mismatch: Severity = Severity.ERROR
    confidences: tuple[float | None, ...] = field(default_factory=tuple)
    page_b: int | None = None  # where the figure it is compared with is printed, when that is elsewhere
    bbox_b: BBox | None = None


def finding_of(check: Check) -> Finding | None:
    """None when the figures agree exactly; else a Finding whose severity follows the tolerance."""
    verdict = judge(check.stated, check.recomputed, check.tolerance, check.mismatch)
    if verdict is None:
        return None
    severity = downgrade_for_confidence(verdict.severity, check.confidences)
    return Finding(
        rule=check.rule,
        severity=severity,
        message=check.message.render(within=severity is Severity.INFO),
        message_key=check.message.key,
        message_params=dict(check.message.params),
        stated=fmt(check.stated),
        recomputed=fmt(check.recomputed),
        difference=fmt(verdict.difference),
        tolerance=check.tolerance.text,
        page=check.page,
        bbox=check.bbox,
        evidence=check.evidence,
        where=check.where,
        page_b=check.page_b,
        bbox_b=check.bbox_b,
    )


def claim_vs_table(claim: Claim, amount: Money, message: Message, value: Money) -> Finding | None:
    """``claim.table``: an amount stated in the narrative against the table value it names (both rounded)."""
    tol = Tolerance.of_sum(money_precision(amount), [money_precision(value)])
    check = Check(
        "claim.table",
        message,
        amount.yuan,
        value.yuan,
        tol,
        "claims",
        claim.page,
        claim.bbox,
        claim.text,
        page_b=value.page,
        bbox_b=value.bbox,
    )
    return finding_of(check)


def finding(message: Message, rule: str, severity: Severity, **fields: object) -> Finding:
    """A finding that is not a comparison within a tolerance (a bound, a convention, a missing table)."""
    return Finding.model_validate(
        {
            "rule": rule,
            "severity": severity,
            "message": message.render(),
            "message_key": message.key,
            "message_params": dict(message.params),
            **fields,
        }
    )


def region_of(parts: list[Money]) -> tuple[int | None, BBox | None]:
    """Where the parts of a sum are printed: the first part's page and the rectangle around the parts' cells on
    that page (None when none of them has a box) — the other side of the comparison, framed in the report."""
    if not parts:
        return None, None
    page = parts[0].page
    boxes = [p.bbox for p in parts if p.page == page and p.bbox is not None]
    if not boxes:
        return page, None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return page, (x0, y0, max(b[2] for b in boxes), max(b[3] for b in boxes))


def findings_of(checks: Iterable[Check]) -> list[Finding]:
    return [f for c in checks if (f := finding_of(c)) is not None]


SelfEvalCheck = Callable[[SelfEval, str], Iterable[Check | Finding]]


def per_self_eval(fn: SelfEvalCheck) -> Callable[[DocumentRecord], list[Finding]]:
    """Lift a check over one SelfEval (given its path ``self_evals[i]``) to a rule over the record.

    ``fn`` yields ``Check``s (judged here against their tolerance) or ready ``Finding``s (bounds, conventions).
    """

    def check(record: DocumentRecord) -> list[Finding]:
        out: list[Finding] = []
        for i, se in enumerate(record.self_evals):
            for item in fn(se, f"self_evals[{i}]"):
                found = finding_of(item) if isinstance(item, Check) else item
                if found is not None:
                    out.append(found)
        return out

    return check


def show_money(money: Money | None) -> str:
    return "—" if money is None else money.raw


def show(value: Decimal | None) -> str:
    return "—" if value is None else fmt(value)

"""Two documents of one office and one year: a department and its own unit, a final account and its budget.

- ``corpus.unit.le_department``: the department consolidates its units, so a figure of a unit (its own, ``X本级``,
  or one its list of units names: ``members``) never exceeds the department's figure for the same item in the same
  kind of document of the same year (totals, 财政拨款, 基本/项目支出, 三公 and its parts, 机关运行经费, 功能科目
  lines) — read from the standard tables on both sides, where a figure is a table cell and not a sentence's reading.
- ``corpus.final.initial_budget``: the 年初预算 a final account (决算) quotes for an item is the budget the office
  published for that year: it must equal the budget document's figure for the same item.

The sum rule (the department = the sum of its units) is ``sums``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

import regex

from cnfiscal.corpus.crossdoc.checks import absent
from cnfiscal.corpus.crossdoc.figures.items import Figure, item_of, label_of
from cnfiscal.corpus.crossdoc.group import Doc
from cnfiscal.corpus.crossdoc.models import Check, CrossFinding
from cnfiscal.models import Claim, DocType, Money, Severity
from cnfiscal.validate.tolerance import Tolerance, judge, money_precision
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import Message, msg

RULE_UNIT = "corpus.unit.le_department"
RULE_FINAL = "corpus.final.initial_budget"
_INITIAL = regex.compile(r"年初预算(?:数)?$")

Result = tuple[list[CrossFinding], list[Check]]


@dataclass(frozen=True, slots=True)
class _Side:
    doc: Doc
    figure: Figure


def check_units(office_id: str, docs: list[Doc]) -> Result:
    findings: list[CrossFinding] = []
    checks: list[Check] = []
    for unit in (d for d in docs if d.is_unit):
        depts = [d for d in docs if not d.is_unit and d.year == unit.year and d.doc_type is unit.doc_type]
        for figure in (f for f in unit.figures if f.source == "table"):
            base = Check(office_id, RULE_UNIT, figure.item, unit.sha256, figure.page, unit.year, figure.evidence,
                         "unchecked")  # fmt: skip
            above = [_Side(d, f) for d in depts for f in d.figures if f.source == "table" and f.item == figure.item]
            lack = absent.department_line(unit, figure, depts) if not above else None
            if lack is not None and lack.same_code is not None:
                above = [_Side(*lack.same_code)]
            elif lack is not None:
                found, check = _lacking(office_id, _Side(unit, figure), lack, base)
                checks.append(check)
                findings.extend(found)
                continue
            found, check = _unit_vs_department(office_id, _Side(unit, figure), above, base)
            checks.append(check)
            findings.extend(found)
    return findings, checks


def _unit_vs_department(
    office_id: str, unit: _Side, depts: list[_Side], base: Check
) -> tuple[list[CrossFinding], Check]:
    top = max(depts, key=lambda s: s.figure.money.yuan)
    if unit.figure.money.yuan <= top.figure.money.yuan:
        return [], _with(base, outcome="agrees", **_b(top))
    tol = Tolerance.of_sum(money_precision(top.figure.money), [money_precision(unit.figure.money)])
    verdict = judge(unit.figure.money.yuan, top.figure.money.yuan, tol)
    assert verdict is not None
    message = msg(
        RULE_UNIT, unit=unit.doc.record.unit_name or "", item=label_of(unit.figure.item),
        unit_value=sh.amount(unit.figure.money), dept=top.doc.record.unit_name or "",
        dept_value=sh.amount(top.figure.money),
    )  # fmt: skip
    finding = _finding(
        office_id,
        RULE_UNIT,
        severity=verdict.severity,
        message=message,
        a=unit,
        b=top,
        tol=tol,
        diff=verdict.difference,
    )
    return [finding], _with(base, outcome="finding", finding_id=finding.finding_id, **_b(top))


def _lacking(office_id: str, unit: _Side, lack: absent.Lack, base: Check) -> tuple[list[CrossFinding], Check]:
    """A unit's line the department's table of the same kind lacks: the department's figure is 0 there."""
    if lack.table is None or lack.dept is None:
        return [], _with(base, reason=lack.reason or f"no department figure for this item in {unit.doc.year}")
    table = lack.table
    pages = f"{table.page_start}" + (f"–{table.page_end}" if (table.page_end or 0) > (table.page_start or 0) else "")
    zero = Money(yuan=Decimal(0), raw="0", unit=unit.figure.money.unit, page=table.page_start)
    evidence = f"{table.name}：{lack.code or label_of(unit.figure.item)} not printed"
    dept = _Side(lack.dept, Figure(unit.figure.item, zero, table.page_start, "table", evidence))
    tol = Tolerance.of_sum(money_precision(unit.figure.money), [])
    mismatch = Severity.ERROR if lack.variant == absent.CERTAIN else Severity.WARNING
    verdict = judge(unit.figure.money.yuan, Decimal(0), tol, mismatch)
    assert verdict is not None  # a unit's 0 is never looked for
    message = msg(
        f"{RULE_UNIT}:{lack.variant}", unit=unit.doc.record.unit_name or "", item=label_of(unit.figure.item),
        unit_value=sh.amount(unit.figure.money), page=unit.figure.page, code=lack.code,
        dept=lack.dept.record.unit_name or "", table=table.name, dept_pages=pages,
    )  # fmt: skip
    finding = _finding(
        office_id, RULE_UNIT, severity=verdict.severity, message=message, a=unit, b=dept, tol=tol,
        diff=verdict.difference,
    )  # fmt: skip
    check = _with(base, outcome="finding", finding_id=finding.finding_id, **_b(dept))
    return [finding], check


def check_finals(office_id: str, docs: list[Doc]) -> Result:
    findings: list[CrossFinding] = []
    checks: list[Check] = []
    for final in (d for d in docs if d.doc_type is DocType.FINAL_ACCOUNT):
        budgets = [
            d for d in docs if d.doc_type is DocType.BUDGET and d.year == final.year and d.is_unit == final.is_unit
        ]
        for figure in initial_budgets(final):
            base = Check(office_id, RULE_FINAL, figure.item, final.sha256, figure.page, final.year, figure.evidence,
                         "unchecked")  # fmt: skip
            if not budgets:
                scope = "unit" if final.is_unit else "office"
                checks.append(_with(base, reason=f"no budget of {final.year} of this {scope} in the corpus"))
                continue
            sides = [_Side(d, f) for d in budgets for f in d.figures if f.item == figure.item]
            if not sides:
                checks.append(_with(base, reason=f"the {final.year} budget does not state this item"))
                continue
            found, check = _final_vs_budget(office_id, _Side(final, figure), sides, base)
            checks.append(check)
            findings.extend(found)
    return findings, checks


def _final_vs_budget(
    office_id: str, final: _Side, budgets: list[_Side], base: Check
) -> tuple[list[CrossFinding], Check]:
    scored = []
    for side in budgets:
        tol = Tolerance.of_sum(money_precision(side.figure.money), [money_precision(final.figure.money)])
        verdict = judge(final.figure.money.yuan, side.figure.money.yuan, tol)
        if verdict is None:
            return [], _with(base, outcome="agrees", **_b(side))
        scored.append((abs(verdict.difference), verdict, tol, side))
    _, verdict, tol, side = min(scored, key=lambda s: s[0])
    severity = Severity.WARNING if len({s.figure.money.yuan for s in budgets}) > 1 else verdict.severity
    message = msg(
        RULE_FINAL, year=final.doc.year, item=label_of(final.figure.item), stated=sh.amount(final.figure.money),
        prev_page=side.figure.page, prev=sh.amount(side.figure.money),
    )  # fmt: skip
    finding = _finding(
        office_id, RULE_FINAL, severity=severity, message=message, a=final, b=side, tol=tol, diff=verdict.difference
    )
    return [finding], _with(base, outcome="finding", finding_id=finding.finding_id, **_b(side))


def initial_budgets(doc: Doc) -> Iterator[Figure]:
    """The 年初预算 amounts a final account states: ``一般公共预算财政拨款支出年初预算2993.92万元`` (item from the
    words before 年初预算), or ``年初预算X万元`` in a paragraph about one 功能科目 line (item from that line)."""
    groups: dict[str, list[Claim]] = {}
    for c in doc.record.claims:
        groups.setdefault(c.group or "", []).append(c)
    for claims in groups.values():
        line = next((c for c in claims if c.role == "line" and c.subject), None)
        for c in claims:
            if c.kind != "amount" or c.amount is None or not c.subject or not _INITIAL.search(c.subject):
                continue
            named = _INITIAL.sub("", c.subject)
            item = item_of(named, c.text) if named else (item_of(line.subject, line.text) if line else None)
            if item:
                yield Figure(item, c.amount, c.page, "text", c.text)


def _finding(
    office_id: str,
    rule: str,
    *,
    severity: Severity,
    message: Message,
    a: _Side,
    b: _Side,
    tol: Tolerance,
    diff: Decimal,
) -> CrossFinding:
    return CrossFinding(
        office_id=office_id, rule=rule, severity=severity, message=message.render(), item=a.figure.item,
        stated=sh.plain(a.figure.money.yuan), recomputed=sh.plain(b.figure.money.yuan), difference=sh.plain(diff),
        tolerance=tol.text, evidence=f"{a.figure.evidence} | {b.figure.evidence}", sha256_a=a.doc.sha256,
        page_a=a.figure.page, year_a=a.doc.year, sha256_b=b.doc.sha256, page_b=b.figure.page, year_b=b.doc.year,
        message_key=message.key, message_params=dict(message.params),
    ).with_identity()  # fmt: skip


def _b(side: _Side) -> dict[str, object]:
    return {"sha256_b": side.doc.sha256, "page_b": side.figure.page, "year_b": side.doc.year}


def _with(check: Check, **changes: object) -> Check:
    return replace(check, **changes)  # type: ignore[arg-type]

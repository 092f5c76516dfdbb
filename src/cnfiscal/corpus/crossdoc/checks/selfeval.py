"""A self-evaluation form's 年初预算数 against its office's 部门预算 of the same year
(``corpus.selfeval.initial_budget``).

The 年初预算数 of a form is the budget as passed at the start of the year — the 部门预算 the office published:

- a 部门整体支出 form: 年度资金总额 ↔ the budget's 支出总计 (收支预算总表, or the 合计 of the 支出预算总表);
  财政拨款 ↔ its 财政拨款 total (财政拨款收支预算总表 支出总计, or 财政拨款收入); 基本支出 / 项目支出 ↔ the
  支出预算总表's columns. A 部门预算's 支出总计 counts the 上年结转 it lists on the 收入 side; a form may leave the
  carry-over out of its 年初预算数, so a total that misses 支出总计 but equals 支出总计 − 上年结转 agrees (and says so);
- a 项目支出 form: its 年度资金总额 (and 财政拨款) ↔ the amount of the project of that name in the budget's
  项目支出预算表 (``selfeval_projects``).

Severity: a difference printed precision explains is ``info``; a clear mismatch is an ``error`` only when both
figures were read with confidence and the match is certain (the form names the office itself, both documents were
linked on their own names, the budget's figures agree among themselves); else a ``warning`` with the reason. Every
form row met is a ``corpus_checks`` row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

import regex

from cnfiscal.corpus.crossdoc.checks import projects
from cnfiscal.corpus.crossdoc.figures.table_figures import first_amount, row_label
from cnfiscal.corpus.crossdoc.group import Doc
from cnfiscal.corpus.crossdoc.identity.offices import CONFIDENCE_FORMS, fold, link
from cnfiscal.corpus.crossdoc.models import Check, CrossFinding
from cnfiscal.models import DocType, FundingRow, Money, SelfEval, Severity
from cnfiscal.validate.tolerance import LOW_CONFIDENCE, Tolerance, judge, money_precision
from cnfiscal.vocab import crossdoc as cv
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import msg
from cnfiscal.vocab.tables import SIDE_WORDS

RULE = "corpus.selfeval.initial_budget"
# A 部门整体支出 form's funding rows → the budget items they are the budget of (any of them may answer).
DEPT_ITEMS: dict[str, tuple[str, ...]] = {
    "total": ("总计.支出",),
    "fiscal": ("财政拨款.支出", "财政拨款.收入"),
    "basic": ("基本支出",),
    "project": ("项目支出",),
}
_CARRYOVER = regex.compile(cv.CARRYOVER_ROW)

Result = tuple[list[CrossFinding], list[Check]]


@dataclass(frozen=True, slots=True)
class Statement:
    """One 年初预算数 a form prints, with where it stands and how sure the office match is."""

    doc: Doc
    form: SelfEval
    row: FundingRow
    money: Money
    year: int | None
    page: int | None
    evidence: str
    item: str
    doubt: str | None = None  # why a mismatch can only be a warning (None: the match is certain)


@dataclass(frozen=True, slots=True)
class Side:
    """A budget figure a statement is compared with."""

    doc: Doc
    money: Money
    page: int | None
    evidence: str
    target: str  # the budget figure's label in a message


def check(office_id: str, docs: list[Doc]) -> Result:
    findings: list[CrossFinding] = []
    checks: dict[tuple[object, ...], Check] = {}
    budgets = [d for d in docs if d.doc_type is DocType.BUDGET]
    for doc in docs:
        key = link(doc.record).key
        for form in doc.record.self_evals:
            for st, base in statements(office_id, doc, form, key):
                found, done = _check(office_id, st, base, budgets)
                findings.extend(found)
                checks.setdefault((done.sha256_a, done.page_a, done.item, done.evidence), done)
    return findings, list(checks.values())


def statements(office_id: str, doc: Doc, form: SelfEval, key: str | None) -> Iterator[tuple[Statement, Check]]:
    """Every 年初预算数 of the form's rows this rule compares (with its base ``corpus_checks`` row)."""
    wanted = DEPT_ITEMS if form.kind == "dept" else projects.PROJECT_ROWS
    year = form.year or doc.year
    for row in form.funding:
        if row.canonical not in wanted or row.initial_budget is None:
            continue
        money = row.initial_budget
        page = money.page or row.page or form.page_start
        label = cv.SELFEVAL_ROW_LABELS[row.canonical or ""]
        what = f"项目“{form.project_name or '（未读出）'}”" if form.kind == "project" else "部门整体"
        line = f"（第{row.line}行）" if row.line else ""
        evidence = f"{form.unit_name or ''}{what}自评表{line}：{row.source} 年初预算数 {sh.amount(money)}"
        item = f"{label}" if form.kind == "dept" else f"项目:{projects.name_key(form.project_name or '')}:{label}"
        base = Check(office_id, RULE, item, doc.sha256, page, year, evidence, "unchecked")
        yield Statement(doc, form, row, money, year, page, evidence, item, _doubt(form, doc, key)), base


def _doubt(form: SelfEval, doc: Doc, key: str | None) -> str | None:
    """``None`` when the form names the office itself; ``unit`` when only its 主管部门 does; ``other`` when
    neither does (a form of another office printed in this document)."""
    own = fold(form.unit_name).key if form.unit_name else None
    if own is None or own == key:
        return None
    department = fold(form.department).key if form.department else None
    return "unit" if department == key else "other"


def _check(office_id: str, st: Statement, base: Check, budgets: list[Doc]) -> tuple[list[CrossFinding], Check]:
    if st.year is None:
        return [], replace(base, reason="the form states no year")
    same = [b for b in budgets if b.year == st.year and b.is_unit == st.doc.is_unit]
    if not same:
        return [], replace(base, reason=f"no 部门预算 of {st.year} of this office in the corpus")
    if st.doubt == "other":
        return [], replace(base, reason=f"the form's 预算单位 / 主管部门 ({st.form.unit_name} / {st.form.department}) "
                                        "do not name this office")  # fmt: skip
    if st.form.kind == "project":
        sides, reason = _project_sides(st, same)
    elif st.doubt == "unit":
        return [], replace(base, reason=f"the form is of 预算单位 {st.form.unit_name}, not of the office whose budget "
                                        "this is")  # fmt: skip
    else:
        sides, reason = _dept_sides(st, same)
    if not sides:
        return [], replace(base, reason=reason)
    return compare(office_id, st, sides, base)


def _dept_sides(st: Statement, budgets: list[Doc]) -> tuple[list[Side], str]:
    items = DEPT_ITEMS[st.row.canonical or ""]
    figures = [(b, f) for b in budgets for f in b.figures if f.item in items]
    # a table cell first (the figure as the budget states it), the item named first first (财政拨款 支出 before 收入)
    figures.sort(key=lambda bf: (bf[1].source != "table", items.index(bf[1].item)))
    sides = [Side(b, f.money, f.page, f.evidence, cv.SELFEVAL_BUDGET_LABELS[f.item]) for b, f in figures]
    return sides, f"the {st.year} budget does not state its {' / '.join(cv.SELFEVAL_BUDGET_LABELS[i] for i in items)}"


def _project_sides(st: Statement, budgets: list[Doc]) -> tuple[list[Side], str]:
    found, reason = projects.amounts(st.form.project_name, st.row.canonical or "", st.year, budgets)
    target = cv.SELFEVAL_BUDGET_LABELS[f"project.{st.row.canonical}"]
    return [Side(a.doc, a.money, a.page, a.evidence, target) for a in found], reason


def compare(office_id: str, st: Statement, sides: list[Side], base: Check) -> tuple[list[CrossFinding], Check]:
    """Agrees when one budget figure equals the form's; else the closest one makes the finding."""
    scored = []
    for side in sides:
        tol = Tolerance.of_sum(money_precision(side.money), [money_precision(st.money)])
        verdict = judge(st.money.yuan, side.money.yuan, tol)
        if verdict is None:
            return [], _against(base, side, "agrees")
        scored.append((abs(verdict.difference), verdict.severity, verdict.difference, tol, side))
    _, severity, diff, tol, side = min(scored, key=lambda s: s[0])
    if severity is not Severity.INFO:
        carried = _less_carryover(st, side)
        if carried is not None:
            return [], _against(base, side, "agrees", reason=carried)
    note = _note(st, sides, side) if severity is Severity.ERROR else ""
    severity = Severity.WARNING if note else severity
    finding = _finding(office_id, st, side, severity=severity, tol=tol, diff=diff, note=note)
    reason = cv.CROSSDOC_WORDS[note].lstrip("; ") if note else None
    return [finding], _against(base, side, "finding", reason=reason, finding_id=finding.finding_id)


def _less_carryover(st: Statement, side: Side) -> str | None:
    """A 年度资金总额 that equals the budget's 支出总计 less the 上年结转 it counts: the reason it agrees."""
    if st.form.kind != "dept" or st.row.canonical != "total":
        return None
    carry = carryover(side.doc)
    if carry is None or carry.yuan == 0:
        return None
    tol = Tolerance.of_sum(money_precision(side.money), [money_precision(st.money), money_precision(carry)])
    verdict = judge(st.money.yuan, side.money.yuan - carry.yuan, tol)
    if verdict is not None and verdict.severity is not Severity.INFO:
        return None
    return (
        f"equals the budget's 支出总计 {sh.amount(side.money)} less its 上年结转 {sh.amount(carry)} "
        f"(p. {carry.page}): the form's 年初预算数 leaves the carry-over out"
    )


def carryover(budget: Doc) -> Money | None:
    """The 上年结转 the budget's 收支预算总表 lists on its 收入 side."""
    for table in budget.record.tables:
        if table.kind != "budget.total":
            continue
        for row in table.rows:
            label = row_label(row)
            if row.side != SIDE_WORDS[1] and _CARRYOVER.search(label):
                return first_amount(row)
    return None


def _note(st: Statement, sides: list[Side], side: Side) -> str:
    """Why a clear mismatch is only a warning (the Chinese note of the message; empty: an error)."""
    if len({s.money.yuan for s in sides}) > 1:
        return cv.SELFEVAL_NOTES["disagree"]
    if st.doubt == "unit":
        return cv.SELFEVAL_NOTES["unit"]
    if any(c is not None and c < LOW_CONFIDENCE for c in (st.money.confidence, side.money.confidence)):
        return cv.SELFEVAL_NOTES["ocr"]
    if link(side.doc.record).confidence < CONFIDENCE_FORMS or link(st.doc.record).confidence < CONFIDENCE_FORMS:
        return cv.SELFEVAL_NOTES["tables"]
    return ""


def _finding(
    office_id: str, st: Statement, side: Side, *, severity: Severity, tol: Tolerance, diff: Decimal, note: str
) -> CrossFinding:
    key = RULE if st.form.kind == "dept" else f"{RULE}:project"
    message = msg(
        key, year=st.year, item=cv.SELFEVAL_ROW_LABELS[st.row.canonical or ""], stated=sh.amount(st.money),
        prev_page=side.page, target=side.target, prev=sh.amount(side.money), project=st.form.project_name or "",
        note=note,
    )  # fmt: skip
    return CrossFinding(
        office_id=office_id, rule=RULE, severity=severity, message=message.render(within=severity is Severity.INFO),
        item=st.item, stated=sh.plain(st.money.yuan), recomputed=sh.plain(side.money.yuan), difference=sh.plain(diff),
        tolerance=tol.text, evidence=f"{st.evidence} | {side.evidence}", sha256_a=st.doc.sha256, page_a=st.page,
        year_a=st.year, sha256_b=side.doc.sha256, page_b=side.page, year_b=side.doc.year, message_key=message.key,
        message_params=dict(message.params),
    ).with_identity()  # fmt: skip


def _against(base: Check, side: Side, outcome: str, reason: str | None = None, finding_id: str | None = None) -> Check:
    return replace(
        base, outcome=outcome, reason=reason, finding_id=finding_id, sha256_b=side.doc.sha256, page_b=side.page,
        year_b=side.doc.year,
    )  # fmt: skip

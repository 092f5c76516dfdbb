"""Year over year: what year N says about year N−1 against year N−1's own figures.

``比上年增加X万元`` implies the previous figure ``current − X``; ``与上年持平`` implies ``current``. Each is compared
with every figure the office's documents of the named year give for the same item (narrative and tables):

- equal to one of them → agrees (no finding);
- within the printed precision (尾数误差 of the three rounded figures) → ``info``;
- else ``error`` when the sentence names its base as the budget (``比2023年预算``) and the previous year's documents
  agree among themselves; ``warning`` when the sentence does not say which 上年 figure it means (``与上年相比``: the
  initial budget, an adjusted budget or the outturn), or when the previous year's documents disagree.

A base of 执行数/决算 is looked up in the previous year's final accounts (决算), never in its budget.

A level statement about year N−1 (``2023年当年预算执行数为45.41万元``, ``上年预算数为X万元``; kind ``quoted``,
``corpus.yoy.quoted``) is the previous figure itself: executed → the 决算's outturn, budget → the budget; always
named, so ``error`` unless the previous year's documents disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from cnfiscal.corpus.crossdoc.figures.items import Figure, is_function, label_of
from cnfiscal.corpus.crossdoc.figures.statements import Comparison, comparisons, quoted
from cnfiscal.corpus.crossdoc.group import Doc
from cnfiscal.corpus.crossdoc.models import Check, CrossFinding
from cnfiscal.models import DocType, Money, Severity
from cnfiscal.validate.tolerance import Tolerance, judge, money_precision, rate_ulp
from cnfiscal.vocab import crossdoc as cv
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import Message, msg

RULE_CHANGE = "corpus.yoy.change"
RULE_FLAT = "corpus.yoy.flat"
RULE_RATE = "corpus.yoy.rate"
RULE_QUOTED = "corpus.yoy.quoted"
_RULES = {"change": RULE_CHANGE, "flat": RULE_FLAT, "rate": RULE_RATE, "quoted": RULE_QUOTED}


def check(office_id: str, docs: list[Doc]) -> tuple[list[CrossFinding], list[Check]]:
    """Every year-over-year comparison of the group's documents, checked where the corpus allows."""
    found: list[CrossFinding] = []
    checks: list[Check] = []
    for doc in docs:
        for comparison in [*comparisons(doc.record), *quoted(doc.record)]:
            finding, record = _check_one(office_id, doc, comparison, docs)
            checks.append(record)
            if finding is not None:
                found.append(finding)
    return found, checks


def _check_one(office_id: str, doc: Doc, c: Comparison, docs: list[Doc]) -> tuple[CrossFinding | None, Check]:
    base = Check(office_id, _RULES[c.kind], c.item, doc.sha256, c.page, doc.year, c.evidence, "unchecked")
    wanted = DocType.FINAL_ACCOUNT if c.basis == "executed" else doc.doc_type
    if c.kind == "quoted" and c.basis == "budget":
        wanted = DocType.BUDGET
    earlier = [
        d for d in docs
        if d.year == c.base_year and d.doc_type is wanted and d.is_unit == doc.is_unit and d.sha256 != doc.sha256
    ]  # fmt: skip
    if not earlier:
        scope = "unit" if doc.is_unit else "office"  # a unit's base is its own documents only (rules.PER_SCOPE)
        return None, _with(base, reason=f"no {wanted.value} of {c.base_year} of this {scope} in the corpus")
    if not c.item:
        return None, _with(base, reason="the item compared is not recognised")
    candidates = [(d, f) for d in earlier for f in d.figures if f.item == c.item]
    implied = c.current.yuan - (c.delta or Decimal(0))
    if not candidates:
        return None, _not_stated(c, implied, earlier, base, wanted)
    return _against(office_id, doc, c, candidates, base)


def _against(
    office_id: str, doc: Doc, c: Comparison, candidates: list[tuple[Doc, Figure]], base: Check
) -> tuple[CrossFinding | None, Check]:
    """A statement against the previous year's figures of its item (a printed amount before a blank row)."""
    printed = [(d, f) for d, f in candidates if not f.read_as]
    if not printed and c.kind != "rate":
        return _against_blank(office_id, doc, c, candidates[0], base)
    candidates = printed or candidates
    implied = c.current.yuan - (c.delta or Decimal(0))
    if c.kind == "rate":
        return _check_rate(office_id, doc, c, candidates, base)
    parts = [money_precision(c.current)] + ([money_precision(c.delta_money)] if c.delta_money else [])
    verdicts = []
    for d, f in candidates:
        tol = Tolerance.of_sum(money_precision(f.money), parts)
        verdict = judge(implied, f.money.yuan, tol)
        if verdict is None:
            return None, _with(base, outcome="agrees", sha256_b=d.sha256, page_b=f.page, year_b=d.year)
        verdicts.append((abs(verdict.difference), verdict, tol, d, f))
    _, verdict, tol, d, f = min(verdicts, key=lambda v: v[0])
    severity = verdict.severity
    if severity is Severity.ERROR and (c.basis is None or _disagree(candidates)):
        severity = Severity.WARNING
    found = _Mismatch(d, f, implied, severity, verdict.difference, tol)
    finding = _finding(office_id, doc, c, found).with_identity()
    return finding, _with(
        base, outcome="finding", sha256_b=d.sha256, page_b=f.page, year_b=d.year, finding_id=finding.finding_id,
        reason=_reason(c, candidates) if severity is Severity.WARNING else None,
    )  # fmt: skip


def _check_rate(
    office_id: str, doc: Doc, c: Comparison, candidates: list[tuple[Doc, Figure]], base: Check
) -> tuple[CrossFinding | None, Check]:
    """``增长Y%`` with no amount: Y against (current − previous) ÷ previous, previous from year N−1's documents.
    When the paragraph gives the item two amounts of year N (its line's and a ``预算安排``), either may be the
    one the rate was computed from: the rate is checked against the previous year, not the paragraph itself."""
    usable = [(d, f) for d, f in candidates if f.money.yuan != 0]
    if not usable or c.rate is None:
        return None, _with(base, reason="the previous figure is zero: no rate to compare")
    tol = Tolerance.single(rate_ulp(c.rate, c.rate_raw))
    scored = []
    for current in [c.current, *_also(c.also)]:
        for d, f in usable:
            recomputed = (current.yuan - f.money.yuan) / f.money.yuan
            verdict = judge(c.rate, recomputed, tol)
            if verdict is None:
                return None, _with(base, outcome="agrees", sha256_b=d.sha256, page_b=f.page, year_b=d.year)
            scored.append((abs(verdict.difference), verdict, recomputed, d, f, current))
    _, verdict, recomputed, d, f, current = min(scored, key=lambda v: v[0])
    severity = verdict.severity
    if severity is Severity.ERROR and (c.basis is None or _disagree(usable)):
        severity = Severity.WARNING
    shown = sh.printed_rate(c.rate, c.rate_raw)
    message = msg(
        RULE_RATE, year=doc.year, item=c.label or label_of(c.item), word="增长" if c.rate >= 0 else "下降",
        stated=sh.printed_rate(abs(c.rate), (c.rate_raw or "").lstrip("-−")), prev_year=d.year, prev_page=f.page,
        prev=sh.amount(f.money), current=sh.amount(current),
        recomputed=sh.recomputed_rate(recomputed, c.rate, shown),
    )  # fmt: skip
    finding = CrossFinding(
        office_id=office_id, rule=RULE_RATE, severity=severity, message=message.render(), item=c.item,
        stated=sh.plain(c.rate), recomputed=sh.plain(recomputed.quantize(Decimal("0.000001"))),
        difference=sh.plain(verdict.difference.quantize(Decimal("0.000001"))), tolerance=tol.text,
        evidence=f"{c.evidence} | {f.evidence}", sha256_a=doc.sha256, page_a=c.page, year_a=doc.year,
        sha256_b=d.sha256, page_b=f.page, year_b=d.year, message_key=RULE_RATE, message_params=dict(message.params),
    ).with_identity()  # fmt: skip
    return finding, _with(
        base, outcome="finding", sha256_b=d.sha256, page_b=f.page, year_b=d.year, finding_id=finding.finding_id
    )


def _not_stated(c: Comparison, implied: Decimal, earlier: list[Doc], base: Check, wanted: DocType) -> Check:
    """No figure of the item in year N−1. A 功能科目 line said to grow by its whole amount (今年新增: implied 0)
    agrees when the previous year's function table was read and does not list it (a table lists every line with
    money, so a line it leaves out had none); anything else stays unchecked."""
    listing = None
    if implied == 0 and c.kind in ("change", "quoted") and is_function(c.item):
        tables = ((d, f) for d in earlier for f in d.figures if f.source == "table" and is_function(f.item))
        listing = next(tables, None)
    if listing is None:
        return _with(base, reason=f"the {c.base_year} {wanted.value} does not state this item")
    d, f = listing
    return _with(
        base, outcome="agrees", sha256_b=d.sha256, page_b=f.page, year_b=d.year,
        reason=f"a new line: absent from the {c.base_year} 功能科目 table (p. {f.page}), i.e. 0",
    )  # fmt: skip


def _against_blank(
    office_id: str, doc: Doc, c: Comparison, blank: tuple[Doc, Figure], base: Check
) -> tuple[CrossFinding | None, Check]:
    """Year N−1 states the item only as a blank row (or words saying there is none): 0. A statement implying 0
    agrees; one implying another figure is at most a warning — a blank may be an amount the reader missed."""
    d, f = blank
    implied = c.current.yuan - (c.delta or Decimal(0))
    where = dict(sha256_b=d.sha256, page_b=f.page, year_b=d.year)
    if implied == 0:
        return None, _with(base, outcome="agrees", reason=f"{c.base_year} p. {f.page}: {f.evidence}, i.e. 0", **where)
    key = f"{_RULES[c.kind]}:blank"
    delta = c.delta or Decimal(0)
    message = _quoted_message(key, doc, c, d, f, prev_what=_what(f)) if c.kind == "quoted" else msg(
        key, year=doc.year, item=c.label or label_of(c.item), current=sh.amount(c.current),
        word="增加" if delta >= 0 else "减少",
        delta=sh.amount(c.delta_money) if c.delta_money else sh.like(abs(delta), c.current),
        base_word=_base_word(c),
        implied=sh.like(implied, c.current, *_also(c.delta_money)), prev_year=d.year, prev_page=f.page,
        prev_what=_what(f),
    )  # fmt: skip
    finding = CrossFinding(
        office_id=office_id, rule=_RULES[c.kind], severity=Severity.WARNING, message=message.render(), item=c.item,
        stated=sh.plain(implied), recomputed="0", difference=sh.plain(implied), evidence=f"{c.evidence} | {f.evidence}",
        sha256_a=doc.sha256, page_a=c.page, year_a=doc.year, sha256_b=d.sha256, page_b=f.page, year_b=d.year,
        message_key=key, message_params=dict(message.params),
    ).with_identity()  # fmt: skip
    said = "says there is none" if f.read_as == "none" else "prints the row of this item blank"
    reason = f"the {c.base_year} {d.doc_type.value} {said}: read as 0, an extraction miss is possible"
    return finding, _with(base, outcome="finding", finding_id=finding.finding_id, reason=reason, **where)


def _disagree(candidates: list[tuple[Doc, Figure]]) -> bool:
    return len({f.money.yuan for _, f in candidates}) > 1


def _reason(c: Comparison, candidates: list[tuple[Doc, Figure]]) -> str:
    if _disagree(candidates):
        return f"the {c.base_year} documents give different figures for this item"
    return "the sentence does not say which previous-year figure it compares with (budget, adjusted or outturn)"


def _with(check: Check, **changes: object) -> Check:
    return replace(check, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Mismatch:
    """The previous year's figure nearest to what a statement implies, and how far off it is."""

    doc: Doc
    figure: Figure
    implied: Decimal
    severity: Severity
    difference: Decimal
    tolerance: Tolerance


def _what(f: Figure) -> str:
    return f.evidence.split("：")[-1] if f.source == "table" else f.evidence


def _quoted_message(key: str, doc: Doc, c: Comparison, d: Doc, f: Figure, **more: str) -> Message:
    """The message of a level statement about year N−1 against that year's document."""
    return msg(
        key, year=doc.year, base_year=c.base_year, item=c.label or label_of(c.item),
        base_word=_base_word(c), stated=sh.amount(c.current), prev_year=d.year,
        prev_kind=cv.QUOTED_DOC_WORDS.get(d.doc_type.value, d.doc_type.value), prev_page=f.page,
        prev=sh.amount(f.money), **more,
    )  # fmt: skip


def _finding(office_id: str, doc: Doc, c: Comparison, m: _Mismatch) -> CrossFinding:
    d, f, implied = m.doc, m.figure, m.implied
    base_word = _base_word(c)
    delta = c.delta or Decimal(0)
    message = _quoted_message(RULE_QUOTED, doc, c, d, f) if c.kind == "quoted" else msg(
        RULE_FLAT if c.kind == "flat" else RULE_CHANGE,
        year=doc.year, item=c.label or label_of(c.item), current=sh.amount(c.current),
        word="增加" if delta >= 0 else "减少",
        delta=sh.amount(c.delta_money) if c.delta_money else sh.like(abs(delta), c.current),
        base_word=base_word, implied=sh.like(implied, c.current, *_also(c.delta_money)),
        prev_year=d.year, prev_page=f.page, prev=sh.amount(f.money),
    )  # fmt: skip
    return CrossFinding(
        office_id=office_id, rule=message.key, severity=m.severity, message=message.render(),
        item=c.item, stated=sh.plain(implied), recomputed=sh.plain(f.money.yuan), difference=sh.plain(m.difference),
        tolerance=m.tolerance.text, evidence=f"{c.evidence} | {f.evidence}", sha256_a=doc.sha256, page_a=c.page,
        year_a=doc.year, sha256_b=d.sha256, page_b=f.page, year_b=d.year, message_key=message.key,
        message_params=dict(message.params),
    )  # fmt: skip


def _also(money: Money | None) -> Iterator[Money]:
    if money is not None:
        yield money


def _base_word(c: Comparison) -> str:
    """How the message names the basis of the stated figure (执行数, 预算数, or just 数)."""
    return cv.QUOTED_BASE_WORDS.get(c.basis or "", cv.ANY_BASE_WORD)

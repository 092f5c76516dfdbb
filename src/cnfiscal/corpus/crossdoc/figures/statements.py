"""What a document states about itself (its *figures*; ``table_figures`` for its tables) and about its previous
year (its *comparisons*).

A figure is an amount a document gives for one of its own items — from its narrative (``基本支出预算数为7877.76万元``)
or from a standard table (a 功能科目 row, the 三公 table). A comparison is a sentence of year N about year N−1:
``财政拨款收入15621.11万元，比2023年预算减少876.75万元``, ``与上年持平``, ``增长6.59%``; it names its base (上年预算数,
上年执行数, or neither), and what it implies about the previous year is checked against that year's own figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from cnfiscal.corpus.crossdoc.figures.items import CARRYOVER, FUNC_NOISE, YEAR, Figure, item_of, nothing
from cnfiscal.corpus.crossdoc.figures.table_figures import table_figures
from cnfiscal.models import Claim, DocumentRecord, Money
from cnfiscal.vocab import crossdoc as cv

_OTHER_PERIOD = regex.compile(cv.OTHER_PERIOD)
_BASE_YEAR = regex.compile(cv.BASE_YEAR)
_EXECUTED = regex.compile(cv.BASE_EXECUTED)
_BUDGET = regex.compile(cv.BASE_BUDGET)
_PREVIOUS = regex.compile(cv.BASE_PREVIOUS)
_IN_COMPARISON = regex.compile(cv.ITEM_IN_COMPARISON)
_CARRYOVER = regex.compile(dict(cv.ITEMS)[CARRYOVER])
_NONE_ITEMS = tuple((regex.compile(p), items) for p, items in cv.NONE_ITEMS)
_NONE_NOTE = regex.compile(cv.NONE_NOTE)
_QUOTED_EXECUTED = regex.compile(cv.QUOTED_EXECUTED)
_QUOTED_BUDGET = regex.compile(cv.QUOTED_BUDGET)
_QUOTED_NOT = regex.compile(cv.QUOTED_NOT)
_QUOTED_WORDS = regex.compile(cv.QUOTED_WORDS)
_MOVEMENT_START = regex.compile(cv.MOVEMENT)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A sentence of year N comparing an item with year N−1."""

    item: str
    current: Money  # year N's amount in the same sentence (kind quoted: the amount it quotes for year N−1)
    kind: str  # "change" (an amount), "flat" (持平), "rate" (a percentage only), "quoted" (year N−1's level)
    delta: Decimal | None  # signed change in 元 (kind change)
    delta_money: Money | None
    rate: Decimal | None  # signed fraction stated with it (增长6.59% → 0.0659)
    rate_raw: str | None
    base_year: int | None  # the year compared with
    basis: str | None  # "budget" | "executed" | None (the sentence does not say)
    page: int | None
    evidence: str
    label: str = ""  # the item as the sentence names it (for messages)
    also: Money | None = None  # kind rate: another amount of year N the paragraph gives the item (its line's)


def figures(record: DocumentRecord) -> list[Figure]:
    """Every figure of the document for its own year: narrative amounts and standard-table rows."""
    return [*_text_figures(record), *table_figures(record), *none_figures(record)]


def none_figures(record: DocumentRecord) -> Iterator[Figure]:
    """Words saying an item is not there — a ``none`` claim (``本部门无政府性基金预算``) or a note of a fund's table
    printing no amount (``(无政府性基金支出）``): the item as 0, ``read_as="none"``."""
    for c in record.claims:
        items = next((items for p, items in _NONE_ITEMS if c.kind == "none" and p.match(c.subject or "")), ())
        for item in items:
            yield Figure(item, nothing(c.page), c.page, "text", c.text, "none")
    for t in record.tables:
        fund = cv.NONE_TABLES.get(t.kind or "")
        note = next((n for n in t.notes if _NONE_NOTE.search(n)), None)
        if fund and note and not any(row.values for row in t.rows):  # no cell read at all, not even an unreadable one
            yield Figure(fund, nothing(t.page_start), t.page_start, "table", f"{t.name}：{note}", "none")


def _text_figures(record: DocumentRecord) -> Iterator[Figure]:
    for c in record.claims:
        if c.kind != "amount" or c.amount is None or not c.subject:
            continue
        item = item_of(c.subject, c.text)
        # 上年结转 names the year's own carry-over income: only the words after it may name another period
        own = _CARRYOVER.sub("", c.subject) if item == CARRYOVER else c.subject
        if item is None or _OTHER_PERIOD.search(own) or _other_year(c.subject, record.year):
            continue
        yield Figure(item, c.amount, c.page, "text", c.text)


def _other_year(subject: str, year: int | None) -> bool:
    years = {int(y) for y in YEAR.findall(subject)}
    return bool(years) and year not in years


def comparisons(record: DocumentRecord) -> Iterator[Comparison]:
    """Every sentence comparing an item with the previous year, with its amount of year N (``item`` is empty
    when the item could not be recognised: the statement is then reported unchecked, not dropped)."""
    groups: dict[str, list[Claim]] = {}
    for c in record.claims:
        groups.setdefault(c.group or f"#{id(c)}", []).append(c)
    for claims in groups.values():
        seen_change = False
        for i, c in enumerate(claims):
            is_change = c.kind == "change" and c.role in ("change", "flat", "new")
            rate_only = c.role == "change_pct" and c.value is not None and not seen_change
            seen_change = seen_change or is_change
            if is_change or rate_only:
                found = _comparison(record, claims, i)
                if found is not None:
                    yield found


def _comparison(record: DocumentRecord, claims: list[Claim], i: int) -> Comparison | None:
    c = claims[i]
    base_year, basis = _base(c, record.year)
    if base_year is None:
        return None
    current = _current(claims, i)
    if current is None or current.amount is None:
        return None
    line = next((x for x in claims if x.role == "line" and x.subject), None)
    item = item_of(current.subject, current.text) or item_of(_words_before(current), current.text)
    item = item or item_of(c.subject, c.text)
    if item is None and line is not None:
        item = item_of(line.subject, line.text)
    named = _IN_COMPARISON.search(c.text)
    if item is None and named:
        item = item_of(named.group(1))
    label = _label(line if item and line is not None and item == item_of(line.subject, line.text) else current)
    if c.role == "change_pct":
        also = line.amount if line is not None and item and item == item_of(line.subject, line.text) else None
        return Comparison(
            item or "", current.amount, "rate", None, None, c.value, c.value_raw or c.text, base_year, basis,
            c.page, c.text, label, also if also is not None and also.yuan != current.amount.yuan else None,
        )  # fmt: skip
    rate = _rate_after(claims, i)
    kind = "flat" if c.role == "flat" else "change"
    delta = c.value if kind == "change" else Decimal(0)
    return Comparison(
        item or "", current.amount, kind, delta, c.amount, rate.value if rate else None,
        (rate.value_raw or rate.text) if rate else None, base_year, basis, c.page, c.text, label,
    )  # fmt: skip


def quoted(record: DocumentRecord) -> Iterator[Comparison]:
    """Every level statement of year N about year N−1 (``2023年当年预算执行数为45.41万元``, ``上年预算数为X万元``):
    kind ``quoted``, ``current`` the quoted amount, delta 0 — the figure year N−1's own document must give. Its
    item is named in the subject (``上年财政拨款收入预算数``) or is the 功能科目 line the paragraph is about."""
    if record.year is None:
        return
    groups: dict[str, list[Claim]] = {}
    for c in record.claims:
        groups.setdefault(c.group or f"#{id(c)}", []).append(c)
    for claims in groups.values():
        line = next((x for x in claims if x.role == "line" and x.subject), None)
        for c in claims:
            basis = _quoted_basis(c, record.year)
            if basis is None or c.amount is None:
                continue
            rest = _QUOTED_WORDS.sub("", c.subject or "")
            item = item_of(rest, c.text) if rest else None
            if item is None and line is not None and not rest:
                item = item_of(line.subject, line.text)
            label = _label(line) if line is not None and item and item == item_of(line.subject, line.text) else rest
            yield Comparison(
                item or "", c.amount, "quoted", Decimal(0), None, None, None, record.year - 1, basis, c.page, c.text,
                label,
            )  # fmt: skip


def _quoted_basis(c: Claim, year: int) -> str | None:
    """The basis of an amount quoted for year N−1 (``executed`` / ``budget``), None when the claim is not one."""
    subject = c.subject or ""
    if c.kind != "amount" or not subject or _QUOTED_NOT.search(subject) or _MOVEMENT_START.match(subject):
        return None
    years = {int(y) for y in YEAR.findall(subject)}
    if years != {year - 1} and (years or not _PREVIOUS.search(subject)):
        return None
    return "executed" if _QUOTED_EXECUTED.search(subject) else "budget" if _QUOTED_BUDGET.search(subject) else None


def _words_before(claim: Claim) -> str | None:
    """The words printed right before an amount (``…年度财政拨款收、支总预算24458.43万元`` → ``财政拨款收、支总预算``
    after the year): the subject when the claim's own subject was cut short by a line break."""
    if claim.amount is None:
        return None
    number = regex.escape(claim.amount.raw.replace(claim.amount.unit, ""))
    found = regex.search(rf"([\p{{Han}}、]+){number}", claim.text)
    return found.group(1) if found else None


def _label(claim: Claim) -> str:
    return FUNC_NOISE.sub("", claim.subject or "").strip("，。；：")


def _base(c: Claim, year: int | None) -> tuple[int | None, str | None]:
    """The year a comparison names (``比2023年预算`` → 2023; ``与上年`` → N−1) and its basis."""
    base = c.base or ""
    found = _BASE_YEAR.search(base)
    if found:
        base_year: int | None = int(found.group(1))
    elif _PREVIOUS.search(base) or _PREVIOUS.search(c.text):
        base_year = year - 1 if year is not None else None
    else:
        return None, None
    words = base + _after_base(c.text)
    basis = "executed" if _EXECUTED.search(words) else "budget" if _BUDGET.search(words) else None
    return base_year, basis


def _after_base(text: str) -> str:
    """The words right after 比上年 / 与上年 in the sentence (``比上年预算减少`` → ``预算``)."""
    found = regex.search(r"(?:比|与|较)(?:上年度?|上一年度?|(?:19|20)\d{2}年)([^，。；增减持相]{0,8})", text)
    return found.group(1) if found else ""


def _current(claims: list[Claim], i: int) -> Claim | None:
    """The amount of year N the comparison is about: the nearest amount before it in the same sentence group
    with the same subject, else the nearest amount before it."""
    c = claims[i]
    before = [x for x in claims[:i] if x.kind == "amount" and x.amount is not None]
    same = [x for x in before if c.subject and x.subject == c.subject]
    chosen = same or before
    return chosen[-1] if chosen else None


def _rate_after(claims: list[Claim], i: int) -> Claim | None:
    for x in claims[i + 1 :]:
        if x.kind == "change" and x.role in ("change", "flat"):
            return None
        if x.role == "change_pct" and x.value is not None:
            return x
    return None

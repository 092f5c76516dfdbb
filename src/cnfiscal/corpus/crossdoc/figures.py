"""What a document states about itself (its *figures*) and about its previous year (its *comparisons*).

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

from cnfiscal.models import Claim, DocumentRecord, Money, Table
from cnfiscal.vocab import crossdoc as cv

_ITEMS = tuple((item, regex.compile(p)) for item, p in cv.ITEMS)
_MOVEMENT = regex.compile(cv.MOVEMENT)
_OTHER_PERIOD = regex.compile(cv.OTHER_PERIOD)
_LEVEL = regex.compile(cv.LEVEL_MARK)
_FUNC_NOISE = regex.compile(cv.FUNC_NOISE)
_YEAR = regex.compile(r"((?:19|20)\d{2})年")
_BASE_YEAR = regex.compile(cv.BASE_YEAR)
_EXECUTED = regex.compile(cv.BASE_EXECUTED)
_BUDGET = regex.compile(cv.BASE_BUDGET)
_PREVIOUS = regex.compile(cv.BASE_PREVIOUS)
_SANGONG_COLUMNS: dict[str, str] = {
    "“三公”经费预算数合计": "三公",
    "因公出国(境)费": "三公.因公出国",
    "公务接待费": "三公.公务接待",
    "公务用车购置及运行费小计": "三公.公务用车购置及运行",
    "购置费": "三公.公务用车购置",
    "运行费": "三公.公务用车运行",
    "机关运行经费预算数": "机关运行经费",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """An amount a document gives for one of its own items."""

    item: str
    money: Money
    page: int | None
    source: str  # "text" | "table"
    evidence: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """A sentence of year N comparing an item with year N−1."""

    item: str
    current: Money  # year N's amount in the same sentence
    kind: str  # "change" (an amount), "flat" (持平), "rate" (a percentage only)
    delta: Decimal | None  # signed change in 元 (kind change)
    delta_money: Money | None
    rate: Decimal | None  # signed fraction stated with it (增长6.59% → 0.0659)
    rate_raw: str | None
    base_year: int | None  # the year compared with
    basis: str | None  # "budget" | "executed" | None (the sentence does not say)
    page: int | None
    evidence: str


def item_of(subject: str | None, text: str = "") -> str | None:
    """The item a subject is about (``vocab.crossdoc.ITEMS``), or a 功能科目 key, or None. A subject without
    level marks is a 功能科目 only when the sentence ``text`` lists it under a number (``2．住房保障支出``)."""
    if not subject or _MOVEMENT.search(subject):
        return None
    if _LEVEL.search(subject):
        return func_key(subject)
    for item, pattern in _ITEMS:
        if pattern.search(subject):
            return item
    listed = regex.search(cv.FUNC_LIST_NUMBER + regex.escape(subject), text) if text else None
    return func_key(subject) if subject.endswith("支出") and listed else None


def func_key(subject: str) -> str | None:
    """``人大事务（款）行政运行（项）支出`` → ``功能:人大事务行政运行``; a fragment shorter than MIN_FUNC_KEY → None."""
    text = _YEAR.sub("", subject)
    text = _FUNC_NOISE.sub("", text)
    text = _LEVEL.sub("", text)
    text = regex.sub(r"支出$", "", text)
    return f"功能:{text}" if len(text) >= cv.MIN_FUNC_KEY else None


def figures(record: DocumentRecord) -> list[Figure]:
    """Every figure of the document for its own year: narrative amounts and standard-table rows."""
    return [*_text_figures(record), *_table_figures(record)]


def _text_figures(record: DocumentRecord) -> Iterator[Figure]:
    for c in record.claims:
        if c.kind != "amount" or c.amount is None or not c.subject:
            continue
        if _OTHER_PERIOD.search(c.subject) or _other_year(c.subject, record.year):
            continue
        item = item_of(c.subject, c.text)
        if item is not None:
            yield Figure(item, c.amount, c.page, "text", c.text)


def _other_year(subject: str, year: int | None) -> bool:
    years = {int(y) for y in _YEAR.findall(subject)}
    return bool(years) and year not in years


def _table_figures(record: DocumentRecord) -> Iterator[Figure]:
    for table in record.tables:
        if table.kind == "budget.sangong" or "三公" in table.name:
            yield from _sangong_figures(table)
        elif table.kind in ("budget.general", "budget.expense", "final.general", "final.expense"):
            yield from _function_figures(table)


def _sangong_figures(table: Table) -> Iterator[Figure]:
    for row in table.rows:
        for column, money in row.values.items():
            item = _SANGONG_COLUMNS.get(column)
            if item and money is not None:
                yield Figure(item, money, money.page or table.page_start, "table", f"{table.name}：{column} {money.raw}")


def _function_figures(table: Table) -> Iterator[Figure]:
    """A 功能科目 row's first value column, keyed like a sentence naming it (款 + 项 names, or the 类 name)."""
    names: dict[str, str] = {}
    for row in table.rows:
        if row.code and row.name:
            names[row.code] = row.name
    for row in table.rows:
        money = next(iter(row.values.values()), None) if row.values else None
        if money is None or not row.code or not row.name:
            continue
        parent = names.get(row.code[:-2]) if len(row.code) == 7 else None
        key = func_key((parent or "") + row.name)
        if key:
            yield Figure(key, money, row.page or table.page_start, "table", f"{table.name}：{row.code} {row.name} {money.raw}")


def comparisons(record: DocumentRecord) -> Iterator[Comparison]:
    """Every sentence comparing an item with the previous year, with its amount of year N (``item`` is empty
    when the item could not be recognised: the statement is then reported unchecked, not dropped)."""
    groups: dict[str, list[Claim]] = {}
    for c in record.claims:
        groups.setdefault(c.group or f"#{id(c)}", []).append(c)
    for claims in groups.values():
        seen_change = False
        for i, c in enumerate(claims):
            is_change = c.kind == "change" and c.role in ("change", "flat")
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
    item = item_of(current.subject, current.text) or item_of(c.subject, c.text)
    if item is None and line is not None:
        item = item_of(line.subject, line.text)
    if c.role == "change_pct":
        return Comparison(
            item or "", current.amount, "rate", None, None, c.value, c.value_raw or c.text, base_year, basis,
            c.page, c.text,
        )  # fmt: skip
    rate = _rate_after(claims, i)
    kind = "flat" if c.role == "flat" else "change"
    delta = c.value if kind == "change" else Decimal(0)
    return Comparison(
        item or "", current.amount, kind, delta, c.amount, rate.value if rate else None,
        (rate.value_raw or rate.text) if rate else None, base_year, basis, c.page, c.text,
    )  # fmt: skip


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
    return (same or before or [None])[-1]


def _rate_after(claims: list[Claim], i: int) -> Claim | None:
    for x in claims[i + 1 :]:
        if x.kind == "change" and x.role in ("change", "flat"):
            return None
        if x.role == "change_pct" and x.value is not None:
            return x
    return None

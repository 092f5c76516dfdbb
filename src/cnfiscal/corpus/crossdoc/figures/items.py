"""Which item an amount is about: a label read against ``vocab.crossdoc.ITEMS``, or a 功能科目 line keyed by its
names (``人大事务（款）行政运行（项）支出`` → ``功能:人大事务行政运行``), so a sentence and a table row naming the same
line meet; and the ``Figure``, an amount a document gives for one of its own items."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from cnfiscal.models import Money
from cnfiscal.vocab import crossdoc as cv

_ITEMS = tuple((item, regex.compile(p)) for item, p in cv.ITEMS)
_MOVEMENT = regex.compile(cv.MOVEMENT)
_LEVEL = regex.compile(cv.LEVEL_MARK)
FUNC_NOISE = regex.compile(cv.FUNC_NOISE)
YEAR = regex.compile(r"((?:19|20)\d{2})年")
FUNC_PREFIX = "功能:"
CARRYOVER = "上年结转.收入"


@dataclass(frozen=True, slots=True)
class Figure:
    """An amount a document gives for one of its own items."""

    item: str
    money: Money
    page: int | None
    source: str  # "text" | "table"
    evidence: str
    read_as: str = ""  # 0 read from "blank" (a row printed with every amount cell blank) or "none" (words: 无…)


def nothing(page: int | None = None) -> Money:
    """Exactly 0 元: the figure of an item a document prints blank, says it lacks, or does not print."""
    return Money(yuan=Decimal(0), raw="0", unit="元", page=page)


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
    """``人大事务（款）行政运行（项）支出`` → ``功能:人大事务行政运行``: a 项 is keyed with its 款 (the 类 in front of
    them is dropped, as tables key their rows), a 款 or a 类 by its own name; a fragment shorter than MIN_FUNC_KEY
    → None."""
    text = FUNC_NOISE.sub("", YEAR.sub("", subject))
    parts = [regex.sub(r"支出$", "", p) for p in _LEVEL.split(text) if p.strip()]
    text = "".join(parts[-2:]) if parts else ""
    text = regex.sub(r"支出$", "", text)
    return f"{FUNC_PREFIX}{text}" if len(text) >= cv.MIN_FUNC_KEY else None


def is_function(item: str) -> bool:
    """Whether an item is a 功能科目 line (``功能:人大事务行政运行``)."""
    return item.startswith(FUNC_PREFIX)


def label_of(item: str) -> str:
    """An item as a message names it (``三公.公务接待`` → ``公务接待费``; ``功能:人大事务行政运行`` → its names)."""
    return cv.ITEM_LABELS.get(item, item.removeprefix(FUNC_PREFIX))

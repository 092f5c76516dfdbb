"""Section lists of a narrative report: a heading that counts its numbered subsections.

``(四)州本级资金安排的 2023 年大数据专项资金项目 14 个 1563.53 万元。`` followed by paragraphs ``1. …``,
``2. …`` … up to the next heading (``(五)``, ``三、``): the heading's ``count`` and ``total`` against the
number of subsections and the sum of their budgets (the first amount after a budget word — 预算数,
批复数 … — in each subsection). The claims form a group like a list (roles ``total``, ``count``, ``item``)
so ``report.list_sum`` and ``report.count`` check them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from cnfiscal.extract.narrative.paragraphs import Paragraph
from cnfiscal.models import Claim
from cnfiscal.normalize.claims.mentions import (
    BUDGET_WORDS,
    COUNT,
    LIST_KEY,
    PARENT_GAP,
    ClaimBuilder,
    Mention,
    cn_int,
    mentions,
)

HEADING = regex.compile(r"^\s*(?:\(\s*[一二三四五六七八九十]{1,3}\s*\)|[一二三四五六七八九十]{1,3}\s*、)")
_AMOUNT_AFTER = r"\s*\d*\s*(?:万|亿|元|%)"
_LIST_NO = regex.compile(r"^\s*\d+\s*[.、]\s*")


@dataclass(slots=True)
class Subsection:
    title: Paragraph
    paragraphs: list[Paragraph]


def section_claims(paras: list[Paragraph]) -> list[Claim]:
    builder = ClaimBuilder()
    for i, para in enumerate(paras):
        head = _heading_count(para)
        if head is None:
            continue
        subs = subsections(paras, i + 1)
        if subs:
            _emit(builder, para, head, subs)
    return builder.claims


def _heading_count(para: Paragraph) -> tuple[regex.Match[str], Mention] | None:
    """A heading paragraph with 项目 N 个 and its amount, and no list of its own."""
    if not HEADING.match(para.text) or LIST_KEY.search(para.text):
        return None
    found = mentions(para)
    for c in COUNT.finditer(para.text):
        total = next((m for m in found if c.end() <= m.start <= c.end() + PARENT_GAP), None)
        if total is not None:
            return c, total
    return None


def subsections(paras: list[Paragraph], start: int) -> list[Subsection]:
    """Paragraphs ``1.`` ``2.`` … after a heading, each with the paragraphs under it, up to the next heading."""
    subs: list[Subsection] = []
    for para in paras[start:]:
        if HEADING.match(para.text):
            break
        if _numbered(para.text, len(subs) + 1):
            subs.append(Subsection(para, [para]))
        elif subs:
            subs[-1].paragraphs.append(para)
        else:
            break  # the heading is not followed by a numbered subsection
    return subs


def _numbered(text: str, k: int) -> bool:
    return _numbered_pattern(k).match(text) is not None


@functools.lru_cache(maxsize=64)
def _numbered_pattern(k: int) -> regex.Pattern[str]:
    return regex.compile(rf"^\s*{k}\s*[.、](?!{_AMOUNT_AFTER})")


def _budget(sub: Subsection) -> tuple[Paragraph, Mention] | None:
    for para in sub.paragraphs:
        for m in mentions(para):
            if BUDGET_WORDS.search(m.label):
                return para, m
    return None


def _emit(b: ClaimBuilder, para: Paragraph, head: tuple[regex.Match[str], Mention], subs: list[Subsection]) -> None:
    count, total = head
    n = cn_int(count["n"])
    if n is None:
        return
    group = b.group("sect")
    heading = HEADING.sub("", para.text[: count.start()]).strip(" ,:。") or None
    b.amount(para, group, "total", total, subject=heading)
    b.add(para, group, "count", "count", count.span(), subject="项目", value=n, unit="个", value_raw=count["n"])
    for sub in subs:
        title = _LIST_NO.sub("", sub.title.text)[:60]
        budget = _budget(sub)
        if budget is None:
            b.add(sub.title, group, "item", "amount", (0, len(sub.title.text)), subject=title or None)
        else:
            b.amount(budget[0], group, "item", budget[1], subject=title or None)

"""Claims of a narrative self-evaluation report: the statements the report rules recompute.

From each paragraph (``extract.narrative.paragraphs``):

- rate statements ``预算数 X 万元 … 执行数 Y 万元，执行率 Z%`` → a group of claims with roles
  ``budget``, ``executed``, ``rate`` (the budget is the last amount after a budget word — 预算数, 批复数,
  结转资金 … — else the first amount of the statement that is neither executed nor a 其中 part);
- 其中 statements ``X 万元(其中: 财政拨款资金 A 万元, 其他资金 B 元)`` → ``whole`` and ``part`` claims;
- lists ``项目 N 个，项目总资金为 T 万元 … 项目为: 1. … a 万元 2. … b 万元`` → ``count``, ``total`` and
  ``item`` claims (the first amount of each item); a count statement without a list of its own, followed
  (in its paragraph or the next ``PARENT_REACH``) by lists whose counts add up to it, is their parent:
  their totals are its ``child`` claims (the ``subject`` of a child names the list group it totals).

An amount that takes part in two statements (a budget that is also a list item) appears once per group.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from cnfiscal.extract.narrative.paragraphs import Paragraph
from cnfiscal.models import Claim, ClaimKind, Money
from cnfiscal.numbers.parse import UNSIGNED_NUMBER_SRC, parse_money, parse_rate

log = logging.getLogger(__name__)

NUM = UNSIGNED_NUMBER_SRC
AMOUNT = regex.compile(rf"(?<![\d.])(?P<num>{NUM})\s*(?P<unit>亿元|万元|元|万(?![人户个家条次])|亿(?![人条次]))")
RATE = regex.compile(rf"执行率\s*[:]?\s*(?:为|达|达到)?\s*(?P<num>{NUM})\s*%")
PARTS = regex.compile(r"\s*\(\s*其中\s*[:]?(?P<inner>[^()]*)\)|\s*[,;]?\s*其中\s*[:](?P<inner2>[^。;]*)")
COUNT = regex.compile(r"项目\s*(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个")
LIST_KEY = regex.compile(r"(?:项目为|分别为|具体为|包括)\s*[:]?\s*")
BUDGET_WORDS = regex.compile(r"预算数|批复数|预算批复|结转资金|总资金|下达|预算")
EXECUTED_WORDS = regex.compile(r"执行数|支出数|支付|拨付|实际支出|支出")
CONTEXT = 14  # characters before an amount searched for its label word
PARENT_GAP = 16  # at most this many characters between 项目 N 个 and its total amount
PARENT_REACH = 3  # a parent's lists start in its paragraph or in the next few
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True, slots=True)
class Mention:
    """An amount as it stands in a paragraph."""

    start: int
    end: int
    money: Money
    label: str  # the text just before it (its label words)


CountStatement = tuple[Paragraph, int, "regex.Match[str]", Mention]  # 项目 N 个 + its amount, by paragraph


def cn_int(text: str) -> int | None:
    """``14`` → 14, ``两`` → 2, ``十四`` → 14, ``二十`` → 20."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return CN_DIGITS.get(text)


def mentions(para: Paragraph) -> list[Mention]:
    text, out = para.text, list[Mention]()
    for m in AMOUNT.finditer(text):
        money = parse_money(
            f"{m['num']}{m['unit']}",
            page=para.page,
            bbox=para.bbox_at(m.start()),
            confidence=para.confidence_at(m.start()),
        )
        if money is None:
            continue
        prev_end = out[-1].end if out else 0
        label = text[max(prev_end, m.start() - CONTEXT) : m.start()]
        out.append(Mention(m.start(), m.end(), money, label))
    return out


class ClaimBuilder:
    """Numbers groups per document and turns mentions into Claims with provenance."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self._groups = 0

    def group(self, prefix: str) -> str:
        self._groups += 1
        return f"{prefix}{self._groups}"

    def add(self, para: Paragraph, group: str, role: str, kind: ClaimKind, span: tuple[int, int], **kw: object) -> None:
        start, end = span
        text = para.text[max(0, start - CONTEXT) : end]
        self.claims.append(
            Claim(
                text=text,
                page=para.page,
                line=para.line_at(start),
                bbox=para.bbox_at(start),
                kind=kind,
                group=group,
                role=role,
                **kw,
            )
        )

    def amount(self, para: Paragraph, group: str, role: str, m: Mention, *, subject: str | None = None) -> None:
        self.add(
            para,
            group,
            role,
            "amount",
            (m.start, m.end),
            subject=subject or _subject(m.label),
            value=m.money.yuan,
            unit=m.money.unit,
            amount=m.money,
            value_raw=m.money.raw,
        )


_WORDS = regex.compile(r"[\p{Han}A-Za-z]+")


def _subject(label: str) -> str | None:
    words = _WORDS.findall(label)
    return words[-1] if words else None


def claims_of(paras: list[Paragraph]) -> list[Claim]:
    builder = ClaimBuilder()
    lists: list[ListStatement] = []
    counts: list[CountStatement] = []
    for order, para in enumerate(paras):
        found = mentions(para)
        rate_statements(builder, para, found)
        parts_statements(builder, para, found)
        own = list_statements(builder, para, found, order)
        lists += own
        counts += _count_statements(para, found, order, own)
    for st in lists:
        _emit_list(builder, st)
    for cand in counts:
        _emit_parent(builder, cand, lists)
    return builder.claims


def rate_statements(b: ClaimBuilder, para: Paragraph, found: list[Mention]) -> None:
    window_start = 0
    for r in RATE.finditer(para.text):
        window = [m for m in found if window_start <= m.start < r.start()]
        window_start = r.end()
        pair = budget_and_executed(window, para.text)
        if pair is None:
            continue
        budget, executed = pair
        g = b.group("rate")
        b.amount(para, g, "budget", budget)
        b.amount(para, g, "executed", executed)
        rate = parse_rate(f"{r['num']}%")
        b.add(
            para,
            g,
            "rate",
            "rate",
            r.span(),
            subject="执行率",
            value=rate,
            unit="%",
            value_raw=f"{r['num']}%",
            base=_subject(budget.label) or "预算数",
        )


def budget_and_executed(window: list[Mention], text: str) -> tuple[Mention, Mention] | None:
    inside = _inside_parts(text)
    free = [m for m in window if not any(a <= m.start < z for a, z in inside)]
    executed = [m for m in free if EXECUTED_WORDS.search(m.label)]
    if not executed:
        return None
    spent = executed[-1]
    budgets = [m for m in free if m is not spent and BUDGET_WORDS.search(m.label) and m.start < spent.start]
    if budgets:
        return budgets[-1], spent
    others = [m for m in free if m is not spent and not EXECUTED_WORDS.search(m.label)]
    return (others[0], spent) if others else None


def _inside_parts(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in PARTS.finditer(text)]


def parts_statements(b: ClaimBuilder, para: Paragraph, found: list[Mention]) -> None:
    for whole in found:
        m = PARTS.match(para.text, whole.end)
        if m is None:
            continue
        inner_start = m.start("inner") if m["inner"] is not None else m.start("inner2")
        inner_end = m.end("inner") if m["inner"] is not None else m.end("inner2")
        parts = [p for p in found if inner_start <= p.start < inner_end]
        parts = _until_not_part(parts)
        if not parts:
            continue
        g = b.group("parts")
        b.amount(para, g, "whole", whole)
        for p in parts:
            b.amount(para, g, "part", p)


def _until_not_part(parts: list[Mention]) -> list[Mention]:
    """A 其中 without parentheses runs until an amount that is no longer a part (执行数 …)."""
    out: list[Mention] = []
    for p in parts:
        if EXECUTED_WORDS.search(p.label) or "执行" in p.label:
            break
        out.append(p)
    return out


@dataclass(slots=True)
class ListStatement:
    group: str
    count: int | None
    count_span: tuple[int, int] | None
    count_raw: str | None
    total: Mention | None
    items: list[tuple[str, Mention | None, int]]  # (item text, its amount, its start)
    para: Paragraph
    order: int  # index of its paragraph


def list_statements(b: ClaimBuilder, para: Paragraph, found: list[Mention], order: int) -> list[ListStatement]:
    text = para.text
    statements: list[ListStatement] = []
    for key in LIST_KEY.finditer(text):
        st = _header(b, para, found, (_header_start(text, key.start()), key.start()), order)
        st.items = list(_items(text, found, key.end()))
        if st.items and (st.total is not None or st.count is not None):
            statements.append(st)
    return statements


def _header_start(text: str, key_start: int) -> int:
    stop = text.rfind("。", 0, max(key_start - 1, 0))
    return stop + 1


def _header(b: ClaimBuilder, para: Paragraph, found: list[Mention], span: tuple[int, int], order: int) -> ListStatement:
    start, end = span
    counts = list(COUNT.finditer(para.text, start, end))
    totals = [m for m in found if start <= m.start < end]
    c = counts[-1] if counts else None
    return ListStatement(
        group=b.group("list"),
        count=cn_int(c["n"]) if c else None,
        count_span=c.span() if c else None,
        count_raw=c["n"] if c else None,
        total=totals[-1] if totals else None,
        items=[],
        para=para,
        order=order,
    )


def _items(text: str, found: list[Mention], start: int) -> Iterator[tuple[str, Mention | None, int]]:
    first = _marker(1, None).match(text, start)
    if first is None:
        return
    sep, pos, k = first["sep"], first.end(), 1
    stop = LIST_KEY.search(text, pos)
    limit = stop.start() if stop else len(text)
    while True:
        nxt = _marker(k + 1, sep).search(text, pos, limit)
        end = nxt.start() if nxt else _sentence_end(text, found, pos, limit)
        amount = next((m for m in found if pos <= m.start < end), None)
        yield text[pos:end].strip(), amount, pos
        if nxt is None:
            return
        pos, k = nxt.end(), k + 1


def _marker(k: int, sep: str | None) -> regex.Pattern[str]:
    sep_src = regex.escape(sep) if sep else r"[.、]"
    return regex.compile(rf"(?<![\d.])\s*{k}\s*(?P<sep>{sep_src})(?!\s*\d+(?:\s*\.\s*\d+)?\s*(?:万|亿|元|%))")


def _sentence_end(text: str, found: list[Mention], pos: int, limit: int) -> int:
    amount = next((m for m in found if pos <= m.start < limit), None)
    after = amount.end if amount else pos
    stop = text.find("。", after, limit)
    return stop + 1 if stop >= 0 else limit


def _count_statements(
    para: Paragraph, found: list[Mention], order: int, own: list[ListStatement]
) -> list[CountStatement]:
    """项目 N 个 followed by its amount, with no list of its own: a candidate parent of later lists."""
    spans = {st.count_span for st in own}
    out: list[CountStatement] = []
    for c in COUNT.finditer(para.text):
        total = next((m for m in found if c.end() <= m.start <= c.end() + PARENT_GAP), None)
        if c.span() not in spans and total is not None:
            out.append((para, order, c, total))
    return out


def _emit_parent(b: ClaimBuilder, cand: CountStatement, lists: list[ListStatement]) -> None:
    """A 项目 N 个 … T 万元 statement whose next lists (same or following paragraphs) have counts adding up to N."""
    para, order, c, total = cand
    n = cn_int(c["n"])
    later = [
        st
        for st in lists
        if order <= st.order <= order + PARENT_REACH and (st.order > order or (st.count_span or (0, 0))[0] > c.start())
    ]
    children = _children(n, later) if n is not None else []
    if not children:
        return
    group = b.group("list")
    b.amount(para, group, "total", total)
    b.add(para, group, "count", "count", c.span(), subject="项目", value=Decimal(n or 0), unit="个", value_raw=c["n"])
    for child in children:
        assert child.total is not None
        b.amount(child.para, group, "child", child.total, subject=child.group)


def _children(n: int, later: list[ListStatement]) -> list[ListStatement]:
    picked: list[ListStatement] = []
    for st in later:
        if st.count is None:
            break
        picked.append(st)
        if sum(p.count or 0 for p in picked) >= n:
            break
    ok = sum(p.count or 0 for p in picked) == n and len(picked) > 1
    return picked if ok and all(p.total is not None for p in picked) else []


def _emit_list(b: ClaimBuilder, st: ListStatement) -> None:
    para = st.para
    if st.total is not None:
        b.amount(para, st.group, "total", st.total)
    if st.count is not None and st.count_span is not None:
        b.add(
            para,
            st.group,
            "count",
            "count",
            st.count_span,
            subject="项目",
            value=Decimal(st.count),
            unit="个",
            value_raw=st.count_raw,
        )
    for text, amount, start in st.items:
        if amount is None:
            b.add(para, st.group, "item", "amount", (start, start + len(text)), subject=text[:40] or None)
        else:
            b.amount(para, st.group, "item", amount, subject=_item_name(text))


def _item_name(text: str) -> str | None:
    m = AMOUNT.search(text)
    name = (text[: m.start()] if m else text).strip(" ,:;。")
    return name[:60] or None

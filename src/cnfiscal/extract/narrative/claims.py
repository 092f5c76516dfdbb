"""Claims of 情况说明 prose: amounts, shares (占97.83%), changes (减少…万元，下降28.07% / 持平), rates
(完成年初预算的56.91%), each with its subject and its paragraph (``group``) and role in it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import Line
from cnfiscal.extract.narrative.absent import none_claims
from cnfiscal.models import Claim, Table
from cnfiscal.numbers.claims import amount, percent
from cnfiscal.vocab import narrative as nv
from cnfiscal.vocab.tables import LIST_NUMBER

log = logging.getLogger(__name__)

_NUM = r"\d[\d,]*(?:\.\d+)?"
_AMOUNT = regex.compile(rf"(?P<num>{_NUM})(?P<unit>万元|亿元|元)")
_SHARE = regex.compile(rf"^[，,]?{nv.SHARE_WORD}(?P<pct>{_NUM})[%％]")
_CHANGE_PCT = regex.compile(rf"(?<![{nv.CHANGE_NOT_AFTER}])(?P<verb>{'|'.join(nv.CHANGE_WORDS)})(?P<pct>{_NUM})[%％]")
_PAGE_FOOTER = regex.compile(nv.PAGE_FOOTER)
_PAGE_NUMBER = regex.compile(nv.PAGE_NUMBER)
_CUT_AMOUNT = regex.compile(r"\d(?:万|亿)?$")  # a line cut inside an amount (``支出2340.35万`` / ``元，…``)
_ITEM_START = regex.compile(r"(?<=。)(?=" + LIST_NUMBER.removeprefix("^") + ")")
_VERBS = "|".join(nv.CHANGE_WORDS)
# ``增加（减少）0万元``: a form's two words, the change of 0 filled in
_CHANGE_AMT = regex.compile(rf"(?P<verb>{_VERBS})(?P<either>[（(](?:{_VERBS})[)）])?$")
_FLAT = regex.compile("|".join([*nv.FLAT_WORDS, nv.SAME_AS_PREVIOUS]))
_NEW_ITEM = regex.compile(nv.NEW_ITEM)
_RATE = regex.compile(rf"{nv.RATE_WORD}(?P<pct>{_NUM})[%％]")
_LAST_BOUNDARY = regex.compile(r"[，,：:；;。、]", flags=regex.REVERSE)  # searched from the end
_NOISE = regex.compile(nv.SUBJECT_NOISE)
_TAIL = regex.compile(nv.SUBJECT_TAIL)
_LIST = regex.compile(LIST_NUMBER)
_WS = regex.compile(r"\s+")
_DIRECTION = regex.compile(
    rf"决算数?(?:较上年)?(?P<word>{'|'.join(w for w in nv.DIRECTION_WORDS if w not in nv.FLAT_WORDS)})(?:年初)?预算数?"
    r"|决算数?与(?:年初)?预算数?(?P<word>持平)"
)
_CHAIN = regex.compile(
    r"(?P<cls>[^，,。；;:：（(“”]+?)[（(]\d*类[)）](?P<kuan>[^，,。；;:：（(]+?)[（(]\d*款[)）]"
    r"(?P<xiang>[^，,。；;:：（(]+?)[（(]\d*项[)）]"
    r"|[“\"](?P<cls>[^-–—“”\"]+)[-–—](?P<kuan>[^-–—“”\"]+)[-–—](?P<xiang>[^“”\"]+)[”\"](?:科目)?"
    # an item under a （类） heading names only its 款 and 项: ``1.人大事务（款）行政运行（项）支出6372.32万元``
    r"|(?P<kuan>[^，,。；;:：（(“”]+?)[（(]\d*款[)）](?P<xiang>[^，,。；;:：（(]+?)[（(]\d*项[)）]"
)
_BUDGET_END = regex.compile(r"(?:年初|调整后|全年)?预算数?$")
_EXECUTED_END = regex.compile(r"决算数?$")
_PERIOD = regex.compile(
    r"(?:比|与|较)(?P<period>(?:19|20)\d{2}\s*年度?(?:年初|当年)?(?:预算执行数|预算|决算)?|上年度?|上一年度?)"
    r"[^。；;]{0,24}$"
)
_THRESHOLD = regex.compile(r"^(?:[（(]含[)）])?(?:以上|以下|及以上|以内)")
_PRIOR = regex.compile(r"(?:19|20)\d{2}年度?|上年|上一年")


@dataclass(slots=True)
class Paragraph:
    text: str
    page: int | None
    line: int | None
    full: bool = False  # its last line runs to the right margin: the text wraps on, it is no heading


_MARGIN = 12  # points: a line starting further right than the page's left margin is indented


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Join wrapped lines: a paragraph starts at a list number, an indented line, or each line of a text input."""
    out: list[Paragraph] = []
    left: dict[int | None, float] = {}  # the page's left margin: a centred cover line elsewhere does not move it
    right: dict[int | None, float] = {}
    for ln in lines:
        if ln.bbox:
            left[ln.page] = min(left.get(ln.page, ln.bbox[0]), ln.bbox[0])
            right[ln.page] = max(right.get(ln.page, ln.bbox[2]), ln.bbox[2])
    for i, ln in enumerate(lines):
        text = _WS.sub("", ln.text)
        if not text or _PAGE_FOOTER.match(text) or _page_number(lines, i, text):
            continue
        # a lead-in (…主要用于以下方面：) continues on the next line, unless that line starts a list item
        opened = bool(out) and out[-1].text.endswith(("：", ":")) and not _LIST.match(text)
        same_row = _same_row(lines[i - 1], ln) if i else False  # a filled-in form's blank: ``增加（减`` ``少）`` ``0``
        starts = (
            not opened
            and not same_row
            and (
                ln.bbox is None
                or _LIST.match(text)
                or ln.bbox[0] > left[ln.page] + _MARGIN
                or not out
                or (out[-1].text.endswith("。") and not _item_goes_on(out[-1].text, ln, left))
                or (_is_heading(out[-1].text) and not out[-1].full)
            )
        )
        if starts:
            out.append(Paragraph(text, ln.page, ln.number))
        else:
            out[-1].text += text
        out[-1].full = ln.bbox is not None and ln.bbox[2] >= right[ln.page] - _MARGIN
    return [item for para in out for item in _items(para)]


def _same_row(before: Line, ln: Line) -> bool:
    """A line printed on the same row right after the one before it (a separate text span): the same line."""
    a, b = before.bbox, ln.bbox
    return a is not None and b is not None and before.page == ln.page and abs(a[1] - b[1]) < 3 and b[0] >= a[2] - 1


def _page_number(lines: Sequence[Line], i: int, text: str) -> bool:
    """A bare number (``24``) that is the first or the last line of its page and no larger than the page's index
    (+2): the page's number, not prose (an integer amount wrapped onto a line of its own, ``580``, stays)."""
    page = lines[i].page
    if not _PAGE_NUMBER.match(text) or not 0 < int(text) <= page + 2:
        return False
    first = i == 0 or lines[i - 1].page != page
    last = i == len(lines) - 1 or lines[i + 1].page != page
    return first or last


def _item_goes_on(before: str, ln: Line, left: dict[int | None, float]) -> bool:
    """A list item whose sentence ended at the line's end goes on when the next line is not indented (the next
    sentence of the same item: ``2．社会保障和就业（类）支出1289.52万元，…的支出。`` / ``与上年相比减少…``)."""
    return bool(_LIST.match(before)) and ln.bbox is not None and ln.bbox[0] <= left[ln.page] + _MARGIN


def _items(para: Paragraph) -> list[Paragraph]:
    """A list item that starts inside a paragraph (``…增长16.88%。2.人大事务（款）…``) is a paragraph of its own:
    each item's amounts, change and rate are read together, not with the item before it."""
    pieces = [t for t in _ITEM_START.split(para.text) if t]
    return [Paragraph(t, para.page, para.line) for t in pieces] if len(pieces) > 1 else [para]


def _is_heading(text: str) -> bool:
    """A numbered heading line (一、…情况说明) is a paragraph of its own."""
    return (
        bool(_LIST.match(text))
        and len(text) <= 30
        and not _AMOUNT.search(text)
        and not _CUT_AMOUNT.search(text)
        and not text.endswith("，")
    )


def extract_claims(lines: Sequence[Line], tables: Sequence[Table] = ()) -> list[Claim]:
    claims: list[Claim] = []
    paras = paragraphs(lines)
    for i, para in enumerate(paras):
        claims.extend(_claims_of(para, f"para{i + 1}"))
    claims.extend(none_claims(paras, _is_heading))
    return claims


def _subject(text: str, end: int) -> str:
    head = text[:end]
    m = _LAST_BOUNDARY.search(head)  # the clause starts at the last punctuation mark
    s = head[m.start() :] if m else head
    s = s.lstrip("，,：:；;。、")
    s = _NOISE.sub("", _LIST.sub("", s))
    return _TAIL.sub("", s)


def _claims_of(p: Paragraph, group: str) -> list[Claim]:
    text = p.text

    def claim(snippet: str, kind: str, **kw: object) -> Claim:
        return Claim(text=snippet, page=p.page, line=p.line, kind=kind, group=group, **kw)

    out = _amount_claims(p, claim)
    for m in _CHANGE_PCT.finditer(text):
        pct = percent(m["pct"])
        value = None if pct is None else pct * nv.CHANGE_WORDS[m["verb"]]
        period = _PERIOD.search(text[: m.start()])
        out.append(
            claim(
                _snippet(text, m),
                "change",
                value=value,
                unit="%",
                role="change_pct",
                base=period["period"] if period else None,
                value_raw=("-" if nv.CHANGE_WORDS[m["verb"]] < 0 else "") + m["pct"] + "%",  # signed, as printed
            )
        )
    for m in _RATE.finditer(text):
        out.append(
            claim(
                _snippet(text, m),
                "rate",
                value=percent(m["pct"]),
                unit="%",
                base=m["base"],
                role="rate",
                value_raw=m["pct"] + "%",
            )
        )
    for m in _DIRECTION.finditer(text):
        out.append(claim(_snippet(text, m), "change", base=m["word"], role="direction"))
    for fm in _FLAT.finditer(text):
        period = _PERIOD.search(text[: fm.start()])
        before = [m for m in _AMOUNT.finditer(text) if m.end() <= fm.start()]
        subject = _subject(text, before[-1].start()) or None if before else None
        base = period["period"] if period else None
        out.append(claim(_snippet(text, fm), "change", value=0, role="flat", subject=subject, base=base))
    if not any(c.role in ("change", "flat") for c in out):
        out.extend(_new_items(p, claim, out))
    return out


def _new_items(p: Paragraph, claim: Callable[..., Claim], found: list[Claim]) -> list[Claim]:
    """``X万元，此项支出是今年新增支出`` (and no 比上年 in the paragraph): X more than the previous year's nothing."""
    out = []
    for m in _NEW_ITEM.finditer(p.text):
        before = [a for a in _AMOUNT.finditer(p.text) if a.end() <= m.start()]
        snippet = _snippet(p.text, before[-1]) if before else None
        last = next((c for c in found if c.kind == "amount" and c.text == snippet), None)
        if last is not None and last.amount is not None:
            out.append(claim(_snippet(p.text, m), "change", subject=last.subject, value=last.amount.yuan,
                             unit=last.unit, amount=last.amount, role="new", base="上年"))  # fmt: skip
    return out


def _amount_claims(p: Paragraph, claim: Callable[..., Claim]) -> list[Claim]:
    """Amounts (with 占X% shares right after them); 增加/减少 X万元 are signed changes."""
    text = p.text
    chain_m = _chain_match(text)
    out: list[Claim] = []
    for m in _AMOUNT.finditer(text):
        money = amount(m["num"], m["unit"], p.page)
        if money is None or _THRESHOLD.match(text[m.end() :]):
            continue  # 单价100万元（含）以上: a threshold, not a figure
        subject = _subject(text, m.start()) or None
        verb = _CHANGE_AMT.search(text[: m.start()])
        if verb and verb["either"] and money.yuan != 0:
            verb = None  # 增加（减少）X万元, a form's two words: only a change of 0 has no direction to tell
        if verb and out and out[-1].kind == "amount":
            subject = out[-1].subject  # 财政拨款收入X万元，比2024年预算减少Y万元: the change of 财政拨款收入
        kind, role = ("change", "change") if verb else ("amount", _role(subject or ""))
        if chain_m and not verb and 0 <= m.start() - chain_m.end() <= 2:
            role = "line"  # “…（类）…（款）…（项）”938.99万元: the amount of that line
        base = _chain(chain_m) if role in ("budget", "executed", "line") else None
        if verb and (period := _PERIOD.search(text[: m.start()])):
            base = period["period"]
        value = money.yuan * nv.CHANGE_WORDS[verb["verb"]] if verb else money.yuan
        out.append(
            claim(
                _snippet(text, m),
                kind,
                subject=subject,
                value=value,
                unit=m["unit"],
                amount=money,
                role=role,
                base=base,
            )
        )
        if sm := _SHARE.match(text[m.end() :]):
            out.append(
                claim(
                    _snippet(text, m, sm.end()),
                    "share",
                    subject=subject,
                    value=percent(sm["pct"]),
                    unit="%",
                    base=sm["base"] or None,
                    amount=money,
                    role="part",
                    value_raw=sm["pct"] + "%",
                )
            )
    return out


def _chain_match(text: str) -> regex.Match[str] | None:
    """The first 类/款/项 chain of the text (a quick test first: ``_CHAIN`` needs 类, 款 or a quote mark)."""
    if "类" not in text and "款" not in text and "“" not in text and '"' not in text:
        return None
    return _CHAIN.search(text)


def _chain(m: regex.Match[str] | None) -> str | None:
    """``一般公共服务支出（类）财政事务（款）行政运行（项）`` → ``一般公共服务支出/财政事务/行政运行``."""
    return "/".join(_LIST.sub("", m[k] or "") for k in ("cls", "kuan", "xiang")) if m else None


def _role(subject: str) -> str:
    if _BUDGET_END.search(subject):
        return "budget"
    if _EXECUTED_END.search(subject):
        return "executed"
    if _PRIOR.match(subject) and not subject.startswith("本年"):
        return "dated"
    return "item"


def _snippet(text: str, m: regex.Match[str], end: int | None = None) -> str:
    start = max(0, m.start() - 30)
    stop = m.end() + (end or 0) + 8
    return text[start:stop]

"""Claims of 情况说明 prose: amounts, shares (占97.83%), changes (减少…万元，下降28.07% / 持平), rates
(完成年初预算的56.91%), each with its subject and its paragraph (``group``) and role in it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import Line
from cnfiscal.models import Claim, Table
from cnfiscal.normalize.claims import amount, percent
from cnfiscal.vocab import narrative as nv
from cnfiscal.vocab.tables import LIST_NUMBER

log = logging.getLogger(__name__)

_NUM = r"\d[\d,]*(?:\.\d+)?"
_AMOUNT = regex.compile(rf"(?P<num>{_NUM})(?P<unit>万元|亿元|元)")
_SHARE = regex.compile(rf"^[，,]?{nv.SHARE_WORD}(?P<pct>{_NUM})[%％]")
_CHANGE_PCT = regex.compile(rf"(?P<verb>{'|'.join(nv.CHANGE_WORDS)})(?P<pct>{_NUM})[%％]")
_CHANGE_AMT = regex.compile(rf"(?P<verb>{'|'.join(nv.CHANGE_WORDS)})$")
_FLAT = regex.compile("|".join(nv.FLAT_WORDS))
_RATE = regex.compile(rf"{nv.RATE_WORD}(?P<pct>{_NUM})[%％]")
_BOUNDARY = regex.compile(r"[，,：:；;。、（(]?[^，,：:；;。]*$")
_NOISE = regex.compile(nv.SUBJECT_NOISE)
_TAIL = regex.compile(nv.SUBJECT_TAIL)
_LIST = regex.compile(LIST_NUMBER)
_WS = regex.compile(r"\s+")
_PRIOR = regex.compile(r"(?:19|20)\d{2}年度?|上年|上一年")


@dataclass(slots=True)
class Paragraph:
    text: str
    page: int | None
    line: int | None


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Join wrapped lines: a paragraph starts at a list number, an indented line, or each line of a text input."""
    out: list[Paragraph] = []
    left = min((ln.bbox[0] for ln in lines if ln.bbox), default=0.0)
    for ln in lines:
        text = _WS.sub("", ln.text)
        if not text:
            continue
        opened = bool(out) and out[-1].text.endswith(("：", ":"))  # a lead-in continues on the next line
        starts = not opened and (
            ln.bbox is None or _LIST.match(text) or ln.bbox[0] > left + 12 or not out or out[-1].text.endswith("。")
        )
        if starts:
            out.append(Paragraph(text, ln.page, ln.number))
        else:
            out[-1].text += text
    return out


def extract_claims(lines: Sequence[Line], tables: Sequence[Table] = ()) -> list[Claim]:
    claims: list[Claim] = []
    for i, para in enumerate(paragraphs(lines)):
        claims.extend(_claims_of(para, f"para{i + 1}"))
    return claims


def _subject(text: str, end: int) -> str:
    head = text[:end]
    m = _BOUNDARY.search(head)
    s = head[m.start() :] if m else head
    s = s.lstrip("，,：:；;。、")
    s = _NOISE.sub("", s)
    return _TAIL.sub("", s)


def _claims_of(p: Paragraph, group: str) -> list[Claim]:
    out: list[Claim] = []
    text = p.text
    for m in _AMOUNT.finditer(text):
        money = amount(m["num"], m["unit"], p.page)
        if money is None:
            continue
        subject = _subject(text, m.start())
        verb = _CHANGE_AMT.search(text[: m.start()])
        kind, role, value = "amount", _role(subject), money.yuan
        if verb:
            kind, role = "change", "change"
            value = money.yuan * nv.CHANGE_WORDS[verb["verb"]]
        out.append(
            Claim(
                text=_snippet(text, m),
                page=p.page,
                line=p.line,
                kind=kind,
                subject=subject or None,
                value=value,
                unit=m["unit"],
                amount=money,
                group=group,
                role=role,
            )
        )
        if sm := _SHARE.match(text[m.end() :]):
            out.append(
                Claim(
                    text=_snippet(text, m, sm.end()),
                    page=p.page,
                    line=p.line,
                    kind="share",
                    subject=subject or None,
                    value=percent(sm["pct"]),
                    unit="%",
                    base=sm["base"] or None,
                    amount=money,
                    group=group,
                    role="part",
                )
            )
    for m in _CHANGE_PCT.finditer(text):
        pct = percent(m["pct"])
        out.append(
            Claim(
                text=_snippet(text, m),
                page=p.page,
                line=p.line,
                kind="change",
                subject=None,
                value=None if pct is None else pct * nv.CHANGE_WORDS[m["verb"]],
                unit="%",
                group=group,
                role="change_pct",
            )
        )
    for m in _RATE.finditer(text):
        out.append(
            Claim(
                text=_snippet(text, m),
                page=p.page,
                line=p.line,
                kind="rate",
                value=percent(m["pct"]),
                unit="%",
                base=m["base"],
                group=group,
                role="rate",
            )
        )
    if (fm := _FLAT.search(text)) and not any(c.kind == "change" for c in out):
        out.append(
            Claim(
                text=_snippet(text, fm),
                page=p.page,
                line=p.line,
                kind="change",
                value=0,
                unit=None,
                group=group,
                role="flat",
            )
        )
    return out


def _role(subject: str) -> str:
    if "预算" in subject and "决算" not in subject:
        return "budget"
    if "决算" in subject and subject.endswith(("决算", "决算数", "支出决算")):
        return "executed"
    if _PRIOR.match(subject) and not subject.startswith(("本年",)):
        return "dated"
    return "item"


def _snippet(text: str, m: regex.Match[str], end: int | None = None) -> str:
    start = max(0, m.start() - 30)
    stop = m.end() + (end or 0) + 8
    return text[start:stop]

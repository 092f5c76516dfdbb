"""The office and the year of a 决算/预算 report, from reliable cues: a label line (部门： / 编制部门： /
预算主管部门：), the cover title (``某省人大常委会办公厅 / 2019年度部门预算公开``), the tables' titles; never a
heading fragment or a table code. Each answer keeps the line it was read from (``Evidence``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import Line
from cnfiscal.vocab import offices as ov

_LABEL = regex.compile(ov.OFFICE_LABEL)
_SUFFIX = regex.compile(ov.OFFICE_SUFFIX)
_NOT_OFFICE = [regex.compile(p) for p in ov.NOT_OFFICE]
_REPORT_YEAR = regex.compile(ov.REPORT_YEAR)
_AFTER_YEAR = regex.compile(ov.OFFICE_AFTER_YEAR)
_LINK = regex.compile(ov.OFFICE_TITLE_LINK)
_YEAR_AT = regex.compile(r"(?:19|20)\d{2}\s*年")
_SPACE = regex.compile(r"[\s\u3000]+")
_AMOUNT = regex.compile(r"\d[\d,.]*$")
HEAD_LINES = 12  # the cover: the first lines of the document


@dataclass(frozen=True, slots=True)
class Evidence:
    value: str
    page: int
    line: str  # the line as printed


def is_office(name: str) -> bool:
    flat = _SPACE.sub("", name)
    return 2 <= len(flat) <= 40 and not any(p.match(flat) for p in _NOT_OFFICE) and not _AMOUNT.match(flat)


def office_of(lines: list[Line]) -> Evidence | None:
    """The label line first (the office as the form names it), else the cover title."""
    return _labelled(lines) or _cover_title(lines)


def _labelled(lines: list[Line]) -> Evidence | None:
    found: Counter[str] = Counter()
    first: dict[str, Evidence] = {}
    for i, ln in enumerate(lines):
        m = _LABEL.match(ln.text.strip())
        if not m:
            continue
        name = m[1] or _next_text(lines, i)
        name = _SPACE.sub("", name)
        if name and is_office(name):
            found[name] += 1
            first.setdefault(name, Evidence(name, ln.page, ln.text.strip()))
    if not found:
        return None
    return first[found.most_common(1)[0][0]]


def _next_text(lines: list[Line], i: int) -> str:
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt.text.strip() if nxt is not None and nxt.page == lines[i].page else ""


def _cover_title(lines: list[Line]) -> Evidence | None:
    """``<office><year>年度…`` on one line, or the office on the lines above the year line."""
    head = [ln for ln in lines[:HEAD_LINES] if ln.text.strip()]
    for k, ln in enumerate(head):
        text = _SPACE.sub("", ln.text)
        m = _YEAR_AT.search(text)
        if not m:
            continue
        before = _LINK.sub("", text[: m.start()])
        above = "".join(_SPACE.sub("", h.text) for h in head[max(0, k - 2) : k] if not _YEAR_AT.search(h.text))
        for name in (above + before, before, above):
            if name and _SUFFIX.search(name) and is_office(name):
                return Evidence(name, ln.page, ln.text.strip())
        after = _AFTER_YEAR.match(text[m.end() :])
        if after and _SUFFIX.search(after[1]) and is_office(after[1]):
            return Evidence(after[1], ln.page, ln.text.strip())
        return None
    return None


def year_of(lines: list[Line], table_years: list[int]) -> Evidence | None:
    """The year of a report title on the first pages; else the year most tables print in their titles."""
    for ln in lines[:40]:
        if m := _REPORT_YEAR.search(ln.text):
            return Evidence(m[1], ln.page, ln.text.strip())
    head = "".join(_SPACE.sub("", ln.text) for ln in lines[:6])
    if m := _REPORT_YEAR.search(head):
        return Evidence(m[1], lines[0].page, head[:60])
    if table_years:
        year = Counter(table_years).most_common(1)[0][0]
        return Evidence(str(year), 0, "table titles")
    return None

"""Segment a 决算/预算 report: 目录, standard tables (title, code, unit, pages), notes, narrative lines.

Works on any ExtractedDocument: for PDFs a table spans pages (its title page and the continuation pages
that follow until a 注 line, the next title or a narrative heading); for text inputs (one page of
numbered lines) a table is the run of lines from its title to the next title or narrative heading.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field

import regex

from cnfiscal.extract.layout import ExtractedDocument, Line, Page
from cnfiscal.models import DocType, InputKind
from cnfiscal.vocab import tables as tv
from cnfiscal.vocab.narrative import TEMPLATE_RESIDUE

log = logging.getLogger(__name__)

_STRIP = regex.compile(tv.TITLE_STRIP)
_YEAR_PREFIX = regex.compile(tv.TITLE_YEAR_PREFIX)
_LIST_NUMBER = regex.compile(tv.LIST_NUMBER)
_LEADERS = regex.compile(r"[…．.·]{3,}.*$")
_PAGE_NO = regex.compile(r"\d+$")
_TITLE_CODE = regex.compile(tv.TITLE_CODE)
_TITLE_TAIL = regex.compile(tv.TITLE_TAIL)
_ELSEWHERE = regex.compile("|".join(tv.TABLES_ELSEWHERE))
_AMOUNT = regex.compile(r"^-?\d[\d,]*\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
_AMOUNT_IN = regex.compile(r"(?<![\d.])\d[\d,]*\.\d+|(?<![\d.])\d{1,3}(?:,\d{3})+")
_TITLES = [(s, regex.compile(s.pattern)) for s in tv.TABLE_SPECS]
_ANY_TITLE = regex.compile("|".join(f"(?:{s.pattern})" for s in tv.TABLE_SPECS))  # one test for most lines
_CODE = regex.compile(tv.PUBLIC_CODE)
_UNIT = regex.compile(tv.UNIT_LINE)
_DEPT = regex.compile(tv.DEPT_LINE)
_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")
_NOTE = regex.compile(tv.NOTE_PREFIX)
_EMPTY = regex.compile("|".join(tv.EMPTY_TABLE_MARKS))
_PART_HEADING = regex.compile(r"^第[一二三四五六七八九十]+部分|情况说明$|编制说明$|名词解释$|^附件|绩效目标")
_ATTACHMENT = regex.compile(r"^第[一二三四五六七八九十]+部分[:：]?附件$")
_SELF_EVAL_TITLE = regex.compile(r"^(?:\d{4}年度?)?项目支出绩效(?:目标)?自评表(?:[-—–(（].{0,24})?。?$")
_TOC = regex.compile(r"^目\s*录$")
_SPACE = regex.compile(r"\s+")


@dataclass(slots=True)
class TableSegment:
    spec: tv.TableSpec
    title: str  # as printed
    page_start: int
    page_end: int
    title_line: Line
    lines: list[Line] = field(default_factory=list)  # every line of the table (header, rows, notes)
    code: str | None = None
    unit: str | None = None
    unit_name: str | None = None
    year: int | None = None
    notes: list[str] = field(default_factory=list)
    empty_note: bool = False


@dataclass(slots=True)
class ReportSegments:
    tables: list[TableSegment]
    toc_kinds: list[tv.TableKind]  # standard tables the 目录 lists
    narrative: list[Line]  # lines outside the 目录, the tables and the attachments
    blank_pages: list[int]
    attachments: list[Line] = field(default_factory=list)  # 附件 (self-evaluation tables: read by selfeval)
    elsewhere: str | None = None  # the sentence saying the tables are published separately (附后, 另行公开)


def fold_title(text: str) -> str:
    """A title line without whitespace, quotes, table code (公开01表, 表一), leading year and classification tail."""
    forms = title_forms(text)
    return next((f for f in forms if _ANY_TITLE.fullmatch(f)), forms[0])


def title_forms(text: str) -> list[str]:
    """The folded line, and, when a code's numeral runs into the title (``公开表十一一般公共预算…``), the forms with
    a shorter numeral: one of them is the title."""
    flat = _STRIP.sub("", text)
    m = _TITLE_CODE.match(flat)
    starts = [m.end(), *range(m.end() - 1, flat.index("表", m.start()), -1)] if m else [0]
    return [_TITLE_TAIL.sub("", _YEAR_PREFIX.sub("", flat[i:])) for i in starts]


def match_title(text: str) -> tv.TableSpec | None:
    """The table spec whose title this whole line is (after folding), else None."""
    for flat in title_forms(text):
        if not _ANY_TITLE.fullmatch(flat):
            continue
        for spec, pattern in _TITLES:
            if pattern.fullmatch(flat):
                return spec
    return None


def _toc_title(text: str) -> tv.TableSpec | None:
    """A 目录 entry: list number, title, leaders and page number."""
    s = text.strip()
    m = _LIST_NUMBER.match(s)
    if not m:
        return None
    s = _PAGE_NO.sub("", _LEADERS.sub("", s[m.end() :])).strip()
    return match_title(s)


def reading_order(doc: ExtractedDocument) -> list[Line]:
    """The lines as the page shows them (top to bottom, then left to right): a PDF's text layer may run in
    another order (columns before rows, a title written last)."""
    if doc.input_kind is InputKind.TEXT:
        return doc.lines
    return sorted(
        doc.lines, key=lambda ln: (ln.page, round(ln.bbox[1]) if ln.bbox else 0, ln.bbox[0] if ln.bbox else 0)
    )


def segment(doc: ExtractedDocument) -> ReportSegments:
    lines = reading_order(doc)
    toc_idx = _toc_range(lines)
    starts = _title_starts(lines, toc_idx)
    starts, listed = _drop_lists(lines, starts)
    toc_kinds = [s.kind for i in sorted(toc_idx) if (s := _toc_title(lines[i].text)) is not None] + listed
    tables = _without_orphans([_table(doc, lines, i, spec, starts) for i, spec in starts])
    used = {id(ln) for t in tables for ln in t.lines} | {id(t.title_line) for t in tables}
    start = _attachments_start(lines, toc_idx)
    narrative = [ln for i, ln in enumerate(lines[:start]) if i not in toc_idx and id(ln) not in used]
    attachments = lines[start:]
    blank = [p.number for p in doc.pages if doc.input_kind is not InputKind.TEXT and not p.words and not p.lines]
    elsewhere = next((ln.text.strip() for ln in narrative if _ELSEWHERE.search(_SPACE.sub("", ln.text))), None)
    return ReportSegments(tables, toc_kinds, narrative, blank, attachments, elsewhere)


def _without_orphans(tables: list[TableSegment]) -> list[TableSegment]:
    """A title with nothing under it (printed at a page's foot, the table under the same title again later) is
    not a table."""
    return [t for k, t in enumerate(tables) if t.lines or t.notes or not any(u.spec is t.spec for u in tables[k + 1 :])]


def _title_starts(lines: list[Line], toc_idx: set[int]) -> list[tuple[int, tv.TableSpec]]:
    """Lines that are a table's title; a title wrapped over two lines (``…支出预算`` / ``表``) starts at its first."""
    starts: list[tuple[int, tv.TableSpec]] = []
    for i, ln in enumerate(lines):
        if i in toc_idx or _LIST_NUMBER.match(ln.text.strip()):
            continue
        spec = match_title(ln.text) if "表" in ln.text else None  # every title ends with 表
        if spec is None and i + 1 < len(lines) and lines[i + 1].page == ln.page:
            tail = lines[i + 1].text.strip()
            if 0 < len(tail) <= 4 and "表" in tail and not _AMOUNT.match(tail):
                spec = match_title(ln.text.strip() + tail)
        if spec is not None and not (
            starts and starts[-1][0] == i - 1 and starts[-1][1] is spec and _same_page(lines, i)
        ):
            starts.append((i, spec))
    return starts


def _same_page(lines: list[Line], i: int) -> bool:
    return lines[i].page == lines[i - 1].page


_LIST_GAP = 3  # lines from one listed name to the next (the name, its list number, a page number)


def _drop_lists(
    lines: list[Line], starts: list[tuple[int, tv.TableSpec]]
) -> tuple[list[tuple[int, tv.TableSpec]], list[tv.TableKind]]:
    """A page naming four or more tables one after the other (at most a list number between two names) and
    printing fewer amounts than names is a list of the tables (a 目录 without its heading, a 报表目录 page), not
    the tables: its titles are listed kinds, not starts. (Empty tables sharing a page have headers between their
    titles.)"""
    by_page: dict[int, list[tuple[int, tv.TableSpec]]] = {}
    for i, spec in starts:
        by_page.setdefault(lines[i].page, []).append((i, spec))
    listed: list[tv.TableKind] = []
    drop: set[int] = set()
    for page, found in by_page.items():
        gaps = [b - a for (a, _), (b, _) in itertools.pairwise(found)]
        if len(found) < 4 or max(gaps) > _LIST_GAP:
            continue
        amounts = sum(len(_AMOUNT_IN.findall(ln.text)) for ln in lines if ln.page == page)
        if amounts < len(found):
            drop.update(i for i, _ in found)
            listed.extend(spec.kind for _, spec in found)
    return [st for st in starts if st[0] not in drop], listed


def _attachments_start(lines: list[Line], toc_idx: set[int]) -> int:
    """Index of the 附件 part (a ``第X部分 附件`` heading, or the first 项目支出绩效自评表 title) outside the 目录."""
    for i, ln in enumerate(lines):
        text = _SPACE.sub("", ln.text)
        if ("附件" in text or "自评表" in text) and i not in toc_idx and _is_attachment_heading(text):
            return i
    return len(lines)


def _is_attachment_heading(text: str) -> bool:
    """(The callers test first for 附件 / 自评表, which these patterns contain.)"""
    return bool(_ATTACHMENT.match(text) or _SELF_EVAL_TITLE.match(text))


def _toc_range(lines: list[Line]) -> set[int]:
    """Indexes of the 目录 lines: from a ``目录`` line until the body starts (see ``_body_starts``)."""
    for i, ln in enumerate(lines):
        pair = ln.text.strip() + (lines[i + 1].text.strip() if i + 1 < len(lines) else "")
        if _TOC.match(ln.text.strip()) or pair.replace(" ", "") == "目录":
            out: set[int] = set()
            seen: set[str] = set()
            for j in range(i, min(len(lines), i + 120)):
                text = lines[j].text.strip()
                if match_title(text) is not None or (j > i + 1 and _body_starts(lines, j, seen)):
                    break
                seen.add(_flat_entry(text))
                out.add(j)
            return out
    return set()


def _flat_entry(text: str) -> str:
    return _PAGE_NO.sub("", _LEADERS.sub("", _SPACE.sub("", text)))


def _body_starts(lines: list[Line], j: int, seen: set[str]) -> bool:
    """On a new page, the 目录 has ended when the page opens with an entry already listed (the first part's
    heading) or with prose rather than entries."""
    if lines[j].page == lines[j - 1].page:
        return False
    head = [ln.text.strip() for ln in lines[j : j + 5] if ln.page == lines[j].page and ln.text.strip()]
    if not head:
        return False
    if _flat_entry(head[0]) in seen:
        return True
    entries = sum(1 for t in head if _LIST_NUMBER.match(t) or _LEADERS.search(t) or _PART_HEADING.search(t))
    return entries * 2 < len(head)


def _table(
    doc: ExtractedDocument, lines: list[Line], i: int, spec: tv.TableSpec, starts: list[tuple[int, tv.TableSpec]]
) -> TableSegment:
    nxt = next((j for j, _ in starts if j > i), len(lines))
    title = lines[i]
    seg = TableSegment(spec, title.text.strip(), title.page, title.page, title)
    body: list[Line] = []
    ended = False
    for j in range(i + 1, nxt):
        ln = lines[j]
        text = ln.text.strip()
        if ln.page != seg.page_end and (ended or not _continues(doc, ln.page) or _only_heads(lines[j:nxt])):
            break
        if _PART_HEADING.search(text) and not _NOTE.match(text):
            break
        if _NOTE.match(text) or (body and _EMPTY.search(text)):
            seg.notes.append(text)
            ended = True
        elif ended and doc.input_kind is InputKind.TEXT and _is_narrative(text):
            break
        seg.page_end = ln.page
        body.append(ln)
    seg.lines = body
    _read_meta(seg)
    return seg


def _only_heads(rest: list[Line]) -> bool:
    """On a new page, nothing but a page number or a table code before the next title: the page is the next
    table's."""
    page = rest[0].page if rest else None
    on_page = [ln.text.strip() for ln in rest if ln.page == page]
    if len(on_page) != len(rest):
        return False  # the next title is not on this page
    return all(_PAGE_NO.fullmatch(t) or _CODE.fullmatch(_SPACE.sub("", t)) for t in on_page)


def _is_narrative(text: str) -> bool:
    return len(text) > 40 and "\t" not in text


def _continues(doc: ExtractedDocument, page_no: int) -> bool:
    """A page without a title continues the table above when its first lines are not a heading."""
    page = _page(doc, page_no)
    if page is None or not page.lines:
        return False
    head = [ln.text.strip() for ln in page.lines[:3]]
    return not any(_PART_HEADING.search(t) or _TOC.match(t) for t in head)


def _page(doc: ExtractedDocument, number: int) -> Page | None:
    return next((p for p in doc.pages if p.number == number), None)


def _read_meta(seg: TableSegment) -> None:
    head = [seg.title_line.text, *(ln.text for ln in seg.lines[:8])]
    for text in head:
        if seg.code is None and (m := _CODE.search(text)):
            seg.code = f"公开{int(m[1]):02d}表" if m[1] else _SPACE.sub("", m[0])
        if seg.unit is None and (m := _UNIT.search(text)):
            seg.unit = m[1]
        if seg.unit_name is None and (m := _DEPT.search(text.strip())):
            seg.unit_name = m[1]
        if seg.year is None and (m := _YEAR.search(text)):
            seg.year = int(m[1])
    seg.empty_note = any(_EMPTY.search(n) for n in seg.notes)


# (pattern, offset): the year the pattern names must be the report's year + offset.
_YEAR_CHECKS: dict[DocType, tuple[tuple[regex.Pattern[str], int], ...]] = {
    DocType.FINAL_ACCOUNT: (
        (regex.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"), 0),
        (regex.compile(r"((?:19|20)\d{2})\s*年度?部门决算"), 0),
    ),
    DocType.BUDGET: (
        (regex.compile(r"(?:比|与)\s*((?:19|20)\d{2})\s*年(?:度)?(?:预算|年初预算)"), -1),
        (regex.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?:区级|市级)?部门预算"), 0),
    ),
}


def year_warnings(lines: list[Line], year: int | None, doc_type: DocType) -> list[str]:
    """``p.N: year YYYY in '…' where Y is expected`` for each narrative year out of place."""
    if year is None:
        return []
    out: list[str] = []
    for ln in lines:
        for pattern, offset in _YEAR_CHECKS.get(doc_type, ()):
            for m in pattern.finditer(ln.text):
                if int(m[1]) != year + offset:
                    snippet = ln.text.strip()[max(0, m.start() - 10) : m.end() + 10].replace("'", "")
                    out.append(f"p.{ln.page}: year {m[1]} in '{snippet}' where {year + offset} is expected")
    return out


_RESIDUE = regex.compile("|".join(TEMPLATE_RESIDUE))


def residue_warnings(lines: list[Line]) -> list[str]:
    """``p.N: template residue 'XX' in '…' (K lines)``: one warning per page that still holds template text."""
    hits: dict[int, list[tuple[str, str]]] = {}
    for ln in lines:
        text = _SPACE.sub("", ln.text)
        if m := _RESIDUE.search(text):
            snippet = text[max(0, m.start() - 12) : m.end() + 12].replace("'", "")
            hits.setdefault(ln.page, []).append((m[0], snippet))
    return [f"p.{page}: template residue '{h[0][0]}' in '{h[0][1]}' ({len(h)} lines)" for page, h in hits.items()]

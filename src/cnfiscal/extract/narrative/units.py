"""The units a department's document lists (部门概况), and the counts of units it states.

The part is found by its heading (``X机构设置``, ``二、部门决算单位构成``, ``部门机构设置及预算单位构成情况``) and
runs to the next part's heading. The list is read in the forms seen:

- numbered after ``具体包括：`` (``1. X（本部）。 2. Y不单列预算，并入本部。``): an item is its number's text up
  to the next number (never over a page break); its name ends at the first comma, what follows is a note when it
  says the budget is not the unit's own, else words about the office's divisions (not units);
- unnumbered after ``具体包括：`` / ``仅包括`` (``仅包括X本级，不含Y``);
- a table ``序号 | 单位名称 | 备注`` (the note ``预算不单列，并入本级``).

Counts: ``下属5家预算单位`` (subordinate), ``预算单位共计一家`` (total), ``行政单位1家，事业单位4家`` (by kind).
Words in ``vocab.member_units``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cnfiscal.extract.layout import ExtractedDocument, Grid, Line
from cnfiscal.models import MemberUnit, UnitCount
from cnfiscal.vocab import member_units as mu

_HEADING = regex.compile(mu.SECTION_HEADING)
_NEXT_PART = regex.compile(mu.NEXT_PART)
_OPENER = regex.compile(mu.LIST_OPENER)
_NUMBER = regex.compile(mu.ITEM_NUMBER)
_UNNUMBERED_END = regex.compile(mu.UNNUMBERED_END)
_NAME_END = regex.compile(mu.NAME_END)
_KIND = regex.compile(mu.KIND_PREFIX)
_OWN = regex.compile(mu.OWN_UNIT)
_NOT_SEPARATE = regex.compile(mu.NOT_SEPARATE)
_NOTE_START = regex.compile(mu.NOTE_START)
_TABLE_NAME = regex.compile(mu.TABLE_NAME_HEADER)
_TABLE_NOTE = regex.compile(mu.TABLE_NOTE_HEADER)
_COUNTS = tuple((kind, regex.compile(p)) for kind, p in mu.COUNTS)
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True, slots=True)
class UnitsFound:
    units: list[MemberUnit]
    counts: list[UnitCount]


@dataclass(frozen=True, slots=True)
class _Text:
    """A section's lines joined (Chinese text: no separator), with where each line starts."""

    text: str
    starts: tuple[int, ...]
    lines: tuple[Line, ...]

    def line_at(self, offset: int) -> Line:
        index = max(i for i, start in enumerate(self.starts) if start <= offset)
        return self.lines[index]


def find_units(doc: ExtractedDocument) -> UnitsFound:
    """The first section under a units heading that lists units or states a count (none: empty lists)."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if not _is_heading(line.text):
            continue
        section = _section(lines, i)
        if not section:
            continue
        found = _read(doc, section)
        if found.units or found.counts:
            return found
    return UnitsFound([], [])


def _is_heading(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= mu.MAX_HEADING_CHARS and "。" not in text and bool(_HEADING.search(text))


def _section(lines: list[Line], heading: int) -> list[Line]:
    first_page = lines[heading].page
    out: list[Line] = []
    for line in lines[heading + 1 :]:
        if _NEXT_PART.search(line.text) or line.page >= first_page + mu.MAX_SECTION_PAGES:
            break
        out.append(line)
    return out


def _read(doc: ExtractedDocument, section: list[Line]) -> UnitsFound:
    text = _join(section)
    counts = list(_counts(text))
    pages = {line.page for line in section}
    grids = [g for p in doc.pages if p.number in pages for g in p.grids]
    units = next((found for g in grids if (found := _table(g))), None)
    return UnitsFound(units if units is not None else _listed(text), counts)


def _join(lines: list[Line]) -> _Text:
    text, starts = "", []
    for line in lines:
        starts.append(len(text))
        text += line.text
    return _Text(text, tuple(starts), tuple(lines))


def _counts(text: _Text) -> Iterator[UnitCount]:
    for kind, pattern in _COUNTS:
        for m in pattern.finditer(text.text):
            count = _number(m.group(1))
            if count is not None:
                yield UnitCount(kind=kind, count=count, raw=m.group(0), page=text.line_at(m.start()).page)


def _number(printed: str) -> int | None:
    if printed.isdigit():
        return int(printed)
    if len(printed) == 1:
        return mu.CHINESE_DIGITS.get(printed)
    return None


def _table(grid: Grid) -> list[MemberUnit] | None:
    """The units of a ``序号 | 单位名称 | 备注`` table (None: the grid is not one)."""
    rows = grid.rows()
    for i, row in enumerate(rows):
        name_col = next((c.col for c in row if _TABLE_NAME.search(c.text.strip())), None)
        if name_col is None:
            continue
        note_col = next((c.col for c in row if _TABLE_NOTE.search(c.text.strip())), None)
        units = []
        for cells in rows[i + 1 :]:
            by_col = {c.col: c for c in cells}
            name = by_col.get(name_col)
            if name is None or not _HAN.search(name.text):
                continue
            note = by_col[note_col].text.strip() if note_col in by_col else ""
            raw = " | ".join(c.text.strip() for c in cells)
            units.append(_unit(name.text.strip(), note or None, name.page, name.bbox, raw))
        return units
    return None


def _listed(text: _Text) -> list[MemberUnit]:
    opener = _OPENER.search(text.text)
    if opener is None:
        return []
    rest = text.text[opener.end() :]
    first = _NUMBER.match(rest.lstrip())
    if first is not None and first.group(1) == "1":
        return list(_numbered(text, opener.end()))
    end = _UNNUMBERED_END.search(rest)
    item = rest[: end.start()] if end else rest
    line = text.line_at(opener.end())
    return [_item(item, line, item)] if _HAN.search(item) else []


def _numbered(text: _Text, start: int) -> Iterator[MemberUnit]:
    """Items ``1.``, ``2.`` … in order from ``start``; an item stops at the next number or a page break."""
    marks = []
    expected = 1
    for m in _NUMBER.finditer(text.text, start):
        if int(m.group(1)) == expected:
            marks.append(m)
            expected += 1
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text.text)
        line = text.line_at(m.start())
        page_end = _page_end(text, line.page)
        body = text.text[m.end() : min(end, page_end)]
        if _HAN.search(body):
            yield _item(body, line, text.text[m.start() : min(end, page_end)])


def _page_end(text: _Text, page: int) -> int:
    later = [s for s, ln in zip(text.starts, text.lines, strict=True) if ln.page > page]
    return later[0] if later else len(text.text)


def _item(body: str, line: Line, raw: str) -> MemberUnit:
    body = body.strip()
    note_at = _NOTE_START.search(body)
    name_end = _NAME_END.search(body)
    if note_at and (name_end is None or note_at.start() < name_end.start()):
        name, rest = body[: note_at.start()], body[note_at.start() :]
    else:
        cut = name_end.start() if name_end else len(body)
        name, rest = body[:cut], body[cut:]
    note = rest.strip("，,。；; ") if _NOT_SEPARATE.search(rest) else None
    return _unit(name.strip(), note, line.page, line.bbox, raw.strip())


def _unit(name: str, note: str | None, page: int | None, bbox: object, raw: str) -> MemberUnit:
    kind = _KIND.match(name)
    if kind:
        name = name[kind.end() :].strip()
    return MemberUnit(
        name=name, own=bool(_OWN.search(name)), kind=kind.group(1) if kind else None, note=note,
        separate=not (note and _NOT_SEPARATE.search(note)), page=page, bbox=bbox, raw=raw,
    )  # fmt: skip

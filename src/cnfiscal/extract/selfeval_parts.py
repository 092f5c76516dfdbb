"""The non-indicator parts of a 绩效自评表: header fields, funding rows, goals, conclusion, contact, 注.

Each function reads one ``Row`` (cells with provenance) and fills a ``RawSelfEval`` in place; the
section finder ``cnfiscal.extract.selfeval`` decides which zone a row belongs to.
"""

from __future__ import annotations

import logging

import regex

from cnfiscal.extract.layout import Row
from cnfiscal.extract.selfeval_fragments import clean_text
from cnfiscal.extract.selfeval_labels import folded, funding_label_of, number_of, search
from cnfiscal.extract.selfeval_raw import RawFunding, RawSelfEval
from cnfiscal.normalize.numbers import NUMBER_SRC, fold, is_empty
from cnfiscal.vocab import selfeval as V

log = logging.getLogger(__name__)

_MULTI_NUMBER = regex.compile(rf"^(?:{NUMBER_SRC})(?:\s+(?:{NUMBER_SRC}))+$")
_NUMBERS = regex.compile(NUMBER_SRC)
_STOP_VALUE = regex.compile(r"执行\s*率|主管部门|实施单位|[—\-]{3,}|填报日期")
_HAN = regex.compile(r"\p{Han}")
_SLOTS = len(V.FUNDING_COLUMNS)


def read_header(raw: RawSelfEval, row: Row) -> None:
    """Year, unit, fill date, project name, department, money unit: the first readable one wins."""
    text = fold(" ".join(t for t in row.texts if t))
    if raw.year is None and (m := search(V.YEAR, text)):
        raw.year = m["year"]
    if raw.fill_date is None and (value := _after(V.FILL_DATE_LABEL, text)) and regex.search(r"\d", value):
        raw.fill_date = value
    for pattern in V.UNIT_LABELS:
        if raw.unit_name is None and (value := _value_after(pattern, row)):
            raw.unit_name = value
    if raw.project_name is None and (value := _value_after(V.PROJECT_NAME_LABEL, row)):
        raw.project_name = value
    if raw.department is None and (value := _value_after(V.DEPARTMENT_LABEL, row)):
        raw.department = value
    if raw.money_unit is None and (m := search(V.MONEY_UNIT, text)):
        raw.money_unit = m["unit"]


def _after(label: str, text: str) -> str | None:
    m = regex.search(rf"(?:{label})\s*:?\s*(?P<v>.*)$", text)
    return m["v"].strip() if m else None


def _value_after(label: str, row: Row) -> str | None:
    """The text after ``label`` (a label may be split over up to three cells: ``主管⇥部门及⇥代码``), up to
    the next label; a cell running into the next columns (stamp/OCR overlay: ``… 执行率 46.84%``) is dropped."""
    cells = [c for c in row.texts if c]
    for k in range(len(cells)):
        found = _label_span(label, cells, k)
        if found is None:
            continue
        end, remainder = found
        parts: list[str] = []
        for part in [remainder, *cells[end:]]:
            stop = _STOP_VALUE.search(part)
            if stop:
                head = part[: stop.start()]
                parts.append("" if head.endswith(" ") else head)
                break
            parts.append(part)
        value = clean_text("".join(p.strip() for p in parts if _HAN.search(p))).lstrip(":").strip()
        return value or None
    return None


def _label_span(label: str, cells: list[str], k: int) -> tuple[int, str] | None:
    """(index after the label's cells, text left in its last cell) when ``label`` starts at cell ``k``:
    the longest run of up to three cells that is exactly the label, else the label as a cell's prefix."""
    acc, best = "", None
    for j in range(k, min(k + 3, len(cells))):
        acc += folded(cells[j])
        if regex.fullmatch(rf"(?:{label})", acc):
            best = (j + 1, "")
    if best is None and (m := regex.match(rf"(?:{label})", folded(cells[k]))):
        best = (k + 1, folded(cells[k])[m.end() :])
    return best


def read_funding(raw: RawSelfEval, row: Row) -> bool:
    """A funding row (年度资金总额, 财政拨款, 其中：上级补助 …) → RawFunding; False when it is none."""
    cells = list(row.texts)
    tabbed = any(c.col is not None for c in row.cells)
    for k, cell in enumerate(cells):
        found = funding_label_of(cell) if cell else None
        if found is None:
            continue
        values = _split_multi(cells[k + 1 :])
        slots = _tab_slots(values, raw, row.line) if tabbed else _free_slots(values)
        label = folded(cell).rstrip(":")
        raw.funding.append(RawFunding(label, found[0], found[1], slots, row.page, row.line))
        return True
    return False


def _split_multi(values: list[str]) -> list[str]:
    """A cell holding two amounts (``678800 608369.99``) becomes two cells."""
    out: list[str] = []
    for v in values:
        if _MULTI_NUMBER.match(v.strip()) and not regex.search(r"\d\.\s+\d", v):
            out.extend(m.group(0) for m in _NUMBERS.finditer(v))
        elif _MULTI_NUMBER.match(v.strip()):
            out.extend(_split_spaced(v))
        else:
            out.append(v)
    return out


def _split_spaced(v: str) -> list[str]:
    """``00. 00 9217862. 36`` → ``00. 00``, ``9217862. 36`` (an OCR space after a decimal point stays)."""
    return [m.group(0) for m in regex.finditer(r"\d+(?:\.\s?\d+)?", v)]


def _free_slots(values: list[str]) -> list[str | None]:
    """Whitespace tokens: a trailing ``— — —`` is 分值/执行率/得分 of a sub-row; fewer than three amounts
    belong to the right-hand amount columns (全年预算数, 全年执行数: a sub-row has no 年初预算数)."""
    vals = [v for v in values if v]
    tail: list[str | None] = [None, None, None]
    if len(vals) < _SLOTS and len(vals) >= 3 and all(is_empty(v) for v in vals[-3:]):
        vals, tail = vals[:-3], list(vals[-3:])
    elif len(vals) >= _SLOTS:
        return list(vals[:_SLOTS])
    money: list[str | None] = [None] * (3 - len(vals)) + list(vals[:3])
    return [*money[-3:], *tail]


def _tab_slots(values: list[str], raw: RawSelfEval, line: int | None) -> list[str | None]:
    """Tab fields → six slots: drop the form's blank spacer column, OCR splits and stray digits."""
    vals = list(values)
    while vals and not vals[-1]:
        vals.pop()
    vals = _join_thousands(vals)
    if len(vals) == _SLOTS + 1 and is_empty(vals[3]):
        del vals[3]
    while len(vals) > _SLOTS and "" in vals:
        vals.remove("")
    while len(vals) > _SLOTS:
        k = _stray_index(vals)
        _warn(raw, line, f"funding row: stray fragment {vals[k]!r} dropped")
        del vals[k]
    return [v or None for v in vals] + [None] * (_SLOTS - len(vals))


def _join_thousands(vals: list[str]) -> list[str]:
    """``270⇥000`` (an amount cut at its thousands, one field too many) → ``270000``."""
    if len(vals) <= _SLOTS:
        return vals
    out: list[str] = []
    for v in vals:
        money_slot = len(out) <= 3  # joining into out[-1], one of the three amounts
        if money_slot and out and regex.fullmatch(r"\d{3}", v) and regex.fullmatch(r"\d{1,3}", out[-1]):
            out[-1] += v
        else:
            out.append(v)
    return out


def _stray_index(vals: list[str]) -> int:
    """The amount with the fewest digits among the money slots: an OCR fragment."""
    money = range(len(vals) - 3)
    return min(money, key=lambda k: (sum(ch.isdigit() for ch in vals[k]), k))


def read_conclusion(raw: RawSelfEval, row: Row) -> None:
    """Conclusion text, grade, contact and 注 footnotes after the 总分 row."""
    text = clean_text(" ".join(t for t in row.texts if t))
    f = folded(text)
    if raw.notes or regex.search(V.NOTE_START, f):
        _note_line(raw, text)
        return
    if "联系人" in f or "联系电话" in f:
        if m := regex.search(V.CONTACT_NAME, f):
            raw.contact_name = m["name"]
        if m := regex.search(V.CONTACT_PHONE, f):
            raw.contact_phone = m["phone"]
        return
    cells = [folded(t) for t in row.texts if t]
    while cells and regex.search(V.CONCLUSION_LABEL, cells[0]):
        cells.pop(0)
    body = clean_text("".join(cells)) if any(c.col is not None for c in row.cells) else text
    body = regex.sub(r"^(?:绩效\s*结论|自评\s*结论?)\s*", "", body) if cells else ""
    if body and not regex.search(V.CONCLUSION_LABEL, folded(body)):
        raw.conclusion.append(body)
        raw.conclusion_page = raw.conclusion_page or row.page
    elif body and regex.search(V.GRADE_ALONE, folded(body)):
        raw.conclusion.append(body)


def _note_line(raw: RawSelfEval, text: str) -> None:
    if not raw.notes or regex.search(V.NOTE_ITEM, folded(text)):
        raw.notes.append(text)
    else:
        raw.notes[-1] += text


def _warn(raw: RawSelfEval, line: int | None, message: str) -> None:
    text = f"line {line}: {message}" if line else message
    log.warning(text)
    raw.warnings.append(text)


def weight_score(texts: list[str]) -> tuple[str | None, str | None]:
    """The last two numbers of a 总分 row: (分值, 得分)."""
    nums = [t for t in texts if number_of(t) is not None]
    if len(nums) >= 2:
        return nums[-2], nums[-1]
    return (nums[0], None) if nums else (None, None)

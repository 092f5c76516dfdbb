"""The non-indicator parts of a 绩效自评表: header fields, funding rows, goals, conclusion, contact, 注.

Each function reads one ``Row`` (cells with provenance) and fills a ``RawSelfEval`` in place; the
section finder ``cnfiscal.extract.selfeval.find`` decides which zone a row belongs to.
"""

from __future__ import annotations

import logging

import regex

from cnfiscal.extract.layout import Row
from cnfiscal.extract.selfeval.fragments import clean_text
from cnfiscal.extract.selfeval.labels import folded, number_of, rx, search
from cnfiscal.extract.selfeval.raw import RawSelfEval
from cnfiscal.numbers.parse import fold
from cnfiscal.vocab import selfeval as V

log = logging.getLogger(__name__)

_STOP_VALUE = regex.compile(r"执行\s*率|主管部门|实施单位|[—\-]{3,}|填报日期")
_HAN = regex.compile(r"\p{Han}")
_STUTTER = regex.compile(r"(?<=\p{Han})(?P<d>\d)$")


def read_header(raw: RawSelfEval, row: Row) -> None:
    """Year, unit, fill date, project name, department, money unit: the first readable one wins."""
    text = fold(" ".join(t for t in row.texts if t))
    if raw.year is None and (m := search(V.YEAR, text)):
        raw.year = m["year"]
    if raw.fill_date is None and (value := _after(V.FILL_DATE_LABEL, text)) and rx(r"\d").search(value):
        raw.fill_date = value
    for pattern in V.UNIT_LABELS:
        if raw.unit_name is None and (value := _value_after(pattern, row)):
            raw.unit_name = value
    if raw.project_name is None and (value := _value_after(V.PROJECT_NAME_LABEL, row)):
        if search(V.OVERLAID_DATE, rx(rf"(?:{V.FILL_DATE_LABEL}).*$").sub("", text)):  # a labelled date is fine
            _warn(raw, row.line, f"project name not read: a date is printed over its row ({value!r})")
        else:
            raw.project_name = value
    if raw.department is None and (value := _value_after(V.DEPARTMENT_LABEL, row, V.ORGAN_END)):
        raw.department = value
    if raw.money_unit is None and (m := search(V.MONEY_UNIT, text)):
        raw.money_unit = m["unit"]
    if raw.contact_name is None and (m := search(V.CONTACT_NAME, text)):  # 部门联系人 printed in the header
        raw.contact_name = m["name"]


def _after(label: str, text: str) -> str | None:
    m = rx(rf"(?:{label})\s*:?\s*(?P<v>.*)$").search(text)
    return m["v"].strip() if m else None


def _value_after(label: str, row: Row, complete: str | None = None) -> str | None:
    """The text after ``label`` (a label may be split over up to three cells: ``主管⇥部门及⇥代码``), up to
    the next label; a cell running into the next columns (stamp/OCR overlay: ``… 执行率 46.84%``) is dropped.
    ``complete``: the value ends at the first cell after which the joined value matches it, unless the next
    cell is itself only such an ending (``中共某某委员会⇥办公室``)."""
    cells = [c for c in row.texts if c]
    for k in range(len(cells)):
        found = _label_span(label, cells, k)
        if found is None:
            continue
        end, remainder = found
        parts: list[str] = []
        rest = [remainder, *cells[end:]]
        for n, part in enumerate(rest):
            stop = _STOP_VALUE.search(part)
            if stop:
                head = part[: stop.start()]
                parts.append("" if head.endswith(" ") else head)
                break
            parts.append(part)
            if complete and _HAN.search(part) and _complete(complete, "".join(parts), rest[n + 1 : n + 2]):
                break
        value = clean_text("".join(p.strip() for p in parts if _HAN.search(p))).lstrip(":").strip()
        return value or None
    return None


def _complete(pattern: str, value: str, following: list[str]) -> bool:
    """``value`` ends like ``pattern`` and the next cell (if any) is not only such an ending."""
    ending = rx(pattern)
    return ending.search(folded(value)) is not None and not (following and ending.fullmatch(folded(following[0])))


def _label_span(label: str, cells: list[str], k: int) -> tuple[int, str] | None:
    """(index after the label's cells, text left in its last cell) when ``label`` starts at cell ``k``:
    the longest run of up to three cells that is exactly the label, else the label as a cell's prefix."""
    acc, best = "", None
    for j in range(k, min(k + 3, len(cells))):
        acc += folded(cells[j])
        if rx(rf"(?:{label})").fullmatch(acc):
            best = (j + 1, "")
    if best is None and (m := rx(rf"(?:{label})").match(folded(cells[k]))):
        best = (k + 1, folded(cells[k])[m.end() :])
    return best


def read_conclusion(raw: RawSelfEval, row: Row) -> None:
    """Conclusion text, grade, contact and 注 footnotes after the 总分 row."""
    text = clean_text(" ".join(t for t in row.texts if t))
    f = folded(text)
    if raw.notes or rx(V.NOTE_START).search(f):
        _note_line(raw, text)
        return
    if rx(V.CONTACT_LINE).search(f):  # contact and signature lines (项目负责人：, 财务负责人：) are not the conclusion
        if m := rx(V.CONTACT_NAME).search(f):
            raw.contact_name = m["name"]
        if m := rx(V.CONTACT_PHONE).search(f):
            raw.contact_phone = m["phone"]
        return
    texts = [t for t in row.texts if t]
    while texts and rx(V.CONCLUSION_LABEL).search(folded(texts[0])):
        texts.pop(0)
    tabbed = any(c.col is not None for c in row.cells)  # column fragments join without a space
    body = clean_text(_join_fragments(raw, row, texts) if tabbed else " ".join(texts))
    body = rx(r"^(?:绩效\s*结论|自评\s*结论?)\s*").sub("", body)
    if body:
        raw.conclusion.append(body)
        raw.conclusion_page = raw.conclusion_page or row.page


def _join_fragments(raw: RawSelfEval, row: Row, texts: list[str]) -> str:
    """Column fragments of one text, joined; a digit that ends a fragment and starts the next one again is an
    OCR stutter and is dropped once (``评得9⇥96分`` → ``评得96分``), like a stray fragment between amounts."""
    out: list[str] = []
    for text in texts:
        if out and (m := _STUTTER.search(out[-1])) and regex.match(rf"{m['d']}\d", text):
            _warn(raw, row.line, f"repeated digit dropped: {out[-1][-4:]!r} + {text[:4]!r}")
            out[-1] = out[-1][: m.start("d")]
        out.append(text)
    return "".join(out)


def _note_line(raw: RawSelfEval, text: str) -> None:
    if not raw.notes or rx(V.NOTE_ITEM).search(folded(text)):
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

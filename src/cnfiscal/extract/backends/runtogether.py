"""OCR text of a 部门整体绩效自评表 whose cells ran together with no separator (a document-sharing site's preview):
indicator rows cut back into tab-separated cells.

Only the template whose last column is 是否核心指标 is read this way (``vocab.selfeval.RUN_TOGETHER_HEADER``: 指标名称
计量单位 指标性质 年初指标值 调整指标值 全年完成值 得分系数 指标权重 指标得分 是否核心指标): its rows end with 是/否,
which cuts the text into rows. In each row, from the right: 指标权重 and 指标得分 printed together (``22``,
``1010``: read only when the digits are two equal halves, else left empty with a warning), the 得分系数 (a
percent), then up to two values (全年完成值, and 年初指标值 before it), 指标性质 (定量/定性指标) and 计量单位; what is
left is the 指标名称. OCR debris stays in the text it is part of (``到0次`` is read as ``0次``, ``到`` joins the
name): values are never invented. The result is one header line and one line per row, cells separated by tabs,
for the text reader's column-mapped indicator table.
"""

from __future__ import annotations

import logging

import regex

from cnfiscal.vocab import selfeval as V

log = logging.getLogger(__name__)

_VALUE = regex.compile(rf"(?:\d+(?:\.\d+)?(?:{V.RUN_TOGETHER_UNITS})?|[{V.RUN_TOGETHER_WORDS}])$")
_PERCENT = regex.compile(r"(?:100|[1-9]?\d)(?:\.\d+)?%$")  # a coefficient ≤ 100%: ``0100%`` is 0 then 100%
_PAIR = regex.compile(r"(?<!\d)(\d+)$")
_NATURE = regex.compile(r"(?:定量|定性)指标$")
_UNIT = regex.compile(rf"(?:%|{V.RUN_TOGETHER_UNITS})$")
_ROW_END = regex.compile(r"(?<=[\d%])[是否](?=\S|$)")


def run_together_lines(text: str, warnings: list[str]) -> list[str] | None:
    """The lines of a whole text holding a run-together indicator table: the text before the table (the title on
    a line of its own), then ``split_run_together``'s lines; None when there is no such table. The preview's page
    markers at the start of its lines (``2、``) are dropped, and so are ``#`` lines at the top (a saved copy's note
    of where the page came from)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    flat = "".join(regex.sub(V.RUN_TOGETHER_PAGE_MARK, "", ln) for ln in lines)
    rows = split_run_together(flat, warnings)
    if rows is None:
        return None
    head = flat[: regex.search(V.RUN_TOGETHER_HEADER, flat).start()]
    title = regex.search(V.TITLE, head)
    parts = [head[: title.start()], head[title.start() : title.end()], head[title.end() :]] if title else [head]
    return [p for p in parts if p] + rows


def split_run_together(text: str, warnings: list[str]) -> list[str] | None:
    """Tab-separated lines (a header, then the rows) for a run-together indicator table in ``text``; None when
    ``text`` holds none."""
    m = regex.search(V.RUN_TOGETHER_HEADER, text)
    if m is None:
        return None
    lines = ["\t".join(V.RUN_TOGETHER_COLUMNS)]
    body = text[m.end() :]
    start = 0
    for end in _ROW_END.finditer(body):
        chunk, start = body[start : end.start()], end.end()
        row = _row(regex.sub(V.RUN_TOGETHER_DEBRIS, "", chunk.strip(" “”\"'")), body[end.start()], warnings)
        if row is not None:
            lines.append("\t".join(row))
    if body[start:].strip():
        warnings.append(f"表格在此中断，未读入的行 (row cut off, not read): {body[start:][:40]!r}")
    return lines


def _row(chunk: str, core: str, warnings: list[str]) -> list[str] | None:
    pair = _PAIR.search(chunk)
    weight = score = ""
    if pair:
        digits, chunk = pair.group(1), chunk[: pair.start()]
        half = len(digits) // 2
        if len(digits) % 2 == 0 and digits[:half] == digits[half:]:
            weight = score = digits[:half]
        else:
            warnings.append(f"分值与得分连在一起无法分开 (weight and score run together): {digits!r}")
    coefficient = ""
    if m := _PERCENT.search(chunk):
        coefficient, chunk = m.group(0), chunk[: m.start()]
    values: list[str] = []
    while len(values) < 2 and (m := _VALUE.search(chunk)) and m.start() > 0:
        values.insert(0, m.group(0))
        chunk = chunk[: m.start()]
    nature = ""
    if m := _NATURE.search(chunk):
        nature, chunk = m.group(0), chunk[: m.start()]
    unit = ""
    if (m := _UNIT.search(chunk)) and m.start() > 0:
        unit, chunk = m.group(0), chunk[: m.start()]
    if not regex.search(r"\p{Han}", chunk):
        return None
    target, actual = ([""] * (2 - len(values)) + values)[-2:]
    return [chunk, unit, nature, target, "", actual, coefficient, weight, score, core]

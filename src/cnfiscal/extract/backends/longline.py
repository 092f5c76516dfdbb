"""A form rendered as one long line of text (a Word attachment shown as text by a web site): cut back into rows.

Only a line longer than ``MIN_CHARS`` that names a 绩效自评表 is cut, between whitespace tokens, before:
the title; a label that starts a row (项目名称, 主管部门, 实施单位 …, ``vocab.selfeval.ROW_START``); a funding
row's label; the goals label; the first cell of a run of column headers and the first cell after it; a
level-1 or level-2 label; and,
in the indicator table (after its header), a label that follows a row's 分值 and 得分 (two numbers). The rows
then go through the text reader like any OCR text (whitespace tokens).
"""

from __future__ import annotations

import regex

from cnfiscal.extract.selfeval.find import mentions_self_eval
from cnfiscal.extract.selfeval.labels import folded, funding_label_of, level1_of, level2_of, number_of, rx
from cnfiscal.vocab import selfeval as V

MIN_CHARS = 300
_TITLE_TOKEN = regex.compile(rf"^(?:{V.TITLE})")


def split_long_line(line: str) -> list[str]:
    """``line`` cut into rows (see the module docstring); a short line, or one without a form, is returned whole."""
    if len(line) < MIN_CHARS or not mentions_self_eval(line):
        return [line]
    tokens = line.split()
    rows: list[list[str]] = [[]]
    indicators = False
    for i, token in enumerate(tokens):
        f = folded(token)
        header, previous_header = _header(f), i > 0 and _header(folded(tokens[i - 1]))
        if rows[-1] and _starts(f, tokens, i, indicators, header != previous_header):
            rows.append([])
        rows[-1].append(token)
        indicators = indicators or f == "三级指标"
    return [" ".join(r) for r in rows if r]


def _header(f: str) -> bool:
    """A column header, or a money unit printed apart from its header (``项目资金 (万元)``)."""
    return rx(rf"^(?:{V.COLUMN_HEADER_CELL}|{V.MONEY_UNIT})$").match(f) is not None


def _starts(f: str, tokens: list[str], i: int, indicators: bool, header_edge: bool) -> bool:
    if header_edge or _TITLE_TOKEN.match(f) or rx(rf"^(?:{V.ROW_START}|{V.GOALS_LABEL})").match(f):
        return True
    if funding_label_of(f) is not None and not indicators:
        return True
    if level1_of(f) is not None or level2_of(f) is not None:
        return indicators
    after_pair = i >= 2 and number_of(tokens[i - 1]) is not None and number_of(tokens[i - 2]) is not None
    return indicators and after_pair and number_of(f) is None

"""A 决算/预算 table a web page shows as one long line (an HTML table flattened): cut back into lines.

The line is cut before the table's title (``<year>年…表`` naming a catalogue table; a 附件 number after it is put
above it, so that the table's lines are its own), before the
``部门（单位）：`` and ``单位：万元`` labels and before the page's trailer (``来源：``). The table's text then becomes
tab-separated rows as the text table reader reads them:

- **label-amount rows** (收入支出决算表 as 项目 | 金额): the header words (项目 金额 备注), then each whitespace
  token is a row: its label and the amount it ends with (``年初结转和结余161.90``) — none (a blank cell) when the
  label is followed by no amount (``2.政府性基金预算财政拨款收入 3.上级补助收入``);
- **code rows** (``204 公共安全支出 161.90 45.03 …``): see ``backends.flatcodes``.
"""

from __future__ import annotations

import regex

from cnfiscal.extract.backends.flatcodes import code_rows
from cnfiscal.extract.stdtables.segments import match_title
from cnfiscal.numbers.parse import AMOUNT_TOKEN, MONEY_TOKEN
from cnfiscal.vocab import webpages as W
from cnfiscal.vocab.tables import UNIT_LINE

_TITLE = regex.compile(W.FLAT_TITLE)
_STARTS = regex.compile("|".join(f"(?:{p})" for p in W.FLAT_LINE_STARTS))
_ATTACHMENT = regex.compile(W.FLAT_LINE_STARTS[0])
_UNIT_END = regex.compile(UNIT_LINE)
_TRAILER = regex.compile(W.FLAT_TRAILER)
_HEADER = regex.compile(rf"^\s*(?:(?:{'|'.join(W.FLAT_HEADER_WORDS)})\s*)+")
_HEADER_WORD = regex.compile("|".join(W.FLAT_HEADER_WORDS))
_ROW = regex.compile(r"^(.*?)(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)?$")
_AMOUNT = AMOUNT_TOKEN
_MONEY = MONEY_TOKEN  # not a row number
_HAN = regex.compile(r"\p{Han}")
_ROW_NUMBER_HEAD = regex.compile(W.APART_HEADER_WORD)
_SPACE = regex.compile(r"[\s\u3000]+")


def flat_table_lines(line: str, warnings: list[str]) -> list[str] | None:
    """The lines of a long line holding a flattened table (see the module docstring); None for any other line."""
    if len(line) < W.FLAT_MIN_CHARS:
        return None
    title = next((m for m in _TITLE.finditer(line) if match_title(m[0]) is not None), None)
    if title is None:
        warnings.extend(_apart(line))
        return None
    out = [line[: title.start()].strip(), title[0]]
    rest = line[title.end() :]
    trailer = _TRAILER.search(rest)
    body, tail = (rest[: trailer.start()], rest[trailer.start() :]) if trailer else (rest, "")
    cuts = [m.start() for m in _STARTS.finditer(body)]
    unit = _UNIT_END.search(body)
    end = unit.end() if unit else (cuts[-1] if cuts else 0)
    if unit is None and cuts:  # the last label runs to the first space
        space = _SPACE.search(body, end)
        end = space.start() if space else len(body)
    labels = [t for a, b in zip([0, *cuts], [*cuts, end], strict=True) if (t := body[a:b].strip())]
    out[1:1] = [t for t in labels if _ATTACHMENT.match(t)]  # an attachment number: above the title, not in it
    out.extend(t for t in labels if not _ATTACHMENT.match(t))
    out.extend(code_rows(body[end:], warnings) or _label_rows(body[end:]))
    out.append(tail.strip())
    return [t for t in out if t]


def _label_rows(text: str) -> list[str]:
    head = _HEADER.match(text)
    rows = ["\t".join(_SPACE.sub("", m[0]) for m in _HEADER_WORD.finditer(head[0]))] if head else []
    cells: list[list[str]] = []
    for token in _SPACE.split(text[head.end() if head else 0 :]):
        if not token:
            continue
        if _AMOUNT.match(token) and cells and not cells[-1][1]:
            cells[-1][1] = token  # the label's amount after a space
            continue
        m = _ROW.match(token)
        label, amount = (m[1], m[2] or "") if m and _HAN.search(m[1]) else (token, "")
        if not _HAN.search(label) and cells:
            cells[-1][0] += label
            continue
        cells.append([label, amount])
    return rows + [f"{label}\t{amount}" for label, amount in cells]


def _apart(line: str) -> list[str]:
    """A warning for each table title of a line whose amounts are printed apart from their labels (a 行次 header,
    amounts in runs): the table is not read — which amount is which row's cannot be told."""
    tokens = [t for t in _SPACE.split(line) if t]
    titles = [t for t in tokens if "表" in t and match_title(t) is not None]
    if not titles or not any(_ROW_NUMBER_HEAD.match(t) for t in tokens):
        return []
    if not any(all(_MONEY.match(t) for t in tokens[k : k + W.APART_RUN]) for k in range(len(tokens))):
        return []
    return [f"{t}: amounts printed apart from their rows (行次 numbers among them); table not read" for t in titles]

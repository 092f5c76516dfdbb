"""Saved web pages: the header block (``标题: …`` … ``==== 正文 ====``) is metadata, not the document's text;
a 决算/预算 table copied from a page is turned into tab-separated rows (``table_lines``).

The page's title is kept as the document's first line (it names the office and the year, like a cover); the
other fields (发布时间, 栏目, 原文链接 …) and the closing line are blanked, so that line numbers stay the file's.
"""

from __future__ import annotations

import regex

from cnfiscal.extract.selfeval.find import mentions_self_eval
from cnfiscal.extract.stdtables.segments import match_title
from cnfiscal.vocab import webpages as W

_META = regex.compile(W.META_LINE)
_BODY = regex.compile(W.BODY_MARK)
_AMOUNT = regex.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


def without_page_header(lines: list[str]) -> list[str]:
    """``lines`` with a saved page's header block reduced to its title (see the module docstring)."""
    end = next((i for i, ln in enumerate(lines[: W.HEADER_MAX_LINES]) if _BODY.match(ln)), None)
    if end is None:
        end = next((i for i, ln in enumerate(lines) if not _META.match(ln)), len(lines))
        if end < 2:  # a single ``label: value`` line is no header block
            return lines
    elif not any(_META.match(ln) for ln in lines[:end]):
        return lines
    out = list(lines)
    for i in range(end + (0 if end < len(lines) and not _BODY.match(lines[end]) else 1)):
        m = _META.match(lines[i])
        out[i] = m[2].strip() if m and m[1] == W.TITLE_FIELD else ""
    return out


def table_lines(lines: list[str]) -> list[tuple[int, str]] | None:
    """A copied page holding a standard table (a line is a 决算/预算 table's title; no 绩效自评表): its lines as
    (line number, text), the table's cells joined by tabs as the text table reader reads them — ``a | b |`` lines
    are rows; a run of one-cell lines (``合计 |`` / ``4432 |``) is rebuilt into rows: the labels before the first
    label followed by an amount are the header, then each label with the amounts after it. None for other pages."""
    if not any(match_title(_cells(ln)[0] if _cells(ln) else "") for ln in lines) or mentions_self_eval("".join(lines)):
        return None
    out: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []  # one-cell lines waiting to be rebuilt into rows
    for number, line in enumerate(lines, 1):
        cells = _cells(line)
        if "|" in line and len(cells) <= 1 and line.strip().endswith("|"):
            run.append((number, cells[0] if cells else ""))
            continue
        out.extend(_rows(run))
        run = []
        out.append((number, "\t".join(c for c in cells if c) if "|" in line else line))
    out.extend(_rows(run))
    return out


def _cells(line: str) -> list[str]:
    parts = [p.strip() for p in line.strip().split("|")]
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return parts


def _rows(run: list[tuple[int, str]]) -> list[tuple[int, str]]:
    cells = [(n, c) for n, c in run if c]
    first = next((k for k in range(len(cells) - 1) if not _amount(cells[k][1]) and _amount(cells[k + 1][1])), None)
    if first is None:
        return cells
    rows: list[tuple[int, list[str]]] = [(cells[0][0], [c for _, c in cells[:first]])] if first else []
    for n, c in cells[first:]:
        if _amount(c) and rows:
            rows[-1][1].append(c)
        else:
            rows.append((n, [c]))
    return [(n, "\t".join(r)) for n, r in rows]


def _amount(text: str) -> bool:
    return _AMOUNT.match(text.strip()) is not None

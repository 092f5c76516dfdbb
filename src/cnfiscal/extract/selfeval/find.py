"""Find 绩效自评表 sections in a sequence of logical rows and cut them into their parts.

Public interface (stable; the PDF grid reader and the text reader both feed it):

``find_self_evals(rows: list[Row]) -> list[RawSelfEval]``
    ``rows`` in reading order, from ``Grid.rows()`` (one ``RowCell`` per grid cell, ``col`` set, empty
    cells kept so that positions count) or from ``cnfiscal.extract.rows.text_rows`` (tab fields with
    ``col`` set; whitespace tokens with ``col`` None; an empty Row is a blank line);
    ``textrows.document_rows(doc)`` merges both for a whole document (grids plus the lines outside them).
    Title rows (``部门整体支出绩效目标自评表``, ``项目支出绩效自评表-项目一``) start a section; each
    section then goes through zones: header (year, unit, fill date, project, unit of money) → funding → goals →
    indicator table (``selfeval_indicators``) → 总分 → conclusion / contact / 注 (``selfeval_parts``).
    A section with neither funding rows nor indicators (a heading that only names the tables) is dropped.

``cnfiscal.normalize.selfeval.to_self_eval(raw) -> SelfEval`` turns the raw strings into typed values;
``cnfiscal.normalize.selfeval.parse(doc, doc_type) -> SelfEvalsFound`` runs it all on a document (the
section registry in ``cnfiscal.sections`` wraps it as ``Parts``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from cnfiscal.extract.layout import Row
from cnfiscal.extract.selfeval.columns import funding_columns, indicator_columns
from cnfiscal.extract.selfeval.fragments import Block, clean_text, fit_cells
from cnfiscal.extract.selfeval.funding import read_funding
from cnfiscal.extract.selfeval.indicators import IndicatorParser
from cnfiscal.extract.selfeval.labels import folded, is_total, rx, search
from cnfiscal.extract.selfeval.parts import read_conclusion, read_header, weight_score
from cnfiscal.extract.selfeval.raw import RawSelfEval
from cnfiscal.vocab import selfeval as V

log = logging.getLogger(__name__)

_HAN = regex.compile(r"\p{Han}")
_MARKUP = regex.compile(r"</?u>")
# A title line: an optional short prefix (附件3-1, the unit, 2023年度), the title, an optional 项目N / year suffix.
_TITLE_LINE = regex.compile(
    rf"^[^，。,；;:：]{{0,40}}?{V.TITLE}(?:[-—一]?项目[一二三四五六七八九十\d]+)?(?:{V.YEAR})?[。.]?$"
)


def mentions_self_eval(text: str) -> bool:
    """Cheap test before building rows: does the text name a 绩效自评表 at all?"""
    return "评表" in text and rx(V.TITLE).search(folded(text)) is not None


def is_title(text: str) -> bool:
    """Is ``text`` (a line or a row's text) the title line that starts a 绩效自评表 section?"""
    return "评表" in text and _TITLE_LINE.match(folded(_MARKUP.sub("", text))) is not None


def find_self_evals(rows: list[Row]) -> list[RawSelfEval]:
    """Every self-evaluation table in ``rows``, in order (see the module docstring)."""
    found: list[RawSelfEval] = []
    for title, kind, section in _sections(rows):
        raw = _parse_section(title, kind, section)
        if raw.funding or raw.indicators:
            found.append(raw)
        else:
            log.debug("title %r without a table: skipped", title)
    return found


def _sections(rows: list[Row]) -> Iterator[tuple[Row, str, list[Row]]]:
    starts = [(i, m) for i, r in enumerate(rows) if is_title(r.text) and (m := _TITLE_LINE.match(folded(r.text)))]
    for n, (i, m) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(rows)
        yield rows[i], V.KIND_OF_TITLE[m["kind"][:2]], rows[i + 1 : end]


def _parse_section(title: Row, kind: str, rows: list[Row]) -> RawSelfEval:
    reader = _SectionReader(
        RawSelfEval(kind=kind, title=folded(title.text), page_start=title.page, line_start=title.line)
    )
    read_header(reader.raw, title)  # ``…自评表（2023年度）`` on one line
    for row in rows:
        reader.feed(row)
    return reader.finish()


@dataclass(slots=True)
class _SectionReader:
    """Zones in order: header → funding → goals → indicators → conclusion (after 总分)."""

    raw: RawSelfEval
    zone: str = "header"
    indicators: IndicatorParser = field(default_factory=IndicatorParser)
    goals: list[Block] = field(default_factory=list)
    goal_cols: tuple[int, int] | None = None

    def feed(self, row: Row) -> None:
        texts = [t for t in row.texts if t]
        if texts:
            self.raw.page_end, self.raw.line_end = row.page, row.line
        for text in texts if self.zone != "conclusion" else []:
            if m := rx(V.PART_WEIGHT).match(folded(text)):
                self.raw.part_weights.setdefault(m["label"], m["weight"])
        if self.zone == "indicators":
            self._indicator_row(row, texts)
        elif self.zone == "conclusion":
            if texts:
                read_conclusion(self.raw, row)
        else:
            self._upper_row(row, folded("".join(texts)))

    def _upper_row(self, row: Row, f: str) -> None:
        columns = funding_columns(row)
        if self.zone == "goals" and (columns or _ends_goals(row)):
            self.zone = "header"  # a funding header or a section label after the goals (Sichuan)
        if self.zone != "goals":
            read_header(self.raw, row)
        if columns:
            self.raw.funding_columns, self.zone = columns, "funding"
        elif _is_indicator_header(f) or indicator_columns(row) is not None:
            self.zone = "indicators"
            self.indicators.header(row)
        elif read_funding(self.raw, row):
            self.zone = "funding"
        elif self.zone != "goals" and (search(V.GOALS_HEADER, f) or search(V.GOALS_LABEL, f)):
            self.zone, self.goal_cols = "goals", _goal_columns(row)
        elif self.zone == "goals" and self.goal_cols is None and (cols := _goal_columns(row)):
            self.goal_cols = cols  # the column headers come on the row after the goals label
        elif self.zone == "goals":
            _goal_row(self.goals, row, self.goal_cols)

    def _indicator_row(self, row: Row, texts: list[str]) -> None:
        if texts and is_total(texts):
            self.raw.total_weight, self.raw.total_score = weight_score(texts)
            self.raw.total_page = row.page
            self.zone = "conclusion"
        else:
            self.indicators.feed(row)

    def finish(self) -> RawSelfEval:
        self.raw.indicators = self.indicators.finish()
        self.raw.warnings.extend(self.indicators.warnings)
        if self.raw.indicators and self.raw.total_weight is None and self.raw.total_score is None:
            self.raw.warnings.append("未找到总分行，表格可能不完整 (no 总分/合计 row: the table may be cut off)")
        _set_goals(self.raw, self.goals)
        return self.raw


def _is_indicator_header(f: str) -> bool:
    return "三级指标" in f or ("一级指" in f and "二级指标" in f)


def _ends_goals(row: Row) -> bool:
    """A grid/tab row whose first cell is a short section label (``2.项目实施内容及过程概述``, ``预算执行情况``)."""
    first = next((folded(c.text) for c in row.cells if c.text.strip()), "")
    tabbed = any(c.col is not None for c in row.cells)
    return tabbed and len(first) <= 16 and rx(rf"^(?:{V.ROW_START})").match(first) is not None


def _goal_columns(row: Row) -> tuple[int, int] | None:
    """Column positions of 预期目标 and 实际完成情况 (or their synonyms) in a tab/grid header row."""
    cols = {folded(c.text): c.col for c in row.cells if c.col is not None and c.text}
    expected = next((col for text, col in cols.items() if rx(V.GOALS_EXPECTED_COLUMN).search(text)), None)
    actual = next((col for text, col in cols.items() if rx(V.GOALS_ACTUAL_COLUMN).search(text)), None)
    return (expected, actual) if expected is not None and actual is not None and expected != actual else None


def _goal_row(goals: list[Block], row: Row, cols: tuple[int, int] | None) -> None:
    """Free text: blocks of lines; tab/grid rows: cells left / right of the midpoint of the two headers."""
    if not row.cells:
        goals.append([])
        return
    texts = [t for t in row.texts if t]
    f = folded("".join(texts))
    if rx(rf"(?:{V.GOALS_LABEL})|{V.BLOCK_LABEL}").fullmatch(f) or (search(V.GOALS_HEADER, f) and len(f) < 12):
        goals.append([])
        return
    tabbed = any(c.col is not None for c in row.cells)
    if tabbed and cols is not None:
        mid = (cols[0] + cols[1]) / 2
        left = [c.text for c in row.cells if c.text and c.col is not None and c.col < mid]
        right = [c.text for c in row.cells if c.text and c.col is not None and c.col >= mid]
        left = [t for t in left if not rx(V.GOALS_LABEL_PIECE).fullmatch(folded(t)) and _HAN.search(t)]
        right = [t for t in right if _HAN.search(t)]
        goals.append([[clean_text(" ".join(left))], ["\x00"], [clean_text(" ".join(right))]])
        return
    if goals and goals[-1]:
        goals[-1].append(texts)
    else:
        goals.append([texts])


def _set_goals(raw: RawSelfEval, goals: list[Block]) -> None:
    tab_rows = [b for b in goals if b and b[1:2] == [["\x00"]]]
    if tab_rows:
        expected = "".join(b[0][0] for b in tab_rows if b[0][0])
        actual = "".join(b[2][0] for b in tab_rows if b[2][0])
        raw.goals_expected, raw.goals_actual = expected or None, actual or None
        goals = [b for b in goals if b not in tab_rows]
        if raw.goals_expected or raw.goals_actual:
            return
    cells = fit_cells([b for b in goals if b], 2)
    raw.goals_expected = cells[0] if cells else None
    raw.goals_actual = cells[1] if len(cells) > 1 else None

"""Raw 绩效自评表 sections → ``models.SelfEval`` records; the section-registry entry ``parse``.

``to_self_eval(raw: RawSelfEval) -> SelfEval``: money via ``parse_money`` in the table's unit
(资金（万元）, 项目资金（元）, or a cell's own 万元 suffix), rates via ``parse_rate`` (fractions),
targets/actuals via ``parse_measure``, dates via ``parse_date`` / ``parse_year``. A value that cannot
be read becomes null plus a warning on the record (and in the log) — never 0.

``parse(doc, doc_type) -> SelfEvalsFound`` (``cnfiscal.sections`` wraps it as the registry's Parts:
normalize sits below sections in the import layers) — ``textrows.document_rows`` (PDF grid rows and
the text lines outside them, in reading order) → ``find_self_evals`` → ``to_self_eval``. A document of
lines only (text input) is first cut to start at its first 绩效自评表 title line (``from_first_title``):
rows are built for the table region only (a 决算 report with its tables in the 附件 skips the report).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from decimal import Decimal

import regex

from cnfiscal.extract.layout import Cell, ExtractedDocument
from cnfiscal.extract.rows import document_rows
from cnfiscal.extract.selfeval.find import find_self_evals, is_title, mentions_self_eval
from cnfiscal.extract.selfeval.labels import folded, rx
from cnfiscal.extract.selfeval.raw import RawFunding, RawIndicator, RawSelfEval
from cnfiscal.models import (
    BBox,
    Conclusion,
    Contact,
    DocType,
    FundingRow,
    Goals,
    Indicator,
    Measure,
    Money,
    MoneyUnit,
    SelfEval,
    Total,
)
from cnfiscal.normalize.dates import parse_date, parse_year
from cnfiscal.normalize.measure import parse_measure
from cnfiscal.numbers.parse import parse_decimal, parse_money, parse_rate
from cnfiscal.vocab import selfeval as V
from cnfiscal.vocab.office_names import UNIT_CODE

log = logging.getLogger(__name__)

_TRAILING_DOT = regex.compile(r"^\s*\d+(?:\.\d+)?[.。]$")
_SELF_EVAL_TYPES = (DocType.DEPT_SELF_EVAL, DocType.PROJECT_SELF_EVAL)


@dataclass(slots=True)
class SelfEvalsFound:
    """What ``parse`` found; ``cnfiscal.sections`` turns it into the registry's ``Parts``."""

    self_evals: list[SelfEval] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unit_name: str | None = None
    year: int | None = None
    fill_date: dt.date | None = None


def parse(doc: ExtractedDocument, doc_type: DocType) -> SelfEvalsFound:
    """Every 绩效自评表 of the document as a SelfEval (the document's unit/year/date for a self-eval doc)."""
    if any(page.grids for page in doc.pages):
        if not mentions_self_eval(doc.text) and not mentions_self_eval("\n".join(c.text for c in _grid_cells(doc))):
            return SelfEvalsFound()
    elif (tables := from_first_title(doc)) is None:
        return SelfEvalsFound()
    else:
        doc = tables
    rows, warnings = document_rows(doc)
    records = [to_self_eval(raw) for raw in find_self_evals(rows)]
    found = SelfEvalsFound(self_evals=records, warnings=warnings)
    if records and doc_type in _SELF_EVAL_TYPES:
        first = records[0]
        found.unit_name, found.year, found.fill_date = first.unit_name, first.year, first.fill_date
    return found


def from_first_title(doc: ExtractedDocument) -> ExtractedDocument | None:
    """A document of lines only, cut to start at its first 绩效自评表 title line (sections start at titles,
    so the lines before it never reach a record: rows are built only for the tables); None without one."""
    for k, page in enumerate(doc.pages):
        for n, line in enumerate(page.lines):
            if is_title(line.text):
                pages = [dc_replace(page, lines=page.lines[n:]), *doc.pages[k + 1 :]]
                return dc_replace(doc, pages=pages)
    return None


def _grid_cells(doc: ExtractedDocument) -> Iterator[Cell]:
    for page in doc.pages:
        for grid in page.grids:
            yield from grid.cells


def _office(name: str | None) -> str | None:
    """An office's name without the budget code printed before it (``219001-X`` → ``X``)."""
    return regex.sub(UNIT_CODE, "", name) or None if name else name


def to_self_eval(raw: RawSelfEval) -> SelfEval:
    """Typed, normalized record of one raw section (see the module docstring)."""
    warnings = list(raw.warnings)
    money_unit = raw.money_unit or _cells_unit(raw.funding)
    unit: MoneyUnit = money_unit if money_unit in ("元", "万元", "亿元") else "元"  # type: ignore[assignment]
    return SelfEval(
        kind=raw.kind,
        unit_name=_office(raw.unit_name),
        project_name=raw.project_name,
        department=_office(raw.department),
        year=parse_year(f"({raw.year}年度)") if raw.year else None,
        fill_date=parse_date(raw.fill_date) if raw.fill_date else None,
        money_unit=money_unit,
        page_start=raw.page_start,
        page_end=raw.page_end,
        funding=[_funding(f, unit, warnings) for f in raw.funding],
        goals=Goals(expected=raw.goals_expected, actual=raw.goals_actual),
        indicators=[_indicator(i, unit, warnings) for i in raw.indicators],
        total=Total(
            weight=_dec(raw.total_weight, warnings), score=_dec(raw.total_score, warnings), page=raw.total_page
        ),
        conclusion=_conclusion(raw),
        contact=Contact(name=raw.contact_name, phone=raw.contact_phone)
        if raw.contact_name or raw.contact_phone
        else None,
        notes=list(raw.notes),
        part_weights={k: w for k, v in raw.part_weights.items() if (w := _dec(v, warnings)) is not None},
        warnings=warnings,
    )


def _cells_unit(rows: list[RawFunding]) -> str | None:
    """The table's unit of money when no header names it: the one unit every amount of the funding block
    prints after its number (``1268万元``); None when the cells print none, or several."""
    amounts = [v for f in rows for v in f.values[:3] if v and rx(r"\d").search(v)]
    units = {m["unit"] if (m := rx(V.CELL_UNIT).search(folded(v))) else None for v in amounts}
    return next(iter(units)) if len(units) == 1 else None


def _funding(f: RawFunding, unit: MoneyUnit, warnings: list[str]) -> FundingRow:
    v = f.values
    box = f.boxes or [None] * len(v)
    conf = f.confidences or [None] * len(v)
    where = f"line {f.line}: " if f.line else ""
    return FundingRow(
        source=f.label,
        canonical=f.canonical,
        initial_budget=_money(v[0], unit, page=f.page, bbox=box[0], conf=conf[0], warnings=warnings, where=where),
        annual_budget=_money(v[1], unit, page=f.page, bbox=box[1], conf=conf[1], warnings=warnings, where=where),
        executed=_money(v[2], unit, page=f.page, bbox=box[2], conf=conf[2], warnings=warnings, where=where),
        weight=_dec(v[3], warnings, where),
        rate=_rate(v[4], warnings, where),
        rate_raw=v[4],
        score=_dec(v[5], warnings, where),
        is_breakdown=f.is_breakdown,
        page=f.page,
        bbox=f.bbox,
        line=f.line,
    )


def _indicator(i: RawIndicator, unit: MoneyUnit, warnings: list[str]) -> Indicator:
    where = f"line {i.line}: " if i.line else ""
    cost_amount = i.level2 == "成本指标" and "率" not in (i.level3 or "")  # 377.57 (万元), not 1 (a rate)
    money_hint = unit if cost_amount else None
    return Indicator(
        level1=i.level1,
        level2=i.level2,
        level3=i.level3,
        target=_measure(i.target, money_hint),
        actual=_measure(i.actual, money_hint),
        weight=_dec(i.weight, warnings, where),
        score=_dec(i.score, warnings, where),
        reason=i.reason,
        is_subtotal=i.is_subtotal,
        level1_weight=_dec(i.level1_weight, warnings, where),
        score_coefficient=_rate(i.coefficient, warnings, where) if i.coefficient else None,
        page=i.page,
        bbox=i.bbox,
        line=i.line,
        confidence=i.confidence,
    )


def _conclusion(raw: RawSelfEval) -> Conclusion:
    text = _heading_lines("\n".join(raw.conclusion)) or None
    f = folded(text)
    grade = None
    if m := rx(V.GRADE).search(f) or rx(V.GRADE_ALONE).search(f):
        grade = V.GRADE_CANONICAL[m["grade"]]
    score = None
    if m := rx(V.SCORE_STATED).search(f):
        score = Decimal(m["score"])
    return Conclusion(grade=grade, score_stated=score, text=text, page=raw.conclusion_page)


def _heading_lines(text: str) -> str:
    """Each heading of a sectioned conclusion (``一、绩效自评结论`` … ``三、下一步工作计划``) on a line of its
    own, as printed on separate lines; a table cell's text joins its lines, so they are cut again here."""
    heading = V.CONCLUSION_HEADING
    text = rx(rf"(?<=[^\n])(?={heading})").sub("\n", text)
    return rx(rf"(?<={heading})(?=[^\n])").sub("\n", text)


def _measure(text: str | None, money_unit: str | None) -> Measure | None:
    if text is None:
        return None
    bare = rx(r"\s*\d+(?:\.\d+)?\s*").fullmatch(text) is not None
    return parse_measure(text, money_unit if bare else None)


def _money(
    text: str | None,
    unit: MoneyUnit,
    *,
    page: int | None,
    bbox: BBox | None,
    conf: float | None = None,
    warnings: list[str],
    where: str,
) -> Money | None:
    try:
        return parse_money(text, unit, page=page, bbox=bbox, confidence=conf)
    except ValueError:
        _warn(warnings, f"{where}unreadable amount {text!r}")
        return None


def _dec(text: str | None, warnings: list[str], where: str = "") -> Decimal | None:
    if text and _TRAILING_DOT.match(text):  # OCR reads a speck after the number as a full stop: 7.9.
        text = text.rstrip(".。")
    try:
        return parse_decimal(text)
    except ValueError:
        _warn(warnings, f"{where}unreadable number {text!r}")
        return None


def _rate(text: str | None, warnings: list[str], where: str) -> Decimal | None:
    try:
        return parse_rate(text)
    except ValueError:
        _warn(warnings, f"{where}unreadable rate {text!r}")
        return None


def _warn(warnings: list[str], message: str) -> None:
    log.warning(message)
    warnings.append(message)

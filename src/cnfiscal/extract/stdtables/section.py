"""Section parser of 决算/预算 reports: standard tables (and the narrative's claims) → Parts."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

import regex

from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.extract.stdtables.grid import grid_for, read_grid
from cnfiscal.extract.stdtables.office import office_of, year_of
from cnfiscal.extract.stdtables.pos import read_positioned
from cnfiscal.extract.stdtables.raw import RawCell, RawTable
from cnfiscal.extract.stdtables.segments import (
    ReportSegments,
    TableSegment,
    reading_order,
    residue_warnings,
    segment,
    year_warnings,
)
from cnfiscal.extract.stdtables.text import read_text_table
from cnfiscal.models import Claim, DocType, InputKind, MoneyUnit, Table
from cnfiscal.vocab.tables import SPEC_BY_KIND, TABLES_ELSEWHERE_NOTE, UNPLACED_CELL

log = logging.getLogger(__name__)

_UNIT_WORD = regex.compile(r"(?:万元|亿元|元)")
REPORT_KINDS = (DocType.FINAL_ACCOUNT, DocType.BUDGET)


@dataclass(slots=True)
class ReportFound:
    """What ``parse`` found in a 决算/预算 report; ``cnfiscal.sections`` turns it into the registry's ``Parts``."""

    tables: list[Table] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unit_name: str | None = None
    year: int | None = None


def parse(doc: ExtractedDocument, doc_type: DocType) -> ReportFound:
    if doc_type not in REPORT_KINDS:
        return ReportFound()
    segs = segment(doc)
    lines = reading_order(doc)
    year_ev = year_of(lines, [t.year for t in segs.tables if t.year])
    office_ev = office_of(lines)
    year = int(year_ev.value) if year_ev else None
    parts = ReportFound(unit_name=office_ev.value if office_ev else None, year=year)
    log.info("%s: office %s, year %s", doc.path, office_ev, year_ev)
    default_unit = _default_unit(segs)
    for seg in segs.tables:
        from cnfiscal.normalize.table_content import content_warning
        from cnfiscal.normalize.tables import to_table

        unit: MoneyUnit = seg.unit or default_unit or "元"  # type: ignore[assignment]
        raw = read_table(doc, seg)
        if seg.unit is None and default_unit is None and doc.input_kind is InputKind.TEXT:
            parts.warnings.append(f"{seg.spec.title}: no 单位 printed on the page; amounts not read (scale unknown)")
            _unscaled(raw)
        elif seg.unit is None:
            parts.warnings.append(f"{seg.spec.title}: no 单位 line read; amounts taken in {unit}")
        table, warnings = to_table(seg, raw, unit, year)
        parts.tables.append(table)
        parts.warnings.extend(warnings)
        if mismatch := content_warning(table):  # the title proposes the kind, the content confirms it
            parts.warnings.append(mismatch)
    parts.warnings.extend(f"p.{n}: blank page" for n in segs.blank_pages)
    parts.warnings.extend(year_warnings(segs.narrative, year, doc_type))
    parts.warnings.extend(residue_warnings(segs.narrative))
    found = {t.spec.kind for t in segs.tables}
    if segs.elsewhere:  # the tables are published separately: none is missing from this file
        parts.warnings.append(f"{TABLES_ELSEWHERE_NOTE}: {segs.elsewhere}")
    else:
        parts.warnings.extend(
            f"目录 lists {SPEC_BY_KIND[k].title} but the table was not found"
            for k in dict.fromkeys(segs.toc_kinds)
            if k not in found
        )
    from cnfiscal.extract.narrative.claims import extract_claims

    parts.claims.extend(extract_claims(segs.narrative, tables=parts.tables))
    return parts


def read_table(doc: ExtractedDocument, seg: TableSegment) -> RawTable:
    """The ruled grid where the page has one; else the words by position; text inputs by tabs."""
    if doc.input_kind is InputKind.TEXT:
        return read_text_table(seg)
    grid = grid_for(doc, seg)
    if grid is not None:
        raw = read_grid(grid)
        if raw.columns:
            return raw
        log.info("%s: grid without value columns, reading words by position", seg.spec.title)
    return read_positioned(doc, seg)


def _default_unit(segs: ReportSegments) -> str | None:
    """The unit most tables print; else the first unit word of the narrative (None if none: 元 in a PDF)."""
    units = Counter(t.unit for t in segs.tables if t.unit)
    if units:
        return units.most_common(1)[0][0]
    for ln in segs.narrative:
        if m := _UNIT_WORD.search(ln.text):
            return m[0]
    return None


def _unscaled(raw: RawTable) -> None:
    """A copied page's table without any unit on the page: its amounts are kept as unreadable (no scale guessed)."""
    for row in raw.rows:
        row.cells = {col: RawCell(UNPLACED_CELL, cell.page) for col, cell in row.cells.items()}

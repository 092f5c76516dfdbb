"""Section parsers: each finds its kind of section in an ExtractedDocument and returns typed parts.

A parser is ``parse(doc, doc_type) -> Parts``; the registry ``SECTION_PARSERS`` lists them in order.
Parts are merged into the DocumentRecord by the pipeline (no parser mutates another's output).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cnfiscal.extract.layout import ExtractedDocument
from cnfiscal.models import Claim, DocType, MemberUnit, SelfEval, Table, UnitCount

if TYPE_CHECKING:
    from cnfiscal.extract.narrative.units import UnitsFound
    from cnfiscal.extract.stdtables.section import ReportFound
    from cnfiscal.normalize.selfeval import SelfEvalsFound


@dataclass(slots=True)
class Parts:
    self_evals: list[SelfEval] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    units: list[MemberUnit] = field(default_factory=list)
    unit_counts: list[UnitCount] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unit_name: str | None = None
    year: int | None = None
    fill_date: dt.date | None = None


SectionParser = Callable[[ExtractedDocument, DocType], Parts]


def _registry() -> list[tuple[str, SectionParser]]:
    """Imported lazily so that a broken parser module shows up as a recorded error, not an import crash."""
    parsers: list[tuple[str, SectionParser]] = []
    from cnfiscal.normalize import selfeval

    parsers.append(("selfeval", lambda doc, doc_type: _self_eval_parts(selfeval.parse(doc, doc_type))))
    from cnfiscal.extract.stdtables import section as stdtables

    parsers.append(("stdtables", lambda doc, doc_type: _report_parts(stdtables.parse(doc, doc_type))))
    from cnfiscal.normalize.claims.report import parse_report

    parsers.append(("report_claims", lambda doc, doc_type: Parts(claims=parse_report(doc, doc_type))))
    from cnfiscal.extract.narrative.units import find_units

    parsers.append(("units", lambda doc, doc_type: _units_parts(find_units(doc))))
    return parsers


def _report_parts(found: ReportFound) -> Parts:
    return Parts(
        tables=found.tables, claims=found.claims, warnings=found.warnings, unit_name=found.unit_name, year=found.year
    )


def _units_parts(found: UnitsFound) -> Parts:
    return Parts(units=found.units, unit_counts=found.counts)


def _self_eval_parts(found: SelfEvalsFound) -> Parts:
    return Parts(
        self_evals=found.self_evals,
        warnings=found.warnings,
        unit_name=found.unit_name,
        year=found.year,
        fill_date=found.fill_date,
    )


SECTION_PARSERS = _registry

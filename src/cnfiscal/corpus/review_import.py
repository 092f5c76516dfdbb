"""``cnfiscal review --import FILE.xlsx``: decisions an auditor wrote in the workbook, read back into the database.

The workbook's ``findings`` sheet (the one ``cnfiscal report --xlsx`` writes) and its ``corpus_findings`` sheet
(findings across two documents; optional, older workbooks have none) have columns ``finding_id``, ``decision``
(确认 / 驳回 / 待定, or confirmed / dismissed / pending) and ``note``; a header may carry a Chinese label before
the name (``决定 decision``). A row whose decision and note already hold is not recorded again; an unknown id or
an unreadable decision is reported with its sheet and row number, and the other rows are still read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from openpyxl import load_workbook

from cnfiscal.corpus.reviews import current, parse_decision, record_decision
from cnfiscal.errors import CorpusError

log = logging.getLogger(__name__)

SHEET = "findings"
SHEETS = (SHEET, "corpus_findings")  # the first is required
COLUMNS = ("finding_id", "decision", "note")


@dataclass
class ImportSummary:
    recorded: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)  # "row 12: …"

    def render(self) -> str:
        lines = [f"记录 recorded {self.recorded}, 未变 unchanged {self.unchanged}, 问题 problems {len(self.problems)}"]
        return "\n".join(lines + self.problems)


def _header_index(header: tuple[object, ...], sheet: str = SHEET) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        words = str(cell or "").strip().split()
        for name in COLUMNS:
            if words and words[-1] == name and name not in found:
                found[name] = i
    missing = [c for c in COLUMNS[:2] if c not in found]
    if missing:
        raise CorpusError(f"the {sheet} sheet has no column {', '.join(missing)}")
    return found


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows of each review sheet the workbook has (``findings`` is required)."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as e:
        raise CorpusError(f"{path}: cannot read the workbook: {e}") from e
    try:
        if SHEET not in book.sheetnames:
            raise CorpusError(f"{path}: no sheet named {SHEET}")
        return {s: [tuple(r) for r in book[s].iter_rows(values_only=True)] for s in SHEETS if s in book.sheetnames}
    finally:
        book.close()


def import_workbook(con: duckdb.DuckDBPyConnection, path: Path, who: str | None = None) -> ImportSummary:
    """Record the decisions of the workbook's findings sheets; return what was done."""
    sheets = _sheets(path)
    if not sheets[SHEET]:
        raise CorpusError(f"{path}: the {SHEET} sheet is empty")
    held = current(con)
    summary = ImportSummary()
    for name, rows in sheets.items():
        if not rows:
            continue
        index = _header_index(rows[0], name)
        where = "" if name == SHEET else f"{name} "
        for number, row in enumerate(rows[1:], start=2):
            _import_row(con, row, index, held, summary, f"{where}row {number}", who, path.name)
    log.info("review import %s: %s", path, summary.render())
    return summary


def _cell(row: tuple[object, ...], index: dict[str, int], name: str) -> object:
    i = index.get(name)
    return row[i] if i is not None and i < len(row) else None


def _import_row(  # noqa: PLR0917
    con: duckdb.DuckDBPyConnection,
    row: tuple[object, ...],
    index: dict[str, int],
    held: dict[str, tuple[str, str]],
    summary: ImportSummary,
    where: str,
    who: str | None,
    source: str,
) -> None:
    finding_id = str(_cell(row, index, "finding_id") or "").strip()
    try:
        decision = parse_decision(_cell(row, index, "decision"))
    except ValueError as e:
        summary.problems.append(f"{where}: {e}")
        return
    if not finding_id or decision is None:
        return
    note = str(_cell(row, index, "note") or "").strip()
    if held.get(finding_id) == (decision.value, note):
        summary.unchanged += 1
        return
    try:
        record_decision(con, finding_id, decision, note, who, source=source)
    except CorpusError as e:
        summary.problems.append(f"{where}: {e}")
        return
    summary.recorded += 1

"""``corpus.department.sum_units``: a department's figure is the sum of its units' (the department consolidates
the units its list names as budgeted separately — ``DocumentRecord.units``, not ``预算不单列，并入本级``).

Checked for a department's document when every such unit has a document of the same year and kind in its group
(linked by ``members``; the own unit ``X本级`` by its name); else one ``unchecked`` row names the units missing.
Items are table figures on both sides, keyed by the table kind they come from; which items are plain sums and
which may hold transfers inside the department (a difference there is a warning) is said in
``vocab.member_units``. A 功能科目 line a unit's table does not print counts 0 for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from cnfiscal.corpus.crossdoc.figures.items import is_function, label_of, nothing
from cnfiscal.corpus.crossdoc.figures.table_figures import table_figures
from cnfiscal.corpus.crossdoc.group import Doc
from cnfiscal.corpus.crossdoc.identity.members import entry_key
from cnfiscal.corpus.crossdoc.identity.offices import link
from cnfiscal.corpus.crossdoc.models import Check, CrossFinding
from cnfiscal.models import MemberUnit, Money, Severity
from cnfiscal.validate.tolerance import Tolerance, judge, money_precision
from cnfiscal.vocab import member_units as mu
from cnfiscal.vocab import show as sh
from cnfiscal.vocab.messages import msg

RULE_SUM = "corpus.department.sum_units"
Result = tuple[list[CrossFinding], list[Check]]
Key = tuple[str, str]  # (table kind, item)


@dataclass(frozen=True, slots=True)
class _Cell:
    money: Money
    page: int | None
    evidence: str


@dataclass(frozen=True, slots=True)
class _Unit:
    listed: MemberUnit
    doc: Doc
    cells: dict[Key, _Cell]
    kinds: frozenset[str]  # the table kinds the unit's document prints


def check_sums(office_id: str, docs: list[Doc]) -> Result:
    findings: list[CrossFinding] = []
    checks: list[Check] = []
    for dept in (d for d in docs if not d.is_unit and d.record.units):
        separate = [u for u in dept.record.units if u.separate]
        found = _units_of(dept, separate, docs)
        missing = [u for u in separate if u.name not in found]
        if missing:
            checks.append(_missing(office_id, dept, missing))
            continue
        units = [found[u.name] for u in separate]
        for key, cell in sorted(_cells(dept).items()):
            f, c = _sum_check(office_id, dept, key, cell, units)
            findings.extend(f)
            checks.append(c)
    return findings, checks


def _units_of(dept: Doc, separate: list[MemberUnit], docs: list[Doc]) -> dict[str, _Unit]:
    """The listed units that have one document of the department's year and kind in the group."""
    dept_key = link(dept.record).key or ""
    peers = [d for d in docs if d.is_unit and d.year == dept.year and d.doc_type is dept.doc_type]
    out = {}
    for unit in separate:
        keyed = (dept_key, False) if unit.own else entry_key(unit.name, dept_key)
        mine = [d for d in peers if keyed is not None and d.unit_key == keyed[0]]
        if len(mine) == 1:
            doc = mine[0]
            out[unit.name] = _Unit(unit, doc, _cells(doc), frozenset(t.kind or "" for t in doc.record.tables))
    return out


def _cells(doc: Doc) -> dict[Key, _Cell]:
    """The document's table figures by (table kind, item); an item a kind gives twice with two values is dropped."""
    seen: dict[Key, list[_Cell]] = defaultdict(list)
    for table in doc.record.tables:
        alone = doc.record.model_copy(update={"tables": [table]})
        for figure in table_figures(alone):
            seen[(table.kind or "", figure.item)].append(_Cell(figure.money, figure.page, figure.evidence))
    return {k: v[0] for k, v in seen.items() if len({c.money.yuan for c in v}) == 1}


def _missing(office_id: str, dept: Doc, missing: list[MemberUnit]) -> Check:
    names = "；".join(u.name for u in missing)
    return Check(
        office_id, RULE_SUM, "units", dept.sha256, missing[0].page, dept.year, " | ".join(u.raw for u in missing),
        "unchecked", reason=f"no {dept.year} {dept.doc_type.value} in the corpus for: {names}",
    )  # fmt: skip


def _sum_check(
    office_id: str, dept: Doc, key: Key, cell: _Cell, units: list[_Unit]
) -> tuple[list[CrossFinding], Check]:
    base = Check(office_id, RULE_SUM, key[1], dept.sha256, cell.page, dept.year, cell.evidence, "unchecked")
    parts = list(_parts(key, units))
    if any(p is None for p in parts):
        absent = "；".join(u.listed.name for u, p in zip(units, parts, strict=True) if p is None)
        return [], replace(base, reason=f"not in the units' tables: {absent}")
    total = sum((p.money.yuan for p in parts if p is not None), Decimal(0))
    tol = Tolerance.of_sum(money_precision(cell.money), [money_precision(p.money) for p in parts if p is not None])
    plain = _plain(key)
    verdict = judge(cell.money.yuan, total, tol, Severity.ERROR if plain else Severity.WARNING)
    largest = max((i for i, p in enumerate(parts) if p is not None), key=lambda i: abs(_yuan(parts[i])))
    side_b = units[largest]
    b = {"sha256_b": side_b.doc.sha256, "page_b": _page(parts[largest]), "year_b": side_b.doc.year}
    if verdict is None:
        return [], replace(base, outcome="agrees", **b)  # type: ignore[arg-type]
    shown = "；".join(_part(u, p) for u, p in zip(units, parts, strict=True) if p is not None)
    message = msg(
        RULE_SUM if plain else f"{RULE_SUM}:transfers", dept=dept.record.unit_name or "", item=label_of(key[1]),
        dept_value=sh.amount(cell.money), page=cell.page, n=len(units), units=shown,
        sum=sh.like(total, cell.money),
    )  # fmt: skip
    finding = CrossFinding(
        office_id=office_id, rule=RULE_SUM, severity=verdict.severity, message=message.render(), item=key[1],
        stated=sh.plain(cell.money.yuan), recomputed=sh.plain(total), difference=sh.plain(verdict.difference),
        tolerance=tol.text, evidence=f"{cell.evidence} | " + " | ".join(p.evidence for p in parts if p),
        sha256_a=dept.sha256, page_a=cell.page, year_a=dept.year, message_key=message.key,
        message_params=dict(message.params), **b,
    ).with_identity()  # fmt: skip
    return [finding], replace(base, outcome="finding", finding_id=finding.finding_id, **b)  # type: ignore[arg-type]


def _parts(key: Key, units: list[_Unit]) -> Iterator[_Cell | None]:
    """Each unit's figure for the item; a 功能科目 line absent from a table the unit prints is 0 there."""
    for unit in units:
        cell = unit.cells.get(key)
        if cell is None and is_function(key[1]) and key[0] in unit.kinds:
            cell = _Cell(nothing(), None, f"{key[1]}: not printed")
        yield cell


def _plain(key: Key) -> bool:
    kind, item = key
    if is_function(item):
        return kind in mu.SUM_PLAIN_FUNCTION_TABLES
    return item in mu.SUM_PLAIN_ITEMS


def _yuan(cell: _Cell | None) -> Decimal:
    return cell.money.yuan if cell is not None else Decimal(0)


def _page(cell: _Cell | None) -> int | None:
    return cell.page if cell is not None else None


def _part(unit: _Unit, cell: _Cell) -> str:
    if cell.page is None:  # a 功能科目 line the unit's table does not print
        return f"{unit.listed.name}未列（0）"
    return f"{unit.listed.name}{sh.amount(cell.money)}（第{cell.page}页）"

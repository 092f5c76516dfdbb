"""Scores of one document's record against its hand-checked truth (``tests/data/expected/corpus/<stem>.json``).

A truth file says, from reading the pages: the document's kind, office (and the other names it prints for
itself), year; the standard tables present (kind, pages, unit, key amounts as printed); how many
self-evaluation forms it holds; and a label for each error/warning the pipeline has reported on it —
genuine or false, with the reason. Scores (tested in ``tests/bench``):

- tables found / present: a present table is *found* when the record has a table of the same kind whose
  pages overlap; *placed* when its first and last pages and its unit are also right;
- amounts exact / checked: each key amount of a present table is looked up in the found table (a row whose
  name contains the truth's row label, a column whose name contains its column label) and is exact when the
  value in yuan equals the printed amount × unit (an amount marked ``known`` in the truth file, with the reason,
  is a limit written down: counted and shown apart, never as exact);
- kind (预算 / 决算), office and year right; self-evaluations read;
- findings: each error/warning matched to a label (same rule and page; same stated value when the label
  gives one); errors genuine / false, warnings genuine / false, those not labelled (to be read), and those
  without a page or evidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import regex

from cnfiscal.models import DocumentRecord, Finding, Table

_SPACE = regex.compile(r"[\s\u3000]+")
_MULT = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def _flat(text: str | None) -> str:
    return _SPACE.sub("", text or "")


@dataclass(slots=True)
class DocScore:
    name: str
    tables_present: int = 0
    tables_found: int = 0
    tables_unread: int = 0  # present but not read, as the truth file says (the record warns): a known limit
    tables_placed: int = 0
    amounts_checked: int = 0
    amounts_exact: int = 0
    amounts_known: int = 0  # not read, a known limit (the truth file says why)
    kind_right: bool = False  # 部门预算 / 部门决算 (the record's doc_type)
    office_right: bool = False
    year_right: bool = False
    self_evals_expected: int = 0
    self_evals_read: int = 0
    errors_genuine: int = 0
    errors_false: int = 0
    warnings_genuine: int = 0
    warnings_false: int = 0
    unlabelled: list[str] = field(default_factory=list)
    without_evidence: list[str] = field(default_factory=list)  # errors/warnings missing their page or evidence
    misses: list[str] = field(default_factory=list)  # tables not found, amounts not exact (for the reader)
    known: list[str] = field(default_factory=list)  # amounts not read that the truth file marks as a known limit


def load_truth(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def score(record: DocumentRecord, truth: dict[str, Any]) -> DocScore:
    out = DocScore(truth["file"])
    offices = {_flat(truth.get("office")), *(_flat(o) for o in truth.get("office_also", []))}
    out.office_right = _flat(record.unit_name) in offices
    out.year_right = record.year == truth.get("year")
    out.kind_right = record.doc_type.value == truth.get("doc_type")
    out.self_evals_expected = truth.get("self_evals", 0)
    out.self_evals_read = len(record.self_evals)
    for want in truth.get("tables", []):
        _score_table(record.tables, want, out)
    for missed in truth.get("tables_not_read", []):  # present on the page, not read on purpose: present, not found
        out.tables_present += 1
        out.tables_unread += 1
        if not any(missed.get("title", "") in w for w in record.warnings):
            out.misses.append(f"{missed['kind']}: not read and the record does not warn about {missed.get('title')}")
    for f in record.findings:
        if f.severity.value in ("error", "warning"):
            _label(f, truth.get("labels", []), out)
            if f.page is None or not f.evidence:
                out.without_evidence.append(f"{f.rule} p.{f.page}: no page or evidence")
    return out


def _score_table(tables: list[Table], want: dict[str, Any], out: DocScore) -> None:
    out.tables_present += 1
    lo, hi = want["pages"]
    same = [t for t in tables if t.kind == want["kind"] and _overlap(t, lo, hi)]
    amounts = want.get("amounts", [])
    out.amounts_checked += len(amounts)
    if not same:
        out.misses.append(f"{want['kind']} p.{lo}-{hi}: not found")
        return
    out.tables_found += 1
    got = same[0]
    if (got.page_start, got.page_end, got.unit) == (lo, hi, want.get("unit")):
        out.tables_placed += 1
    else:
        out.misses.append(
            f"{want['kind']}: p.{got.page_start}-{got.page_end} {got.unit}, is p.{lo}-{hi} {want.get('unit')}"
        )
    for a in amounts:
        if _has_amount(got, a, want.get("unit") or "元"):
            out.amounts_exact += 1
        elif a.get("known"):  # a limit written down in the truth file with its reason: shown, not hidden
            out.amounts_known += 1
            out.known.append(f"{want['kind']}: {a.get('row') or ''} {a['printed']} not read (known: {a['known']})")
        else:
            out.misses.append(f"{want['kind']}: {a.get('row') or ''}/{a.get('col') or ''} {a['printed']} not read")


def _overlap(t: Table, lo: int, hi: int) -> bool:
    return t.page_start is not None and t.page_start <= hi and (t.page_end or t.page_start) >= lo


def _has_amount(table: Table, amount: dict[str, Any], unit: str) -> bool:
    yuan = Decimal(amount["printed"].replace(",", "")) * _MULT[unit]
    row_label, col_label = _flat(amount.get("row")), _flat(amount.get("col"))
    for row in table.rows:
        if row_label and row_label not in _flat(row.name):
            continue
        for col, money in row.values.items():
            if money is not None and col_label in _flat(col) and money.yuan == yuan:
                return True
    return False


def _label(f: Finding, labels: list[dict[str, Any]], out: DocScore) -> None:
    for lab in labels:
        if lab["rule"] != f.rule or lab.get("page") != f.page:
            continue
        if "stated" in lab and lab["stated"] != f.stated:
            continue
        genuine = lab["verdict"] == "genuine"
        if f.severity.value == "error":
            out.errors_genuine += genuine
            out.errors_false += not genuine
        else:
            out.warnings_genuine += genuine
            out.warnings_false += not genuine
        return
    out.unlabelled.append(f"{f.severity.value} {f.rule} p.{f.page} stated={f.stated}: {f.message}")

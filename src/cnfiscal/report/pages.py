"""One HTML page per document (template ``document.html``): what was read (funding and indicator tables as
extracted, standard tables, claims) and what was found (findings with stated / recomputed / difference, the page
they point to, a picture of that region of the source PDF with the region framed, and the auditor's decision)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd
import regex

from cnfiscal.report.data import ReportData, decision_label, doc_stem, parse_bbox
from cnfiscal.report.evidence import EvidenceRenderer
from cnfiscal.report.figures import figures, tolerance
from cnfiscal.report.html import flag, fmt_rate, text_or_none
from cnfiscal.report.render import Cell, render_page
from cnfiscal.report.stdtables import money_cell, table_views

log = logging.getLogger(__name__)

DOC_DIR = "doc"
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
WHERE_SELF_EVAL = regex.compile(r"self_evals\[(\d+)\]")
WHERE_TABLE = regex.compile(r"tables\[(.+?)\]")
HAN = regex.compile(r"\p{Han}")


def doc_href(sha256: str) -> str:
    return f"{DOC_DIR}/{doc_stem(sha256)}.html"


def write_document_page(data: ReportData, doc: Any, out_dir: Path) -> Path:
    """Write ``out_dir/doc/<stem>.html`` for one row (a tuple) of ``data.documents``; returns its path."""
    sha = str(doc.sha256)
    path = out_dir / doc_href(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = data.source_pdf(doc.path, doc.input_kind, sha) if text_or_none(doc.status) != "failed" else None
    tables = data.rows_of("tables", sha)
    with EvidenceRenderer(pdf, out_dir, doc_stem(sha)) as renderer:
        findings = [_finding(f, renderer, tables) for f in sorted(data.rows_of("findings", sha), key=_finding_order)]
    title = doc.unit_name if isinstance(doc.unit_name, str) else Path(str(doc.path)).name
    return render_page(
        "document.html",
        path,
        title=title,
        home="../index.html",
        lang=data.lang,
        header=_header(doc),
        errors=[[e.stage, e.reason, e.page] for e in data.rows_of("errors", sha)],
        warnings=[(w.message, w.location) for w in data.rows_of("warnings", sha)],
        findings=findings,
        self_evals=_self_evals(data, sha),
        tables=table_views(tables, data.rows_of("table_rows", sha), data.rows_of("table_values", sha)),
        claims=[[c.text, c.kind, c.subject, c.value, c.unit, c.page] for c in data.rows_of("claims", sha)],
    )


def _header(doc: Any) -> list[tuple[str, object]]:
    return [
        ("文件 file", doc.path),
        ("sha256", doc.sha256),
        ("类型 doc_type", doc.doc_type),
        ("单位 unit", doc.unit_name),
        ("年度 year", doc.year),
        ("页数 pages", doc.pages),
        ("输入 input", doc.input_kind),
        ("状态 status", doc.status),
    ]


def _finding_order(f: Any) -> tuple[int, int, int]:
    """Errors first, then warnings, then info; within a severity by page (no page last)."""
    page_no = _page(f.page)
    return SEVERITY_RANK.get(f.severity, len(SEVERITY_RANK)), page_no if page_no is not None else 1 << 30, f.finding_idx


def anchor_of(location: object, tables: list[Any]) -> str | None:
    """The part of the page a finding's ``where`` points to: ``#se-N``, ``#table-N`` or ``#claims``."""
    if not isinstance(location, str):
        return None
    if m := WHERE_SELF_EVAL.match(location):
        return f"#se-{m.group(1)}"
    if m := WHERE_TABLE.match(location):
        hit = [t.table_idx for t in tables if m.group(1) in (text_or_none(t.code), text_or_none(t.name))]
        return f"#table-{hit[0]}" if hit else None
    return "#claims" if location.startswith("claims") else None


def _finding(f: Any, renderer: EvidenceRenderer, tables: list[Any]) -> dict[str, object]:
    evidence = renderer.render(f"f{f.finding_idx}", _page(f.page), parse_bbox(f.bbox), _quote(f))
    where = Cell(f.location, href=anchor_of(f.location, tables))
    other = _other_side(f, renderer)
    return {
        "idx": f.finding_idx,
        "finding_id": f.finding_id,
        "severity": str(f.severity),
        "rule": f.rule,
        "message": f.message,
        "decision": text_or_none(f.decision),
        "decision_label": decision_label(f.decision),
        "decision_note": f.decision_note,
        "decision_who": f.decision_who,
        "decision_when": f.decision_when,
        "inherited": text_or_none(f.inherited_from),
        "cells": [*_figures(f), tolerance(f.tolerance, f.message_params), f.page, where],
        "quote": text_or_none(f.evidence),
        "picture": evidence.file,
        "note": evidence.note,
        "framed": evidence.framed,
        "other": other,
    }


def _other_side(f: Any, renderer: EvidenceRenderer) -> dict[str, object] | None:
    """The picture of the figure a finding compares with, when it is printed on another page (or has its own
    region): both sides of a comparison framed."""
    page_b, bbox_b = _page(getattr(f, "page_b", None)), parse_bbox(getattr(f, "bbox_b", None))
    if page_b is None or (page_b == _page(f.page) and bbox_b is None):
        return None
    evidence = renderer.render(f"f{f.finding_idx}b", page_b, bbox_b)
    return {"page": page_b, "picture": evidence.file, "note": evidence.note, "framed": evidence.framed}


def _figures(f: Any) -> list[Cell]:
    shown = figures(f.stated, f.recomputed, f.difference, f.message_params)
    return [Cell(v, title=shown.exact, num=True) for v in (shown.stated, shown.recomputed, shown.difference)]


def _quote(f: Any) -> str | None:
    """The printed text to look for on the page: the finding's evidence, else a stated text (template residue,
    a unit name) — never a bare number, which is printed in too many places."""
    evidence, stated = text_or_none(f.evidence), text_or_none(f.stated)
    if evidence:
        return evidence
    return stated if stated and HAN.search(stated) else None


def _page(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _self_evals(data: ReportData, sha: str) -> list[dict[str, object]]:
    funding, indicators = data.rows_of("funding", sha), data.rows_of("indicators", sha)
    out = []
    for se in data.rows_of("self_evals", sha):
        rows = [r for r in indicators if r.se_idx == se.se_idx]
        out.append(
            {
                "idx": se.se_idx,
                "name": se.project_name if isinstance(se.project_name, str) else se.unit_name,
                "kind": se.kind,
                "page_start": se.page_start,
                "page_end": se.page_end,
                "total_weight": se.total_weight,
                "total_score": se.total_score,
                "grade": text_or_none(se.grade),
                "funding": [_funding_row(r) for r in funding if r.se_idx == se.se_idx],
                "indicators": [_indicator_row(r) for r in rows],
                "indicator_classes": ["subtotal" if flag(r.is_subtotal) else "" for r in rows],
            }
        )
    return out


def _funding_row(r: Any) -> list[object]:
    return [
        r.source,
        money_cell(r.initial_budget_raw, r.initial_budget_yuan),
        money_cell(r.annual_budget_raw, r.annual_budget_yuan),
        money_cell(r.executed_raw, r.executed_yuan),
        r.weight,
        fmt_rate(r.rate),
        r.rate_raw,
        r.score,
        r.page,
    ]


def _indicator_row(r: Any) -> list[object]:
    return [r.level1, r.level2, r.level3, r.target_raw, r.actual_raw, r.weight, r.score, r.reason, r.page]

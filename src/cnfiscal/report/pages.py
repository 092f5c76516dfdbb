"""One HTML page per document: what was read (funding and indicator tables as extracted, standard tables,
claims) and what was found (findings with stated / recomputed / difference, the page they point to and a
picture of that region of the source PDF)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd
import regex

from cnfiscal.report.data import ReportData, doc_stem, parse_bbox
from cnfiscal.report.evidence import Evidence, EvidenceRenderer
from cnfiscal.report.html import flag, fmt_rate, money_cell, page, severity_badge, table, td, text, text_or_none
from cnfiscal.report.stdtables import tables_section

log = logging.getLogger(__name__)

DOC_DIR = "doc"
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
WHERE_SELF_EVAL = regex.compile(r"self_evals\[(\d+)\]")
WHERE_TABLE = regex.compile(r"tables\[(.+?)\]")


def doc_href(sha256: str) -> str:
    return f"{DOC_DIR}/{doc_stem(sha256)}.html"


def write_document_page(data: ReportData, doc: Any, out_dir: Path) -> Path:
    """Write ``out_dir/doc/<stem>.html`` for one row (a tuple) of ``data.documents``; returns its path."""
    sha = str(doc.sha256)
    path = out_dir / doc_href(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = data.source_pdf(doc.path, doc.input_kind) if text_or_none(doc.status) != "failed" else None
    tables = data.rows_of("tables", sha)
    with EvidenceRenderer(pdf, out_dir, doc_stem(sha)) as renderer:
        body = "\n".join(
            [
                _header(data, doc),
                _findings(data.rows_of("findings", sha), renderer, tables),
                _self_evals(data, sha),
                tables_section(tables, data.rows_of("table_rows", sha), data.rows_of("table_values", sha)),
                _claims(data.rows_of("claims", sha)),
            ]
        )
    title = doc.unit_name if isinstance(doc.unit_name, str) else Path(str(doc.path)).name
    path.write_text(page(title, body, home="../index.html"), encoding="utf-8")
    return path


def _header(data: ReportData, doc: Any) -> str:
    fields = [
        ("文件 file", doc.path),
        ("sha256", doc.sha256),
        ("类型 doc_type", doc.doc_type),
        ("单位 unit", doc.unit_name),
        ("年度 year", doc.year),
        ("页数 pages", doc.pages),
        ("输入 input", doc.input_kind),
        ("状态 status", doc.status),
    ]
    rows = [[f"<th>{k}</th>", td(v)] for k, v in fields]
    out = [f"<table>{''.join('<tr>' + ''.join(r) + '</tr>' for r in rows)}</table>"]
    errors = data.rows_of("errors", str(doc.sha256))
    if errors:
        out.append("<h2>错误 errors</h2>")
        out.append(
            table(
                ["stage", "reason", "page"],
                ([td(e.stage), td(e.reason), td(e.page, True)] for e in errors),
            )
        )
    warnings = data.rows_of("warnings", str(doc.sha256))
    if warnings:
        items = "".join(f"<li>{text(w.message)} <span class='muted'>({text(w.location)})</span></li>" for w in warnings)
        out.append(f"<h2>提示 warnings</h2><ul>{items}</ul>")
    return "\n".join(out)


def _findings(findings: list[Any], renderer: EvidenceRenderer, tables: list[Any]) -> str:
    if not findings:
        return "<h2>核查发现 findings</h2><p class='muted'>No findings.</p>"
    parts = [f"<h2>核查发现 findings ({len(findings)})</h2>"]
    for f in sorted(findings, key=_finding_order):
        evidence = renderer.render(f"f{f.finding_idx}", _page(f.page), parse_bbox(f.bbox))
        parts.append(_finding(f, evidence, anchor_of(f.location, tables)))
    return "\n".join(parts)


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


def _finding(f: Any, evidence: Evidence, anchor: str | None) -> str:
    where = f'<td><a href="{anchor}">{text(f.location)}</a></td>' if anchor else td(f.location)
    cells = [
        td(f.stated, True),
        td(f.recomputed, True),
        td(f.difference, True),
        td(f.tolerance, True),
        td(f.page, True),
        where,
    ]
    grid = table(["stated", "recomputed", "difference", "tolerance", "page", "where"], [cells])
    picture = f'<img src="../{evidence.file}" alt="evidence: {text(evidence.note)}">' if evidence.file else ""
    quote = f"<p>printed: <q>{text(f.evidence)}</q></p>" if isinstance(f.evidence, str) else ""
    return (
        f'<div class="finding" id="finding-{f.finding_idx}"><h3>{severity_badge(str(f.severity))} '
        f"<code>{text(f.rule)}</code> {text(f.message)}</h3>{grid}{quote}"
        f'<div class="evidence">{picture}<p class="muted">{text(evidence.note)}</p></div></div>'
    )


def _page(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _self_evals(data: ReportData, sha: str) -> str:
    parts = []
    funding, indicators = data.rows_of("funding", sha), data.rows_of("indicators", sha)
    for se in data.rows_of("self_evals", sha):
        name = se.project_name if isinstance(se.project_name, str) else se.unit_name
        pages = f"p. {text(se.page_start)}–{text(se.page_end)}"
        parts.append(
            f"<h2 id='se-{se.se_idx}'>自评表 {se.se_idx + 1}: {text(name)} "
            f"<span class='muted'>({text(se.kind)}, {pages})</span></h2>"
        )
        score = f"总分 {text(se.total_weight)} / 得分 {text(se.total_score)}"
        grade = f" · 自评结论 {text(se.grade)}" if isinstance(se.grade, str) else ""
        parts.append(f"<p>{score}{grade}</p>")
        parts.append(_funding_table([r for r in funding if r.se_idx == se.se_idx]))
        parts.append(_indicator_table([r for r in indicators if r.se_idx == se.se_idx]))
    return "\n".join(parts)


def _funding_table(rows: list[Any]) -> str:
    if not rows:
        return "<p class='muted'>No funding rows read.</p>"
    headers = ["资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "(as printed)", "得分", "page"]
    body = [
        [
            td(r.source),
            money_cell(r.initial_budget_raw, r.initial_budget_yuan),
            money_cell(r.annual_budget_raw, r.annual_budget_yuan),
            money_cell(r.executed_raw, r.executed_yuan),
            td(r.weight, True),
            td(fmt_rate(r.rate), True),
            td(r.rate_raw, True),
            td(r.score, True),
            td(r.page, True),
        ]
        for r in rows
    ]
    return "<h3>资金 funding</h3>" + table(headers, body)


def _indicator_table(rows: list[Any]) -> str:
    if not rows:
        return "<p class='muted'>No indicators read.</p>"
    headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "未完成原因", "page"]
    body = [
        [
            td(r.level1),
            td(r.level2),
            td(r.level3),
            td(r.target_raw),
            td(r.actual_raw),
            td(r.weight, True),
            td(r.score, True),
            td(r.reason),
            td(r.page, True),
        ]
        for r in rows
    ]
    classes = ["subtotal" if flag(r.is_subtotal) else "" for r in rows]
    return f"<h3>绩效指标 indicators ({len(rows)})</h3>" + table(headers, body, classes)


def _claims(claims: list[Any]) -> str:
    if not claims:
        return ""
    body = [[td(c.text), td(c.kind), td(c.subject), td(c.value, True), td(c.unit), td(c.page, True)] for c in claims]
    headers = ["text", "kind", "subject", "value", "unit", "page"]
    return f"<h2 id='claims'>文中数字 claims ({len(claims)})</h2>" + table(headers, body)

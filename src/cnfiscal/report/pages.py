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
from cnfiscal.report.html import fmt_rate, money_cell, page, severity_badge, table, td, text
from cnfiscal.report.stdtables import tables_section

log = logging.getLogger(__name__)

DOC_DIR = "doc"
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
WHERE_SELF_EVAL = regex.compile(r"self_evals\[(\d+)\]")
WHERE_TABLE = regex.compile(r"tables\[(.+?)\]")


def doc_href(sha256: str) -> str:
    return f"{DOC_DIR}/{doc_stem(sha256)}.html"


def write_document_page(data: ReportData, doc: pd.Series, out_dir: Path) -> Path:
    """Write ``out_dir/doc/<stem>.html`` for one row of ``data.documents``; returns its path."""
    sha = str(doc["sha256"])
    path = out_dir / doc_href(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = data.source_pdf(doc["path"]) if doc["status"] != "failed" else None
    with EvidenceRenderer(pdf, out_dir, doc_stem(sha)) as renderer:
        body = "\n".join(
            [
                _header(data, doc),
                _findings(data.of("findings", sha), renderer, data.of("tables", sha)),
                _self_evals(data, sha),
                tables_section(data.of("tables", sha), data.of("table_rows", sha), data.of("table_values", sha)),
                _claims(data.of("claims", sha)),
            ]
        )
    title = f"{doc['unit_name'] if isinstance(doc['unit_name'], str) else Path(str(doc['path'])).name}"
    path.write_text(page(title, body, home="../index.html"), encoding="utf-8")
    return path


def _header(data: ReportData, doc: pd.Series) -> str:
    fields = [
        ("文件 file", doc["path"]),
        ("sha256", doc["sha256"]),
        ("类型 doc_type", doc["doc_type"]),
        ("单位 unit", doc["unit_name"]),
        ("年度 year", doc["year"]),
        ("页数 pages", doc["pages"]),
        ("输入 input", doc["input_kind"]),
        ("状态 status", doc["status"]),
    ]
    rows = [[f"<th>{k}</th>", td(v)] for k, v in fields]
    out = [f"<table>{''.join('<tr>' + ''.join(r) + '</tr>' for r in rows)}</table>"]
    errors = data.of("errors", str(doc["sha256"]))
    if not errors.empty:
        out.append("<h2>错误 errors</h2>")
        out.append(
            table(
                ["stage", "reason", "page"],
                ([td(e.stage), td(e.reason), td(e.page, True)] for e in errors.itertuples()),
            )
        )
    warnings = data.of("warnings", str(doc["sha256"]))
    if not warnings.empty:
        items = "".join(
            f"<li>{text(w.message)} <span class='muted'>({text(w.location)})</span></li>" for w in warnings.itertuples()
        )
        out.append(f"<h2>提示 warnings</h2><ul>{items}</ul>")
    return "\n".join(out)


def _findings(findings: pd.DataFrame, renderer: EvidenceRenderer, tables: pd.DataFrame) -> str:
    if findings.empty:
        return "<h2>核查发现 findings</h2><p class='muted'>No findings.</p>"
    parts = [f"<h2>核查发现 findings ({len(findings)})</h2>"]
    ordered = findings.assign(_rank=findings["severity"].map(SEVERITY_RANK).fillna(len(SEVERITY_RANK)))
    for f in ordered.sort_values(["_rank", "page", "finding_idx"], na_position="last").itertuples():
        evidence = renderer.render(f"f{f.finding_idx}", _page(f.page), parse_bbox(f.bbox))
        parts.append(_finding(f, evidence, anchor_of(f.location, tables)))
    return "\n".join(parts)


def anchor_of(location: object, tables: pd.DataFrame) -> str | None:
    """The part of the page a finding's ``where`` points to: ``#se-N``, ``#table-N`` or ``#claims``."""
    if not isinstance(location, str):
        return None
    if m := WHERE_SELF_EVAL.match(location):
        return f"#se-{m.group(1)}"
    if m := WHERE_TABLE.match(location):
        hit = tables[(tables["code"] == m.group(1)) | (tables["name"] == m.group(1))]
        return f"#table-{hit['table_idx'].iloc[0]}" if not hit.empty else None
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
    funding, indicators = data.of("funding", sha), data.of("indicators", sha)
    for se in data.of("self_evals", sha).itertuples():
        name = se.project_name if isinstance(se.project_name, str) else se.unit_name
        pages = f"p. {text(se.page_start)}–{text(se.page_end)}"
        parts.append(
            f"<h2 id='se-{se.se_idx}'>自评表 {se.se_idx + 1}: {text(name)} "
            f"<span class='muted'>({text(se.kind)}, {pages})</span></h2>"
        )
        score = f"总分 {text(se.total_weight)} / 得分 {text(se.total_score)}"
        grade = f" · 自评结论 {text(se.grade)}" if isinstance(se.grade, str) else ""
        parts.append(f"<p>{score}{grade}</p>")
        parts.append(_funding_table(funding[funding["se_idx"] == se.se_idx]))
        parts.append(_indicator_table(indicators[indicators["se_idx"] == se.se_idx]))
    return "\n".join(parts)


def _funding_table(rows: pd.DataFrame) -> str:
    if rows.empty:
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
        for r in rows.itertuples()
    ]
    return "<h3>资金 funding</h3>" + table(headers, body)


def _indicator_table(rows: pd.DataFrame) -> str:
    if rows.empty:
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
        for r in rows.itertuples()
    ]
    classes = ["subtotal" if r.is_subtotal else "" for r in rows.itertuples()]
    return f"<h3>绩效指标 indicators ({len(rows)})</h3>" + table(headers, body, classes)


def _claims(claims: pd.DataFrame) -> str:
    if claims.empty:
        return ""
    body = [
        [td(c.text), td(c.kind), td(c.subject), td(c.value, True), td(c.unit), td(c.page, True)]
        for c in claims.itertuples()
    ]
    headers = ["text", "kind", "subject", "value", "unit", "page"]
    return f"<h2 id='claims'>文中数字 claims ({len(claims)})</h2>" + table(headers, body)

"""The overview page ``index.html``: the corpus at a glance, charts, failures, and links to every document."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from cnfiscal.report.data import (
    ReportData,
    budget_by_office,
    documents_by_kind_year,
    documents_by_office,
    findings_counts,
    total_rows,
)
from cnfiscal.report.fonts import chart_font
from cnfiscal.report.html import counts_table, page, table, td, text
from cnfiscal.report.pages import doc_href

if TYPE_CHECKING:
    from cnfiscal.report.charts import Chart

log = logging.getLogger(__name__)
MAX_LISTED = 300
MAX_RULES = 15  # bars in the findings chart
CHART_NAMES = ("execution_rate", "score_vs_rate", "findings_by_rule", "budget_vs_executed")


def draw_charts(data: ReportData, out_dir: Path) -> dict[str, Chart | None]:
    """Every overview chart (None where there is no data); no charts at all without matplotlib."""
    try:
        from cnfiscal.report import charts
    except ImportError:
        log.warning("matplotlib is not installed (pip install matplotlib): the report has no charts")
        return {}
    totals = total_rows(data)
    return {
        "execution_rate": charts.rate_histogram(totals["rate"], out_dir),
        "score_vs_rate": charts.score_vs_rate(totals[["office", "rate", "score"]], out_dir),
        "findings_by_rule": charts.findings_by_rule(findings_counts(data.findings, top=MAX_RULES), out_dir),
        "budget_vs_executed": charts.budget_vs_executed(budget_by_office(totals), out_dir),
    }


def write_overview(data: ReportData, drawn: dict[str, Chart | None], out_dir: Path, title: str) -> Path:
    docs = data.documents
    body = "\n".join(
        [
            _cards(data),
            "<h2>图表 charts</h2>",
            _charts(drawn),
            "<h2>文件类型与年度 documents by kind and year</h2>",
            counts_table(documents_by_kind_year(docs), "doc_type"),
            "<h2>单位 documents by office</h2>",
            counts_table(documents_by_office(docs), "单位 office"),
            _failures(docs),
            _errors(data),
            _document_list(data),
        ]
    )
    path = out_dir / "index.html"
    path.write_text(page(title, body), encoding="utf-8")
    return path


def _cards(data: ReportData) -> str:
    docs, findings = data.documents, data.findings
    severity = findings["severity"].value_counts()
    cards = [
        ("文件 documents", len(docs)),
        ("成功 ok", int((docs["status"] != "failed").sum())),
        ("失败 failed", int((docs["status"] == "failed").sum())),
        ("自评表 self-evaluations", len(data.self_evals)),
        ("报表 tables", len(data.tables)),
        ("error", int(severity.get("error", 0))),
        ("warning", int(severity.get("warning", 0))),
        ("info", int(severity.get("info", 0))),
    ]
    return (
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{n}</b>{escape(label)}</div>' for label, n in cards)
        + "</div>"
    )


def _charts(drawn: dict[str, Chart | None]) -> str:
    if not drawn:
        return "<p class='muted'>⚠ 无图表：未安装 matplotlib (pip install matplotlib)。matplotlib is not installed.</p>"
    figures, missing = [], []
    for name in CHART_NAMES:
        chart = drawn.get(name)
        if chart is None:
            missing.append(name)
            continue
        notes = "".join(f"<br>⚠ {escape(n)}" for n in chart.notes)
        figures.append(
            f'<figure id="chart-{name}"><img src="{escape(chart.file)}" alt="{escape(chart.alt)}">'
            f"<figcaption>{escape(chart.title)} — {escape(chart.alt)}{notes}</figcaption></figure>"
        )
    font_note = f"图表字体 charts drawn with {escape(chart_font().family)}"
    missing_note = f"<p class='muted'>No data for: {', '.join(missing)}.</p>" if missing else ""
    return f'<div class="charts">{"".join(figures)}</div>{missing_note}<p class="muted">{font_note}</p>'


def _failures(docs: pd.DataFrame) -> str:
    failed = docs[docs["status"] == "failed"]
    if failed.empty:
        return "<h2>失败 failures</h2><p class='muted'>None: every input was read.</p>"
    rows = [[td(d.path), td(d.error_stage), td(d.error)] for d in failed.itertuples()]
    return f"<h2>失败 failures ({len(failed)})</h2>" + table(["file", "stage", "reason"], rows)


def _errors(data: ReportData) -> str:
    """Every finding of severity error, linked to its place on the document's page."""
    errors = data.findings[data.findings["severity"] == "error"]
    if errors.empty:
        return "<h2>错误 error findings</h2><p class='muted'>None.</p>"
    names = data.documents.set_index("sha256")["path"].map(lambda p: Path(str(p)).name)
    rows = []
    for f in errors.head(MAX_LISTED).itertuples():
        href = f"{doc_href(f.sha256)}#finding-{f.finding_idx}"
        link = f'<td><a href="{escape(href)}">{text(names.get(f.sha256))}</a></td>'
        rows.append([link, td(f.rule), td(f.message), td(f.stated, True), td(f.recomputed, True), td(f.page, True)])
    more = f"<p class='muted'>First {MAX_LISTED} of {len(errors)}.</p>" if len(errors) > MAX_LISTED else ""
    headers = ["file", "rule", "message", "stated", "recomputed", "page"]
    return f"<h2>错误 error findings ({len(errors)})</h2>" + table(headers, rows) + more


def _document_list(data: ReportData) -> str:
    per_doc = pd.crosstab(data.findings["sha256"], data.findings["severity"]) if len(data.findings) else None
    rows = []
    for d in data.documents.sort_values(["unit_name", "year", "path"], na_position="last").itertuples():
        counts = per_doc.loc[d.sha256] if per_doc is not None and d.sha256 in per_doc.index else {}
        link = f'<td><a href="{escape(doc_href(d.sha256))}">{text(Path(str(d.path)).name)}</a></td>'
        rows.append(
            [
                link,
                td(d.doc_type),
                td(d.unit_name),
                td(d.year, True),
                td(d.status),
                td(d.n_self_evals, True),
                td(d.n_tables, True),
                *[td(int(counts.get(s, 0)), True) for s in ("error", "warning", "info")],
            ]
        )
    headers = ["file", "doc_type", "单位 office", "year", "status", "self-evals", "tables", "error", "warning", "info"]
    return f"<h2>文件 documents ({len(rows)})</h2>" + table(headers, rows)

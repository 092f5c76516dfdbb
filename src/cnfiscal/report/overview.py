"""The overview page ``index.html`` (template ``overview.html``): the corpus at a glance, charts, failures, and
the findings and documents lists — filterable by office, year, kind, rule, severity and decision, and paginated,
in the page itself (``templates/lists.js``; the rows travel as JSON in the page, nothing is fetched)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from cnfiscal.corpus.reviews import CHINESE
from cnfiscal.report.data import (
    UNKNOWN_OFFICE,
    ReportData,
    budget_by_office,
    documents_by_kind_year,
    documents_by_office,
    findings_counts,
    total_rows,
)
from cnfiscal.report.figures import figures
from cnfiscal.report.fonts import chart_font
from cnfiscal.report.html import plain_text, text_or_none
from cnfiscal.report.pages import SEVERITY_RANK, doc_href
from cnfiscal.report.render import SEVERITY_LABELS, render_page

if TYPE_CHECKING:
    from cnfiscal.report.charts import Chart

log = logging.getLogger(__name__)
PAGE_SIZE = 50  # rows per page of the findings and documents lists
MAX_RULES = 15  # bars in the findings chart
CHART_NAMES = ("execution_rate", "score_vs_rate", "findings_by_rule", "budget_vs_executed")
FILTERS = (
    ("office", "单位 office"),
    ("year", "年度 year"),
    ("kind", "类型 kind"),
    ("rule", "规则 rule"),
    ("severity", "严重程度 severity"),
    ("decision", "审核 decision"),
)
SEVERITIES = ("error", "warning", "info")


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


def write_overview(
    data: ReportData, drawn: dict[str, Chart | None], out_dir: Path, title: str, offices: list[list[object]]
) -> Path:
    """``offices``: a row per office page (``report.offices.office_index``), linked from the overview."""
    docs = data.documents
    failed = docs[docs["status"] == "failed"]
    return render_page(
        "overview.html",
        out_dir / "index.html",
        title=title,
        lang=data.lang,
        cards=_cards(data),
        charts=[c for name in CHART_NAMES if (c := drawn.get(name)) is not None],
        missing_charts=[name for name in CHART_NAMES if drawn and drawn.get(name) is None],
        chart_font=chart_font().family,
        by_kind_year=_counts(documents_by_kind_year(docs), "类型 doc_type"),
        by_office=_counts(documents_by_office(docs), "单位 office"),
        offices=offices,
        failures=[[d.path, d.error_stage, d.error] for d in failed.itertuples()],
        filter_labels=FILTERS,
        page_size=PAGE_SIZE,
        n_findings=len(data.findings),
        n_errors=int((data.findings["severity"] == "error").sum()),
        n_documents=len(docs),
        data=list_data(data),
    )


def _cards(data: ReportData) -> list[tuple[str, int]]:
    docs, severity = data.documents, data.findings["severity"].value_counts()
    return [
        ("文件 documents", len(docs)),
        ("成功 ok", int((docs["status"] != "failed").sum())),
        ("失败 failed", int((docs["status"] == "failed").sum())),
        ("自评表 self-evaluations", len(data.self_evals)),
        ("报表 tables", len(data.tables)),
        *((SEVERITY_LABELS[s], int(severity.get(s, 0))) for s in SEVERITIES),
        ("已审核 reviewed", int(data.findings["decision"].notna().sum())),
    ]


def _counts(frame: pd.DataFrame, index_name: str) -> dict[str, Any]:
    """A crosstab of counts as grid data, with row totals."""
    if frame.empty:
        return {"rows": []}
    rows = [
        [idx, *[int(v) for v in row], int(sum(row))]
        for idx, row in zip(frame.index, frame.to_numpy().tolist(), strict=True)
    ]
    return {"headers": [index_name, *[str(c) for c in frame.columns], "合计"], "rows": rows, "num": range(1, 99)}


def list_data(data: ReportData) -> dict[str, Any]:
    """The rows of the two lists, compact (one-letter keys: they travel inside the page)."""
    docs = data.documents.sort_values(["unit_name", "year", "path"], na_position="last")
    index = {sha: i for i, sha in enumerate(docs["sha256"])}
    per_doc = pd.crosstab(data.findings["sha256"], data.findings["severity"]) if len(data.findings) else None
    rows = [_doc_row(d, per_doc) for d in docs.itertuples(index=False)]
    findings = data.findings.assign(
        order_rank=data.findings["severity"].map(SEVERITY_RANK).fillna(len(SEVERITY_RANK)),
        doc_index=data.findings["sha256"].map(index),
    ).sort_values(["order_rank", "doc_index", "finding_idx"])
    items = [_finding_row(f) for f in findings.itertuples(index=False) if pd.notna(f.doc_index)]
    labels = {"severity": SEVERITY_LABELS, "decision": {**{d.value: zh for d, zh in CHINESE.items()}, "none": "未审核"}}
    return {"docs": rows, "findings": items, "page_size": PAGE_SIZE, "labels": labels}


def _doc_row(d: Any, per_doc: pd.DataFrame | None) -> dict[str, object]:
    counts = per_doc.loc[d.sha256] if per_doc is not None and d.sha256 in per_doc.index else {}
    return {
        "n": Path(str(d.path)).name,
        "h": doc_href(d.sha256),
        "o": text_or_none(d.unit_name) or UNKNOWN_OFFICE,
        "y": plain_text(d.year) or "—",
        "k": text_or_none(d.doc_type) or "unknown",
        "s": text_or_none(d.status),
        "se": plain_text(d.n_self_evals),
        "t": plain_text(d.n_tables),
        **{s[0]: int(counts.get(s, 0)) for s in SEVERITIES},
    }


def _finding_row(f: Any) -> dict[str, object]:
    shown = figures(f.stated, f.recomputed, f.difference, f.message_params)
    return {
        "d": int(f.doc_index),
        "h": f"{doc_href(f.sha256)}#finding-{f.finding_idx}",
        "s": text_or_none(f.severity),
        "r": text_or_none(f.rule),
        "m": text_or_none(f.message),
        "st": shown.stated,
        "rc": shown.recomputed,
        "p": plain_text(f.page),
        "dc": text_or_none(f.decision),
        "dn": text_or_none(f.decision_note),
    }

"""The auditor's workbook: sheets documents, findings, corpus_findings (across documents), funding, indicators —
frozen header row, autofilter.

The findings and corpus_findings sheets start with ``finding_id``, ``decision`` (确认 / 驳回 / 待定, a drop-down
list) and ``note``:
the auditor writes decisions there and ``cnfiscal review --import`` reads them back; decisions already in the
database are filled in (with who made them and when).

Amounts are the exact 元 values (written as numbers) next to the text as printed; rates are fractions.
Every sheet carries the file path and office, so a filtered sheet still says where a row comes from.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cnfiscal.corpus.review_import import SHEETS as REVIEW_SHEETS  # the sheets decisions are read back from
from cnfiscal.report.crossfindings import COLUMNS as CROSS
from cnfiscal.report.crossfindings import LABELS as CROSS_LABELS
from cnfiscal.report.data import ReportData, decision_label

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = [
    "path",
    "doc_type",
    "unit_name",
    "year",
    "status",
    "error_stage",
    "error",
    "pages",
    "input_kind",
    "ocr",
    "n_self_evals",
    "n_tables",
    "n_claims",
    "n_findings",
    "n_warnings",
    "seconds",
    "sha256",
]
FINDING_COLUMNS = [
    "severity",
    "rule",
    "message",
    "stated",
    "recomputed",
    "difference",
    "tolerance",
    "page",
    "location",
    "evidence",
]
# Chinese labels of the findings sheet's columns, shown as notes on its header cells (the column names stay the
# data's names: scripts and ``cnfiscal review --import`` read them).
FINDING_LABELS = {
    "finding_id": "核查发现编号（稳定，不随运行变化）",
    "decision": "审核决定：确认 / 驳回 / 待定",
    "note": "审核说明",
    "path": "文件",
    "unit_name": "单位",
    "severity": "严重程度：error 错误 / warning 警告 / info 印刷精度",
    "rule": "规则编号（见 docs/rules.md）",
    "message": "说明",
    "stated": "表中数（元）",
    "recomputed": "重算数（元）",
    "difference": "差额（元）",
    "tolerance": "容差",
    "page": "页码",
    "location": "记录中的位置",
    "evidence": "原文",
    "decision_who": "审核人",
    "decision_when": "审核时间（UTC）",
}
REVIEW_COLUMNS = ["finding_id", "decision", "note"]
REVIEW_TRAIL = ["decision_who", "decision_when"]
FUNDING_COLUMNS = [
    "se_idx",
    "se_kind",
    "project_name",
    "source",
    "canonical",
    "is_breakdown",
    "initial_budget_yuan",
    "initial_budget_raw",
    "annual_budget_yuan",
    "annual_budget_raw",
    "executed_yuan",
    "executed_raw",
    "weight",
    "rate",
    "rate_raw",
    "score",
    "page",
]
INDICATOR_COLUMNS = [
    "se_idx",
    "se_kind",
    "project_name",
    "level1",
    "level2",
    "level3",
    "target_raw",
    "target_op",
    "target_value",
    "target_unit",
    "target_kind",
    "actual_raw",
    "actual_op",
    "actual_value",
    "actual_unit",
    "actual_kind",
    "weight",
    "score",
    "reason",
    "is_subtotal",
    "page",
]
MAX_WIDTH = 60


def sheets(data: ReportData) -> dict[str, pd.DataFrame]:
    """The workbook's sheets as DataFrames; funding and indicator rows say which self-evaluation they belong to."""
    where = data.documents[["sha256", "path", "unit_name"]]
    self_eval = data.self_evals[["sha256", "se_idx", "kind", "project_name"]].rename(columns={"kind": "se_kind"})
    return {
        "documents": data.documents[DOCUMENT_COLUMNS],
        "findings": _findings(data, where),
        "corpus_findings": _cross_findings(data),
        "funding": _with_document(_with_self_eval(data.funding, self_eval), FUNDING_COLUMNS, where),
        "indicators": _with_document(_with_self_eval(data.indicators, self_eval), INDICATOR_COLUMNS, where),
    }


def _findings(data: ReportData, where: pd.DataFrame) -> pd.DataFrame:
    """Decision columns first (the auditor fills them in), then the finding and where it is."""
    frame = data.findings.assign(
        decision=[decision_label(d) for d in data.findings["decision"]],
        note=data.findings["decision_note"],
    )
    merged = frame.merge(where, on="sha256", how="left")
    return merged[[*REVIEW_COLUMNS, "path", "unit_name", *FINDING_COLUMNS, *REVIEW_TRAIL, "sha256"]]


def _cross_findings(data: ReportData) -> pd.DataFrame:
    """The findings across two documents, decision columns first as on the findings sheet."""
    frame = data.corpus_findings
    frame = frame.assign(decision=[decision_label(d) for d in frame["decision"]], note=frame["decision_note"])
    rest = [c for c in CROSS if c != "finding_id"]
    return frame[[*REVIEW_COLUMNS, *rest, *REVIEW_TRAIL]]


def _with_self_eval(frame: pd.DataFrame, self_eval: pd.DataFrame) -> pd.DataFrame:
    return frame.merge(self_eval, on=["sha256", "se_idx"], how="left")


def _with_document(frame: pd.DataFrame, columns: list[str], where: pd.DataFrame) -> pd.DataFrame:
    merged = frame.merge(where, on="sha256", how="left")
    return merged[["path", "unit_name", *columns, "sha256"]]


def write_workbook(data: ReportData, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets(data).items():
            frame.to_excel(writer, sheet_name=name, index=False)
            _format(writer.sheets[name], frame)
            if name in REVIEW_SHEETS:
                _decision_list(writer.sheets[name], len(frame))
                _header_notes(writer.sheets[name], list(frame.columns))
    log.info("wrote %s", path)
    return path


def _format(ws: Worksheet, frame: pd.DataFrame) -> None:
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, column in enumerate(frame.columns, start=1):
        values = [str(column), *(str(v) for v in frame[column].head(200) if v is not None)]
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(8, *(_width(v) for v in values)))


def _decision_list(ws: Worksheet, rows: int) -> None:
    """A drop-down of 确认 / 驳回 / 待定 on the decision column (other words are still read back)."""
    column = get_column_letter(REVIEW_COLUMNS.index("decision") + 1)
    check = DataValidation(type="list", formula1='"确认,驳回,待定"', allow_blank=True, showErrorMessage=False)
    check.add(f"{column}2:{column}{max(rows + 1, 2)}")
    ws.add_data_validation(check)


def _header_notes(ws: Worksheet, columns: list[str]) -> None:
    for i, column in enumerate(columns, start=1):
        label = FINDING_LABELS.get(column) or CROSS_LABELS.get(column)
        if label:
            ws.cell(1, i).comment = Comment(label, "cnfiscal")


def _width(value: str) -> int:
    """Display width: a CJK character takes two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in value) + 2

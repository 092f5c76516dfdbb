"""The cross-document findings (``corpus_findings``) as the workbook and the office pages show them: each side's file
and page, the office's name, the message in the report's language, and the auditor's decision that holds.

A cross-document finding takes decisions like a single document's (``corpus.reviews``): the workbook's
``corpus_findings`` sheet has the same ``finding_id`` / ``decision`` / ``note`` columns, read back by
``cnfiscal review --import``.
"""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from cnfiscal.vocab.messages import DEFAULT_LANG, TEMPLATES, render

_QUERY = """
    SELECT f.finding_id, o.name AS office, f.severity, f.rule, f.message, f.item,
           a.path AS path_a, f.page_a, f.year_a, b.path AS path_b, f.page_b, f.year_b,
           f.stated, f.recomputed, f.difference, f.tolerance, f.evidence,
           f.sha256_a, f.sha256_b, f.office_id, f.message_key, f.message_params
    FROM corpus_findings f
    LEFT JOIN offices o ON o.office_id = f.office_id
    LEFT JOIN documents a ON a.sha256 = f.sha256_a
    LEFT JOIN documents b ON b.sha256 = f.sha256_b
    ORDER BY o.name, CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.year_a, f.page_a
"""
COLUMNS = [
    "finding_id",
    "office",
    "severity",
    "rule",
    "message",
    "item",
    "path_a",
    "page_a",
    "year_a",
    "path_b",
    "page_b",
    "year_b",
    "stated",
    "recomputed",
    "difference",
    "tolerance",
    "evidence",
    "sha256_a",
    "sha256_b",
    "office_id",
]
# Chinese labels of the sheet's columns (header notes); the column names stay the data's names.
LABELS = {
    "office": "单位（跨文件归并后的单位）",
    "item": "核对项目",
    "path_a": "陈述所在文件（A）",
    "page_a": "A 页码",
    "year_a": "A 年度",
    "path_b": "被比对文件（B）",
    "page_b": "B 页码",
    "year_b": "B 年度",
    "stated": "A 所述（元）",
    "recomputed": "B 所载（元）",
}


def load_cross_findings(con: duckdb.DuckDBPyConnection, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Every cross-document finding with both sides' files and pages (empty, with the columns, when there is none)."""
    frame = con.execute(_QUERY).df()
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    parts = zip(frame["message"], frame["message_key"], frame["message_params"], frame["severity"], strict=True)
    frame["message"] = [message_in(m, k, p, lang, s) for m, k, p, s in parts]
    return frame[COLUMNS]


def message_in(stored: str, key: str | None, params: str | None, lang: str, severity: str) -> str:
    """The stored (Chinese) message, or the template's in another language."""
    if lang == DEFAULT_LANG or not key or key not in TEMPLATES:
        return stored
    return render(key, json.loads(params or "{}"), lang, within=severity == "info")

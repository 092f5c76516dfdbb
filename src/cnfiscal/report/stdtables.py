"""The 决算 / 预算 standard tables of a document page, as extracted: one collapsible table each, every cell the
amount as printed with its exact 元 value as a tooltip."""

from __future__ import annotations

import json
import logging
from typing import Any

from cnfiscal.report.html import is_missing, money_cell, table, td, text

log = logging.getLogger(__name__)


def tables_section(tables: list[Any], rows: list[Any], values: list[Any]) -> str:
    """``tables``, ``rows`` (table_rows) and ``values`` (table_values) of one document, as row tuples."""
    if not tables:
        return ""
    parts = [f"<h2>报表 tables ({len(tables)})</h2>"]
    for t in tables:
        t_rows = [r for r in rows if r.table_idx == t.table_idx]
        t_values = [v for v in values if v.table_idx == t.table_idx]
        parts.append(_one_table(t, t_rows, t_values))
    return "\n".join(parts)


def _one_table(t: Any, rows: list[Any], values: list[Any]) -> str:
    pages = f"p. {text(t.page_start)}–{text(t.page_end)}"
    label = " ".join(x for x in (text(t.code), text(t.name)) if x)
    facts = [f"{len(rows)} rows", *([f"单位：{text(t.unit)}"] if not is_missing(t.unit) else []), pages]
    summary = f"<summary>{label} <span class='muted'>({', '.join(facts)})</span></summary>"
    if not rows:
        empty = "empty table (无数据)" if t.empty else "no rows read"
        return f"<details id='table-{t.table_idx}'>{summary}<p class='muted'>{empty}</p></details>"
    columns = _columns(t.columns, values)
    cells = {(v.row_idx, v.column_name): (v.value_raw, v.value_yuan) for v in values}
    two_sided = any(isinstance(r.side, str) for r in rows)
    headers = [*(["side"] if two_sided else []), "code", "name", "level", *columns, "page"]
    body = []
    for r in rows:
        lead = [td(r.side)] if two_sided else []
        amounts = [money_cell(*cells.get((r.row_idx, c), (None, None))) for c in columns]
        body.append([*lead, td(r.code), td(r.name), td(r.level), *amounts, td(r.page, True)])
    notes = f"<p class='muted'>{text(t.notes)}</p>" if isinstance(t.notes, str) else ""
    return f"<details id='table-{t.table_idx}'>{summary}{table(headers, body)}{notes}</details>"


def _columns(declared: object, values: list[Any]) -> list[str]:
    """The table's columns in their printed order, then any column only the values name."""
    names: list[str] = []
    if isinstance(declared, str) and declared:
        try:
            names = [str(c) for c in json.loads(declared)]
        except ValueError:
            log.warning("bad columns list %r", declared)
    seen = set(names)
    for name in (v.column_name for v in values):
        if isinstance(name, str) and name not in seen:
            names.append(str(name))
            seen.add(name)
    return names

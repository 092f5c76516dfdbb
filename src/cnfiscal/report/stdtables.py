"""The 决算 / 预算 standard tables of a document page, as extracted: one collapsible table each (template
``document.html``), every cell the amount as printed with its exact 元 value as a tooltip."""

from __future__ import annotations

import json
import logging
from typing import Any

from cnfiscal.report.html import is_missing, plain_text
from cnfiscal.report.render import Cell

log = logging.getLogger(__name__)


def table_views(tables: list[Any], rows: list[Any], values: list[Any]) -> list[dict[str, object]]:
    """``tables``, ``rows`` (table_rows) and ``values`` (table_values) of one document, as template data."""
    return [
        _one_table(
            t, [r for r in rows if r.table_idx == t.table_idx], [v for v in values if v.table_idx == t.table_idx]
        )
        for t in tables
    ]


def _one_table(t: Any, rows: list[Any], values: list[Any]) -> dict[str, object]:
    pages = f"p. {plain_text(t.page_start)}–{plain_text(t.page_end)}"
    label = " ".join(x for x in (plain_text(t.code), plain_text(t.name)) if x)
    facts = [f"{len(rows)} rows", *([f"单位：{plain_text(t.unit)}"] if not is_missing(t.unit) else []), pages]
    view: dict[str, object] = {"idx": t.table_idx, "label": label, "facts": ", ".join(facts), "rows": []}
    if not rows:
        view["empty"] = "empty table (无数据)" if t.empty else "no rows read"
        return view
    columns = _columns(t.columns, values)
    cells = {(v.row_idx, v.column_name): (v.value_raw, v.value_yuan) for v in values}
    two_sided = any(isinstance(r.side, str) for r in rows)
    view["headers"] = [*(["side"] if two_sided else []), "code", "name", "level", *columns, "page"]
    view["rows"] = [
        [
            *([r.side] if two_sided else []),
            r.code,
            r.name,
            r.level,
            *(money_cell(*cells.get((r.row_idx, c), (None, None))) for c in columns),
            Cell(r.page, num=True),
        ]
        for r in rows
    ]
    view["notes"] = t.notes if isinstance(t.notes, str) else ""
    return view


def money_cell(raw: object, yuan: object) -> Cell:
    """A money cell: the amount as printed, with its exact value in 元 as a tooltip."""
    title = f"= {plain_text(yuan)} 元" if plain_text(yuan) else None
    return Cell(raw if plain_text(raw) else yuan, title=title, num=True)


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

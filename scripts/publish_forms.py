"""Publish hand-checked self-evaluation records as an office would: .xlsx, .docx, .html and copied page text.

    .venv/bin/python scripts/publish_forms.py tests/data/formats

For each expected record ``tests/data/expected/selfeval/<stem>.json`` it lays the form out as the Guizhou
template prints it (nine columns: the block labels 资金/年度总体目标/绩效指标 in merged cells on the left,
level-1 and level-2 labels merged over their rows, 总分, 自评结论; title, year, 单位（盖章）/填报日期 above;
联系人 and 注 below) and writes that one layout in five formats:

- ``<stem>.xlsx``: one sheet, merged cells (openpyxl); every value a text cell, as printed in the record;
- ``<stem>.docx``: paragraphs and one table with ``gridSpan``/``vMerge`` merges (python-docx);
- ``<stem>.html``: a GBK-encoded page (``<meta charset="gbk">``), one ``<table>`` with rowspan/colspan;
- ``<stem>.cells.txt``: the page as a browser copies it one cell a line (merged cells once, empty cells as
  empty lines, a cell's own line breaks joined);
- ``<stem>.dense.txt``: the same, from a copy that drops empty cells (no line for them);
- ``<stem>.pipes.txt``: one table row a line, cells separated by `` | `` (rowspans lost: a row lists only
  the cells that start in it).

Values are written exactly as the record's ``raw`` strings (amounts, rates, targets), labels as the record
names them (level-2 labels canonical). The script reads nothing of cnfiscal: the fixtures do not depend on
the parser they test. ``tests/extract/backends/formats.py --report`` reads them back and prints the
agreement with the record.
"""

from __future__ import annotations

import argparse
import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "data" / "expected" / "selfeval"
STEMS = ("seed000", "seed004", *(f"seed003_p{k}" for k in range(1, 8)))
N_COLS = 9
TITLES = {"dept": "部门整体支出绩效目标自评表", "project": "项目支出绩效自评表"}


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class Form:
    above: list[str]  # paragraphs before the table
    cells: list[Cell]
    n_rows: int
    below: list[str]  # paragraphs after the table


def layout(rec: dict[str, Any]) -> Form:
    cells: list[Cell] = []
    row = 0

    def put(*items: tuple[int, str, int]) -> None:  # (col, text, colspan) on the current row
        nonlocal row
        for col, text, span in items:
            cells.append(Cell(row, col, text, 1, span))
        row += 1

    for label, value in header_fields(rec):
        put((0, label, 3), (3, value, 6))
    start = row
    unit = f"（{rec['money_unit']}）" if rec.get("money_unit") else ""
    put(
        (1, "资金来源", 2),
        *(
            (3 + k, t, 1)
            for k, t in enumerate(("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率", "得分"))
        ),
    )
    for f in rec["funding"]:
        put((1, f["source"], 2), *((3 + k, t, 1) for k, t in enumerate(funding_values(f))))
    cells.append(Cell(start, 0, f"资金{unit}", row - start, 1))
    goals = rec.get("goals") or {}
    cells.append(Cell(row, 0, "年度总体目标", 2, 1))
    put((1, "预期目标", 4), (5, "实际完成情况", 4))
    put((1, goals.get("expected") or "", 4), (5, goals.get("actual") or "", 4))
    start = row
    headers = (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值（A）",
        "实际完成值（B）",
        "分值",
        "得分",
        "未完成原因分析",
    )
    put(*((1 + k, t, 1) for k, t in enumerate(headers)))
    row = indicator_rows(rec["indicators"], cells, row)
    cells.append(Cell(start, 0, "绩效指标", row - start, 1))
    total = rec.get("total") or {}
    put((0, "总分", 6), (6, total.get("weight") or "", 1), (7, total.get("score") or "", 1), (8, "", 1))
    conclusion = (rec.get("conclusion") or {}).get("text")
    if conclusion:
        put((0, "自评结论", 1), (1, conclusion, 8))
    return Form(above_paragraphs(rec), cells, row, below_paragraphs(rec))


def header_fields(rec: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if rec["kind"] == "dept":
        if rec.get("unit_name"):
            yield "部门（单位）名称", rec["unit_name"]
        return
    for label, key in (("项目名称", "project_name"), ("主管部门及代码", "department"), ("实施单位", "unit_name")):
        if rec.get(key):
            yield label, rec[key]


def funding_values(f: dict[str, Any]) -> list[str]:
    amounts = [(f.get(k) or {}).get("raw") or "" for k in ("initial_budget", "annual_budget", "executed")]
    return [*amounts, f.get("weight") or "", f.get("rate_raw") or "", f.get("score") or ""]


def indicator_rows(indicators: list[dict[str, Any]], cells: list[Cell], row: int) -> int:
    """Level-1 and level-2 labels merged over the consecutive rows that share them."""
    for start, end, text in runs(indicators, lambda i: (i.get("level1"), i.get("level1_weight")), level1_text):
        cells.append(Cell(row + start, 1, text, end - start, 1))
    key2 = lambda i: (i.get("level1"), i.get("level1_weight"), i.get("level2"))  # noqa: E731
    for start, end, text in runs(indicators, key2, lambda i: i.get("level2") or ""):
        cells.append(Cell(row + start, 2, text, end - start, 1))
    for k, ind in enumerate(indicators):
        values = (ind.get("level3") or "", measure(ind.get("target")), measure(ind.get("actual")))
        values += (ind.get("weight") or "", ind.get("score") or "", ind.get("reason") or "")
        cells.extend(Cell(row + k, 3 + j, t) for j, t in enumerate(values))
    return row + len(indicators)


def runs(items: list[dict[str, Any]], key: Any, text: Any) -> Iterator[tuple[int, int, str]]:
    start = 0
    for k in range(1, len(items) + 1):
        if k == len(items) or key(items[k]) != key(items[start]) or not text(items[start]):
            yield start, k, text(items[start])
            start = k


def level1_text(ind: dict[str, Any]) -> str:
    label = ind.get("level1") or ""
    return f"{label}（{ind['level1_weight']}分）" if label and ind.get("level1_weight") else label


def measure(m: dict[str, Any] | None) -> str:
    return (m or {}).get("raw") or ""


def above_paragraphs(rec: dict[str, Any]) -> list[str]:
    out = [TITLES[rec["kind"]]]
    if rec.get("year"):
        out.append(f"（{rec['year']}年度）")
    date = rec.get("fill_date")
    if date:
        y, m, d = (int(p) for p in date.split("-"))
        out.append(f"单位（盖章）：          填报日期：{y}年{m}月{d}日")
    return out


def below_paragraphs(rec: dict[str, Any]) -> list[str]:
    out: list[str] = []
    contact = rec.get("contact") or {}
    if contact.get("name") or contact.get("phone"):
        out.append(f"联系人：{contact.get('name') or ''}          联系电话：{contact.get('phone') or ''}")
    return out + list(rec.get("notes") or [])


# -- writers ------------------------------------------------------------------------------------


def write_xlsx(form: Form, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    r0 = 1
    for text in form.above:
        sheet.cell(r0, 1, text)
        sheet.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=N_COLS)
        r0 += 1
    for c in form.cells:
        cell = sheet.cell(r0 + c.row, c.col + 1, c.text or None)
        if c.text.startswith("="):  # a target printed ``=100%`` is text, not a formula
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if c.rowspan > 1 or c.colspan > 1:
            sheet.merge_cells(
                start_row=r0 + c.row,
                start_column=c.col + 1,
                end_row=r0 + c.row + c.rowspan - 1,
                end_column=c.col + c.colspan,
            )
    r1 = r0 + form.n_rows
    for k, text in enumerate(form.below):
        sheet.cell(r1 + k, 1, text)
        sheet.merge_cells(start_row=r1 + k, start_column=1, end_row=r1 + k, end_column=N_COLS)
    book.save(path)


def write_docx(form: Form, path: Path) -> None:
    import docx

    document = docx.Document()
    for text in form.above:
        document.add_paragraph(text)
    table = document.add_table(rows=form.n_rows, cols=N_COLS)
    for c in form.cells:
        cell = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        cell.text = c.text
    for text in form.below:
        document.add_paragraph(text)
    document.save(path)


def write_html(form: Form, path: Path) -> None:
    out = ['<!DOCTYPE html>\n<html><head><meta charset="gbk"><title>绩效自评表</title></head><body>']
    out += [f"<p>{html.escape(t)}</p>" for t in form.above]
    out.append('<table border="1">')
    for r in range(form.n_rows):
        tds = []
        for c in sorted((c for c in form.cells if c.row == r), key=lambda c: c.col):
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            )
            tds.append(f"<td{attrs}>{'<br>'.join(html.escape(ln) for ln in c.text.split(chr(10)))}</td>")
        out.append(f"<tr>{''.join(tds)}</tr>")
    out.append("</table>")
    out += [f"<p>{html.escape(t)}</p>" for t in form.below]
    out.append("</body></html>\n")
    path.write_bytes("\n".join(out).encode("gbk", errors="xmlcharrefreplace"))


def table_rows(form: Form) -> list[list[str]]:
    """The cells that start in each row, left to right, each cell's lines joined (as a browser copies them)."""
    return [
        [c.text.replace("\n", "") for c in sorted((c for c in form.cells if c.row == r), key=lambda c: c.col)]
        for r in range(form.n_rows)
    ]


def write_cells(form: Form, path: Path) -> None:
    lines = [*form.above, *(t for row in table_rows(form) for t in row), *form.below]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_dense(form: Form, path: Path) -> None:
    """One cell a line as a copy that drops empty cells (no line for an empty cell)."""
    lines = [*form.above, *(t for row in table_rows(form) for t in row if t), *form.below]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_pipes(form: Form, path: Path) -> None:
    lines = [*form.above, *(" | ".join(row) for row in table_rows(form)), *form.below]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


WRITERS = {
    "xlsx": write_xlsx,
    "docx": write_docx,
    "html": write_html,
    "cells.txt": write_cells,
    "dense.txt": write_dense,
    "pipes.txt": write_pipes,
}


def publish(out: Path, stems: tuple[str, ...] = STEMS, formats: tuple[str, ...] = tuple(WRITERS)) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for stem in stems:
        form = layout(json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8")))
        for suffix in formats:
            writer = WRITERS[suffix]
            path = out / f"{stem}.{suffix}"
            writer(form, path)
            written.append(path)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "tests" / "data" / "formats")
    parser.add_argument("--formats", nargs="+", choices=list(WRITERS), default=list(WRITERS))
    args = parser.parse_args()
    for path in publish(args.out, formats=tuple(args.formats)):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

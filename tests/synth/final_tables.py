"""The standard tables of a synthetic report: printed cells (header, body) and the expected ``Table``."""

from __future__ import annotations

from decimal import Decimal

from cnfiscal.models import Money, Table, TableRow
from cnfiscal.vocab.tables import SPEC_BY_KIND, TableKind
from tests.synth.final_render import HCell

NUMERALS = "一二三四五六七八九十"
LEVEL = {3: "类", 5: "款", 7: "项"}
ZERO = Decimal(0)


class Printer:
    """Amounts as printed in one report (unit, thousands commas, zeros blank or 0.00)."""

    def __init__(self, unit: str, comma: bool, zero_blank: bool) -> None:
        self.unit, self.comma, self.zero_blank = unit, comma, zero_blank

    def text(self, yuan: Decimal | None) -> str:
        if yuan is None or (yuan == 0 and self.zero_blank):
            return ""
        v = yuan / (10000 if self.unit == "万元" else 1)
        return f"{v:,.2f}" if self.comma else f"{v:.2f}"

    def money(self, yuan: Decimal | None) -> Money | None:
        raw = self.text(yuan)
        return Money(yuan=yuan, raw=raw, unit=self.unit) if raw else None  # type: ignore[arg-type]


def expected_table(
    kind: TableKind,
    code: str | None,
    unit: str,
    year: int,
    columns: list[str],
    rows: list[TableRow],
    empty: bool = False,
) -> Table:
    return Table(
        name=SPEC_BY_KIND[kind].title,
        code=code,
        kind=kind.value,
        unit=unit,
        year=year,
        columns=columns,
        rows=rows,
        empty=empty,
    )  # type: ignore[arg-type]


def row(
    pr: Printer, name: str | None, values: dict[str, Decimal | None], code: str | None = None, side: str | None = None
) -> TableRow:
    vals = {k: m for k, v in values.items() if (m := pr.money(v)) is not None}
    return TableRow(code=code, name=name, level=LEVEL.get(len(code)) if code else None, values=vals, side=side)  # type: ignore[arg-type]


def two_sided(
    pr: Printer,
    income: list[tuple[str, Decimal]],
    expense: list[tuple[str, Decimal]],
    closing: list[tuple[str, Decimal, str, Decimal]],
    col: str,
    line_no: bool = False,
):
    """Body and expected rows of a 收入 | 支出 table (one amount column per side, named ``col``; with
    ``line_no`` each side prints a 行次 column too)."""
    body, rows = [], []
    n = max(len(income), len(expense))
    pairs = [(income[i] if i < len(income) else None, expense[i] if i < len(expense) else None) for i in range(n)]
    pairs += [((a, b), (c, d)) for a, b, c, d in closing]
    for k, (inc, exp) in enumerate(pairs):
        cells = []
        for item, side, off in ((inc, "收入", 0), (exp, "支出", len(pairs))):
            if item is None:
                cells += ["", "", ""] if line_no else ["", ""]
                continue
            cells += [item[0], str(k + 1 + off), pr.text(item[1])] if line_no else [item[0], pr.text(item[1])]
            rows.append(row(pr, item[0], {col: item[1]}, side=side))
        body.append(cells)
    return body, rows


def header_two_sided(left: str, right: str, col: str, line_no: bool = False) -> list[HCell]:
    labels = ["项目", "行次", col] if line_no else ["项目", col]
    n = len(labels)
    return [HCell(left, 0, n), HCell(right, n, n)] + [HCell(t, i, row=1) for i, t in enumerate(labels * 2)]


def code_cells(code: str, split: bool) -> list[str]:
    if not split:
        return [code]
    return [code[:3], code[3:5], code[5:7]]


def coded_body(
    pr: Printer, lines: list[tuple[str, str, list[Decimal]]], cols: list[str], split: bool, total: list[Decimal] | None
):
    """Rows of a 科目编码 table (``lines``: code, name, one amount per column), a 合计 row first when ``total``."""
    body, rows = [], []
    ncode = 3 if split else 1
    if total is not None:
        body.append([""] * ncode + ["合计"] + [pr.text(v) for v in total])
        rows.append(row(pr, "合计", dict(zip(cols, total, strict=True))))
    for code, name, values in lines:
        body.append(code_cells(code, split) + [name] + [pr.text(v) for v in values])
        rows.append(row(pr, name, dict(zip(cols, values, strict=True)), code=code))
    return body, rows


def coded_header(cols: list[HCell], split: bool, label: str = "科目编码") -> list[HCell]:
    """Label columns (科目编码 [类|款|项] | 科目名称) + the value header cells (columns shifted right)."""
    ncode = 3 if split else 1
    if split:
        head = [
            HCell(label, 0, 3),
            HCell("类", 0, row=1),
            HCell("款", 1, row=1),
            HCell("项", 2, row=1),
            HCell("科目名称", 3, rows=2),
        ]
    else:
        head = [HCell("项目", 0, 2), HCell(label, 0, row=1), HCell("科目名称", 1, row=1)]
    return head + [HCell(c.text, c.col + ncode + 1, c.span, c.rows, c.row) for c in cols]


def classes(lines: list[tuple[str, str, Decimal, Decimal]]) -> list[tuple[str, Decimal]]:
    """The 类 lines as a 总表 prints them: ``一、一般公共服务支出`` and the 类 total."""
    out = [(n, b + p) for c, n, b, p in lines if len(c) == 3]
    return [(f"{NUMERALS[i]}、{n}", v) for i, (n, v) in enumerate(out)]

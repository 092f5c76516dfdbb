"""A synthetic form as a printed grid: rows of cells over eight logical columns, with merged cells.

Columns: funding block — unit label (merged down), source, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
得分; indicator block — 一级 (merged), 二级 (merged), 三级, 年度指标值, 实际完成值, 分值, 得分,
未完成原因分析. Both renderers (PDF and tab-separated OCR text) draw from this one description, so what
they print is the same data as ``selfeval_forms.expected``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.synth.selfeval_forms import Form, _plain

NCOLS = 8


@dataclass
class GCell:
    col: int
    text: str
    span: int = 1
    rowspan: int = 1


@dataclass
class GRow:
    cells: list[GCell]
    part: str  # header | funding | goals | indhead | ind{k} | total | conclusion
    min_lines: int = 1
    covered: set[int] = field(default_factory=set)  # columns covered by a merged cell from a row above


def level1_label(form: Form, k: int) -> str:
    ind = form.indicators[k]
    weight = f"（{_plain(ind.level1_weight)}分）" if ind.level1_weight is not None else ""
    return ind.level1 + weight


def grid_rows(form: Form) -> list[GRow]:
    rows: list[GRow] = []
    if form.kind == "dept":
        rows.append(GRow([GCell(0, "部门（单位）名称"), GCell(1, form.unit_name, 7)], "header"))
    else:
        rows.append(GRow([GCell(0, "项目名称"), GCell(1, form.project_name or "", 7)], "header"))
        rows.append(
            GRow(
                [
                    GCell(0, "主管部门及代码"),
                    GCell(1, form.department or "", 3),
                    GCell(4, "实施单位"),
                    GCell(5, form.unit_name, 3),
                ],
                "header",
            )
        )
    rows.extend(_funding_rows(form))
    rows.append(
        GRow([GCell(0, "年度总体目标", rowspan=2), GCell(1, "预期目标", 3), GCell(4, "实际完成情况", 4)], "goals")
    )
    rows.append(GRow([GCell(1, form.goals[0], 3), GCell(4, form.goals[1], 4)], "goals", covered={0}))
    rows.append(
        GRow(
            [
                GCell(c, t)
                for c, t in enumerate(
                    (
                        "一级指标",
                        "二级指标",
                        "三级指标",
                        "年度指标值（A）",
                        "实际完成值（B）",
                        "分值",
                        "得分",
                        "未完成原因分析",
                    )
                )
            ],
            "indhead",
        )
    )
    rows.extend(_indicator_rows(form))
    rows.append(
        GRow(
            [
                GCell(0, "总分", 5),
                GCell(5, _plain(form.total_weight)),
                GCell(6, _plain(form.total_score)),
                GCell(7, ""),
            ],
            "total",
        )
    )
    rows.append(
        GRow(
            [GCell(0, "自评结论"), GCell(1, "\n".join(form.conclusion_lines), 7)],
            "conclusion",
            min_lines=len(form.conclusion_lines),
        )
    )
    return rows


def _funding_rows(form: Form) -> list[GRow]:
    unit_label = "资金（万元）" if form.kind == "dept" else f"项目资金（{form.money_unit}）"
    if form.suffix:
        unit_label = "资金"
    n = len(form.funding) + 1
    rows = [
        GRow(
            [GCell(0, unit_label, rowspan=n)]
            + [
                GCell(c + 1, t)
                for c, t in enumerate(
                    ("资金来源", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率", "得分")
                )
            ],
            "funding",
        )
    ]
    for f in form.funding:
        texts = [
            f.label + ("：" if f.canonical == "total" else ""),
            *(form.amount_text(a) for a in f.amounts),
            _plain(f.weight) if f.weight is not None else "—",
            f.rate_raw,
            _plain(f.score) if f.score is not None else "—",
        ]
        rows.append(GRow([GCell(c + 1, t) for c, t in enumerate(texts)], "funding", covered={0}))
    return rows


def _spans(keys: list[str]) -> list[int]:
    """Run lengths of equal consecutive keys, at the first index of each run (0 elsewhere)."""
    out = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out[start] = i - start
            start = i
    return out


def _indicator_rows(form: Form) -> list[GRow]:
    inds = form.indicators
    l1 = _spans([i.level1 for i in inds])
    l2 = _spans([f"{i.level1}/{i.level2}" for i in inds])
    rows = []
    for k, ind in enumerate(inds):
        cells = []
        covered = set()
        if l1[k]:
            cells.append(GCell(0, level1_label(form, k), rowspan=l1[k]))
        else:
            covered.add(0)
        if l2[k]:
            cells.append(GCell(1, ind.level2_printed, rowspan=l2[k]))
        else:
            covered.add(1)
        cells += [
            GCell(2, ind.level3),
            GCell(3, ind.target.raw),
            GCell(4, ind.actual.raw),
            GCell(5, _plain(ind.weight)),
            GCell(6, _plain(ind.score)),
            GCell(7, ind.reason or ""),
        ]
        rows.append(GRow(cells, f"ind{k}", covered=covered))
    return rows

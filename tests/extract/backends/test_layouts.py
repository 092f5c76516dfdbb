"""Forms recognised by their labels, not one layout: workbooks built here in the other provinces' layouts.

Each form is typed in the test (its expected values are the ones written), so every assertion is against what
the sheet prints: column synonyms, an operator column with 指标值 and 度量单位 made one target, columns the
reading must skip (得分系数, 是否核心指标), several forms in one file, a form continued on the next sheet, and the
规划/执行/效果 kind without targets.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from cnfiscal.models import DocumentRecord
from cnfiscal.pipeline import process


def _sheet(book: Workbook, title: str, rows: list[list[str]]) -> None:
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append([c or None for c in row])


SICHUAN_TOP = [
    ["部门预算项目支出绩效自评表(2023年度)"],
    ["项目名称", "工资性支出"],
    ["主管部门", "某县发展和改革局本级"],
    ["实施单位 (盖章)", "某县发展和改革局"],
    ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
    ["", "总额", "238.93", "251.89", "240.00", "95.28%", "10", "9.53"],
    ["", "其中:财政资金", "238.93", "251.89", "240.00", "95.28%", "/", "/"],
    ["绩效指标(90分)"],
    [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "自评得分",
        "偏差原因分析及改进措施",
    ],
    ["产出指标", "数量指标", "发放覆盖率", "≥", "95", "%", "98", "60", "60", ""],
]
SICHUAN_REST = [
    ["效益指标", "社会效益指标", "足额保障率", "=", "100", "%", "90", "30", "27", "个别人员未参保"],
    ["合计", "", "", "", "", "", "", "100", "96.53", ""],
    ["评价结论", "自评得分96.53分，等级为优。"],
]
PLAN_KIND = [
    ["部门整体支出绩效评价自评表"],
    ["部门(单位)名称", "某市某中心"],
    ["一级指标", "二级指标", "三级指标", "指标分值", "指标解释", "评分标准", "自评得分"],
    ["投入", "预算配置", "财政供养人员控制率", "3", "在编人员/编制数", "≤100%得满分", "3"],
    ["过程", "预算执行", "预算完成率", "5", "实际支出/预算数", "每低1%扣0.1分", "4.6"],
    ["效果", "履职效益", "社会效益", "20", "群众评价", "好得满分", "20"],
    ["总分", "", "", "28", "", "", "27.6"],
]


def _record(tmp_path: Path) -> DocumentRecord:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "自评表", SICHUAN_TOP)
    _sheet(book, "自评表(续)", SICHUAN_REST)
    _sheet(book, "整体", PLAN_KIND)
    book.save(tmp_path / "forms.xlsx")
    return process(tmp_path / "forms.xlsx")


def test_several_forms_one_continued_on_the_next_sheet(tmp_path: Path) -> None:
    record = _record(tmp_path)
    assert record.source.input_kind.value == "xlsx"
    first, second = record.self_evals
    assert (first.kind, first.page_start, first.page_end) == ("project", 1, 2)
    assert [i.level3 for i in first.indicators] == ["发放覆盖率", "足额保障率"]
    assert [i.page for i in first.indicators] == [1, 2]
    assert (first.total.weight, first.total.score) == (Decimal(100), Decimal("96.53"))
    assert (second.kind, second.unit_name, second.page_start) == ("dept", "某市某中心", 3)


def test_columns_by_their_labels_and_the_operator_column(tmp_path: Path) -> None:
    first = _record(tmp_path).self_evals[0]
    total = first.funding[0]
    assert (total.source, total.canonical) == ("总额", "total")
    assert (total.initial_budget.raw, total.annual_budget.raw, total.executed.raw) == ("238.93", "251.89", "240.00")
    assert (total.rate, total.weight, total.score) == (Decimal("0.9528"), Decimal(10), Decimal("9.53"))
    a, b = first.indicators
    assert (a.target.raw, a.target.op, a.target.value, a.target.kind) == ("≥95%", "≥", Decimal("0.95"), "percent")
    assert (a.actual.raw, a.weight, a.score) == ("98%", Decimal(60), Decimal(60))
    assert (b.level1, b.level2, b.target.raw, b.actual.raw) == ("效益指标", "社会效益指标", "=100%", "90%")
    assert (b.score, b.reason) == (Decimal(27), "个别人员未参保")


def test_plan_execution_effect_kind_has_scores_and_no_targets(tmp_path: Path) -> None:
    second = _record(tmp_path).self_evals[1]
    rows = [(i.level1, i.level2, i.level3, i.weight, i.score, i.target) for i in second.indicators]
    assert rows == [
        ("投入", "预算配置", "财政供养人员控制率", Decimal(3), Decimal(3), None),
        ("过程", "预算执行", "预算完成率", Decimal(5), Decimal("4.6"), None),
        ("效果", "履职效益", "社会效益", Decimal(20), Decimal(20), None),
    ]
    assert (second.total.weight, second.total.score) == (Decimal(28), Decimal("27.6"))


def test_no_false_alarm_on_consistent_forms(tmp_path: Path) -> None:
    record = _record(tmp_path)
    assert [f.message for f in record.findings if f.severity.value == "error"] == []


def test_a_tab_separated_copy_with_rowspans_lost(tmp_path: Path) -> None:
    """A browser's copy of the Sichuan-layout table: tabs between cells, merged cells only in their first row."""
    rows = [
        *(r for r in SICHUAN_TOP if r[0] != "产出指标"),
        ["产出指标", "数量指标", "发放覆盖率", "≥", "95", "%", "98", "60", "60", ""],
        ["足额缴纳率", "=", "100", "%", "100", "10", "10", ""],  # 产出指标 / 数量指标 merged from above
        ["效益指标", "社会效益指标", "足额保障率", "=", "100", "%", "90", "20", "18", "个别人员未参保"],
        ["合计", "", "", "", "", "", "", "100", "97.53", ""],
    ]
    path = tmp_path / "copied.txt"
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    [form] = process(path).self_evals
    read = [(i.level1, i.level2, i.level3, i.target.raw, i.actual.raw, i.weight, i.score) for i in form.indicators]
    assert read == [
        ("产出指标", "数量指标", "发放覆盖率", "≥95%", "98%", Decimal(60), Decimal(60)),
        ("产出指标", "数量指标", "足额缴纳率", "=100%", "100%", Decimal(10), Decimal(10)),
        ("效益指标", "社会效益指标", "足额保障率", "=100%", "90%", Decimal(20), Decimal(18)),
    ]

"""决算/预算 cross-checks: findings on the sample reports match hand-checked expected files, and each rule
on a small built table.

Expected files: ``tests/data/expected/findings_tables/<sample>.json`` (rule, severity, page, stated,
recomputed), written only with ``CNFISCAL_REGEN=1`` and checked by hand (see each file's ``checked``).
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from cnfiscal.models import DocType, DocumentRecord, InputKind, Money, Source, Table, TableRow
from cnfiscal.pipeline import process
from cnfiscal.validate.tables_rules import TABLE_RULES
from cnfiscal.validate.tables_sums import basic_plus_project, level_sum, rows_sum

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "tests" / "data" / "expected" / "findings_tables"
MY_RULES = {row[0] for row in TABLE_RULES}
SAMPLES = [
    "samples/pdf/final_finance_2024.pdf",
    "samples/pdf/final_socialwork_2024.pdf",
    "samples/pdf/final_template.pdf",
    "samples/pdf/budget_commerce_dept_2025.pdf",
    "samples/pdf/budget_govoffice_dept_2025.pdf",
    "samples/pdf/budget_justice_dept_2026.pdf",
    "samples/pdf/budget_wanli_2024.pdf",
    "samples/text/seed003_final_account_guiyang_bigdata_2024.txt",
]


def _findings(sample: str) -> list[dict[str, object]]:
    record = process(ROOT / sample)
    return [
        {
            "rule": f.rule,
            "severity": f.severity.value,
            "page": f.page,
            "stated": f.stated,
            "recomputed": f.recomputed,
            "message": f.message,
        }
        for f in record.findings
        if f.rule in MY_RULES
    ]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: Path(s).stem)
def test_findings_match_expected(sample: str) -> None:
    got = _findings(sample)
    path = EXPECTED / f"{Path(sample).stem}.json"
    if os.environ.get("CNFISCAL_REGEN"):
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        path.write_text(
            json.dumps({"checked": old.get("checked", []), "findings": got}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    assert got == json.loads(path.read_text(encoding="utf-8"))["findings"]


def _m(v: str) -> Money:
    return Money(yuan=Decimal(v) * 10000, raw=v, unit="万元")


def _record(rows: list[TableRow]) -> DocumentRecord:
    t = Table(
        name="支出决算表",
        kind="final.expense",
        unit="万元",
        columns=["本年支出合计", "基本支出", "项目支出"],
        rows=rows,
    )
    return DocumentRecord(
        doc_type=DocType.FINAL_ACCOUNT, source=Source(path="x", sha256="0", input_kind=InputKind.TEXT), tables=[t]
    )


def _row(code: str | None, name: str, total: str, basic: str, project: str) -> TableRow:
    level = {3: "类", 5: "款", 7: "项"}.get(len(code or ""))
    return TableRow(
        code=code,
        name=name,
        level=level,
        values={"本年支出合计": _m(total), "基本支出": _m(basic), "项目支出": _m(project)},
    )


def test_sums_agree_exactly_give_no_finding() -> None:
    rec = _record(
        [
            _row(None, "合计", "10.00", "4.00", "6.00"),
            _row("201", "一般公共服务支出", "10.00", "4.00", "6.00"),
            _row("20101", "人大事务", "10.00", "4.00", "6.00"),
            _row("2010101", "行政运行", "10.00", "4.00", "6.00"),
        ]
    )
    assert list(rows_sum(rec)) == [] and list(level_sum(rec)) == [] and list(basic_plus_project(rec)) == []


def test_real_difference_is_error_and_tail_difference_is_info() -> None:
    rec = _record(
        [_row(None, "合计", "10.00", "4.00", "6.01"), _row("201", "一般公共服务支出", "10.00", "4.00", "5.00")]
    )
    bpp = [(f.severity.value, f.stated, f.recomputed) for f in basic_plus_project(rec)]
    # 合计 row: 10.00 vs 4.00 + 6.01 is 0.01万元 off, inside 尾数 (3 × ½ × 0.01万元); 201: 10.00 vs 9.00 is not
    assert bpp == [("info", "100000", "100100"), ("error", "100000", "90000")]
    rs = [(f.severity.value, f.stated, f.recomputed) for f in rows_sum(rec)]
    assert rs == [("error", "60100", "50000")]  # 项目支出 合计 6.01 vs the only 类 row's 5.00


def test_a_sum_missed_by_a_doubtful_ocr_amount_is_a_warning() -> None:
    rec = _record(
        [_row(None, "合计", "10.00", "4.00", "6.01"), _row("201", "一般公共服务支出", "10.00", "4.00", "5.00")]
    )
    project = rec.tables[0].rows[1].values["项目支出"]
    assert project is not None
    rec.tables[0].rows[1].values["项目支出"] = project.model_copy(update={"confidence": 0.6})
    rs = [(f.severity.value, f.stated, f.recomputed) for f in rows_sum(rec)]
    assert rs == [("warning", "60100", "50000")]  # the same difference as above, on a value OCR doubted


def test_every_table_rule_is_documented() -> None:
    docs = ROOT / "docs"
    text = (docs / "rules_tables.md").read_text(encoding="utf-8") + (docs / "rules.md").read_text(encoding="utf-8")
    ids = [row[0] for row in TABLE_RULES]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if f"`{i}`" not in text] == []


def _claims_record(*texts: str) -> DocumentRecord:
    from cnfiscal.extract.layout import Line
    from cnfiscal.extract.narrative.claims import extract_claims

    claims = extract_claims([Line(t, 1, None, i + 1) for i, t in enumerate(texts)])
    return DocumentRecord(
        doc_type=DocType.FINAL_ACCOUNT,
        source=Source(path="x", sha256="0", input_kind=InputKind.TEXT),
        claims=claims,
        year=2024,
    )


def test_direction_word_against_the_two_amounts() -> None:
    from cnfiscal.validate.tables_narrative import direction_words

    ok = _claims_record("年初预算为500.00万元,支出决算为310.85万元,完成年初预算的62.17%,决算数小于预算数。")
    bad = _claims_record("年初预算为288.32万元,支出决算为310.85万元,完成年初预算的107.81%,决算数小于预算数。")
    assert list(direction_words(ok)) == []
    assert [(f.rule, f.stated, f.recomputed) for f in direction_words(bad)] == [("doc.direction_word", "小于", ">")]


def test_two_year_change_and_restated_item() -> None:
    from cnfiscal.validate.tables_claims import change_findings, same_item

    rec = _claims_record(
        "12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。2025年当年预算执行数为198.34万元，"
        "2026年预算安排201.50万元，比2025年预算执行数增加5.27%。"
    )
    assert [(f.severity.value, f.stated) for f in change_findings(rec)] == [("error", "0.0527")]
    assert [(f.rule, f.stated, f.recomputed) for f in same_item(rec)] == [("claim.same_item", "2088000", "2015000")]


def test_sangong_total_and_car_subtotal() -> None:
    from cnfiscal.validate.tables_sangong import sangong_sum

    row = TableRow(
        values={
            "合计": _m("10.81"),
            "因公出国(境)费": _m("0"),
            "公务接待费": _m("0.83"),
            "公务用车购置及运行费小计": _m("9.98"),
            "购置费": _m("0"),
            "运行费": _m("9.88"),
        }
    )
    t = Table(name="三公", kind="budget.sangong", unit="万元", columns=list(row.values), rows=[row])
    rec = DocumentRecord(
        doc_type=DocType.BUDGET, source=Source(path="x", sha256="0", input_kind=InputKind.TEXT), tables=[t]
    )
    assert [(f.stated, f.recomputed) for f in sangong_sum(rec)] == [("99800", "98800")]  # 小计 ≠ 购置 + 运行


def test_sangong_parts_as_rows_are_summed_down_each_column() -> None:
    """A page's 三公 table with the parts as rows (项目 | 预算数): 合计 = 出国 + 接待 + 公务用车; 公务用车 = 购置 + 运行
    (a 公务用车购置及运行维护费 line is the car total, 其中:公务用车运行维护费 / 公务用车购置 its parts)."""
    from cnfiscal.validate.tables_sangong import sangong_sum

    def row(name: str, amount: str) -> TableRow:
        return TableRow(name=name, values={"预算数": _m(amount)})

    rows = [
        row("合计", "4432"),
        row("1.因公出国(境)费用", "39"),
        row("2.公务接待费", "323"),
        row("3.公务用车购置及运行维护费", "4070"),
        row("其中:公务用车运行维护费", "2648"),
        row("公务用车购置", "1422"),
    ]
    t = Table(name="三公", kind="budget.sangong", unit="万元", columns=["预算数"], rows=rows)
    rec = DocumentRecord(
        doc_type=DocType.BUDGET, source=Source(path="x", sha256="0", input_kind=InputKind.TEXT), tables=[t]
    )
    assert list(sangong_sum(rec)) == []
    rows[3] = row("3.公务用车费", "0")  # the car line contradicting its parts and the 合计
    t = t.model_copy(update={"rows": rows})
    found = [(f.stated, f.recomputed) for f in sangong_sum(rec.model_copy(update={"tables": [t]}))]
    assert found == [("44320000", "3620000"), ("0", "40700000")]


def test_table_of_another_unit_is_flagged() -> None:
    from cnfiscal.validate.tables_doc import unit_name

    t = Table(name="部门收入预算总表", kind="budget.income", unit_name="上海市普陀区司法局")
    rec = DocumentRecord(
        doc_type=DocType.BUDGET,
        source=Source(path="x", sha256="0", input_kind=InputKind.TEXT),
        unit_name="上海市普陀区商务委员会",
        tables=[t],
    )
    assert [(f.rule, f.stated) for f in unit_name(rec)] == [("doc.unit_name", "上海市普陀区司法局")]
    assert list(unit_name(rec.model_copy(update={"unit_name": "上海市普陀区司法局"}))) == []


def test_cross_table_checks_run_on_a_budget() -> None:
    """Raise the 一般公共预算表's 合计 row by 1 元: both equalities that use it must fail."""
    from cnfiscal.validate.tables_doc import cross_table

    record = process(ROOT / "samples/pdf/budget_commerce_dept_2025.pdf")
    assert list(cross_table(record)) == []
    general = next(t for t in record.tables if t.kind == "budget.general")
    total = next(r for r in general.rows if r.name == "合计")
    for col, money in total.values.items():
        if money is not None:
            raised = money.yuan + 1
            total.values[col] = money.model_copy(update={"yuan": raised, "raw": f"{raised:,.2f}"})
    got = [(f.message, f.stated, f.recomputed) for f in cross_table(record)]
    assert got == [
        (
            "一般公共预算支出：部门财政拨款收支预算总表为371,514,655.00元，部门一般公共预算支出功能分类预算表为371,514,656.00元",
            "371514655",
            "371514656",
        ),
        (
            "一般公共预算 基本支出：部门一般公共预算支出功能分类预算表为19,830,656.00元，"
            "部门一般公共预算基本支出部门预算经济分类预算表为19,830,655.00元",
            "19830656",
            "19830655",
        ),
    ]

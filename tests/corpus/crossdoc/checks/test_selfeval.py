"""A self-evaluation's 年初预算数 against its office's budget (corpus.selfeval.initial_budget). The samples hold no
form and budget of one office and year: each pair is a real form and a budget made for its office and year
(tests/data/made/selfeval_budget/, README there); the expected outcomes (tests/data/expected/crossdoc/
selfeval_budget.json) were read on the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnfiscal.corpus.crossdoc import check_records
from cnfiscal.corpus.crossdoc.checks.projects import name_key
from cnfiscal.corpus.crossdoc.checks.selfeval import RULE
from cnfiscal.models import DocumentRecord
from cnfiscal.pipeline import process
from cnfiscal.vocab.messages import render
from tests.corpus.crossdoc.conftest import expected

ROOT = Path(__file__).resolve().parents[4]
MADE = ROOT / "tests" / "data" / "made" / "selfeval_budget"
CASES = expected("selfeval_budget.json")["cases"]


@pytest.fixture(scope="module")
def forms() -> dict[str, DocumentRecord]:
    return {name: process(ROOT / name) for name in {case["form"] for case in CASES}}


def _run(form: DocumentRecord, budget: DocumentRecord):
    result = check_records([form, budget])
    checks = [c for c in result.checks if c.rule == RULE]
    findings = [f for f in result.findings if f.rule == RULE]
    return checks, findings


@pytest.mark.parametrize("case", CASES, ids=[c["budget"] for c in CASES])
def test_a_form_against_a_budget_of_its_office(case, forms):
    form, budget = forms[case["form"]], process(MADE / case["budget"])
    checks, findings = _run(form, budget)
    got = {c.item: c for c in checks}
    assert set(got) == {c["item"] for c in case["checks"]}
    for want in case["checks"]:
        check = got[want["item"]]
        assert (check.outcome, check.page_a, check.page_b) == (want["outcome"], want["page_a"], want["page_b"])
        assert check.sha256_a == form.source.sha256
        assert check.sha256_b == (budget.source.sha256 if want["page_b"] else None)
        assert want.get("reason", "") in (check.reason or "")
    found = sorted((f.item, f.severity.value, f.stated, f.recomputed, f.page_a, f.page_b) for f in findings)
    assert found == sorted(
        (w["item"], w["severity"], w["stated"], w["recomputed"], w["page_a"], w["page_b"]) for w in case["findings"]
    )
    for f in findings:  # both sides named: the real form (A) and the budget (B)
        assert (f.sha256_a, f.sha256_b, f.year_a, f.year_b) == (form.source.sha256, budget.source.sha256, 2023, 2023)
        assert next(c for c in checks if c.item == f.item).finding_id == f.finding_id


def test_the_messages_name_both_figures_and_pages(forms):
    form = forms["samples/pdf/self_eval_seed004_dept_2023.pdf"]
    _, findings = _run(form, process(MADE / "govservice_budget_2023_changed.txt"))
    total = next(f for f in findings if f.item == "年度资金总额")
    assert total.message == (
        "2023年部门整体支出绩效自评表年度资金总额年初预算数752.03万元≠2023年部门预算（第3页）支出总计762.03万元"
    )
    english = render(total.message_key or "", total.message_params, "en")
    assert english.startswith("the 2023 department self-evaluation's 年初预算数 of 年度资金总额 is 752.03万元 ≠")
    _, findings = _run(form, process(MADE / "govservice_budget_2023_yuan.txt"))
    basic = next(f for f in findings if f.item == "基本支出")
    assert basic.message.endswith("基本支出年初预算数377.57万元≈2023年部门预算（第5页）基本支出3,775,712.34元")
    assert basic.tolerance == "±50 (尾数误差 of the rounded parts and total)"


def test_a_budget_figure_in_doubt_makes_a_warning(forms):
    """The made budget's 支出总计 printed 772.03 on p3 but 762.03 on p2 and p5: the budget disagrees with itself, so
    the form's 752.03 against the nearest (762.03) is only a warning, and the message says why."""
    form = forms["samples/pdf/self_eval_seed004_dept_2023.pdf"]
    budget = process(MADE / "govservice_budget_2023_changed.txt")
    tables = [t for t in budget.tables if t.kind == "budget.total"]
    assert tables
    row = next(r for r in tables[0].rows if r.name == "支出总计")
    money = row.values["预算数"]
    assert money is not None
    row.values["预算数"] = money.model_copy(update={"raw": "772.03", "yuan": money.yuan + 100000})
    _, findings = _run(form, budget)
    total = next(f for f in findings if f.item == "年度资金总额")
    assert total.severity.value == "warning"
    assert total.message.endswith("；预算文件所载该数不一致")


def test_a_project_the_budget_does_not_list_by_that_name_is_unchecked(forms):
    form = forms["samples/web/sc_qingshen_drc_2023_project_self_eval_excerpt.txt"]
    budget = process(MADE / "qingshen_budget_2023.txt")
    table = next(t for t in budget.tables if t.kind == "budget.project")
    renamed = [r.model_copy(update={"name": "工资性支出（在职）"}) if r.name == "工资性支出" else r for r in table.rows]
    table.rows = renamed
    checks, findings = _run(form, budget)
    assert not findings
    assert {c.outcome for c in checks} == {"unchecked"}
    assert all("no project named 51000021R000000019951-工资性支出" in (c.reason or "") for c in checks)
    budget.tables = [t for t in budget.tables if t.kind != "budget.project"]
    checks, _ = _run(form, budget)
    assert {c.reason for c in checks} == {"the 2023 budget does not list its projects (no 项目支出预算表)"}


def test_project_names_are_compared_exactly_after_folding_their_printing():
    assert name_key("51000021R000000019951-工资性支出") == name_key("工资性支出")
    assert name_key("政务服务“好差评” 工作经费") == name_key("政务服务好差评工作经费")
    assert name_key("信息化（一期）") == name_key("信息化(一期)")  # width forms
    assert name_key("工资性支出") != name_key("工资性支出（在职）")
    assert name_key("2023年工资性支出") != name_key("工资性支出")  # a year is part of the name, not a code


def test_the_real_forms_have_no_budget_of_their_year(records):
    """With every real budget of the samples present, no real self-evaluation meets a budget of its office and
    year: every 年初预算数 it prints is unchecked, with that reason."""
    names = {
        "samples/pdf/self_eval_seed000_dept_2021.pdf": (2021, {"年度资金总额", "项目支出"}),  # p1: 1268万元 both
        "samples/pdf/self_eval_seed004_dept_2023.pdf": (2023, {"年度资金总额", "基本支出", "项目支出"}),
        "samples/web/ah_chizhou_tangxi_town_2022_project_self_eval_excerpt.txt": (
            2022,
            {"项目:委托业务项目:年度资金总额", "项目:委托业务项目:财政拨款"},  # 0 and 90 (万元)
        ),
    }
    forms = [process(ROOT / name) for name in names]
    result = check_records([*records.values(), *forms])
    assert not [f for f in result.findings if f.rule == RULE]
    for form, (year, items) in zip(forms, names.values(), strict=True):
        checks = [c for c in result.checks if c.rule == RULE and c.sha256_a == form.source.sha256]
        assert {c.item for c in checks} == items
        assert {(c.outcome, c.reason, c.year_a) for c in checks} == {
            ("unchecked", f"no 部门预算 of {year} of this office in the corpus", year)
        }


def test_the_corpus_tables_carry_both_sides(tmp_path, forms):
    """Through the database (what ingest does): the finding and its check rows, each side's sha256 and page."""
    from cnfiscal.corpus import record_to_rows, store
    from cnfiscal.corpus.crossdoc import store as crossdoc

    form = forms["samples/pdf/self_eval_seed004_dept_2023.pdf"]
    budget = process(MADE / "govservice_budget_2023_changed.txt")
    con = store.connect(tmp_path / "c.duckdb")
    try:
        for record in (form, budget):
            store.write_document(con, record_to_rows(record))
            crossdoc.refresh(con)
        found = con.execute(
            "SELECT item, severity, sha256_a, page_a, sha256_b, page_b FROM corpus_findings WHERE rule = ? "
            "ORDER BY item",
            [RULE],
        ).fetchall()
        checks = con.execute("SELECT outcome, count(*) FROM corpus_checks WHERE rule = ? GROUP BY ALL", [RULE])
        outcomes = dict(checks.fetchall())
    finally:
        con.close()
    a, b = form.source.sha256, budget.source.sha256
    assert found == [("基本支出", "error", a, 1, b, 5), ("年度资金总额", "error", a, 1, b, 3)]
    assert outcomes == {"finding": 2, "agrees": 1}


def _with_form_names(record: DocumentRecord, unit: str, department: str) -> DocumentRecord:
    """The record with its form's 预算单位 / 主管部门 printed otherwise (the document's own name unchanged)."""
    form = record.self_evals[0].model_copy(update={"unit_name": unit, "department": department})
    return record.model_copy(update={"self_evals": [form]})


def test_a_form_of_a_unit_under_the_office_gives_warnings_only(forms):
    """A project form whose 预算单位 is a unit of the office (its 主管部门 the office's own unit,
    青神县发展和改革局本级, as printed): the project may be the unit's, so a mismatch with the office's project list
    is a warning; a form naming another office altogether is not compared."""
    real = forms["samples/web/sc_qingshen_drc_2023_project_self_eval_excerpt.txt"]
    budget = process(MADE / "qingshen_budget_2023_changed.txt")
    form = _with_form_names(real, "青神县价格认证中心", real.self_evals[0].department or "")
    checks, findings = _run(form, budget)
    assert {(f.severity.value, f.page_b) for f in findings} == {("warning", 6)}
    assert all(f.message.endswith("；自评表的预算单位是该部门下属单位") for f in findings)
    assert {c.reason for c in checks} == {"the form's 预算单位 is a unit under the office"}
    other = _with_form_names(real, "青神县财政局", "青神县财政局")
    checks, findings = _run(other, budget)
    assert not findings
    reason = "the form's 预算单位 / 主管部门 (青神县财政局 / 青神县财政局) do not name this office"
    assert {c.reason for c in checks} == {reason}


def test_a_fiscal_row_meets_the_budgets_fiscal_total(forms):
    """seed004 prints no 财政拨款 row: the form is given one (其中：财政拨款 752.03万元, the form's 年度资金总额) to pin
    the row's budget figure — the carry-over budget's 财政拨款收支预算总表 支出总计 752.03 (p4), not its 支出总计
    802.03 (p3)."""
    real = forms["samples/pdf/self_eval_seed004_dept_2023.pdf"]
    total = real.self_evals[0].funding[0]
    assert total.canonical == "total" and total.initial_budget is not None
    fiscal = total.model_copy(update={"source": "其中：财政拨款", "canonical": "fiscal", "is_breakdown": True})
    form = real.self_evals[0].model_copy(update={"funding": [*real.self_evals[0].funding, fiscal]})
    record = real.model_copy(update={"self_evals": [form]})
    checks, findings = _run(record, process(MADE / "govservice_budget_2023_carryover.txt"))
    assert not findings
    check = next(c for c in checks if c.item == "财政拨款")
    assert (check.outcome, check.page_b, check.reason) == ("agrees", 4, None)

"""A department's units (issue 14): a unit its list names joins the department's group (same year, whole name, with
the evidence), and the department = Σ its units where consolidation is a plain sum. The samples hold no unit budget
of a listed unit, so the units are made from the department's own figures (tests/data/made/unit_budget/README.md);
each scenario's findings are stated by hand, with why, in tests/data/expected/crossdoc/units.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnfiscal.corpus.crossdoc import check_records
from cnfiscal.corpus.crossdoc.checks.sums import RULE_SUM
from cnfiscal.corpus.crossdoc.identity.members import CONFIDENCE_QUALIFIED, entry_key
from cnfiscal.models import DocumentRecord
from cnfiscal.pipeline import process
from tests.corpus.crossdoc.conftest import expected

MADE = Path(__file__).resolve().parents[3] / "data" / "made" / "unit_budget"
TRUTH = expected("units.json")
WELFARE = "sh_putuo_welfare_home_2024_unit_budget.pdf"


@pytest.fixture(scope="module")
def made() -> dict[str, DocumentRecord]:
    return {p.name: process(p) for p in sorted(MADE.glob("*.txt"))}


def _run(records, made, scenario: str):
    files = TRUTH["scenarios"][scenario]["files"]
    docs = [records[TRUTH["department"]], records[WELFARE], *(made[f] for f in files)]
    names = {r.source.sha256: name for name, r in [*records.items(), *made.items()]}
    return check_records(docs), names


def test_a_listed_unit_joins_its_departments_office_with_the_evidence(records, made):
    result, names = _run(records, made, "sum_agrees")
    by_name = {names[link.sha256]: link for link in result.links}
    department = by_name[TRUTH["department"]]
    aid, own = by_name["legal_aid_2026.txt"], by_name["justice_own_2026.txt"]
    assert aid.office_id == own.office_id == department.office_id and (aid.scope, own.scope) == ("unit", "unit")
    assert (aid.member_of, aid.member_page, aid.member_line) == (department.sha256, 6, "2. 普陀区法律援助中心")
    assert aid.confidence == CONFIDENCE_QUALIFIED  # the list prints 普陀区…: the department's 上海市 put before it
    assert own.member_of is None  # X本级: the department's own unit by its name alone
    assert by_name[WELFARE].office_id not in {department.office_id, None} and by_name[WELFARE].member_of is None


@pytest.mark.parametrize("scenario", sorted(TRUTH["scenarios"]))
def test_each_scenario_gives_the_findings_stated_by_hand(records, made, scenario):
    result, names = _run(records, made, scenario)
    want = TRUTH["scenarios"][scenario]
    got = sorted(
        (f.rule, f.severity.value, f.item, f.page_a, f.page_b, f.stated, f.recomputed, names[f.sha256_b or ""])
        for f in result.findings
    )
    keys = ("rule", "severity", "item", "page_a", "page_b", "stated", "recomputed", "side_b")
    assert got == sorted(tuple(f[k] for k in keys) for f in want["findings"]), want["why"]
    sums = [c for c in result.checks if c.rule == RULE_SUM]
    agreeing = {c.item for c in sums if c.outcome == "agrees"}
    assert set(want.get("agrees", [])) <= agreeing
    missing = [c for c in sums if c.item == "units"]
    if "unchecked_missing" in want:
        assert [(c.outcome, c.page_a) for c in missing] == [("unchecked", 6)] and not agreeing
        assert want["unchecked_missing"] in (missing[0].reason or "") and "普陀区法律援助中心" in missing[0].evidence
    else:
        assert not missing


def test_a_sum_finding_names_every_unit_and_both_pages(records, made):
    result, _ = _run(records, made, "own_changed")
    (finding,) = result.findings
    assert finding.message == (
        "部门上海市普陀区司法局的司法行政运行16726725.44元（第15页）不等于所列2家单位之和16626725.44元："
        "普陀区司法局本部14626725.44元（第3页）；普陀区法律援助中心2000000.00元（第3页）"
    )


def test_a_total_warning_says_internal_transfers_may_explain_it(records, made):
    result, _ = _run(records, made, "full_total_changed")
    income = next(f for f in result.findings if f.item == "总计.收入")
    assert income.message == (
        "部门上海市普陀区司法局的收入总计96,282,213.44元（第10页）不等于所列2家单位之和96,382,213.44元："
        "普陀区司法局本部86,022,213.44元（第4页）；普陀区法律援助中心10,360,000.00元（第4页）"
        "（部门内部往来如上级补助收入、对附属单位补助支出在汇总时抵消，差额可能由此而来）"
    )
    assert income.message_key == f"{RULE_SUM}:transfers"


def test_items_that_may_hold_transfers_inside_the_department_are_not_errors():
    from cnfiscal.corpus.crossdoc.checks.sums import _plain

    assert _plain(("budget.fiscal_total", "财政拨款.收入")) and _plain(("budget.general", "功能:司法行政运行"))
    assert _plain(("budget.sangong", "三公.公务接待"))
    for key in (("budget.total", "总计.收入"), ("budget.expense", "基本支出"), ("budget.expense", "功能:司法行政运行")):
        assert not _plain(key), key


def test_an_entry_links_on_its_whole_name_only():
    assert entry_key("上海市普陀区万里街道综合行政执法队", "上海市普陀区人民政府万里街道办事处") == (
        "上海市普陀区万里街道综合行政执法队", False,
    )  # fmt: skip
    assert entry_key("普陀区法律援助中心", "上海市普陀区司法局") == ("上海市普陀区法律援助中心", True)
    for partial in ("法律援助中心", "城市运行管理中心", "江苏议事园"):
        assert entry_key(partial, "上海市普陀区司法局") is None, partial


def test_a_list_of_another_year_links_nothing(records, made):
    aid = made["legal_aid_2026.txt"].model_copy(update={"year": 2025})
    result = check_records([records[TRUTH["department"]], aid])
    assert result.links[1].member_of is None and result.links[1].office_id != result.links[0].office_id


def test_no_real_sample_is_made_a_member_of_another_office(records):
    result = check_records(records.values())
    assert [link.member_of for link in result.links] == [None] * len(records)
    assert not [f for f in result.findings if f.rule == RULE_SUM]


def test_the_database_joins_a_unit_stored_before_its_department(tmp_path, records, made):
    from cnfiscal.corpus import record_to_rows, store
    from cnfiscal.corpus.crossdoc import store as crossdoc

    con = store.connect(tmp_path / "c.duckdb")
    aid, department = made["legal_aid_2026.txt"], records[TRUTH["department"]]
    for record in (aid, made["justice_own_2026.txt"], department):  # the unit first: linked by its own name
        store.write_document(con, record_to_rows(record))
        crossdoc.refresh(con)
    row = con.execute(
        "SELECT member_of, member_office_id, member_page, member_line, member_confidence FROM office_links "
        "WHERE sha256 = ?",
        [aid.source.sha256],
    ).fetchone()
    office = con.execute("SELECT office_id FROM documents WHERE sha256 = ?", [department.source.sha256]).fetchone()
    assert row == (department.source.sha256, office[0], 6, "2. 普陀区法律援助中心", CONFIDENCE_QUALIFIED)
    assert con.execute("SELECT office_id FROM documents WHERE sha256 = ?", [aid.source.sha256]).fetchone() == office
    name, n = con.execute("SELECT name, n_documents FROM offices WHERE office_id = ?", [office[0]]).fetchone()
    assert (name, n) == ("上海市普陀区司法局", 3)  # the office keeps the department's name
    outcomes = dict(
        con.execute(f"SELECT outcome, count(*) FROM corpus_checks WHERE rule = '{RULE_SUM}' GROUP BY ALL").fetchall()
    )
    assert outcomes["agrees"] == 23 and not con.execute("SELECT count(*) FROM corpus_findings").fetchone()[0]
    con.close()

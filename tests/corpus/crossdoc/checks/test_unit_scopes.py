"""Different units of one department are never compared with each other (issue 14): year-over-year, final↔budget
and self-evaluation↔budget checks run within one scope — the department's documents, its own unit's (X本级), each
listed unit's — though all of them share the department's office.

The year-over-year case is end to end, with made unit budgets (tests/data/made/unit_budget/README.md): the legal aid
centre's 2026 budget says its 财政拨款收入 1026万元 is 26万元 above 2025's (so 1000万元 in 2025), and the corpus
holds a 2025 budget of the department's *own* unit only (财政拨款 80,000,000.00 元): never its base. The own unit's
2026 budget (8602.22万元, 602.22万元 above 2025) is checked against that 2025 budget and agrees
(86,022,200 − 6,022,200 = 80,000,000). The other two rules are run on one office's group with the scopes set by hand
(``Member``): the samples hold no final account or self-evaluation of a unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnfiscal.corpus.crossdoc import check_records, rules
from cnfiscal.corpus.crossdoc.checks.pairs import RULE_FINAL
from cnfiscal.corpus.crossdoc.checks.selfeval import RULE as RULE_SELFEVAL
from cnfiscal.corpus.crossdoc.checks.yoy import RULE_CHANGE
from cnfiscal.corpus.crossdoc.rules import Member, check_office
from cnfiscal.models import DocumentRecord
from cnfiscal.pipeline import process
from tests.corpus.crossdoc.checks.test_pairs import _budget_stating
from tests.corpus.crossdoc.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[4]
MADE = ROOT / "tests" / "data" / "made"
DEPARTMENT = "budget_justice_dept_2026.pdf"
A, B = "上海市普陀区法律援助中心", "上海市普陀区司法局"  # two unit keys of one office (B: its own unit)


@pytest.fixture(scope="module")
def units() -> dict[str, DocumentRecord]:
    names = ("legal_aid_2026_yoy.txt", "justice_own_2026_yoy.txt", "justice_own_2025.txt")
    return {name: process(MADE / "unit_budget" / name) for name in names}


def _yoy(records, units):
    docs = [records[DEPARTMENT], *units.values()]
    result = check_records(docs)
    assert len({link.office_id for link in result.links}) == 1  # the department, its own unit, a listed unit
    by_doc = {}
    for c in result.checks:
        if c.rule.startswith("corpus.yoy"):
            by_doc.setdefault(c.sha256_a, []).append(c)
    return result, by_doc


def test_a_units_previous_year_is_never_another_units(records, units):
    result, by_doc = _yoy(records, units)
    aid, own, own_2025 = units.values()
    (aid_check,) = by_doc[aid.source.sha256]  # p2: 1026万元，比2025年预算增加26万元
    assert (aid_check.rule, aid_check.item, aid_check.outcome, aid_check.sha256_b) == (
        RULE_CHANGE, "财政拨款.收入", "unchecked", None,
    )  # fmt: skip
    assert aid_check.reason == "no budget of 2025 of this unit in the corpus"  # of its scope: none of its own
    (own_check,) = by_doc[own.source.sha256]  # p2: 8602.22万元，比2025年预算增加602.22万元
    assert (own_check.outcome, own_check.sha256_b, own_check.page_b) == ("agrees", own_2025.source.sha256, 2)
    assert not [f for f in result.findings if f.rule.startswith("corpus.yoy")]


def test_the_departments_statements_meet_only_the_departments_documents(records, units):
    _, by_doc = _yoy(records, units)
    department = by_doc[records[DEPARTMENT].source.sha256]
    # its 比2025年 statements (p8–9, p22) have no 2025 department budget: unchecked, never the own unit's 2025
    assert department and all(c.outcome == "unchecked" and c.sha256_b is None for c in department)


def test_without_the_scopes_the_unit_would_be_checked_against_another_unit(records, units, monkeypatch):
    """What the scopes prevent: run on the whole group, the legal aid centre's 2025 base (1000万元) meets the own
    unit's 2025 figure (80,000,000.00 元) — a false error."""
    monkeypatch.setattr(rules, "PER_SCOPE", frozenset())
    result, _ = _yoy(records, units)
    aid = units["legal_aid_2026_yoy.txt"]
    wrong = [f for f in result.findings if f.rule == RULE_CHANGE and f.sha256_a == aid.source.sha256]
    assert [(f.item, f.severity.value) for f in wrong] == [("财政拨款.收入", "error")]


@pytest.fixture(scope="module")
def final() -> DocumentRecord:
    return process(SAMPLES / "final_finance_2024.pdf")


@pytest.mark.parametrize(("final_key", "budget_key", "outcome"), [(A, B, "unchecked"), (A, A, "agrees")])
def test_a_units_final_account_meets_only_that_units_budget(final, final_key, budget_key, outcome):
    # final_finance_2024 p21/p23 quote 年初预算 2993.92 and 0.95万元; the budget states both (test_pairs)
    budget = _budget_stating(final, "2993.92", "0.95")
    group = [Member(final, 2024, "unit", final_key), Member(budget, 2024, "unit", budget_key)]
    checks = [c for c in check_office("o-test", group).checks if c.rule == RULE_FINAL]
    assert checks and {c.outcome for c in checks} == {outcome}
    if outcome == "unchecked":
        assert {c.reason for c in checks} == {"no budget of 2024 of this unit in the corpus"}


@pytest.mark.parametrize(("form_key", "budget_key"), [(A, B), (None, B), (A, None)])
def test_a_self_evaluation_never_meets_another_scopes_budget(form_key, budget_key):
    """seed004's form against the made budget that disagrees with it (two errors in the same scope,
    tests/data/expected/crossdoc/selfeval_budget.json): in another scope nothing is compared."""
    form = process(ROOT / "samples" / "pdf" / "self_eval_seed004_dept_2023.pdf")
    budget = process(MADE / "selfeval_budget" / "govservice_budget_2023_changed.txt")

    def member(record: DocumentRecord, key: str | None) -> Member:
        return Member(record, 2023, "unit" if key else None, key)

    same = check_office("o-test", [member(form, budget_key), member(budget, budget_key)])
    assert len([f for f in same.findings if f.rule == RULE_SELFEVAL]) == 2
    apart = check_office("o-test", [member(form, form_key), member(budget, budget_key)])
    assert not [f for f in apart.findings if f.rule == RULE_SELFEVAL]
    unchecked = [c for c in apart.checks if c.rule == RULE_SELFEVAL]
    assert unchecked and all(c.outcome == "unchecked" and c.sha256_b is None for c in unchecked)

"""The report's frames: the database mode and the records mode agree; the overview aggregates are exact."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pandas as pd
from pandas.testing import assert_frame_equal

from cnfiscal.models import SelfEval
from cnfiscal.report.data import (
    budget_by_office,
    documents_by_kind_year,
    findings_counts,
    from_db,
    from_records,
    parse_bbox,
    total_rows,
)
from tests.report.conftest import write_db
from tests.report.records import OFFICE_000, OFFICE_004, SHA_SEED000, SHA_SEED004, corpus, seed000, seed004, wan


def test_db_and_records_give_the_same_frames(corpus_db: Path) -> None:
    db, mem = from_db(corpus_db), from_records(corpus())
    for name in ("self_evals", "funding", "indicators", "findings", "warnings", "errors"):
        assert_frame_equal(getattr(db, name), getattr(mem, name), check_dtype=True, obj=name)
    stable = [c for c in db.documents.columns if c not in ("version", "ingested_at")]
    assert_frame_equal(db.documents[stable], mem.documents[stable])


def test_total_rows_take_the_printed_rate_and_total_score() -> None:
    totals = total_rows(from_records(corpus())).set_index("sha256")
    assert totals.loc[SHA_SEED000, "rate"] == D("0.9878")
    assert totals.loc[SHA_SEED004, "rate"] == D("0.79")
    assert totals.loc[SHA_SEED000, "score"] == D("100")
    assert totals.loc[SHA_SEED004, "score"] == D("96.4")
    assert totals.loc[SHA_SEED000, "budget"] == D("22269800")
    assert totals.loc[SHA_SEED000, "executed"] == D("21999800")
    assert list(totals["office"]) == [OFFICE_000, OFFICE_004]


def test_rate_recomputed_when_none_is_printed() -> None:
    record = seed004()
    row = record.self_evals[0].funding[0].model_copy(update={"rate": None, "rate_raw": None})
    se = record.self_evals[0].model_copy(update={"funding": [row]})
    totals = total_rows(from_records([record.model_copy(update={"self_evals": [se]})]))
    assert totals["rate"].iloc[0] == D("5921800") / D("7520300")


def test_budget_by_office_does_not_count_a_project_twice() -> None:
    record = seed004()
    project = SelfEval(
        kind="project",
        unit_name=OFFICE_004,
        project_name="政务服务平台运维",
        funding=[
            record.self_evals[0]
            .funding[0]
            .model_copy(update={"annual_budget": wan("100", "1000000"), "executed": wan("90", "900000")})
        ],
    )
    record = record.model_copy(update={"self_evals": [*record.self_evals, project]})
    by_office = budget_by_office(total_rows(from_records([seed000(), record])))
    assert by_office.loc[OFFICE_004, "budget"] == D("7520300")  # the department table, not + 1000000
    assert by_office.loc[OFFICE_004, "executed"] == D("5921800")
    assert by_office.loc[OFFICE_000, "budget"] == D("22269800")
    only_project = record.model_copy(update={"self_evals": [project]})
    assert budget_by_office(total_rows(from_records([only_project]))).loc[OFFICE_004, "budget"] == D("1000000")


def test_findings_counts_by_rule_and_severity() -> None:
    counts = findings_counts(from_records(corpus()).findings)
    assert counts.to_dict(orient="index") == {
        "funding.executed_over_budget": {"info": 0, "warning": 1},
        "funding.rate": {"info": 1, "warning": 0},
        "selfeval.level1_weight": {"info": 0, "warning": 1},
    }
    assert findings_counts(pd.DataFrame(columns=["rule", "severity"])).empty
    top = findings_counts(from_records(corpus()).findings, top=2)
    assert top.to_dict(orient="index") == {
        "funding.executed_over_budget": {"info": 0, "warning": 1},
        "其他 (2 rules)": {"info": 1, "warning": 1},
    }


def test_documents_by_kind_and_year() -> None:
    table = documents_by_kind_year(from_records(corpus()).documents)
    assert table.loc["dept_self_eval", "2021"] == 1
    assert table.loc["dept_self_eval", "2023"] == 1
    assert table.loc["unknown", "—"] == 1  # the failed input: no kind, no year


def test_superseded_versions_are_left_out(tmp_path: Path) -> None:
    old = seed000()
    new = old.model_copy(update={"source": old.source.model_copy(update={"sha256": "c1" * 32}), "findings": []})
    data = from_db(write_db(tmp_path / "c.duckdb", [old, new]))
    assert list(data.documents["sha256"]) == ["c1" * 32]
    assert data.findings.empty  # the old version's findings are not shown
    assert len(data.funding) == len(new.self_evals[0].funding)


def test_parse_bbox() -> None:
    assert parse_bbox("[463.1, 133.4, 484.7, 139.7]") == (463.1, 133.4, 484.7, 139.7)
    assert parse_bbox(None) is None
    assert parse_bbox("[1, 2]") is None


def test_the_same_self_evaluation_from_two_inputs_counts_once() -> None:
    pdf = seed000()
    text = pdf.model_copy(update={"source": pdf.source.model_copy(update={"sha256": "c2" * 32, "path": "x.txt"})})
    totals = total_rows(from_records([pdf, text, seed004()]))
    assert len(totals) == 2
    assert budget_by_office(totals).loc[OFFICE_000, "budget"] == D("22269800")  # not twice


def test_budget_by_office_takes_the_latest_year() -> None:
    old = seed004()
    se = old.self_evals[0].model_copy(update={"year": 2022})
    old = old.model_copy(
        update={"year": 2022, "self_evals": [se], "source": old.source.model_copy(update={"sha256": "c3" * 32})}
    )
    old_total = old.self_evals[0].funding[0].model_copy(update={"annual_budget": wan("1", "10000")})
    old = old.model_copy(update={"self_evals": [se.model_copy(update={"funding": [old_total]})]})
    by_office = budget_by_office(total_rows(from_records([old, seed004()])))
    assert by_office.loc[OFFICE_004, "budget"] == D("7520300")
    assert by_office.loc[OFFICE_004, "year"] == 2023

"""The real corpus against its hand-checked truth (``bench/corpus.py``, truth in ``tests/data/expected/corpus/``),
and the scoring itself on small made-up records.

Every real budget and final account in ``samples/`` must have its standard tables found with kind, pages, unit and
key amounts, its office and year right, every error/warning hand-labelled, at most one false error, and ≥ 90 % of
the errors genuine over the corpus.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from bench._corpus_metrics import DocScore, load_truth, score
from bench.corpus import TRUTH, CorpusRun, report, run_corpus, sample_path

from cnfiscal.models import DocType, DocumentRecord, Finding, InputKind, Money, Severity, Source, Table, TableRow

TRUTH_FILES = sorted(TRUTH.glob("*.json"))


@pytest.fixture(scope="module")
def corpus() -> CorpusRun:
    return run_corpus()


def by_name(run: CorpusRun, name: str) -> DocScore:
    return next(s for s in run.scores if s.name == name)


def test_every_sample_budget_and_final_account_has_a_truth_file() -> None:
    root = TRUTH.parents[3]
    reports = [p.name for p in (root / "samples" / "pdf").glob("*.pdf") if not p.name.startswith("self_eval")]
    files = [load_truth(t)["file"] for t in TRUTH_FILES]
    assert sorted(reports) == sorted(f for f in files if f.endswith(".pdf"))
    assert all(sample_path(f).exists() for f in files)  # the copied web pages too (samples/web)


@pytest.mark.parametrize("truth", TRUTH_FILES, ids=lambda p: p.stem)
def test_document_read_as_hand_checked(corpus: CorpusRun, truth: Path) -> None:
    s = by_name(corpus, load_truth(truth)["file"])
    assert s.misses == []
    read = s.tables_present - s.tables_unread  # a table the truth file says cannot be read must be warned about
    assert (s.tables_found, s.tables_placed) == (read, read)
    assert s.amounts_exact + s.amounts_known == s.amounts_checked  # known: a limit the truth file explains
    assert s.kind_right and s.office_right and s.year_right
    assert s.self_evals_read == s.self_evals_expected
    assert s.unlabelled == [], "label these findings (genuine/false, with the reason) in the truth file"
    assert s.errors_false <= 1
    assert s.without_evidence == []


def test_errors_an_auditor_would_sign(corpus: CorpusRun) -> None:
    genuine, false = corpus.total("errors_genuine"), corpus.total("errors_false")
    assert genuine + false > 0
    assert genuine / (genuine + false) >= 0.9
    assert report(corpus)[-1].lstrip().startswith("total: tables")


# --- the scoring on made-up records ---------------------------------------------------------------------------


def _record(tables: list[Table], findings: list[Finding], unit_name: str = "某局", year: int = 2024) -> DocumentRecord:
    src = Source(path="x.pdf", sha256="0", input_kind=InputKind.PDF_TEXT)
    return DocumentRecord(
        source=src, doc_type=DocType.BUDGET, unit_name=unit_name, year=year, tables=tables, findings=findings
    )


def _table(kind: str, pages: tuple[int, int], total: str) -> Table:
    money = Money(yuan=Decimal(total) * 10000, raw=total, unit="万元")
    row = TableRow(name="合 计", values={"金额": money})
    return Table(name="t", kind=kind, unit="万元", page_start=pages[0], page_end=pages[1], rows=[row])


TRUTH_DOC = {
    "file": "x.pdf",
    "doc_type": "budget",
    "office": "某局",
    "office_also": ["某某局"],
    "year": 2024,
    "tables": [
        {"kind": "budget.total", "pages": [3, 4], "unit": "万元", "amounts": [{"row": "合计", "printed": "1,200.50"}]},
        {"kind": "budget.income", "pages": [5, 5], "unit": "万元", "amounts": [{"row": "合计", "printed": "9"}]},
    ],
    "labels": [
        {"rule": "r.a", "page": 3, "stated": "1", "verdict": "genuine", "reason": "read"},
        {"rule": "r.b", "page": 4, "verdict": "false", "reason": "read"},
    ],
}


def test_tables_found_placed_and_amounts_exact() -> None:
    s = score(_record([_table("budget.total", (3, 5), "1200.50")], []), TRUTH_DOC)
    assert (s.tables_present, s.tables_found, s.tables_placed) == (2, 1, 0)  # p.3-5 is not p.3-4
    assert (s.amounts_checked, s.amounts_exact) == (2, 1)
    assert s.kind_right and s.office_right and s.year_right


def test_findings_matched_to_labels_by_rule_page_and_stated() -> None:
    findings = [
        Finding(rule="r.a", severity=Severity.ERROR, message="m", page=3, stated="1"),
        Finding(rule="r.b", severity=Severity.ERROR, message="m", page=4, stated="7"),
        Finding(rule="r.a", severity=Severity.WARNING, message="m", page=3, stated="2"),  # other stated: unlabelled
        Finding(rule="r.c", severity=Severity.INFO, message="m", page=1),  # info: not scored
    ]
    s = score(_record([], findings, unit_name="某某局", year=2023), TRUTH_DOC)
    assert (s.errors_genuine, s.errors_false, s.warnings_genuine, s.warnings_false) == (1, 1, 0, 0)
    assert len(s.unlabelled) == 1
    assert s.office_right and not s.year_right

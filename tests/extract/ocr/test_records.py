"""Issue 6's acceptance on the scanned fixtures: the record read from a scan agrees with the record read
from the text-layer PDF it was made from (≥ 97 % of fields, every indicator row found).

OCR outputs are replayed from ``tests/data/scanned/ocr_replay.json``; a crop the recording does not have
(a library update changed a pixel, or the grid or preprocessing changed) is read by RapidOCR itself (the
``replay`` fixture in conftest.py): the assertions hold for the real engine either way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench._ocr_metrics import leaves, score_records, source_pages, table_amounts

from cnfiscal.extract.ocr.amounts import LOW_NUMBER_CONFIDENCE as LOW_CONFIDENCE
from cnfiscal.extract.ocr.engine import ReplayEngine, use_engine
from cnfiscal.models import InputKind
from cnfiscal.numbers.parse import fold
from cnfiscal.pipeline import process

ROOT = Path(__file__).resolve().parents[3]
SCANNED = ROOT / "tests" / "data" / "scanned"
MANIFEST = json.loads((SCANNED / "MANIFEST.json").read_text(encoding="utf-8"))
FORMS = [m for m in MANIFEST if "pages" not in m]  # whole self-evaluation forms
TABLES = [m for m in MANIFEST if m.get("kind") == "tables"]  # number-table pages of budgets and final accounts
NARRATIVE = [m for m in MANIFEST if m.get("kind") == "narrative"]  # 情况说明 pages: sentences with amounts
MIN_FIELD_AGREEMENT = 0.97


@pytest.mark.parametrize("item", FORMS, ids=lambda m: m["file"])
def test_scan_record_agrees_with_text_layer_record(item: dict, replay: ReplayEngine) -> None:
    truth = process(ROOT / item["source"])
    with use_engine(replay):
        scanned = process(SCANNED / item["file"])
    assert scanned.source.input_kind is InputKind.PDF_SCANNED and scanned.source.ocr
    assert truth.self_evals, "the text-layer record has no self-evaluation to compare with"
    score = score_records(truth.model_dump(mode="json"), scanned.model_dump(mode="json"))
    assert score.indicators_found == score.indicators
    assert score.field_rate >= MIN_FIELD_AGREEMENT, score.differing


def test_money_read_by_ocr_keeps_its_confidence(replay: ReplayEngine) -> None:
    with use_engine(replay):
        scanned = process(SCANNED / FORMS[0]["file"])
    money = [m for f in scanned.self_evals[0].funding for m in (f.annual_budget, f.executed) if m is not None]
    assert money and all(m.confidence is not None and 0 < m.confidence <= 1 for m in money)
    assert all(i.confidence is not None for i in scanned.self_evals[0].indicators)
    text_layer = process(ROOT / FORMS[0]["source"])
    assert all(i.confidence is None for i in text_layer.self_evals[0].indicators)


@pytest.mark.parametrize("item", TABLES, ids=lambda m: m["file"])
def test_every_amount_of_a_scanned_number_table_is_exact(item: dict, replay: ReplayEngine, tmp_path: Path) -> None:
    """The standard tables read from the scan: same tables, same cells, every number exact — or, where
    the recogniser's reading was doubted and settled, marked below the low-confidence bound."""
    truth = process(source_pages(ROOT / item["source"], item["pages"], tmp_path))
    with use_engine(replay):
        scanned = process(SCANNED / item["file"])
    assert truth.tables, "the text-layer pages hold no standard table"
    assert [(t.code, t.kind, t.unit, t.page_start, t.page_end) for t in scanned.tables] == [
        (t.code, t.kind, t.unit, t.page_start, t.page_end) for t in truth.tables
    ]
    want, got = table_amounts(truth), table_amounts(scanned)
    assert len(got) == len(want)
    wrong = [(w, g) for w, g in zip(want, got, strict=True) if w[:2] != g[:2]]
    assert all(g[2] is not None and g[2] < LOW_CONFIDENCE for _, g in wrong), wrong


@pytest.mark.parametrize("item", NARRATIVE, ids=lambda m: m["file"])
def test_a_scanned_narrative_gives_the_claims_of_the_text_layer(
    item: dict, replay: ReplayEngine, tmp_path: Path
) -> None:
    """Narrative pages are read without a text detector (ink-profile lines): the claims — amounts,
    shares, changes the validator checks against the tables — are the same as from the text layer."""
    truth = process(source_pages(ROOT / item["source"], item["pages"], tmp_path))
    with use_engine(replay):
        scanned = process(SCANNED / item["file"])
    assert scanned.doc_type == truth.doc_type
    # subjects compared as the validator matches them: full- and half-width forms alike (（类） / (类))
    want = [(c.kind, fold(c.subject or ""), c.value, c.page) for c in truth.claims]
    got = [(c.kind, fold(c.subject or ""), c.value, c.page) for c in scanned.claims]
    assert len(want) >= 20
    assert got == want


def test_leaves_leave_out_provenance() -> None:
    record = {"a": {"yuan": "1", "bbox": [1, 2, 3, 4], "confidence": 0.9}, "b": [], "c": [{"x": None}]}
    assert leaves(record) == {"a.yuan": "1", "b": [], "c[0].x": None}

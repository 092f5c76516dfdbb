"""Self-evaluation PDFs (LibreOffice renderings of the seed000 / seed004 forms) through the grid reader.

The PDF path is: ``read_pdf`` (text layer + ruled grids, ``extract/grid*.py``) → ``textrows.document_rows``
(grid rows with page, bbox, col) → the shared self-eval parser → ``SelfEval``. Three checks per form:

1. every field against the hand-checked expected record ``tests/data/expected/selfeval_pdf/<stem>.json``
   (bboxes left out of the file: they are checked by 3);
2. agreement with the hand-checked *text* record of the same form (``tests/data/expected/selfeval``), all
   fields but provenance (page, bbox, line) — the PDF and the OCR text must give the same data;
3. bbox provenance: every amount's bbox holds the words it was read from, on its page; every indicator
   has a bbox on its page holding its printed target.

How the expected files were made: ``python -m tests.extract.selfeval.test_pdf --drafts DIR`` writes the
current records (without bboxes) to DIR; the drafts were compared field by field with the hand-checked
text records (identical but for pages) and the pages of every funding row, indicator, total and
conclusion were checked against the rendered PDF pages, then copied here. Nothing rewrites them.
"""

from __future__ import annotations

import argparse
import json
from functools import cache
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from cnfiscal.models import SelfEval
from cnfiscal.pipeline import process
from tests.extract.selfeval.compare import as_json, load_expected, mismatches

ROOT = Path(__file__).resolve().parents[3]
PDFS = ROOT / "samples" / "pdf"
EXPECTED = ROOT / "tests" / "data" / "expected" / "selfeval_pdf"
CASES = (("seed000", "self_eval_seed000_dept_2021.pdf"), ("seed004", "self_eval_seed004_dept_2023.pdf"))
PROVENANCE = ("page", "page_start", "page_end", "bbox", "line")


@cache
def pdf_record(name: str) -> SelfEval:
    record = process(PDFS / name)
    assert record.status == "ok", record.errors
    assert len(record.self_evals) == 1
    return record.self_evals[0]


def without(data: Any, keys: tuple[str, ...]) -> Any:
    if isinstance(data, dict):
        return {k: without(v, keys) for k, v in data.items() if k not in keys}
    if isinstance(data, list):
        return [without(v, keys) for v in data]
    return data


def expected_pdf(stem: str) -> dict[str, Any]:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("stem", "name"), CASES)
def test_every_field_matches_the_hand_checked_pdf_record(stem: str, name: str) -> None:
    actual = without(as_json(pdf_record(name)), ("bbox",))
    assert mismatches(expected_pdf(stem), actual) == {}


@pytest.mark.parametrize(("stem", "name"), CASES)
def test_pdf_and_text_give_the_same_record_but_for_provenance(stem: str, name: str) -> None:
    text = without(load_expected(stem), PROVENANCE)
    pdf = without(as_json(pdf_record(name)), PROVENANCE)
    assert mismatches(text, pdf) == {}


@pytest.mark.parametrize(("stem", "name"), CASES)
def test_pages_span_both_pages(stem: str, name: str) -> None:
    record = pdf_record(name)
    assert (record.page_start, record.page_end) == (1, 2)
    assert {i.page for i in record.indicators} == {1, 2}
    assert all(f.page == 1 for f in record.funding)
    assert record.total.page == 2


def _words_inside(doc: pymupdf.Document, page: int, bbox: tuple[float, float, float, float]) -> str:
    x0, y0, x1, y1 = bbox
    words = doc[page - 1].get_text("words")
    return "".join(w[4] for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1)


@pytest.mark.parametrize(("stem", "name"), CASES)
def test_amounts_keep_the_bbox_of_the_cell_they_were_read_from(stem: str, name: str) -> None:
    record = pdf_record(name)
    amounts = [m for f in record.funding for m in (f.initial_budget, f.annual_budget, f.executed) if m is not None]
    assert amounts
    with pymupdf.open(PDFS / name) as doc:
        for money in amounts:
            assert money.bbox is not None and money.page is not None
            assert money.raw.replace(" ", "") in _words_inside(doc, money.page, money.bbox)


@pytest.mark.parametrize(("stem", "name"), CASES)
def test_indicators_keep_a_bbox_holding_their_printed_target(stem: str, name: str) -> None:
    record = pdf_record(name)
    with pymupdf.open(PDFS / name) as doc:
        for ind in record.indicators:
            assert ind.bbox is not None and ind.page is not None, ind.level3
            inside = _words_inside(doc, ind.page, ind.bbox)
            if ind.target is not None and ind.target.raw:
                assert ind.target.raw.replace(" ", "") in inside, ind.level3


def _write_drafts(out: Path) -> None:
    """The current records without bboxes, as drafts for a human to check (never into ``EXPECTED``)."""
    if out.resolve() == EXPECTED.resolve():
        raise SystemExit("drafts go elsewhere; expected files are checked by hand and copied")
    out.mkdir(parents=True, exist_ok=True)
    for stem, name in CASES:
        data = without(as_json(pdf_record(name)), ("bbox",))
        (out / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", type=Path, required=True)
    _write_drafts(parser.parse_args().drafts)
